// Deterministic splits and the prefetching batch loader.
#include "genc/zoo/Loader.h"

#include "Random.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

namespace genc::zoo {

namespace {

// Stream tags, so that split and loader orders never coincide.
constexpr uint64_t kSplitStream = 0x53504c4954ull; // "SPLIT"
constexpr uint64_t kLoaderStream = 0x4c4f4144ull;  // "LOAD"
constexpr uint64_t kAugmentStream = 0x4155474dull; // "AUGM"

void shuffle(std::vector<int64_t> &v, Rng &rng) {
  for (size_t i = v.size(); i > 1; --i)
    std::swap(v[i - 1], v[rng.below(i)]);
}

} // namespace

Split split_indices(int64_t count, uint64_t seed, double val_frac,
                    double test_frac) {
  if (count < 0)
    throw DataError("split_indices: count " + std::to_string(count) +
                    " is negative");
  if (!(val_frac >= 0 && test_frac >= 0 && val_frac + test_frac <= 1))
    throw DataError("split_indices: fractions " + std::to_string(val_frac) +
                    " and " + std::to_string(test_frac) +
                    " must be >= 0 with a sum <= 1");
  std::vector<int64_t> order(count);
  std::iota(order.begin(), order.end(), 0);
  Rng rng(seed, kSplitStream);
  shuffle(order, rng);
  int64_t nTest = std::min<int64_t>(count, std::llround(count * test_frac));
  int64_t nVal =
      std::min<int64_t>(count - nTest, std::llround(count * val_frac));
  Split s;
  s.test.assign(order.begin(), order.begin() + nTest);
  s.validation.assign(order.begin() + nTest, order.begin() + nTest + nVal);
  s.train.assign(order.begin() + nTest + nVal, order.end());
  std::sort(s.test.begin(), s.test.end());
  std::sort(s.validation.begin(), s.validation.end());
  std::sort(s.train.begin(), s.train.end());
  return s;
}

BatchLoader::BatchLoader(const GalaxySet &set, std::vector<int64_t> indices,
                         LoaderOptions options)
    : set_(&set), indices_(std::move(indices)), options_(std::move(options)) {
  validate(set, "BatchLoader");
  if (options_.batch_size < 1)
    throw DataError("BatchLoader: batch_size " +
                    std::to_string(options_.batch_size) + " must be >= 1");
  if (options_.prefetch < 1)
    throw DataError("BatchLoader: prefetch " +
                    std::to_string(options_.prefetch) + " must be >= 1");
  if (set.height != set.width)
    throw DataError("BatchLoader: images are " + std::to_string(set.height) +
                    "x" + std::to_string(set.width) + "; square images needed");
  for (int64_t i : indices_)
    if (i < 0 || i >= set.count)
      throw DataError("BatchLoader: index " + std::to_string(i) +
                      " is outside 0.." + std::to_string(set.count - 1));
  start_epoch(0);
}

BatchLoader::~BatchLoader() { stop(); }

int64_t BatchLoader::batches_per_epoch() const {
  int64_t n = size(), b = options_.batch_size;
  return options_.drop_last ? n / b : (n + b - 1) / b;
}

std::vector<int64_t> BatchLoader::epoch_order(int64_t epoch) const {
  std::vector<int64_t> order = indices_;
  if (options_.shuffle) {
    Rng rng(options_.seed, kLoaderStream, static_cast<uint64_t>(epoch));
    shuffle(order, rng);
  }
  return order;
}

void BatchLoader::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  if (worker_.joinable())
    worker_.join();
}

void BatchLoader::start_epoch(int64_t epoch) {
  stop();
  std::lock_guard<std::mutex> lock(mutex_);
  for (Batch &b : ready_)
    free_.push_back(std::move(b));
  ready_.clear();
  stopping_ = false;
  done_ = false;
  error_ = nullptr;
  delivered_ = 0;
  total_ = batches_per_epoch();
  epoch_ = epoch;
  worker_ = std::thread(&BatchLoader::work, this, epoch_order(epoch), epoch);
}

bool BatchLoader::next(Batch &batch) {
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [&] { return !ready_.empty() || done_; });
  if (!ready_.empty()) {
    Batch old = std::move(batch); // its buffers go back to the worker
    batch = std::move(ready_.front());
    ready_.pop_front();
    if (static_cast<int64_t>(free_.size()) <= options_.prefetch)
      free_.push_back(std::move(old));
    ++delivered_;
    lock.unlock();
    changed_.notify_all();
    return true;
  }
  if (error_) {
    std::exception_ptr e = error_;
    error_ = nullptr;
    std::rethrow_exception(e);
  }
  return false;
}

void BatchLoader::fill(Batch &batch, const int64_t *rows, int64_t n,
                       int64_t epoch, int64_t position) const {
  const int64_t bs = options_.batch_size;
  const int size = static_cast<int>(set_->height);
  const size_t pixels = static_cast<size_t>(size) * size * 3;
  batch.size = n;
  batch.image_size = size;
  batch.images.assign(static_cast<size_t>(bs) * pixels, 0.0f);
  batch.labels.assign(bs, -1);
  batch.redshift.assign(bs, NAN);
  batch.indices.assign(bs, -1);
  // (v / 255 - mean) / stddev for every byte value, per channel.
  float lut[3][256];
  for (int c = 0; c < 3; ++c)
    for (int v = 0; v < 256; ++v)
      lut[c][v] = (static_cast<float>(v) / 255.0f - options_.mean[c]) /
                  options_.stddev[c];
  for (int64_t k = 0; k < n; ++k) {
    const int64_t row = rows[k];
    const uint8_t *src = set_->image(row);
    float *dst = batch.images.data() + static_cast<size_t>(k) * pixels;
    int transform = 0;
    if (options_.augment) {
      Rng rng(options_.seed ^ kAugmentStream, static_cast<uint64_t>(epoch),
              static_cast<uint64_t>(position + k));
      transform = static_cast<int>(rng.below(8));
    }
    for (int y = 0; y < size; ++y)
      for (int x = 0; x < size; ++x) {
        // Source pixel of output (y, x) under one of the 8 symmetries of
        // the square: optional transpose, then optional flips.
        int sy = y, sx = x;
        if (transform & 4)
          std::swap(sy, sx);
        if (transform & 1)
          sx = size - 1 - sx;
        if (transform & 2)
          sy = size - 1 - sy;
        const uint8_t *p = src + (static_cast<size_t>(sy) * size + sx) * 3;
        float *q = dst + (static_cast<size_t>(y) * size + x) * 3;
        for (int c = 0; c < 3; ++c)
          q[c] = lut[c][p[c]];
      }
    batch.labels[k] = set_->labels[row];
    batch.redshift[k] = set_->redshift[row];
    batch.indices[k] = row;
  }
}

void BatchLoader::work(std::vector<int64_t> order, int64_t epoch) {
  const int64_t bs = options_.batch_size;
  const int64_t batches = total_;
  try {
    for (int64_t b = 0; b < batches; ++b) {
      Batch batch;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        changed_.wait(lock, [&] {
          return stopping_ ||
                 static_cast<int64_t>(ready_.size()) < options_.prefetch;
        });
        if (stopping_)
          return;
        if (!free_.empty()) {
          batch = std::move(free_.back());
          free_.pop_back();
        }
      }
      int64_t begin = b * bs;
      int64_t n =
          std::min<int64_t>(bs, static_cast<int64_t>(order.size()) - begin);
      fill(batch, order.data() + begin, n, epoch, begin);
      if (options_.transform)
        options_.transform(batch);
      {
        std::lock_guard<std::mutex> lock(mutex_);
        if (stopping_)
          return;
        ready_.push_back(std::move(batch));
      }
      changed_.notify_all();
    }
  } catch (...) {
    std::lock_guard<std::mutex> lock(mutex_);
    error_ = std::current_exception();
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    done_ = true;
  }
  changed_.notify_all();
}

} // namespace genc::zoo

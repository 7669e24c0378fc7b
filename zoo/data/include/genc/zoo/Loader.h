// Preparing galaxy images for training: area-averaging, deterministic
// train/validation/test splits and a prefetching batch loader.
#ifndef GENC_ZOO_LOADER_H
#define GENC_ZOO_LOADER_H

#include "genc/zoo/Galaxy.h"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace genc::zoo {

/// Area-averages every image to size x size with exact fractional-overlap
/// weights (any ratio, separable; each output pixel is the mean of the input
/// area it covers, rounded to nearest), and scales pxscale by width / size.
/// size must be in 1..min(height, width); size == width is a copy.
GalaxySet downsample(const GalaxySet &set, int size);

/// One image: in (height x width x 3) -> out (size x size x 3).
void downsample_image(const uint8_t *in, int height, int width, uint8_t *out,
                      int size);

struct Split {
  std::vector<int64_t> train, validation, test; // each sorted ascending
};

/// A seeded permutation of 0..count-1 cut into test (round(count *
/// test_frac) rows), validation (round(count * val_frac)) and train (the
/// rest). Deterministic in (count, seed, fractions) on every machine.
Split split_indices(int64_t count, uint64_t seed, double val_frac = 0.1,
                    double test_frac = 0.1);

/// A batch of images as floats. Shapes are fixed: `images` always holds
/// batch_size * image_size * image_size * 3 floats (NHWC) and the other
/// vectors batch_size entries; the first `size` rows are real, the rest of
/// a short last batch (drop_last = false) is padding (images 0, label -1,
/// redshift NaN, index -1).
struct Batch {
  int64_t size = 0;
  int image_size = 0;
  std::vector<float> images;
  std::vector<int32_t> labels;
  std::vector<float> redshift;
  std::vector<int64_t> indices; // rows of the GalaxySet
};

struct LoaderOptions {
  int64_t batch_size = 64;
  uint64_t seed = 0;
  /// Visit the indices in a (seed, epoch)-seeded random order; false keeps
  /// the given order (evaluation).
  bool shuffle = true;
  /// Drop the last partial batch (training); false yields it padded.
  bool drop_last = true;
  /// Random one of the 8 flips/quarter turns per image, drawn from (seed,
  /// epoch, position) -- galaxies have no preferred orientation.
  bool augment = false;
  /// Pixels become (v / 255 - mean[c]) / stddev[c]; the default keeps [0, 1].
  float mean[3] = {0, 0, 0};
  float stddev[3] = {1, 1, 1};
  /// Batches prepared ahead by the background thread (queue bound, >= 1).
  int prefetch = 4;
  /// Optional extra step run on the worker thread after a batch is filled;
  /// an exception it throws is rethrown by next().
  std::function<void(Batch &)> transform;
};

/// Yields batches of `set` rows `indices`, one epoch at a time, prepared by a
/// background thread into a bounded queue. The constructor starts epoch 0;
/// next() returns false at the end of the epoch until start_epoch() starts
/// another (any epoch number, also mid-epoch: the current one is abandoned).
/// Exceptions of the worker (or of options.transform) are rethrown by next()
/// after the batches made before them. The destructor stops the worker and
/// joins it, also mid-epoch. `set` must outlive the loader; it is not
/// copied. Images are used at the set's size (downsample the set once, up
/// front). Thread safety: one consumer thread calls next()/start_epoch().
class BatchLoader {
public:
  BatchLoader(const GalaxySet &set, std::vector<int64_t> indices,
              LoaderOptions options = {});
  ~BatchLoader();
  BatchLoader(const BatchLoader &) = delete;
  BatchLoader &operator=(const BatchLoader &) = delete;

  /// Moves the next batch into `batch` (its old buffers are recycled).
  bool next(Batch &batch);
  void start_epoch(int64_t epoch);
  int64_t epoch() const { return epoch_; }
  int64_t batches_per_epoch() const;
  int64_t size() const { return static_cast<int64_t>(indices_.size()); }
  /// The epoch's visiting order (a permutation of the indices).
  std::vector<int64_t> epoch_order(int64_t epoch) const;

private:
  void stop();
  void work(std::vector<int64_t> order, int64_t epoch);
  void fill(Batch &batch, const int64_t *rows, int64_t n, int64_t epoch,
            int64_t position) const;

  const GalaxySet *set_;
  std::vector<int64_t> indices_;
  LoaderOptions options_;
  int64_t epoch_ = 0;

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Batch> ready_;
  std::vector<Batch> free_;
  bool stopping_ = false, done_ = false;
  std::exception_ptr error_;
  int64_t delivered_ = 0, total_ = 0;
  std::thread worker_;
};

} // namespace genc::zoo

#endif // GENC_ZOO_LOADER_H

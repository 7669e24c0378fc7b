// Downsampling, splits and the batch loader.
#include "TestUtil.h"

#include <atomic>
#include <chrono>
#include <future>
#include <numeric>
#include <set>

namespace genc::zoo {
namespace {

using test::dataError;

GalaxySet constantSet(int64_t count, int size, uint8_t value) {
  GalaxySet s = test::makeSet(count, size);
  std::fill(s.images.begin(), s.images.end(), value);
  return s;
}

TEST(DownsampleTest, ConstantStaysConstant) {
  for (int size : {1, 3, 5, 7, 16}) {
    GalaxySet s = downsample(constantSet(2, 17, 123), size);
    EXPECT_EQ(s.width, size);
    for (uint8_t v : s.images)
      ASSERT_EQ(v, 123) << "size " << size;
  }
}

TEST(DownsampleTest, FourByFourToTwoByTwoAverages) {
  GalaxySet s = test::makeSet(1, 4);
  for (int y = 0; y < 4; ++y)
    for (int x = 0; x < 4; ++x)
      for (int c = 0; c < 3; ++c)
        s.images[(y * 4 + x) * 3 + c] =
            static_cast<uint8_t>(10 * (y * 4 + x) + c);
  GalaxySet d = downsample(s, 2);
  for (int oy = 0; oy < 2; ++oy)
    for (int ox = 0; ox < 2; ++ox)
      for (int c = 0; c < 3; ++c) {
        int sum = 0;
        for (int dy = 0; dy < 2; ++dy)
          for (int dx = 0; dx < 2; ++dx)
            sum += s.images[((2 * oy + dy) * 4 + 2 * ox + dx) * 3 + c];
        // Means of these blocks are exact (multiples of 5 + c ... + 0.0).
        EXPECT_EQ(d.images[(oy * 2 + ox) * 3 + c],
                  static_cast<int>(std::floor(sum / 4.0 + 0.5)));
      }
  EXPECT_FLOAT_EQ(d.pxscale[0], 2 * 0.262f);
}

TEST(DownsampleTest, NonIntegerRatioPreservesMean) {
  GalaxySet s = synthesize_galaxies({.count = 2, .image_size = 64, .seed = 1});
  for (int size : {27, 40, 48}) {
    GalaxySet d = downsample(s, size);
    for (int64_t i = 0; i < s.count; ++i)
      for (int c = 0; c < 3; ++c) {
        double in = 0, out = 0;
        for (int k = 0; k < 64 * 64; ++k)
          in += s.image(i)[3 * k + c];
        for (int k = 0; k < size * size; ++k)
          out += d.image(i)[3 * k + c];
        EXPECT_NEAR(out / (size * size), in / (64 * 64), 0.5) << size;
      }
  }
  // A 3 -> 2 step: output pixel 0 covers input 0 and half of input 1.
  GalaxySet t = test::makeSet(1, 3);
  for (int k = 0; k < 27; ++k)
    t.images[k] = 0;
  for (int y = 0; y < 3; ++y)
    t.images[(y * 3 + 1) * 3] = 90; // middle column, red
  GalaxySet u = downsample(t, 2);
  EXPECT_EQ(u.images[0], 30); // (0 * 1 + 90 * 0.5) / 1.5
  EXPECT_EQ(u.images[3], 30);
}

TEST(DownsampleTest, RejectsUpsampling) {
  EXPECT_FALSE(dataError([] { downsample(test::makeSet(1, 8), 9); }).empty());
  EXPECT_FALSE(dataError([] { downsample(test::makeSet(1, 8), 0); }).empty());
}

TEST(SplitTest, DeterministicDisjointCovering) {
  Split a = split_indices(1000, 42), b = split_indices(1000, 42);
  EXPECT_EQ(a.train, b.train);
  EXPECT_EQ(a.validation, b.validation);
  EXPECT_EQ(a.test, b.test);
  EXPECT_EQ(a.validation.size(), 100u);
  EXPECT_EQ(a.test.size(), 100u);
  EXPECT_EQ(a.train.size(), 800u);
  std::set<int64_t> all;
  for (auto *part : {&a.train, &a.validation, &a.test}) {
    EXPECT_TRUE(std::is_sorted(part->begin(), part->end()));
    all.insert(part->begin(), part->end());
  }
  EXPECT_EQ(all.size(), 1000u);
  EXPECT_EQ(*all.begin(), 0);
  EXPECT_EQ(*all.rbegin(), 999);
  Split c = split_indices(1000, 43);
  EXPECT_NE(a.test, c.test);
  Split d = split_indices(10, 1, 0.25, 0.0);
  EXPECT_EQ(d.validation.size(), 3u); // round(2.5) away from zero
  EXPECT_TRUE(d.test.empty());
  EXPECT_FALSE(dataError([] { split_indices(10, 1, 0.6, 0.6); }).empty());
}

std::vector<int64_t> iota(int64_t n) {
  std::vector<int64_t> v(n);
  std::iota(v.begin(), v.end(), 0);
  return v;
}

/// All indices of one epoch, in order.
std::vector<int64_t> drain(BatchLoader &loader, int64_t *batches = nullptr) {
  std::vector<int64_t> seen;
  Batch b;
  int64_t count = 0;
  while (loader.next(b)) {
    ++count;
    for (int64_t k = 0; k < b.size; ++k)
      seen.push_back(b.indices[k]);
  }
  if (batches)
    *batches = count;
  return seen;
}

TEST(BatchLoaderTest, EveryIndexOncePerEpoch) {
  GalaxySet set = test::makeSet(50, 4);
  LoaderOptions o;
  o.batch_size = 8;
  o.drop_last = false;
  o.seed = 3;
  BatchLoader loader(set, iota(50), o);
  EXPECT_EQ(loader.batches_per_epoch(), 7);
  for (int64_t epoch = 0; epoch < 3; ++epoch) {
    if (epoch)
      loader.start_epoch(epoch);
    int64_t batches = 0;
    std::vector<int64_t> seen = drain(loader, &batches);
    EXPECT_EQ(batches, 7);
    std::vector<int64_t> sorted = seen;
    std::sort(sorted.begin(), sorted.end());
    EXPECT_EQ(sorted, iota(50)) << "epoch " << epoch;
    EXPECT_EQ(seen, loader.epoch_order(epoch));
  }
}

TEST(BatchLoaderTest, OrderDependsOnSeedAndEpoch) {
  GalaxySet set = test::makeSet(64, 4);
  LoaderOptions o;
  o.batch_size = 16;
  o.seed = 7;
  BatchLoader a(set, iota(64), o), b(set, iota(64), o);
  std::vector<int64_t> a0 = drain(a), b0 = drain(b);
  EXPECT_EQ(a0, b0);
  a.start_epoch(1);
  std::vector<int64_t> a1 = drain(a);
  EXPECT_NE(a0, a1);
  b.start_epoch(1);
  EXPECT_EQ(a1, drain(b));
  o.seed = 8;
  BatchLoader c(set, iota(64), o);
  EXPECT_NE(a0, drain(c));
  EXPECT_NE(a0, iota(64)); // shuffled
  o.shuffle = false;
  BatchLoader d(set, iota(64), o);
  EXPECT_EQ(drain(d), iota(64));
}

TEST(BatchLoaderTest, BatchContentsAndPadding) {
  GalaxySet set = test::makeSet(10, 4);
  LoaderOptions o;
  o.batch_size = 4;
  o.shuffle = false;
  o.drop_last = true;
  BatchLoader train(set, iota(10), o);
  int64_t batches = 0;
  drain(train, &batches);
  EXPECT_EQ(batches, 2); // 10 / 4, last partial batch dropped

  o.drop_last = false;
  o.mean[1] = 0.5f;
  o.stddev[1] = 0.25f;
  BatchLoader eval(set, {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}, o);
  Batch b;
  for (int k = 0; k < 3; ++k)
    ASSERT_TRUE(eval.next(b));
  EXPECT_EQ(b.size, 2);
  EXPECT_EQ(b.image_size, 4);
  ASSERT_EQ(b.images.size(), 4u * 4 * 4 * 3); // fixed shape, padded
  EXPECT_EQ(b.indices, (std::vector<int64_t>{1, 0, -1, -1}));
  EXPECT_EQ(b.labels, (std::vector<int32_t>{1, 0, -1, -1}));
  EXPECT_FLOAT_EQ(b.redshift[0], set.redshift[1]);
  EXPECT_TRUE(std::isnan(b.redshift[3]));
  EXPECT_FLOAT_EQ(b.images[0], set.image(1)[0] / 255.0f);
  EXPECT_NEAR(b.images[1], (set.image(1)[1] / 255.0f - 0.5f) / 0.25f, 1e-5);
  EXPECT_EQ(b.images[2 * 48], 0.0f); // padding
  EXPECT_FALSE(eval.next(b));
  EXPECT_FALSE(eval.next(b)); // stays at the end
}

TEST(BatchLoaderTest, AugmentPermutesPixels) {
  GalaxySet set = test::makeSet(16, 5);
  LoaderOptions o;
  o.batch_size = 16;
  o.augment = true;
  o.shuffle = false;
  BatchLoader loader(set, iota(16), o);
  Batch b;
  ASSERT_TRUE(loader.next(b));
  int changed = 0;
  for (int64_t k = 0; k < 16; ++k) {
    std::vector<float> got(b.images.begin() + k * 75,
                           b.images.begin() + (k + 1) * 75);
    std::vector<float> want(75);
    for (int j = 0; j < 75; ++j)
      want[j] = set.image(k)[j] / 255.0f;
    changed += got != want;
    std::sort(got.begin(), got.end());
    std::sort(want.begin(), want.end());
    EXPECT_EQ(got, want); // same pixels, moved
  }
  EXPECT_GT(changed, 8);
}

TEST(BatchLoaderTest, WorkerExceptionsPropagate) {
  GalaxySet set = test::makeSet(40, 4);
  LoaderOptions o;
  o.batch_size = 4;
  o.shuffle = false;
  o.transform = [](Batch &b) {
    if (b.indices[0] == 12)
      throw DataError("bad batch at 12");
  };
  BatchLoader loader(set, iota(40), o);
  Batch b;
  for (int k = 0; k < 3; ++k)
    ASSERT_TRUE(loader.next(b)); // batches before the failure arrive
  EXPECT_EQ(dataError([&] { loader.next(b); }), "bad batch at 12");
  EXPECT_FALSE(loader.next(b));
  loader.start_epoch(1); // usable again
  EXPECT_TRUE(loader.next(b));
}

TEST(BatchLoaderTest, DestructorMidEpochDoesNotHang) {
  GalaxySet set = test::makeSet(2000, 8);
  auto run = std::async(std::launch::async, [&] {
    for (int rep = 0; rep < 20; ++rep) {
      LoaderOptions o;
      o.batch_size = 8;
      o.prefetch = 2;
      BatchLoader loader(set, iota(2000), o);
      Batch b;
      loader.next(b);
      if (rep % 2)
        loader.start_epoch(5); // restart mid-epoch, then destroy
    }
    LoaderOptions o;
    o.transform = [](Batch &) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    };
    BatchLoader slow(set, iota(2000), o); // destroyed while filling
  });
  ASSERT_EQ(run.wait_for(std::chrono::seconds(10)), std::future_status::ready);
}

TEST(BatchLoaderTest, RejectsBadArguments) {
  GalaxySet set = test::makeSet(5, 4);
  EXPECT_NE(dataError([&] {
              BatchLoader(set, {0, 5});
            }).find("index 5"),
            std::string::npos);
  LoaderOptions o;
  o.batch_size = 0;
  EXPECT_FALSE(dataError([&] { BatchLoader(set, {0}, o); }).empty());
}

} // namespace
} // namespace genc::zoo

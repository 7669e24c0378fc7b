// The synthetic galaxy generator: determinism, class statistics, image
// sanity.
#include "TestUtil.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace genc::zoo {
namespace {

TEST(SynthTest, SameSeedSameBytesAnyThreadCount) {
  GalaxySet a = synthesize_galaxies(
      {.count = 48, .image_size = 64, .seed = 5, .threads = 1});
  GalaxySet b = synthesize_galaxies(
      {.count = 48, .image_size = 64, .seed = 5, .threads = 2});
  GalaxySet c = synthesize_galaxies(
      {.count = 48, .image_size = 64, .seed = 5, .threads = 3});
  test::expectSameSet(a, b);
  test::expectSameSet(a, c);
}

TEST(SynthTest, ImageDependsOnlyOnSeedAndIndex) {
  // The first 10 images of a 30-image set equal a 10-image set.
  GalaxySet big =
      synthesize_galaxies({.count = 30, .image_size = 32, .seed = 9});
  GalaxySet small =
      synthesize_galaxies({.count = 10, .image_size = 32, .seed = 9});
  EXPECT_TRUE(
      std::equal(small.images.begin(), small.images.end(), big.images.begin()));
  EXPECT_TRUE(
      std::equal(small.labels.begin(), small.labels.end(), big.labels.begin()));
}

TEST(SynthTest, DifferentSeedDifferentImages) {
  GalaxySet a = synthesize_galaxies({.count = 8, .image_size = 32, .seed = 1});
  GalaxySet b = synthesize_galaxies({.count = 8, .image_size = 32, .seed = 2});
  for (int64_t i = 0; i < a.count; ++i)
    EXPECT_FALSE(
        std::equal(a.image(i), a.image(i) + a.image_bytes(), b.image(i)))
        << "image " << i;
  EXPECT_NE(a.redshift, b.redshift);
}

TEST(SynthTest, EverySizeAndMetadata) {
  for (int size : {256, 128, 64, 32}) {
    GalaxySet s = synthesize_galaxies({.count = 3, .image_size = size});
    validate(s);
    EXPECT_EQ(s.height, size);
    EXPECT_EQ(s.width, size);
    for (int64_t i = 0; i < s.count; ++i) {
      EXPECT_FLOAT_EQ(s.pxscale[i], 0.262f * 256 / size);
      EXPECT_GE(s.redshift[i], 0.02f);
      EXPECT_LE(s.redshift[i], 0.2f);
      EXPECT_GE(s.ra[i], 0.0f);
      EXPECT_LT(s.ra[i], 360.0f);
      EXPECT_GE(s.dec[i], -20.0f);
      EXPECT_LE(s.dec[i], 35.0f);
    }
  }
}

TEST(SynthTest, RejectsBadOptions) {
  EXPECT_NE(test::dataError([] {
              synthesize_galaxies({.count = 1, .image_size = 100});
            }).find("image_size 100"),
            std::string::npos);
  EXPECT_FALSE(
      test::dataError([] { synthesize_galaxies({.count = -1}); }).empty());
  EXPECT_EQ(synthesize_galaxies({.count = 0}).count, 0);
}

/// Shape measurements of one image: second moments of the light above the
/// sky (median of the border) within a quarter of the width of the centre.
struct Shape {
  double axisRatio, radius, flux, saturated;
};

Shape measure(const GalaxySet &s, int64_t i) {
  const int n = static_cast<int>(s.width);
  const uint8_t *im = s.image(i);
  std::vector<double> lum(static_cast<size_t>(n) * n), border;
  for (int k = 0; k < n * n; ++k)
    lum[k] = (im[3 * k] + im[3 * k + 1] + im[3 * k + 2]) / 3.0;
  for (int y = 0; y < n; ++y)
    for (int x = 0; x < n; ++x)
      if (x < 3 || y < 3 || x >= n - 3 || y >= n - 3)
        border.push_back(lum[y * n + x]);
  std::nth_element(border.begin(), border.begin() + border.size() / 2,
                   border.end());
  const double sky = border[border.size() / 2];
  const double c = (n - 1) / 2.0, r2max = n * n / 16.0;
  double sw = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
  int saturated = 0;
  for (int k = 0; k < 3 * n * n; ++k)
    saturated += im[k] == 255;
  for (int y = 0; y < n; ++y)
    for (int x = 0; x < n; ++x) {
      if ((x - c) * (x - c) + (y - c) * (y - c) > r2max)
        continue;
      double w = std::max(0.0, lum[y * n + x] - sky - 10);
      sw += w, sx += w * x, sy += w * y;
      sxx += w * x * x, syy += w * y * y, sxy += w * x * y;
    }
  double mx = sx / sw, my = sy / sw;
  double xx = sxx / sw - mx * mx, yy = syy / sw - my * my,
         xy = sxy / sw - mx * my;
  double t = (xx + yy) / 2, d = std::sqrt((xx - yy) * (xx - yy) / 4 + xy * xy);
  double l1 = t + d, l2 = std::max(t - d, 1e-9);
  return {std::sqrt(l2 / l1), std::sqrt(l1 + l2), sw,
          saturated / (3.0 * n * n)};
}

double median(std::vector<double> v) {
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  return v[v.size() / 2];
}

// One set for all statistics (each gtest runs in its own process).
TEST(SynthTest, ClassAndRedshiftStatistics) {
  const int64_t n = 1500;
  GalaxySet s = synthesize_galaxies({.count = n, .image_size = 64, .seed = 11});

  // Class frequencies match Galaxy10 within 4 binomial sigma.
  std::vector<int64_t> hist = class_histogram(s);
  for (int c = 0; c < kGalaxyClasses; ++c) {
    double p = galaxy_class_frequency(c);
    double sigma = std::sqrt(n * p * (1 - p));
    EXPECT_NEAR(hist[c], n * p, 4 * sigma + 1) << kGalaxyClassNames[c];
  }

  std::vector<double> ratio[kGalaxyClasses];
  std::vector<double> zs(s.redshift.begin(), s.redshift.end());
  const double zMedian = median(zs);
  double size[2] = {0, 0}, flux[2] = {0, 0};
  int64_t half[2] = {0, 0};
  for (int64_t i = 0; i < n; ++i) {
    Shape m = measure(s, i);
    ratio[s.labels[i]].push_back(m.axisRatio);
    int far = s.redshift[i] >= zMedian;
    size[far] += m.radius, flux[far] += m.flux, ++half[far];
    // Not blank: light above the sky; not burnt out.
    EXPECT_GT(m.flux, 0) << "image " << i << " is blank";
    EXPECT_LT(m.saturated, 0.05) << "image " << i << " is saturated";
  }
  // Edge-on disks and cigars are elongated, round smooth ones round.
  const double round = median(ratio[2]);
  EXPECT_GT(round, 0.75);
  EXPECT_LT(median(ratio[8]), 0.35);
  EXPECT_LT(median(ratio[9]), 0.5);
  EXPECT_LT(median(ratio[4]), 0.55);
  EXPECT_LT(median(ratio[8]) + 0.3, round);
  EXPECT_LT(median(ratio[3]), round); // in-between is less round

  // Farther galaxies are smaller and fainter on average, but not wildly so
  // (redshift must be learnable, not trivial).
  double nearSize = size[0] / half[0], farSize = size[1] / half[1];
  double nearFlux = flux[0] / half[0], farFlux = flux[1] / half[1];
  EXPECT_LT(farSize, 0.9 * nearSize);
  EXPECT_GT(farSize, 0.4 * nearSize);
  EXPECT_LT(farFlux, 0.8 * nearFlux);
}

TEST(SynthTest, BackgroundLooksLikeSky) {
  // The border is dark grey sky with noise, not black and not flat.
  GalaxySet s = synthesize_galaxies({.count = 20, .image_size = 64, .seed = 3});
  for (int64_t i = 0; i < s.count; ++i) {
    const uint8_t *im = s.image(i);
    double sum = 0, sum2 = 0;
    int count = 0;
    for (int x = 0; x < 64; ++x)
      for (int ch = 0; ch < 3; ++ch) {
        double v = im[3 * x + ch]; // top row
        sum += v, sum2 += v * v, ++count;
      }
    double mean = sum / count, sd = std::sqrt(sum2 / count - mean * mean);
    EXPECT_GT(mean, 10) << i;
    EXPECT_LT(mean, 90) << i;
    EXPECT_GT(sd, 1) << i;
  }
}

} // namespace
} // namespace genc::zoo

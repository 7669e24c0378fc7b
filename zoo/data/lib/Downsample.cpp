// Area-averaging with exact fractional-overlap weights, separable.
#include "genc/zoo/Loader.h"

#include <algorithm>
#include <string>

namespace genc::zoo {

namespace {

/// Output pixel o of `out` covers input [o * in / out, (o + 1) * in / out);
/// in units of 1/out that is [o * in, (o + 1) * in), input pixel i covers
/// [i * out, (i + 1) * out): the overlaps are exact integers.
struct Weights {
  std::vector<int> first;   // first input pixel of each output pixel
  std::vector<int> offsets; // into taps, size out + 1
  std::vector<float> taps;
};

Weights areaWeights(int in, int out) {
  Weights w;
  w.offsets.push_back(0);
  for (int o = 0; o < out; ++o) {
    int64_t lo = static_cast<int64_t>(o) * in, hi = lo + in;
    int i0 = static_cast<int>(lo / out);
    int i1 = static_cast<int>((hi + out - 1) / out);
    w.first.push_back(i0);
    for (int i = i0; i < i1; ++i) {
      int64_t a = std::max<int64_t>(lo, static_cast<int64_t>(i) * out);
      int64_t b = std::min<int64_t>(hi, static_cast<int64_t>(i + 1) * out);
      w.taps.push_back(static_cast<float>(static_cast<double>(b - a) / in));
    }
    w.offsets.push_back(static_cast<int>(w.taps.size()));
  }
  return w;
}

} // namespace

void downsample_image(const uint8_t *in, int height, int width, uint8_t *out,
                      int size) {
  if (size < 1 || size > height || size > width)
    throw DataError("downsample: size " + std::to_string(size) +
                    " must be in 1.." +
                    std::to_string(std::min(height, width)));
  if (size == height && size == width) {
    std::copy(in, in + static_cast<size_t>(height) * width * 3, out);
    return;
  }
  Weights wx = areaWeights(width, size), wy = areaWeights(height, size);
  // Columns first: height x size x 3 floats.
  std::vector<float> tmp(static_cast<size_t>(height) * size * 3);
  for (int y = 0; y < height; ++y) {
    const uint8_t *row = in + static_cast<size_t>(y) * width * 3;
    float *trow = tmp.data() + static_cast<size_t>(y) * size * 3;
    for (int o = 0; o < size; ++o) {
      float acc[3] = {0, 0, 0};
      int i = wx.first[o];
      for (int t = wx.offsets[o]; t < wx.offsets[o + 1]; ++t, ++i)
        for (int c = 0; c < 3; ++c)
          acc[c] += wx.taps[t] * row[3 * i + c];
      for (int c = 0; c < 3; ++c)
        trow[3 * o + c] = acc[c];
    }
  }
  for (int o = 0; o < size; ++o) {
    uint8_t *orow = out + static_cast<size_t>(o) * size * 3;
    for (int x = 0; x < size * 3; ++x) {
      float acc = 0;
      int i = wy.first[o];
      for (int t = wy.offsets[o]; t < wy.offsets[o + 1]; ++t, ++i)
        acc += wy.taps[t] * tmp[static_cast<size_t>(i) * size * 3 + x];
      orow[x] = static_cast<uint8_t>(std::clamp(acc + 0.5f, 0.0f, 255.0f));
    }
  }
}

GalaxySet downsample(const GalaxySet &set, int size) {
  validate(set, "downsample");
  if (size < 1 || size > set.height || size > set.width)
    throw DataError("downsample: size " + std::to_string(size) +
                    " must be in 1.." +
                    std::to_string(std::min(set.height, set.width)));
  GalaxySet out = set;
  out.height = out.width = size;
  out.images.assign(static_cast<size_t>(set.count) * size * size * 3, 0);
  for (int64_t i = 0; i < set.count; ++i)
    downsample_image(set.image(i), static_cast<int>(set.height),
                     static_cast<int>(set.width), out.image(i), size);
  const float factor = static_cast<float>(set.width) / size;
  for (float &p : out.pxscale)
    p *= factor;
  return out;
}

} // namespace genc::zoo

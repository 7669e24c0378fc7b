//===- ConvolutionTest.cpp - interpreter tests of genc.convolution --------===//
//
// Hand numbers for small 1-D cases, and 2-D cases against a reference that
// materializes the dilated, padded input explicitly and slides the window.
//
//===----------------------------------------------------------------------===//

#include "InterpreterTestUtil.h"

#include <string>
#include <vector>

using namespace genc_test;

namespace {

std::string shapeType(const std::vector<int64_t> &shape) {
  std::string s = "tensor<";
  for (int64_t d : shape)
    s += std::to_string(d) + "x";
  return s + "f32>";
}

std::string i64Array(const std::vector<int64_t> &values) {
  std::string s = "array<i64";
  for (size_t k = 0; k < values.size(); ++k)
    s += (k ? ", " : ": ") + std::to_string(values[k]);
  return s + ">";
}

/// A function applying one genc.convolution with attributes `attrs`.
std::string convModule(const std::vector<int64_t> &in,
                       const std::vector<int64_t> &kernel,
                       const std::vector<int64_t> &out,
                       const std::string &attrs) {
  std::string ti = shapeType(in), tk = shapeType(kernel), to = shapeType(out);
  return "func.func @main(%x: " + ti + ", %w: " + tk + ") -> " + to + " {\n" +
         "  %y = genc.convolution %x, %w {" + attrs + "} : (" + ti + ", " + tk +
         ") -> " + to + "\n  return %y : " + to + "\n}\n";
}

/// A 2-D convolution problem in N,C,H,W / O,I,KH,KW / N,O,OH,OW layout.
struct Conv2D {
  int64_t n, c, h, w, o, kh, kw;
  int64_t groups;
  int64_t stride[2], padLow[2], padHigh[2], lhsDilation[2], rhsDilation[2];

  int64_t inPerGroup() const { return c / groups; }
  int64_t dilatedIn(int s) const {
    int64_t size = s == 0 ? h : w;
    return (size - 1) * lhsDilation[s] + 1;
  }
  int64_t padded(int s) const { return dilatedIn(s) + padLow[s] + padHigh[s]; }
  int64_t outSize(int s) const {
    int64_t k = ((s == 0 ? kh : kw) - 1) * rhsDilation[s] + 1;
    return (padded(s) - k) / stride[s] + 1;
  }
  std::vector<int64_t> inShape() const { return {n, c, h, w}; }
  std::vector<int64_t> kernelShape() const { return {o, inPerGroup(), kh, kw}; }
  std::vector<int64_t> outShape() const {
    return {n, o, outSize(0), outSize(1)};
  }

  /// The reference: builds the dilated, padded input, then sums each
  /// (dilated) window against the kernel of the output feature's group.
  std::vector<double> reference(const std::vector<double> &x,
                                const std::vector<double> &k) const {
    int64_t ph = padded(0), pw = padded(1);
    std::vector<double> p(n * c * ph * pw, 0.0);
    for (int64_t b = 0; b < n; ++b)
      for (int64_t f = 0; f < c; ++f)
        for (int64_t y = 0; y < h; ++y)
          for (int64_t z = 0; z < w; ++z) {
            int64_t py = padLow[0] + y * lhsDilation[0];
            int64_t pz = padLow[1] + z * lhsDilation[1];
            if (py >= 0 && py < ph && pz >= 0 && pz < pw)
              p[((b * c + f) * ph + py) * pw + pz] =
                  x[((b * c + f) * h + y) * w + z];
          }
    int64_t oh = outSize(0), ow = outSize(1), ci = inPerGroup();
    std::vector<double> out;
    for (int64_t b = 0; b < n; ++b)
      for (int64_t f = 0; f < o; ++f)
        for (int64_t y = 0; y < oh; ++y)
          for (int64_t z = 0; z < ow; ++z) {
            int64_t g = f / (o / groups);
            double sum = 0;
            for (int64_t i = 0; i < ci; ++i)
              for (int64_t a = 0; a < kh; ++a)
                for (int64_t e = 0; e < kw; ++e) {
                  int64_t py = y * stride[0] + a * rhsDilation[0];
                  int64_t pz = z * stride[1] + e * rhsDilation[1];
                  sum += p[((b * c + g * ci + i) * ph + py) * pw + pz] *
                         k[((f * ci + i) * kh + a) * kw + e];
                }
            out.push_back(sum);
          }
    return out;
  }

  std::string attrs() const {
    return "window_strides = " + i64Array({stride[0], stride[1]}) +
           ", padding = " +
           i64Array({padLow[0], padHigh[0], padLow[1], padHigh[1]}) +
           ", lhs_dilation = " + i64Array({lhsDilation[0], lhsDilation[1]}) +
           ", rhs_dilation = " + i64Array({rhsDilation[0], rhsDilation[1]}) +
           ", feature_group_count = " + std::to_string(groups) + " : i64";
  }
};

/// Small dyadic values: every product and sum is exact in double.
std::vector<double> testValues(int64_t count, int64_t seed) {
  std::vector<double> v;
  for (int64_t k = 0; k < count; ++k)
    v.push_back((double)((k * seed + 3) % 11 - 5) * 0.25);
  return v;
}

int64_t product(const std::vector<int64_t> &shape) {
  int64_t p = 1;
  for (int64_t d : shape)
    p *= d;
  return p;
}

/// Permutes a row-major tensor: result dimension i is input dimension
/// perm[i].
std::vector<double> permute(const std::vector<double> &x,
                            const std::vector<int64_t> &shape,
                            const std::vector<int64_t> &perm) {
  size_t rank = shape.size();
  std::vector<int64_t> outShape(rank), inStrides(rank, 1);
  for (size_t i = 0; i < rank; ++i)
    outShape[i] = shape[perm[i]];
  for (int64_t d = (int64_t)rank - 2; d >= 0; --d)
    inStrides[d] = inStrides[d + 1] * shape[d + 1];
  std::vector<double> out;
  std::vector<int64_t> index(rank, 0);
  for (int64_t k = 0, e = product(shape); k < e; ++k) {
    int64_t src = 0;
    for (size_t i = 0; i < rank; ++i)
      src += index[i] * inStrides[perm[i]];
    out.push_back(x[src]);
    for (int64_t d = (int64_t)rank - 1; d >= 0; --d) {
      if (++index[d] < outShape[d])
        break;
      index[d] = 0;
    }
  }
  return out;
}

class ConvolutionTest : public InterpreterTest {
protected:
  /// Runs `conv` with NCHW / OIHW / NCHW dimension numbers and compares
  /// with the reference.
  void checkNCHW(const Conv2D &conv) {
    std::vector<double> x = testValues(product(conv.inShape()), 7);
    std::vector<double> k = testValues(product(conv.kernelShape()), 5);
    std::string attrs =
        conv.attrs() +
        ", input_batch_dimension = 0 : i64, input_feature_dimension = 1 : "
        "i64, input_spatial_dimensions = array<i64: 2, 3>, "
        "kernel_input_feature_dimension = 1 : i64, "
        "kernel_output_feature_dimension = 0 : i64, kernel_spatial_dimensions "
        "= array<i64: 2, 3>, output_batch_dimension = 0 : i64, "
        "output_feature_dimension = 1 : i64, output_spatial_dimensions = "
        "array<i64: 2, 3>";
    auto r = run(
        convModule(conv.inShape(), conv.kernelShape(), conv.outShape(), attrs),
        {floats(f32(), conv.inShape(), x),
         floats(f32(), conv.kernelShape(), k)});
    ASSERT_EQ(r.size(), 1u);
    expectFloats(r[0], conv.reference(x, k));
  }
};

TEST_F(ConvolutionTest, OneDimensionalHandNumbers) {
  // Defaults: NWC input, WIO kernel, NWC output.
  RefTensor x = floats(f32(), {1, 5, 1}, {1, 2, 3, 4, 5});
  RefTensor k = floats(f32(), {3, 1, 1}, {1, 0, -1});
  auto valid = run(convModule({1, 5, 1}, {3, 1, 1}, {1, 3, 1}, ""), {x, k});
  ASSERT_EQ(valid.size(), 1u);
  expectFloats(valid[0], {-2, -2, -2});

  // Stride 2 over [0, 1, 2, 3, 4, 5, 0].
  auto strided = run(convModule({1, 5, 1}, {3, 1, 1}, {1, 3, 1},
                                "window_strides = array<i64: 2>, padding = "
                                "array<i64: 1, 1>"),
                     {x, k});
  ASSERT_EQ(strided.size(), 1u);
  expectFloats(strided[0], {-2, -2, 4});

  // Kernel dilation 2: taps x[p], x[p + 2], x[p + 4].
  auto dilated = run(convModule({1, 5, 1}, {3, 1, 1}, {1, 1, 1},
                                "rhs_dilation = array<i64: 2>"),
                     {x, k});
  ASSERT_EQ(dilated.size(), 1u);
  expectFloats(dilated[0], {1 - 5});
}

TEST_F(ConvolutionTest, LhsDilationIsATransposedConvolution) {
  // [1, 2, 3] dilated by 2 is [1, 0, 2, 0, 3]; padded by 1 on both sides,
  // a window of two ones gives [1, 1, 2, 2, 3, 3].
  auto r = run(
      convModule({1, 3, 1}, {2, 1, 1}, {1, 6, 1},
                 "lhs_dilation = array<i64: 2>, padding = "
                 "array<i64: 1, 1>"),
      {floats(f32(), {1, 3, 1}, {1, 2, 3}), floats(f32(), {2, 1, 1}, {1, 1})});
  ASSERT_EQ(r.size(), 1u);
  expectFloats(r[0], {1, 1, 2, 2, 3, 3});
}

TEST_F(ConvolutionTest, FeatureGroupsHandNumbers) {
  // Two groups of one input feature; output features 0-1 read input
  // feature 0 and 2-3 read input feature 1.
  auto r = run(convModule({1, 1, 2}, {1, 1, 4}, {1, 1, 4},
                          "feature_group_count = 2 : i64"),
               {floats(f32(), {1, 1, 2}, {1, 10}),
                floats(f32(), {1, 1, 4}, {1, 2, 3, 4})});
  ASSERT_EQ(r.size(), 1u);
  expectFloats(r[0], {1, 2, 30, 40});
}

TEST_F(ConvolutionTest, TwoDimensionalAgainstReference) {
  // Strides, asymmetric padding, kernel dilation and groups.
  checkNCHW({/*n=*/2, /*c=*/4, /*h=*/5, /*w=*/6, /*o=*/6, /*kh=*/3, /*kw=*/2,
             /*groups=*/2, /*stride=*/{2, 1}, /*padLow=*/{1, 0},
             /*padHigh=*/{1, 2}, /*lhsDilation=*/{1, 1},
             /*rhsDilation=*/{1, 2}});
  // A transposed convolution: lhs dilation with full padding.
  checkNCHW({1, 3, 4, 4, 2, 3, 3, 1, {1, 1}, {2, 2}, {2, 2}, {2, 2}, {1, 1}});
  // Negative padding crops the input; everything at once.
  checkNCHW({1, 2, 6, 5, 4, 2, 3, 2, {2, 2}, {-1, 1}, {0, -1}, {1, 2}, {2, 1}});
  // Depthwise: one input feature per group.
  checkNCHW({1, 3, 4, 4, 3, 2, 2, 3, {1, 1}, {0, 0}, {0, 0}, {1, 1}, {1, 1}});
}

TEST_F(ConvolutionTest, DefaultLayoutsAgainstReference) {
  // NHWC input, HWIO kernel, NHWC output (the defaults) with stride and
  // padding: compare with the NCHW reference by permuting the data.
  Conv2D conv{1, 3, 5, 5, 4, 3, 3, 1, {2, 2}, {1, 1}, {1, 1}, {1, 1}, {1, 1}};
  std::vector<double> x = testValues(product(conv.inShape()), 3);
  std::vector<double> k = testValues(product(conv.kernelShape()), 2);
  std::vector<int64_t> nhwc = {conv.n, conv.h, conv.w, conv.c};
  std::vector<int64_t> hwio = {conv.kh, conv.kw, conv.inPerGroup(), conv.o};
  std::vector<int64_t> out = conv.outShape();
  std::vector<int64_t> outNHWC = {out[0], out[2], out[3], out[1]};
  auto r =
      run(convModule(nhwc, hwio, outNHWC,
                     "window_strides = array<i64: 2, 2>, padding = "
                     "array<i64: 1, 1, 1, 1>"),
          {floats(f32(), nhwc, permute(x, conv.inShape(), {0, 2, 3, 1})),
           floats(f32(), hwio, permute(k, conv.kernelShape(), {2, 3, 1, 0}))});
  ASSERT_EQ(r.size(), 1u);
  expectFloats(r[0], permute(conv.reference(x, k), out, {0, 2, 3, 1}));
}

TEST_F(ConvolutionTest, RoundsTheDoubleSumOnceToF16) {
  // 2048 + 1 + 1 in f16 steps stays 2048; the double sum 2050 is an f16.
  RefTensor x = floats(f16(), {1, 3, 1}, {2048, 1, 1});
  RefTensor k = floats(f16(), {3, 1, 1}, {1, 1, 1});
  std::string t16 = "tensor<1x3x1xf16>", tk = "tensor<3x1x1xf16>",
              to = "tensor<1x1x1xf16>";
  auto r = run("func.func @main(%x: " + t16 + ", %w: " + tk + ") -> " + to +
                   " {\n  %y = genc.convolution %x, %w : (" + t16 + ", " + tk +
                   ") -> " + to + "\n  return %y : " + to + "\n}\n",
               {x, k});
  ASSERT_EQ(r.size(), 1u);
  expectFloats(r[0], {2050});
}

} // namespace

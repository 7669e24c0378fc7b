//===- GradTest.cpp - gradient rules against finite differences -----------===//
//
// Each case is a function @g(inputs) -> y of f64 tensors (a single op under
// test, or a few). With fixed random weights W, the objective is
// f(inputs) = sum(g(inputs) * W), interpreted by the reference interpreter.
// Its gradient is built two ways and interpreted:
//  - Rules: a copy of @g followed by a reverse sweep that calls each op's
//    GradOpInterface::buildVjp directly (seeded with W), accumulating
//    cotangents with genc.add. This tests the rules alone.
//  - Pass: a @main that runs `genc.vjp @g(...) cotangents(W)` through the
//    genc-autodiff pass.
// Both are compared against central finite differences of f (h = 1e-6,
// rtol = 1e-6) for every element of every float input.
//
//===----------------------------------------------------------------------===//

#include "compiler/Passes.h"
#include "dialects/genc/IR/GencDialect.h"
#include "dialects/genc/Interpreter/Interpreter.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <random>
#include <string>
#include <vector>

using namespace mlir;
using mlir::genc::interp::RefTensor;

namespace {

/// How to fill one argument of @g: explicit values (row-major), or uniform
/// random numbers in [lo, hi).
struct Fill {
  double lo = -1.0, hi = 1.0;
  std::vector<double> values;
  static Fill range(double lo, double hi) { return Fill{lo, hi, {}}; }
  static Fill of(std::vector<double> values) {
    return Fill{0.0, 0.0, std::move(values)};
  }
};

struct Case {
  std::string name;
  std::string source; // defines func.func @g
  std::vector<Fill> fills;
  double h = 1e-6, rtol = 1e-6, atol = 1e-8;
  /// Also run it through the genc-autodiff pass.
  bool viaPass = true;
  /// Run the direct buildVjp sweep (false where @g contains genc.vjp).
  bool viaRules = true;
};

std::ostream &operator<<(std::ostream &os, const Case &c) {
  return os << c.name;
}

//===----------------------------------------------------------------------===//
// Case construction helpers
//===----------------------------------------------------------------------===//

std::string ty(const std::vector<int64_t> &shape,
               const std::string &et = "f64") {
  std::string s = "tensor<";
  for (int64_t d : shape)
    s += std::to_string(d) + "x";
  return s + et + ">";
}

std::string arr(const std::vector<int64_t> &v) {
  std::string s = "[";
  for (size_t i = 0; i < v.size(); ++i)
    s += (i ? ", " : "") + std::to_string(v[i]);
  return s + "]";
}

std::string i64Array(const std::vector<int64_t> &v) {
  std::string s = "array<i64";
  for (size_t i = 0; i < v.size(); ++i)
    s += (i ? ", " : ": ") + std::to_string(v[i]);
  return s + ">";
}

std::string unary(const std::string &op,
                  const std::string &t = "tensor<2x3xf64>") {
  return "func.func @g(%x: " + t + ") -> " + t + " {\n  %y = genc." + op +
         " %x : " + t + "\n  return %y : " + t + "\n}\n";
}

std::string binary(const std::string &op,
                   const std::string &t = "tensor<2x3xf64>") {
  return "func.func @g(%a: " + t + ", %b: " + t + ") -> " + t +
         " {\n  %y = genc." + op + " %a, %b : " + t + "\n  return %y : " + t +
         "\n}\n";
}

/// A reduce of %x (with init %init, an argument) over `dims` by `body`.
std::string reduce(const std::string &body, const std::vector<int64_t> &in,
                   const std::vector<int64_t> &dims) {
  std::vector<int64_t> out;
  for (int64_t d = 0; d < (int64_t)in.size(); ++d)
    if (std::find(dims.begin(), dims.end(), d) == dims.end())
      out.push_back(in[d]);
  return "func.func @g(%x: " + ty(in) + ", %init: tensor<f64>) -> " + ty(out) +
         " {\n  %y = genc.reduce %x, %init dims = " + arr(dims) + " : (" +
         ty(in) + ", tensor<f64>) -> " + ty(out) +
         " {\n  ^bb0(%a: tensor<f64>, %b: tensor<f64>):\n    %t = genc." +
         body +
         " %a, %b : tensor<f64>\n    genc.return %t : tensor<f64>\n  }\n" +
         "  return %y : " + ty(out) + "\n}\n";
}

/// A convolution in general layout. Layouts list (batch, feature,
/// spatial...) for input and output, (input feature, output feature,
/// spatial...) for the kernel; `in` and `kernel` are shapes in those layouts'
/// tensor order.
struct ConvSpec {
  std::vector<int64_t> in, kernel;
  std::vector<int64_t> inLayout, kLayout, outLayout;
  std::vector<int64_t> strides, padding, lhsDilation, rhsDilation;
  int64_t groups = 1;

  std::string source() const {
    size_t n = in.size() - 2;
    std::vector<int64_t> out(in.size());
    out[outLayout[0]] = in[inLayout[0]];
    out[outLayout[1]] = kernel[kLayout[1]];
    for (size_t i = 0; i < n; ++i) {
      int64_t x = in[inLayout[2 + i]], k = kernel[kLayout[2 + i]];
      int64_t dx = (x - 1) * lhsDilation[i] + 1;
      int64_t padded = dx + padding[2 * i] + padding[2 * i + 1];
      int64_t dk = (k - 1) * rhsDilation[i] + 1;
      out[outLayout[2 + i]] = padded < dk ? 0 : (padded - dk) / strides[i] + 1;
    }
    auto spatial = [&](const std::vector<int64_t> &layout) {
      return std::vector<int64_t>(layout.begin() + 2, layout.end());
    };
    std::string attrs =
        "window_strides = " + i64Array(strides) +
        ", padding = " + i64Array(padding) +
        ", lhs_dilation = " + i64Array(lhsDilation) +
        ", rhs_dilation = " + i64Array(rhsDilation) +
        ", feature_group_count = " + std::to_string(groups) +
        ", input_batch_dimension = " + std::to_string(inLayout[0]) +
        ", input_feature_dimension = " + std::to_string(inLayout[1]) +
        ", input_spatial_dimensions = " + i64Array(spatial(inLayout)) +
        ", kernel_input_feature_dimension = " + std::to_string(kLayout[0]) +
        ", kernel_output_feature_dimension = " + std::to_string(kLayout[1]) +
        ", kernel_spatial_dimensions = " + i64Array(spatial(kLayout)) +
        ", output_batch_dimension = " + std::to_string(outLayout[0]) +
        ", output_feature_dimension = " + std::to_string(outLayout[1]) +
        ", output_spatial_dimensions = " + i64Array(spatial(outLayout));
    return "func.func @g(%x: " + ty(in) + ", %w: " + ty(kernel) + ") -> " +
           ty(out) + " {\n  %y = genc.convolution %x, %w {" + attrs + "} : (" +
           ty(in) + ", " + ty(kernel) + ") -> " + ty(out) +
           "\n  return %y : " + ty(out) + "\n}\n";
  }
};

std::vector<Case> allCases() {
  std::vector<Case> cases;
  auto add = [&](std::string name, std::string source,
                 std::vector<Fill> fills) {
    cases.push_back(Case{std::move(name), std::move(source), std::move(fills)});
    return &cases.back();
  };
  Fill any = Fill::range(-1.0, 1.0);
  Fill positive = Fill::range(0.2, 2.0);

  // Unary elementwise.
  add("neg", unary("neg"), {any});
  add("abs", unary("abs"), {Fill::of({-0.5, 0.3, -1.2, 0.7, 2.0, -0.1})});
  add("sign", unary("sign"), {Fill::of({-0.5, 0.3, -1.2, 0.7, 2.0, -0.1})});
  add("floor", unary("floor"), {Fill::of({-0.5, 0.3, -1.2, 0.7, 2.4, -0.1})});
  add("exp", unary("exp"), {any});
  add("log", unary("log"), {positive});
  add("log1p", unary("log1p"), {Fill::range(-0.5, 2.0)});
  add("expm1", unary("expm1"), {any});
  add("sqrt", unary("sqrt"), {positive});
  add("rsqrt", unary("rsqrt"), {positive});
  add("tanh", unary("tanh"), {Fill::range(-2.0, 2.0)});
  add("logistic", unary("logistic"), {Fill::range(-3.0, 3.0)});
  add("sin", unary("sin"), {Fill::range(-3.0, 3.0)});
  add("cos", unary("cos"), {Fill::range(-3.0, 3.0)});

  // Binary elementwise.
  add("add", binary("add"), {any, any});
  add("sub", binary("sub"), {any, any});
  add("mul", binary("mul"), {any, any});
  add("div", binary("div"), {any, Fill::range(0.5, 2.0)});
  add("pow", binary("pow"), {positive, Fill::range(-2.0, 2.0)});
  // Exponent zero (lhs gradient 0 there) and a zero base (rhs gradient 0
  // there). Negative bases are left out: x^y is NaN for nearby y.
  add("pow_special", binary("pow"),
      {Fill::of({0.7, 1.3, 0.0, 0.5, 2.0, 0.9}),
       Fill::of({0.0, 0.0, 2.0, 3.0, -1.0, 2.5})});
  add("rem", binary("rem"),
      {Fill::of({1.7, -2.3, 0.4, 5.1, -0.7, 3.3}),
       Fill::of({0.6, 0.9, -1.3, 1.6, 0.3, -0.8})});
  // Ties (1st, 4th) split evenly: FD of max at a tie is 1/2 per side too.
  add("max", binary("max"),
      {Fill::of({0.5, -0.2, 0.8, 1.0, -1.5, 0.1}),
       Fill::of({0.5, 0.3, -0.4, 1.0, 0.2, -0.6})});
  add("min", binary("min"),
      {Fill::of({0.5, -0.2, 0.8, 1.0, -1.5, 0.1}),
       Fill::of({0.5, 0.3, -0.4, 1.0, 0.2, -0.6})});

  add("select",
      "func.func @g(%p: tensor<2x3xi1>, %a: tensor<2x3xf64>, %b: "
      "tensor<2x3xf64>) -> tensor<2x3xf64> {\n"
      "  %y = genc.select %p, %a, %b : tensor<2x3xi1>, tensor<2x3xf64>\n"
      "  return %y : tensor<2x3xf64>\n}\n",
      {Fill::of({1, 0, 0, 1, 1, 0}), any, any});
  // Bounds per element: inside, below, above, lo > hi (result hi).
  add("clamp",
      "func.func @g(%lo: tensor<6xf64>, %x: tensor<6xf64>, %hi: tensor<6xf64>) "
      "-> tensor<6xf64> {\n"
      "  %y = genc.clamp %lo, %x, %hi : tensor<6xf64>\n"
      "  return %y : tensor<6xf64>\n}\n",
      {Fill::of({-1.0, 0.2, -0.5, 1.0, 0.8, -2.0}),
       Fill::of({0.3, -0.4, 0.9, 0.1, 0.3, 0.0}),
       Fill::of({1.0, 1.0, 0.5, 0.5, 0.2, 2.0})});
  {
    Case *c =
        add("convert_f32",
            "func.func @g(%x: tensor<2x3xf64>) -> tensor<2x3xf64> {\n"
            "  %a = genc.convert %x : (tensor<2x3xf64>) -> tensor<2x3xf32>\n"
            "  %b = genc.convert %a : (tensor<2x3xf32>) -> tensor<2x3xf64>\n"
            "  return %b : tensor<2x3xf64>\n}\n",
            {any});
    // f32 rounding: a larger step, a looser tolerance.
    c->h = 1e-2;
    c->rtol = 1e-4;
    c->atol = 1e-4;
  }
  add("convert_int",
      "func.func @g(%x: tensor<3xf64>, %i: tensor<3xi32>) -> tensor<3xf64> {\n"
      "  %c = genc.convert %i : (tensor<3xi32>) -> tensor<3xf64>\n"
      "  %y = genc.mul %x, %c : tensor<3xf64>\n"
      "  return %y : tensor<3xf64>\n}\n",
      {any, Fill::of({2, -3, 5})});

  // Shape and layout.
  add("broadcast_in_dim",
      "func.func @g(%x: tensor<3x1xf64>) -> tensor<2x3x4xf64> {\n"
      "  %y = genc.broadcast_in_dim %x, dims = [1, 2] : (tensor<3x1xf64>) -> "
      "tensor<2x3x4xf64>\n"
      "  return %y : tensor<2x3x4xf64>\n}\n",
      {any});
  add("broadcast_in_dim_permuted",
      "func.func @g(%x: tensor<3x2xf64>) -> tensor<2x4x3xf64> {\n"
      "  %y = genc.broadcast_in_dim %x, dims = [2, 0] : (tensor<3x2xf64>) -> "
      "tensor<2x4x3xf64>\n"
      "  return %y : tensor<2x4x3xf64>\n}\n",
      {any});
  add("broadcast_scalar",
      "func.func @g(%x: tensor<f64>) -> tensor<2x3xf64> {\n"
      "  %y = genc.broadcast_in_dim %x, dims = [] : (tensor<f64>) -> "
      "tensor<2x3xf64>\n"
      "  return %y : tensor<2x3xf64>\n}\n",
      {any});
  add("reshape",
      "func.func @g(%x: tensor<2x3xf64>) -> tensor<3x2xf64> {\n"
      "  %y = genc.reshape %x : (tensor<2x3xf64>) -> tensor<3x2xf64>\n"
      "  return %y : tensor<3x2xf64>\n}\n",
      {any});
  add("transpose",
      "func.func @g(%x: tensor<2x3x4xf64>) -> tensor<4x2x3xf64> {\n"
      "  %y = genc.transpose %x, dims = [2, 0, 1] : (tensor<2x3x4xf64>) -> "
      "tensor<4x2x3xf64>\n"
      "  return %y : tensor<4x2x3xf64>\n}\n",
      {any});
  add("slice_strided",
      "func.func @g(%x: tensor<5x7xf64>) -> tensor<2x2xf64> {\n"
      "  %y = genc.slice %x start = [1, 0] limit = [5, 5] strides = [2, 3] : "
      "(tensor<5x7xf64>) -> tensor<2x2xf64>\n"
      "  return %y : tensor<2x2xf64>\n}\n",
      {any});
  // 3x4 -> [1 + 3 + 2*1 + 2, -1 + 4 + 3*2 + 0] = 8x9.
  add("pad_interior",
      "func.func @g(%x: tensor<3x4xf64>, %v: tensor<f64>) -> tensor<8x9xf64> "
      "{\n"
      "  %y = genc.pad %x, %v low = [1, -1] high = [2, 0] interior = [1, 2] : "
      "(tensor<3x4xf64>, tensor<f64>) -> tensor<8x9xf64>\n"
      "  return %y : tensor<8x9xf64>\n}\n",
      {any, any});
  add("concatenate",
      "func.func @g(%a: tensor<2x1xf64>, %b: tensor<2x3xf64>, %c: "
      "tensor<2x2xf64>) -> tensor<2x6xf64> {\n"
      "  %y = genc.concatenate %a, %b, %c dim = 1 : (tensor<2x1xf64>, "
      "tensor<2x3xf64>, tensor<2x2xf64>) -> tensor<2x6xf64>\n"
      "  return %y : tensor<2x6xf64>\n}\n",
      {any, any, any});
  add("reverse",
      "func.func @g(%x: tensor<3x4xf64>) -> tensor<3x4xf64> {\n"
      "  %y = genc.reverse %x, dims = [0, 1] : tensor<3x4xf64>\n"
      "  return %y : tensor<3x4xf64>\n}\n",
      {any});
  // The second start (7) is clamped to 3.
  add("dynamic_slice",
      "func.func @g(%x: tensor<5x6xf64>, %i: tensor<i32>, %j: tensor<i64>) -> "
      "tensor<2x3xf64> {\n"
      "  %y = genc.dynamic_slice %x, %i, %j sizes = [2, 3] : (tensor<5x6xf64>, "
      "tensor<i32>, tensor<i64>) -> tensor<2x3xf64>\n"
      "  return %y : tensor<2x3xf64>\n}\n",
      {any, Fill::of({1}), Fill::of({7})});
  add("dynamic_slice_whole_dim",
      "func.func @g(%x: tensor<5x6xf64>, %i: tensor<i32>, %j: tensor<i32>) -> "
      "tensor<5x2xf64> {\n"
      "  %y = genc.dynamic_slice %x, %i, %j sizes = [5, 2] : (tensor<5x6xf64>, "
      "tensor<i32>, tensor<i32>) -> tensor<5x2xf64>\n"
      "  return %y : tensor<5x2xf64>\n}\n",
      {any, Fill::of({2}), Fill::of({-4})});

  // Reductions.
  add("reduce_add", reduce("add", {2, 3, 4}, {0, 2}), {any, any});
  add("reduce_add_all", reduce("add", {2, 3}, {0, 1}), {any, any});
  // Row 0: a two-way tie for the max; row 1: the init (0.75) is the max.
  add("reduce_max_ties", reduce("max", {3, 4}, {1}),
      {Fill::of({0.5, 0.8, -0.1, 0.8, /**/ 0.1, 0.2, -0.3, 0.4,
                 /**/ -1.0, 0.3, 1.2, 0.7}),
       Fill::of({0.75})});
  add("reduce_min_ties", reduce("min", {3, 4}, {0}),
      {Fill::of({0.5, 0.8, -0.1, -0.8, /**/ 0.1, 0.2, -0.3, -0.8,
                 /**/ 0.1, 0.3, 1.2, 0.7}),
       Fill::of({0.15})});
  // Rows with no zero, one zero, two zeros.
  add("reduce_mul", reduce("mul", {3, 4}, {1}),
      {Fill::of({0.5, 1.5, -0.7, 1.2, /**/ 0.9, 0.0, -1.3, 0.6,
                 /**/ 0.0, 0.4, 0.0, 1.1}),
       Fill::of({1.3})});

  // Contractions.
  add("dot_matmul",
      "func.func @g(%a: tensor<2x3xf64>, %b: tensor<3x4xf64>) -> "
      "tensor<2x4xf64> {\n"
      "  %y = genc.dot_general %a, %b, batch = [] x [], contract = [1] x [0] : "
      "(tensor<2x3xf64>, tensor<3x4xf64>) -> tensor<2x4xf64>\n"
      "  return %y : tensor<2x4xf64>\n}\n",
      {any, any});
  add("dot_batch",
      "func.func @g(%a: tensor<2x3x4xf64>, %b: tensor<4x2x5xf64>) -> "
      "tensor<2x3x5xf64> {\n"
      "  %y = genc.dot_general %a, %b, batch = [0] x [1], contract = [2] x [0] "
      ": (tensor<2x3x4xf64>, tensor<4x2x5xf64>) -> tensor<2x3x5xf64>\n"
      "  return %y : tensor<2x3x5xf64>\n}\n",
      {any, any});
  // Two contracting dimensions paired out of order, batch in the middle.
  add("dot_general_mixed",
      "func.func @g(%a: tensor<3x2x4x5xf64>, %b: tensor<5x2x6x4xf64>) -> "
      "tensor<2x3x6xf64> {\n"
      "  %y = genc.dot_general %a, %b, batch = [1] x [1], contract = [2, 3] x "
      "[3, 0] : (tensor<3x2x4x5xf64>, tensor<5x2x6x4xf64>) -> "
      "tensor<2x3x6xf64>\n"
      "  return %y : tensor<2x3x6xf64>\n}\n",
      {any, any});
  add("dot_vector",
      "func.func @g(%a: tensor<4xf64>, %b: tensor<4xf64>) -> tensor<f64> {\n"
      "  %y = genc.dot_general %a, %b, batch = [] x [], contract = [0] x [0] : "
      "(tensor<4xf64>, tensor<4xf64>) -> tensor<f64>\n"
      "  return %y : tensor<f64>\n}\n",
      {any, any});

  // Convolutions. NHWC / HWIO / NHWC is [0, 3, 1, 2] / [2, 3, 0, 1] /
  // [0, 3, 1, 2]; NCHW / OIHW / NCHW is [0, 1, 2, 3] / [1, 0, 2, 3] /
  // [0, 1, 2, 3].
  std::vector<int64_t> nhwc{0, 3, 1, 2}, hwio{2, 3, 0, 1}, nchw{0, 1, 2, 3},
      oihw{1, 0, 2, 3};
  add("conv_nhwc_plain",
      ConvSpec{{2, 5, 4, 3},
               {3, 2, 3, 2},
               nhwc,
               hwio,
               nhwc,
               {1, 1},
               {0, 0, 0, 0},
               {1, 1},
               {1, 1}}
          .source(),
      {any, any});
  // Stride 2, asymmetric padding, rhs dilation 2; the strides leave the
  // last input row unused.
  add("conv_stride_pad_rhs_dilation",
      ConvSpec{{1, 9, 7, 2},
               {3, 2, 2, 3},
               nhwc,
               hwio,
               nhwc,
               {2, 2},
               {1, 0, 2, 1},
               {1, 1},
               {2, 2}}
          .source(),
      {any, any});
  // A transposed convolution: lhs dilation 2 with padding k - 1.
  add("conv_transposed",
      ConvSpec{{1, 2, 3, 3},
               {3, 2, 3, 2},
               nchw,
               oihw,
               nchw,
               {1, 1},
               {2, 2, 1, 2},
               {2, 2},
               {1, 1}}
          .source(),
      {any, any});
  // Groups in NHWC: 4 input features in 2 groups, 6 output features.
  add("conv_grouped",
      ConvSpec{{2, 5, 5, 4},
               {2, 3, 2, 6},
               nhwc,
               hwio,
               nhwc,
               {1, 2},
               {1, 1, 0, 1},
               {1, 1},
               {1, 1},
               /*groups=*/2}
          .source(),
      {any, any});
  // Groups with every other attribute at once, NCHW / OIHW.
  add("conv_grouped_everything",
      ConvSpec{{2, 6, 4, 5},
               {6, 2, 2, 3},
               nchw,
               oihw,
               nchw,
               {2, 1},
               {1, -1, 2, 1},
               {2, 1},
               {1, 2},
               /*groups=*/3}
          .source(),
      {any, any});
  // Depthwise 1-D convolution with unusual layouts: input (W, C, N),
  // kernel (O, W, I), output (C, W, N).
  add("conv_depthwise_1d_layouts",
      ConvSpec{{9, 3, 2},
               {6, 3, 1},
               {2, 1, 0},
               {2, 0, 1},
               {2, 0, 1},
               {2},
               {1, 1},
               {1},
               {2},
               /*groups=*/3}
          .source(),
      {any, any});

  // Indexing. Repeated and out-of-range indices (-1 and 7 clamp to 0, 4).
  add("gather_axis0",
      "func.func @g(%x: tensor<5x3xf64>) -> tensor<2x3x3xf64> {\n"
      "  %i = genc.constant dense<[[1, 3, 1], [-1, 7, 4]]> : tensor<2x3xi32>\n"
      "  %y = genc.gather %x, %i axis = 0 : (tensor<5x3xf64>, tensor<2x3xi32>) "
      "-> tensor<2x3x3xf64>\n"
      "  return %y : tensor<2x3x3xf64>\n}\n",
      {any});
  add("gather_axis1_arg_indices",
      "func.func @g(%x: tensor<2x4x3xf64>, %i: tensor<5xi64>) -> "
      "tensor<2x5x3xf64> {\n"
      "  %y = genc.gather %x, %i axis = 1 : (tensor<2x4x3xf64>, tensor<5xi64>) "
      "-> tensor<2x5x3xf64>\n"
      "  return %y : tensor<2x5x3xf64>\n}\n",
      {any, Fill::of({3, 0, 3, 9, -2})});
  // Index 9 is out of range: its update is dropped (no gradient).
  add("scatter_add",
      "func.func @g(%x: tensor<5x3xf64>, %u: tensor<4x3xf64>) -> "
      "tensor<5x3xf64> {\n"
      "  %i = genc.constant dense<[1, 3, 1, 9]> : tensor<4xi32>\n"
      "  %y = genc.scatter_add %x, %i, %u axis = 0 : (tensor<5x3xf64>, "
      "tensor<4xi32>, tensor<4x3xf64>) -> tensor<5x3xf64>\n"
      "  return %y : tensor<5x3xf64>\n}\n",
      {any, any});
  add("scatter_add_in_range",
      "func.func @g(%x: tensor<3x5xf64>, %u: tensor<3x2xf64>) -> "
      "tensor<3x5xf64> {\n"
      "  %i = genc.constant dense<[4, 4]> : tensor<2xi32>\n"
      "  %y = genc.scatter_add %x, %i, %u axis = 1 : (tensor<3x5xf64>, "
      "tensor<2xi32>, tensor<3x2xf64>) -> tensor<3x5xf64>\n"
      "  return %y : tensor<3x5xf64>\n}\n",
      {any, any});

  // Compositions: values used twice, constants, integer values.
  add("softmax",
      "func.func @g(%x: tensor<2x4xf64>) -> tensor<2x4xf64> {\n"
      "  %ninf = genc.constant dense<0xFFF0000000000000> : tensor<f64>\n"
      "  %zero = genc.constant dense<0.0> : tensor<f64>\n"
      "  %m = genc.reduce %x, %ninf dims = [1] : (tensor<2x4xf64>, "
      "tensor<f64>) -> tensor<2xf64> {\n"
      "  ^bb0(%a: tensor<f64>, %b: tensor<f64>):\n"
      "    %t = genc.max %a, %b : tensor<f64>\n"
      "    genc.return %t : tensor<f64>\n  }\n"
      "  %mb = genc.broadcast_in_dim %m, dims = [0] : (tensor<2xf64>) -> "
      "tensor<2x4xf64>\n"
      "  %s = genc.sub %x, %mb : tensor<2x4xf64>\n"
      "  %e = genc.exp %s : tensor<2x4xf64>\n"
      "  %z = genc.reduce %e, %zero dims = [1] : (tensor<2x4xf64>, "
      "tensor<f64>) -> tensor<2xf64> {\n"
      "  ^bb0(%a: tensor<f64>, %b: tensor<f64>):\n"
      "    %t = genc.add %a, %b : tensor<f64>\n"
      "    genc.return %t : tensor<f64>\n  }\n"
      "  %zb = genc.broadcast_in_dim %z, dims = [0] : (tensor<2xf64>) -> "
      "tensor<2x4xf64>\n"
      "  %y = genc.div %e, %zb : tensor<2x4xf64>\n"
      "  return %y : tensor<2x4xf64>\n}\n",
      {any});
  add("mlp",
      "func.func @g(%x: tensor<3x4xf64>, %w: tensor<4x5xf64>, %b: "
      "tensor<5xf64>) -> tensor<3x5xf64> {\n"
      "  %h = genc.dot_general %x, %w, batch = [] x [], contract = [1] x [0] : "
      "(tensor<3x4xf64>, tensor<4x5xf64>) -> tensor<3x5xf64>\n"
      "  %bb = genc.broadcast_in_dim %b, dims = [1] : (tensor<5xf64>) -> "
      "tensor<3x5xf64>\n"
      "  %a = genc.add %h, %bb : tensor<3x5xf64>\n"
      "  %t = genc.tanh %a : tensor<3x5xf64>\n"
      "  %y = genc.mul %t, %a : tensor<3x5xf64>\n"
      "  return %y : tensor<3x5xf64>\n}\n",
      {any, any, any});

  // Second order through the pass: @g is itself a gradient (genc.vjp of
  // @inner), so the pass differentiates IR that the rules emitted.
  auto secondOrder = [&](std::string name, std::string inner,
                         std::string signature, std::string call,
                         std::vector<Fill> fills) {
    Case *c = add(std::move(name), inner + signature + call, std::move(fills));
    c->viaRules = false;
  };
  secondOrder("second_order_elementwise",
              "func.func @inner(%x: tensor<2x3xf64>) -> tensor<2x3xf64> {\n"
              "  %t = genc.tanh %x : tensor<2x3xf64>\n"
              "  %e = genc.exp %x : tensor<2x3xf64>\n"
              "  %m = genc.max %t, %e : tensor<2x3xf64>\n"
              "  %y = genc.mul %m, %x : tensor<2x3xf64>\n"
              "  return %y : tensor<2x3xf64>\n}\n",
              "func.func @g(%x: tensor<2x3xf64>) -> tensor<2x3xf64> {\n",
              "  %ct = genc.constant dense<[[1.0, -2.0, 0.5], [0.3, 1.5, "
              "-0.7]]> : tensor<2x3xf64>\n"
              "  %y, %dx = genc.vjp @inner(%x) cotangents(%ct) argnums = [0] : "
              "(tensor<2x3xf64>, tensor<2x3xf64>) -> (tensor<2x3xf64>, "
              "tensor<2x3xf64>)\n"
              "  return %dx : tensor<2x3xf64>\n}\n",
              {any});
  secondOrder(
      "second_order_reduce_mul_softmax",
      "func.func @inner(%x: tensor<2x3xf64>) -> tensor<2xf64> {\n"
      "  %one = genc.constant dense<1.0> : tensor<f64>\n"
      "  %p = genc.reduce %x, %one dims = [1] : (tensor<2x3xf64>, tensor<f64>) "
      "-> tensor<2xf64> {\n"
      "  ^bb0(%a: tensor<f64>, %b: tensor<f64>):\n"
      "    %t = genc.mul %a, %b : tensor<f64>\n"
      "    genc.return %t : tensor<f64>\n  }\n"
      "  %e = genc.exp %x : tensor<2x3xf64>\n"
      "  %zero = genc.constant dense<0.0> : tensor<f64>\n"
      "  %s = genc.reduce %e, %zero dims = [1] : (tensor<2x3xf64>, "
      "tensor<f64>) -> tensor<2xf64> {\n"
      "  ^bb0(%a: tensor<f64>, %b: tensor<f64>):\n"
      "    %t = genc.add %a, %b : tensor<f64>\n"
      "    genc.return %t : tensor<f64>\n  }\n"
      "  %l = genc.log %s : tensor<2xf64>\n"
      "  %y = genc.add %p, %l : tensor<2xf64>\n"
      "  return %y : tensor<2xf64>\n}\n",
      "func.func @g(%x: tensor<2x3xf64>) -> tensor<2x3xf64> {\n",
      "  %ct = genc.constant dense<[0.8, -1.1]> : tensor<2xf64>\n"
      "  %y, %dx = genc.vjp @inner(%x) cotangents(%ct) argnums = [0] : "
      "(tensor<2x3xf64>, tensor<2xf64>) -> (tensor<2xf64>, tensor<2x3xf64>)\n"
      "  return %dx : tensor<2x3xf64>\n}\n",
      {any});
  {
    // Squared output of a grouped, strided, dilated convolution: the
    // second-order rules run on the transposed convolutions.
    std::string conv =
        ConvSpec{{1, 4, 5, 4}, {2, 2, 2, 4}, nhwc,   hwio,   nhwc,
                 {2, 1},       {1, 0, 1, 1}, {1, 1}, {1, 2}, /*groups=*/2}
            .source();
    // Rename @g to @inner and square its result.
    conv.replace(conv.find("@g"), 2, "@inner");
    size_t ret = conv.find("  return %y");
    std::string outType = conv.substr(conv.rfind(": ") + 2);
    outType = outType.substr(0, outType.find("\n"));
    conv.insert(ret, "  %sq = genc.mul %y, %y : " + outType + "\n");
    conv.replace(conv.find("return %y"), 9, "return %sq");
    secondOrder(
        "second_order_grouped_conv", conv,
        "func.func @g(%x: tensor<1x4x5x4xf64>, %w: tensor<2x2x2x4xf64>) -> "
        "tensor<2x2x2x4xf64> {\n",
        "  %ct = genc.constant dense<0.5> : " + outType +
            "\n"
            "  %y, %dw = genc.vjp @inner(%x, %w) cotangents(%ct) argnums = [1] "
            ": (tensor<1x4x5x4xf64>, tensor<2x2x2x4xf64>, " +
            outType + ") -> (" + outType +
            ", tensor<2x2x2x4xf64>)\n"
            "  return %dw : tensor<2x2x2x4xf64>\n}\n",
        {any, any});
  }

  // Control flow and calls (through the pass only: the direct rule sweep
  // does not expand regions or calls).
  auto passOnly = [&](std::string name, std::string source,
                      std::vector<Fill> fills) {
    add(std::move(name), std::move(source), std::move(fills))->viaRules =
        false;
  };
  passOnly("if_captures", R"(
func.func @g(%p: tensor<i1>, %x: tensor<3xf64>, %w: tensor<3xf64>) -> tensor<3xf64> {
  %r = genc.if %p : tensor<i1> -> tensor<3xf64> {
    %a = genc.mul %x, %w : tensor<3xf64>
    %b = genc.sin %a : tensor<3xf64>
    genc.return %b : tensor<3xf64>
  } else {
    %c = genc.exp %w : tensor<3xf64>
    genc.return %c : tensor<3xf64>
  }
  %y = genc.mul %r, %x : tensor<3xf64>
  return %y : tensor<3xf64>
}
)", {Fill::of({1}), any, any});
  passOnly("if_else_branch", R"(
func.func @g(%p: tensor<i1>, %x: tensor<3xf64>, %w: tensor<3xf64>) -> tensor<3xf64> {
  %r:2 = genc.if %p : tensor<i1> -> tensor<3xf64>, tensor<3xf64> {
    genc.return %x, %w : tensor<3xf64>, tensor<3xf64>
  } else {
    %c = genc.tanh %w : tensor<3xf64>
    %d = genc.mul %c, %x : tensor<3xf64>
    genc.return %d, %x : tensor<3xf64>, tensor<3xf64>
  }
  %y = genc.mul %r#0, %r#1 : tensor<3xf64>
  return %y : tensor<3xf64>
}
)", {Fill::of({0}), any, any});
  // x_{k+1} = tanh(W x_k + b) for 4 steps: carried and captured floats.
  passOnly("while_static_trip_count", R"(
func.func @g(%x: tensor<3xf64>, %w: tensor<3x3xf64>, %b: tensor<3xf64>) -> tensor<3xf64> {
  %zero = genc.constant dense<0> : tensor<i32>
  %one = genc.constant dense<1> : tensor<i32>
  %four = genc.constant dense<4> : tensor<i32>
  %r:2 = genc.while (%i = %zero, %v = %x) : tensor<i32>, tensor<3xf64> cond {
    %p = genc.compare LT, %i, %four : (tensor<i32>, tensor<i32>) -> tensor<i1>
    genc.return %p : tensor<i1>
  } do {
  ^bb0(%j: tensor<i32>, %u: tensor<3xf64>):
    %h = genc.dot_general %w, %u, batch = [] x [], contract = [1] x [0] : (tensor<3x3xf64>, tensor<3xf64>) -> tensor<3xf64>
    %a = genc.add %h, %b : tensor<3xf64>
    %t = genc.tanh %a : tensor<3xf64>
    %j2 = genc.add %j, %one : tensor<i32>
    genc.return %j2, %t : tensor<i32>, tensor<3xf64>
  }
  return %r#1 : tensor<3xf64>
}
)", {any, any, any});
  // Counting down, two float states that swap, an if inside the body, and
  // a nested fori loop.
  passOnly("while_nested_swap_if", R"(
func.func @g(%x: tensor<2xf64>, %y: tensor<2xf64>, %s: tensor<f64>) -> tensor<2xf64> {
  %three = genc.constant dense<3> : tensor<i32>
  %zero = genc.constant dense<0> : tensor<i32>
  %m1 = genc.constant dense<-1> : tensor<i32>
  %one = genc.constant dense<1> : tensor<i32>
  %two = genc.constant dense<2> : tensor<i32>
  %sb = genc.broadcast_in_dim %s, dims = [] : (tensor<f64>) -> tensor<2xf64>
  %r:3 = genc.while (%i = %three, %a = %x, %c = %y) : tensor<i32>, tensor<2xf64>, tensor<2xf64> cond {
    %p = genc.compare GT, %i, %zero : (tensor<i32>, tensor<i32>) -> tensor<i1>
    genc.return %p : tensor<i1>
  } do {
  ^bb0(%j: tensor<i32>, %u: tensor<2xf64>, %v: tensor<2xf64>):
    %odd = genc.compare EQ, %j, %two : (tensor<i32>, tensor<i32>) -> tensor<i1>
    %w = genc.if %odd : tensor<i1> -> tensor<2xf64> {
      %q = genc.mul %u, %sb : tensor<2xf64>
      genc.return %q : tensor<2xf64>
    } else {
      %q = genc.sin %u : tensor<2xf64>
      genc.return %q : tensor<2xf64>
    }
    %in:2 = genc.while (%k = %zero, %z = %w) : tensor<i32>, tensor<2xf64> cond {
      %pk = genc.compare LT, %k, %two : (tensor<i32>, tensor<i32>) -> tensor<i1>
      genc.return %pk : tensor<i1>
    } do {
    ^bb0(%kk: tensor<i32>, %zz: tensor<2xf64>):
      %zv = genc.mul %zz, %v : tensor<2xf64>
      %zs = genc.add %zv, %sb : tensor<2xf64>
      %k2 = genc.add %kk, %one : tensor<i32>
      genc.return %k2, %zs : tensor<i32>, tensor<2xf64>
    }
    %j2 = genc.add %j, %m1 : tensor<i32>
    genc.return %j2, %v, %in#1 : tensor<i32>, tensor<2xf64>, tensor<2xf64>
  }
  %out = genc.mul %r#1, %r#2 : tensor<2xf64>
  return %out : tensor<2xf64>
}
)", {Fill::range(-0.9, 0.9), Fill::range(-0.9, 0.9), Fill::range(0.1, 0.5)});
  // A loop that never runs: the results are the initial values.
  passOnly("while_zero_trips", R"(
func.func @g(%x: tensor<3xf64>) -> tensor<3xf64> {
  %zero = genc.constant dense<0> : tensor<i32>
  %one = genc.constant dense<1> : tensor<i32>
  %r:2 = genc.while (%i = %zero, %v = %x) : tensor<i32>, tensor<3xf64> cond {
    %p = genc.compare LT, %i, %zero : (tensor<i32>, tensor<i32>) -> tensor<i1>
    genc.return %p : tensor<i1>
  } do {
  ^bb0(%j: tensor<i32>, %u: tensor<3xf64>):
    %t = genc.exp %u : tensor<3xf64>
    %j2 = genc.add %j, %one : tensor<i32>
    genc.return %j2, %t : tensor<i32>, tensor<3xf64>
  }
  %y = genc.mul %r#1, %x : tensor<3xf64>
  return %y : tensor<3xf64>
}
)", {any});
  // The same two-layer block called plainly (inlined, values saved) and
  // under each checkpoint policy (rematerialized in the backward sweep).
  const char *block = R"(
func.func private @block(%x: tensor<2x3xf64>, %w: tensor<3x3xf64>) -> tensor<2x3xf64> POLICY {
  %h = genc.dot_general %x, %w, batch = [] x [], contract = [1] x [0] : (tensor<2x3xf64>, tensor<3x3xf64>) -> tensor<2x3xf64>
  %t = genc.tanh %h : tensor<2x3xf64>
  %h2 = genc.dot_general %t, %w, batch = [] x [], contract = [1] x [0] : (tensor<2x3xf64>, tensor<3x3xf64>) -> tensor<2x3xf64>
  %y = genc.mul %h2, %t : tensor<2x3xf64>
  return %y : tensor<2x3xf64>
}
func.func @g(%x: tensor<2x3xf64>, %w: tensor<3x3xf64>) -> tensor<2x3xf64> {
  %t = genc.tanh %x : tensor<2x3xf64>
  %a = func.call @block(%t, %w) : (tensor<2x3xf64>, tensor<3x3xf64>) -> tensor<2x3xf64>
  %b = func.call @block(%a, %w) : (tensor<2x3xf64>, tensor<3x3xf64>) -> tensor<2x3xf64>
  %y = genc.mul %b, %t : tensor<2x3xf64>
  return %y : tensor<2x3xf64>
}
)";
  for (const char *policy :
       {"", "nothing_saveable", "dots_saveable", "everything_saveable"}) {
    std::string source = block;
    std::string attr = *policy ? std::string("attributes {genc.checkpoint = \"") +
                                     policy + "\"}"
                               : "";
    source.replace(source.find("POLICY"), 6, attr);
    passOnly(std::string("call_") + (*policy ? policy : "inlined"), source,
             {any, any});
  }
  // softplus with a custom rule (its true derivative, written stably).
  passOnly("custom_vjp_softplus", R"(
func.func private @softplus(%x: tensor<4xf64>, %s: tensor<4xf64>) -> tensor<4xf64> attributes {genc.custom_vjp = {fwd = @softplus_fwd, bwd = @softplus_bwd}} {
  %e = genc.exp %x : tensor<4xf64>
  %l = genc.log1p %e : tensor<4xf64>
  %y = genc.mul %l, %s : tensor<4xf64>
  return %y : tensor<4xf64>
}
func.func private @softplus_fwd(%x: tensor<4xf64>, %s: tensor<4xf64>) -> (tensor<4xf64>, tensor<4xf64>, tensor<4xf64>, tensor<4xf64>) {
  %y = func.call @softplus(%x, %s) : (tensor<4xf64>, tensor<4xf64>) -> tensor<4xf64>
  %l = genc.div %y, %s : tensor<4xf64>
  %sig = genc.logistic %x : tensor<4xf64>
  return %y, %sig, %s, %l : tensor<4xf64>, tensor<4xf64>, tensor<4xf64>, tensor<4xf64>
}
func.func private @softplus_bwd(%sig: tensor<4xf64>, %s: tensor<4xf64>, %l: tensor<4xf64>, %ct: tensor<4xf64>) -> (tensor<4xf64>, tensor<4xf64>) {
  %a = genc.mul %ct, %s : tensor<4xf64>
  %dx = genc.mul %a, %sig : tensor<4xf64>
  %ds = genc.mul %ct, %l : tensor<4xf64>
  return %dx, %ds : tensor<4xf64>, tensor<4xf64>
}
func.func @g(%x: tensor<4xf64>, %s: tensor<4xf64>) -> tensor<4xf64> {
  %t = genc.tanh %x : tensor<4xf64>
  %y = func.call @softplus(%t, %s) : (tensor<4xf64>, tensor<4xf64>) -> tensor<4xf64>
  %z = genc.mul %y, %x : tensor<4xf64>
  return %z : tensor<4xf64>
}
)", {Fill::range(-2.0, 2.0), positive});
  // f(x, s) = log1p(exp(x)) * s with a custom JVP rule (the true one):
  // reverse mode transposes the rule's tangent map.
  passOnly("custom_jvp_softplus", R"(
func.func private @softplus(%x: tensor<4xf64>, %s: tensor<4xf64>) -> tensor<4xf64> attributes {genc.custom_jvp = @softplus_jvp} {
  %e = genc.exp %x : tensor<4xf64>
  %l = genc.log1p %e : tensor<4xf64>
  %y = genc.mul %l, %s : tensor<4xf64>
  return %y : tensor<4xf64>
}
func.func private @softplus_jvp(%x: tensor<4xf64>, %s: tensor<4xf64>, %tx: tensor<4xf64>, %ts: tensor<4xf64>) -> (tensor<4xf64>, tensor<4xf64>) {
  %y = func.call @softplus(%x, %s) : (tensor<4xf64>, tensor<4xf64>) -> tensor<4xf64>
  %sig = genc.logistic %x : tensor<4xf64>
  %a = genc.mul %sig, %s : tensor<4xf64>
  %b = genc.mul %a, %tx : tensor<4xf64>
  %l = genc.div %y, %s : tensor<4xf64>
  %c = genc.mul %l, %ts : tensor<4xf64>
  %t = genc.add %b, %c : tensor<4xf64>
  return %y, %t : tensor<4xf64>, tensor<4xf64>
}
func.func @g(%x: tensor<4xf64>, %s: tensor<4xf64>) -> tensor<4xf64> {
  %t = genc.tanh %x : tensor<4xf64>
  %y = func.call @softplus(%t, %s) : (tensor<4xf64>, tensor<4xf64>) -> tensor<4xf64>
  %z = genc.mul %y, %x : tensor<4xf64>
  return %z : tensor<4xf64>
}
)", {Fill::range(-2.0, 2.0), positive});
  return cases;
}

//===----------------------------------------------------------------------===//
// The fixture
//===----------------------------------------------------------------------===//

class GradTest : public ::testing::TestWithParam<Case> {
protected:
  GradTest() {
    context.loadDialect<genc::GencDialect, func::FuncDialect>();
    handler.emplace(&context, [this](Diagnostic &d) {
      diagnostics += d.str() + "\n";
      return success();
    });
  }

  /// Parses the case's @g; records a failure and returns null on errors.
  OwningOpRef<ModuleOp> parse(const Case &c) {
    auto module = parseSourceString<ModuleOp>(c.source, &context);
    if (!module)
      ADD_FAILURE() << "cannot parse:\n" << c.source << "\n" << diagnostics;
    return module;
  }

  /// The arguments of @g filled as the case says (seeded by the case).
  std::vector<RefTensor> makeArgs(const Case &c, func::FuncOp g) {
    std::mt19937_64 rng(std::hash<std::string>{}(c.name));
    std::vector<RefTensor> args;
    for (auto [i, type] : llvm::enumerate(g.getArgumentTypes())) {
      auto t = cast<RankedTensorType>(type);
      const Fill &fill = c.fills.at(i);
      int64_t n = t.getNumElements();
      std::vector<double> values = fill.values;
      if (values.empty()) {
        std::uniform_real_distribution<double> dist(fill.lo, fill.hi);
        for (int64_t k = 0; k < n; ++k)
          values.push_back(dist(rng));
      }
      EXPECT_EQ((int64_t)values.size(), n) << "fill of argument " << i;
      values.resize(n);
      if (isa<FloatType>(t.getElementType())) {
        args.push_back(
            RefTensor::fromFloats(t.getElementType(), t.getShape(), values));
      } else {
        std::vector<int64_t> ints(values.begin(), values.end());
        args.push_back(
            RefTensor::fromInts(t.getElementType(), t.getShape(), ints));
      }
    }
    return args;
  }

  /// Fixed random weights of type `t`.
  DenseElementsAttr weights(const Case &c, RankedTensorType t) {
    std::mt19937_64 rng(std::hash<std::string>{}(c.name) ^ 0x5eed);
    std::uniform_real_distribution<double> dist(-1.0, 1.0);
    std::vector<double> w;
    for (int64_t k = 0; k < t.getNumElements(); ++k)
      w.push_back(dist(rng));
    return RefTensor::fromFloats(t.getElementType(), t.getShape(), w).toAttr();
  }

  static Value sumAll(OpBuilder &b, Location loc, Value v) {
    auto t = cast<RankedTensorType>(v.getType());
    if (t.getRank() == 0)
      return v;
    auto scalar = RankedTensorType::get({}, t.getElementType());
    Value zero = b.create<genc::ConstantOp>(
        loc, DenseElementsAttr::get(scalar,
                                    b.getFloatAttr(t.getElementType(), 0.0)));
    SmallVector<int64_t> dims;
    for (int64_t d = 0; d < t.getRank(); ++d)
      dims.push_back(d);
    return b.create<genc::ReduceOp>(
        loc, v, zero, dims,
        [](OpBuilder &nb, Location l, Value a, Value c) -> Value {
          return nb.create<genc::AddOp>(l, a, c);
        });
  }

  /// Adds @f(args) = sum(g(args) * w).
  func::FuncOp buildObjective(ModuleOp module, func::FuncOp g,
                              DenseElementsAttr w) {
    OpBuilder b(&context);
    Location loc = b.getUnknownLoc();
    b.setInsertionPointToEnd(module.getBody());
    auto yType = cast<RankedTensorType>(g.getResultTypes()[0]);
    auto f = b.create<func::FuncOp>(
        loc, "f",
        b.getFunctionType(g.getArgumentTypes(),
                          {RankedTensorType::get({}, yType.getElementType())}));
    Block *entry = f.addEntryBlock();
    b.setInsertionPointToStart(entry);
    auto call = b.create<func::CallOp>(loc, g, entry->getArguments());
    Value wv = b.create<genc::ConstantOp>(loc, w);
    Value p = b.create<genc::MulOp>(loc, call.getResult(0), wv);
    b.create<func::ReturnOp>(loc, sumAll(b, loc, p));
    return f;
  }

  /// Adds @grad(args) -> (cotangent of each float argument): a copy of @g's
  /// body, then a reverse sweep of buildVjp calls seeded with `w`.
  func::FuncOp buildRuleGradient(ModuleOp module, func::FuncOp g,
                                 DenseElementsAttr w) {
    OpBuilder b(&context);
    Location loc = b.getUnknownLoc();
    b.setInsertionPointToEnd(module.getBody());
    SmallVector<Type> gradTypes;
    for (Type t : g.getArgumentTypes())
      if (isFloatTensor(t))
        gradTypes.push_back(t);
    auto fn = b.create<func::FuncOp>(
        loc, "grad", b.getFunctionType(g.getArgumentTypes(), gradTypes));
    Block *entry = fn.addEntryBlock();
    b.setInsertionPointToEnd(entry);
    IRMapping map;
    Block &body = g.getBody().front();
    for (auto [from, to] :
         llvm::zip(body.getArguments(), entry->getArguments()))
      map.map(from, to);
    SmallVector<Operation *> forward;
    for (Operation &op : body.without_terminator())
      forward.push_back(b.clone(op, map));
    Value y = map.lookup(body.getTerminator()->getOperand(0));

    DenseMap<Value, Value> cts;
    auto accumulate = [&](Value v, Value ct) {
      Value &slot = cts[v];
      slot = slot ? b.create<genc::AddOp>(loc, slot, ct).getResult() : ct;
    };
    accumulate(y, b.create<genc::ConstantOp>(loc, w));
    for (Operation *op : llvm::reverse(forward)) {
      SmallVector<Value> resultCts;
      bool any = false;
      for (Value r : op->getResults()) {
        resultCts.push_back(cts.lookup(r));
        any |= resultCts.back() != nullptr;
      }
      if (!any || op->hasTrait<OpTrait::ConstantLike>())
        continue;
      auto rule = dyn_cast<genc::GradOpInterface>(op);
      if (!rule) {
        ADD_FAILURE() << "no GradOpInterface on "
                      << op->getName().getStringRef().str();
        return nullptr;
      }
      SmallVector<Value> operandCts;
      if (failed(rule.buildVjp(b, resultCts, operandCts))) {
        ADD_FAILURE() << "buildVjp failed on "
                      << op->getName().getStringRef().str();
        return nullptr;
      }
      if (operandCts.size() != op->getNumOperands()) {
        ADD_FAILURE() << op->getName().getStringRef().str() << " returned "
                      << operandCts.size() << " cotangents for "
                      << op->getNumOperands() << " operands";
        return nullptr;
      }
      for (auto [operand, ct] : llvm::zip(op->getOperands(), operandCts)) {
        if (!ct)
          continue;
        EXPECT_EQ(ct.getType(), operand.getType())
            << "cotangent type of an operand of "
            << op->getName().getStringRef().str();
        EXPECT_TRUE(isFloatTensor(operand.getType()))
            << op->getName().getStringRef().str()
            << " gave a cotangent to a non-float operand";
        if (ct.getType() == operand.getType())
          accumulate(operand, ct);
      }
    }
    SmallVector<Value> results;
    for (BlockArgument arg : entry->getArguments()) {
      if (!isFloatTensor(arg.getType()))
        continue;
      Value ct = cts.lookup(arg);
      if (!ct) {
        auto t = cast<RankedTensorType>(arg.getType());
        ct = b.create<genc::ConstantOp>(
            loc,
            DenseElementsAttr::get(t, b.getFloatAttr(t.getElementType(), 0.0)));
      }
      results.push_back(ct);
    }
    b.create<func::ReturnOp>(loc, results);
    return fn;
  }

  /// Adds @main(args) = genc.vjp @g(args) cotangents(w) over the float
  /// arguments, returning only the cotangents.
  func::FuncOp buildVjpCaller(ModuleOp module, func::FuncOp g,
                              DenseElementsAttr w) {
    OpBuilder b(&context);
    Location loc = b.getUnknownLoc();
    b.setInsertionPointToEnd(module.getBody());
    SmallVector<Type> gradTypes;
    SmallVector<int64_t> argnums;
    for (auto [i, t] : llvm::enumerate(g.getArgumentTypes()))
      if (isFloatTensor(t)) {
        gradTypes.push_back(t);
        argnums.push_back(i);
      }
    auto fn = b.create<func::FuncOp>(
        loc, "main", b.getFunctionType(g.getArgumentTypes(), gradTypes));
    Block *entry = fn.addEntryBlock();
    b.setInsertionPointToEnd(entry);
    Value ct = b.create<genc::ConstantOp>(loc, w);
    SmallVector<Type> resultTypes(g.getResultTypes());
    resultTypes.append(gradTypes);
    auto vjp =
        b.create<genc::VjpOp>(loc, resultTypes, g.getName(),
                              entry->getArguments(), ValueRange{ct}, argnums);
    b.create<func::ReturnOp>(loc,
                             vjp.getResults().drop_front(g.getNumResults()));
    return fn;
  }

  static bool isFloatTensor(Type t) {
    auto tt = dyn_cast<RankedTensorType>(t);
    return tt && isa<FloatType>(tt.getElementType());
  }

  double objective(func::FuncOp f, const std::vector<RefTensor> &args) {
    auto r = genc::interp::interpret(f, args);
    if (failed(r)) {
      ADD_FAILURE() << "interpreting @f failed: " << diagnostics;
      return NAN;
    }
    return (*r)[0].floats[0];
  }

  /// Compares `grads` (one per float argument) with central differences.
  void compareWithFiniteDifferences(const Case &c, func::FuncOp f,
                                    const std::vector<RefTensor> &args,
                                    ArrayRef<RefTensor> grads) {
    size_t k = 0;
    for (size_t i = 0; i < args.size(); ++i) {
      if (!args[i].isFloat())
        continue;
      ASSERT_LT(k, grads.size());
      const RefTensor &grad = grads[k++];
      ASSERT_EQ(grad.shape, args[i].shape) << "argument " << i;
      for (int64_t e = 0; e < args[i].numElements(); ++e) {
        std::vector<RefTensor> plus = args, minus = args;
        double x = args[i].getFloat(e);
        plus[i].setFloat(e, x + c.h);
        minus[i].setFloat(e, x - c.h);
        double h2 = plus[i].getFloat(e) - minus[i].getFloat(e);
        double fd = (objective(f, plus) - objective(f, minus)) / h2;
        double an = grad.getFloat(e);
        EXPECT_NEAR(an, fd, c.rtol * std::abs(fd) + c.atol)
            << "d f / d arg" << i << "[" << e << "] (x = " << x << ")";
      }
    }
    EXPECT_EQ(k, grads.size());
  }

  MLIRContext context;
  std::optional<ScopedDiagnosticHandler> handler;
  std::string diagnostics;
};

/// The rules alone, through a direct reverse sweep of buildVjp calls.
class RuleGradTest : public GradTest {};
/// The rules through the genc-autodiff pass (genc.vjp).
class PassGradTest : public GradTest {};

TEST_P(RuleGradTest, MatchesFiniteDifferences) {
  const Case &c = GetParam();
  OwningOpRef<ModuleOp> module = parse(c);
  ASSERT_TRUE(module);
  auto g = module->lookupSymbol<func::FuncOp>("g");
  ASSERT_TRUE(g);
  auto yType = cast<RankedTensorType>(g.getResultTypes()[0]);
  DenseElementsAttr w = weights(c, yType);
  func::FuncOp f = buildObjective(*module, g, w);
  func::FuncOp grad = buildRuleGradient(*module, g, w);
  ASSERT_TRUE(grad);
  ASSERT_TRUE(succeeded(verify(*module)))
      << "generated gradient does not verify: " << diagnostics;
  std::vector<RefTensor> args = makeArgs(c, g);
  auto grads = genc::interp::interpret(grad, args);
  ASSERT_TRUE(succeeded(grads))
      << "interpreting the gradient failed: " << diagnostics;
  compareWithFiniteDifferences(c, f, args, *grads);
}

TEST_P(PassGradTest, MatchesFiniteDifferences) {
  const Case &c = GetParam();
  OwningOpRef<ModuleOp> module = parse(c);
  ASSERT_TRUE(module);
  auto g = module->lookupSymbol<func::FuncOp>("g");
  ASSERT_TRUE(g);
  auto yType = cast<RankedTensorType>(g.getResultTypes()[0]);
  DenseElementsAttr w = weights(c, yType);
  func::FuncOp f = buildObjective(*module, g, w);
  buildVjpCaller(*module, g, w);
  PassManager pm(&context);
  pm.addPass(genc::createGencAutodiffPass());
  ASSERT_TRUE(succeeded(pm.run(*module)))
      << "genc-autodiff failed: " << diagnostics;
  auto main = module->lookupSymbol<func::FuncOp>("main");
  ASSERT_TRUE(main);
  std::vector<RefTensor> args = makeArgs(c, g);
  auto grads = genc::interp::interpret(main, args);
  ASSERT_TRUE(succeeded(grads))
      << "interpreting the adjoint failed: " << diagnostics;
  compareWithFiniteDifferences(c, f, args, *grads);
}

std::vector<Case> selectCases(bool Case::*flag) {
  std::vector<Case> selected;
  for (Case &c : allCases())
    if (c.*flag)
      selected.push_back(c);
  return selected;
}

std::string caseName(const ::testing::TestParamInfo<Case> &info) {
  return info.param.name;
}

INSTANTIATE_TEST_SUITE_P(Ops, RuleGradTest,
                         ::testing::ValuesIn(selectCases(&Case::viaRules)),
                         caseName);
INSTANTIATE_TEST_SUITE_P(Ops, PassGradTest,
                         ::testing::ValuesIn(selectCases(&Case::viaPass)),
                         caseName);

//===----------------------------------------------------------------------===//
// Contract checks that finite differences cannot see
//===----------------------------------------------------------------------===//

class GradContractTest : public ::testing::Test {
protected:
  GradContractTest() {
    context.loadDialect<genc::GencDialect, func::FuncDialect>();
  }
  MLIRContext context;
};

/// A null result cotangent gives null operand cotangents and no code; and
/// rules leave the insertion point where it was.
TEST_F(GradContractTest, NullCotangentEmitsNothing) {
  auto module = parseSourceString<ModuleOp>(
      "func.func @g(%a: tensor<3xf64>, %b: tensor<3xf64>) -> tensor<3xf64> {\n"
      "  %y = genc.mul %a, %b : tensor<3xf64>\n"
      "  return %y : tensor<3xf64>\n}\n",
      &context);
  ASSERT_TRUE(module);
  auto g = module->lookupSymbol<func::FuncOp>("g");
  Block &body = g.getBody().front();
  auto mul = cast<genc::GradOpInterface>(body.front());
  OpBuilder b(&context);
  b.setInsertionPoint(body.getTerminator());
  SmallVector<Value> cts;
  ASSERT_TRUE(succeeded(mul.buildVjp(b, ValueRange{Value()}, cts)));
  ASSERT_EQ(cts.size(), 2u);
  EXPECT_FALSE(cts[0]);
  EXPECT_FALSE(cts[1]);
  EXPECT_EQ(std::distance(body.begin(), body.end()), 2);
  EXPECT_EQ(b.getInsertionPoint(), Block::iterator(body.getTerminator()));
}

/// Integer operands get null cotangents even with a non-null cotangent;
/// every op the rules create carries the op's location.
TEST_F(GradContractTest, IntegerOperandsAndLocations) {
  auto module = parseSourceString<ModuleOp>(
      "func.func @g(%x: tensor<5x3xf64>, %i: tensor<2xi32>, %ct: "
      "tensor<2x3xf64>) -> tensor<2x3xf64> {\n"
      "  %y = genc.gather %x, %i axis = 0 : (tensor<5x3xf64>, tensor<2xi32>) "
      "-> tensor<2x3xf64> loc(\"here\":1:2)\n"
      "  return %y : tensor<2x3xf64>\n}\n",
      &context);
  ASSERT_TRUE(module);
  auto g = module->lookupSymbol<func::FuncOp>("g");
  Block &body = g.getBody().front();
  Operation *gather = &body.front();
  OpBuilder b(&context);
  b.setInsertionPoint(body.getTerminator());
  SmallVector<Value> cts;
  ASSERT_TRUE(succeeded(cast<genc::GradOpInterface>(gather).buildVjp(
      b, ValueRange{body.getArgument(2)}, cts)));
  ASSERT_EQ(cts.size(), 2u);
  EXPECT_TRUE(cts[0]);
  EXPECT_FALSE(cts[1]);
  for (Operation &op : body)
    if (&op != gather && !isa<func::ReturnOp>(op))
      EXPECT_EQ(op.getLoc(), gather->getLoc())
          << op.getName().getStringRef().str();
}

/// A reduce whose body is not one add/max/min/mul has no rule.
TEST_F(GradContractTest, ReduceWithOtherBodyFails) {
  auto module = parseSourceString<ModuleOp>(
      "func.func @g(%x: tensor<4xf64>, %i: tensor<f64>, %ct: tensor<f64>) -> "
      "tensor<f64> {\n"
      "  %y = genc.reduce %x, %i dims = [0] : (tensor<4xf64>, tensor<f64>) -> "
      "tensor<f64> {\n"
      "  ^bb0(%a: tensor<f64>, %b: tensor<f64>):\n"
      "    %t = genc.sub %a, %b : tensor<f64>\n"
      "    genc.return %t : tensor<f64>\n  }\n"
      "  return %y : tensor<f64>\n}\n",
      &context);
  ASSERT_TRUE(module);
  auto g = module->lookupSymbol<func::FuncOp>("g");
  Block &body = g.getBody().front();
  OpBuilder b(&context);
  b.setInsertionPoint(body.getTerminator());
  SmallVector<Value> cts;
  EXPECT_TRUE(failed(cast<genc::GradOpInterface>(body.front())
                         .buildVjp(b, ValueRange{body.getArgument(2)}, cts)));
}

} // namespace

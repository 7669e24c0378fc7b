//===- nn.cpp - Flax-style layers, initializers and activations -----------===//
//
// Only public frontend ops are used, so every layer traces inside jit as it
// runs eagerly. Each public function threads the caller's Loc through to the
// ops it calls so errors name the user's line.
//
//===----------------------------------------------------------------------===//

#include "genc/nn.h"

#include "genc/Random.h"

#include <cmath>

namespace genc::nn {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kSqrtHalf = 0.70710678118654752440;

std::string shapeText(const Shape &s) {
  return "[" + [&] {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i)
      out += (i ? ", " : "") + std::to_string(s[i]);
    return out;
  }() + "]";
}

/// params[name], which must exist.
const Tensor &lookup(const Params &params, const std::string &name,
                     const Loc &loc, const char *layer) {
  if (!params.contains(name)) {
    std::string have;
    for (const auto &[k, v] : params)
      have += (have.empty() ? "" : ", ") + k;
    fail(loc, layer,
         "missing parameter '" + name +
             "' (have: " + (have.empty() ? "none" : have) + ")");
  }
  const Tensor &t = params.at(name);
  if (!t.defined())
    fail(loc, layer, "parameter '" + name + "' is undefined");
  return t;
}

/// params[name], which must exist and have `shape`.
const Tensor &param(const Params &params, const std::string &name,
                    const Shape &shape, const Loc &loc, const char *layer) {
  const Tensor &t = lookup(params, name, loc, layer);
  if (t.shape() != shape)
    fail(loc, layer,
         "parameter '" + name + "' has shape " + shapeText(t.shape()) +
             ", expected " + shapeText(shape));
  return t;
}

void checkDefined(const Tensor &x, const Loc &loc, const char *layer,
                  const char *what = "input") {
  if (!x.defined())
    fail(loc, layer, std::string(what) + " is undefined");
}

void checkPositive(int64_t v, const char *name, const Loc &loc,
                   const char *layer) {
  if (v <= 0)
    fail(loc, layer,
         std::string(name) + " must be positive, got " + std::to_string(v));
}

void checkPadding(const std::string &padding, const Loc &loc,
                  const char *layer) {
  if (padding != "SAME" && padding != "VALID")
    fail(loc, layer,
         "padding must be \"SAME\" or \"VALID\", got \"" + padding + "\"");
}

void checkWindow(const std::vector<int64_t> &kernel,
                 const std::vector<int64_t> &strides, const Loc &loc,
                 const char *layer) {
  if (kernel.size() != 2)
    fail(loc, layer,
         "kernel_size needs 2 entries (kh, kw), got " +
             std::to_string(kernel.size()));
  if (strides.size() != 2)
    fail(loc, layer,
         "strides need 2 entries, got " + std::to_string(strides.size()));
  for (int64_t k : kernel)
    checkPositive(k, "kernel_size", loc, layer);
  for (int64_t s : strides)
    checkPositive(s, "strides", loc, layer);
}

/// Mean and fast variance E[x^2] - E[x]^2 (clamped at 0), as Flax's
/// _compute_stats with use_fast_variance.
std::pair<Tensor, Tensor> moments(const Tensor &x, const Axes &axes,
                                  bool keepdims, const Loc &loc) {
  Tensor m = mean(x, axes, keepdims, loc);
  Tensor m2 = mean(square(x, loc), axes, keepdims, loc);
  Tensor var =
      maximum(scalar_like(m, 0.0, loc), subtract(m2, square(m, loc), loc), loc);
  return {m, var};
}

Tensor normalize(const Tensor &x, const Tensor &m, const Tensor &var,
                 double epsilon, const Loc &loc) {
  return multiply(subtract(x, m, loc),
                  rsqrt(add(var, scalar_like(var, epsilon, loc), loc), loc),
                  loc);
}

/// erf(x) by Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7).
Tensor erfApprox(const Tensor &x, const Loc &loc) {
  auto c = [&](double v) { return scalar_like(x, v, loc); };
  Tensor a = abs(x, loc);
  Tensor t =
      divide(c(1.0), add(c(1.0), multiply(c(0.3275911), a, loc), loc), loc);
  Tensor poly = c(1.061405429);
  for (double k : {-1.453152027, 1.421413741, -0.284496736, 0.254829592})
    poly = add(multiply(poly, t, loc), c(k), loc);
  poly = multiply(poly, t, loc);
  Tensor y = subtract(
      c(1.0), multiply(poly, exp(negative(square(a, loc), loc), loc), loc),
      loc);
  return multiply(sign(x, loc), y, loc);
}

} // namespace

//===----------------------------------------------------------------------===//
// Initializers
//===----------------------------------------------------------------------===//

std::pair<double, double> compute_fans(const Shape &shape, int64_t in_axis,
                                       int64_t out_axis, Loc loc) {
  int64_t r = (int64_t)shape.size();
  if (r == 0)
    return {1.0, 1.0};
  if (r == 1)
    return {(double)shape[0], (double)shape[0]};
  int64_t ia = in_axis < 0 ? in_axis + r : in_axis;
  int64_t oa = out_axis < 0 ? out_axis + r : out_axis;
  if (ia < 0 || ia >= r || oa < 0 || oa >= r)
    fail(loc, "variance_scaling",
         "in_axis " + std::to_string(in_axis) + " or out_axis " +
             std::to_string(out_axis) + " is out of range for shape " +
             shapeText(shape));
  double total = 1;
  for (int64_t d : shape)
    total *= (double)d;
  if (shape[ia] == 0 || shape[oa] == 0)
    return {0.0, 0.0};
  double receptive = total / (double)shape[ia] / (double)shape[oa];
  return {(double)shape[ia] * receptive, (double)shape[oa] * receptive};
}

Tensor variance_scaling(const Tensor &key, const Shape &shape, double scale,
                        const std::string &mode,
                        const std::string &distribution, int64_t in_axis,
                        int64_t out_axis, DType dtype, Loc loc) {
  auto [fanIn, fanOut] = compute_fans(shape, in_axis, out_axis, loc);
  double denominator;
  if (mode == "fan_in")
    denominator = fanIn;
  else if (mode == "fan_out")
    denominator = fanOut;
  else if (mode == "fan_avg")
    denominator = (fanIn + fanOut) / 2;
  else
    fail(loc, "variance_scaling",
         "mode must be fan_in, fan_out or fan_avg, got \"" + mode + "\"");
  if (scale <= 0)
    fail(loc, "variance_scaling", "scale must be positive");
  double variance = scale / std::max(1.0, denominator);
  if (distribution == "truncated_normal") {
    // Standard deviation of a standard normal truncated to (-2, 2).
    double stddev = std::sqrt(variance) / .87962566103423978;
    Tensor t = random::truncated_normal(key, -2, 2, shape, f32, loc);
    return astype(multiply(t, scalar(stddev, f32, loc), loc), dtype, loc);
  }
  if (distribution == "normal") {
    Tensor n = random::normal(key, shape, f32, loc);
    return astype(multiply(n, scalar(std::sqrt(variance), f32, loc), loc),
                  dtype, loc);
  }
  if (distribution == "uniform") {
    double limit = std::sqrt(3 * variance);
    return astype(random::uniform(key, shape, f32, -limit, limit, loc), dtype,
                  loc);
  }
  fail(loc, "variance_scaling",
       "distribution must be truncated_normal, normal or uniform, got \"" +
           distribution + "\"");
}

Tensor lecun_normal(const Tensor &key, const Shape &shape, DType dtype,
                    Loc loc) {
  return variance_scaling(key, shape, 1.0, "fan_in", "truncated_normal", -2, -1,
                          dtype, loc);
}
Tensor he_normal(const Tensor &key, const Shape &shape, DType dtype, Loc loc) {
  return variance_scaling(key, shape, 2.0, "fan_in", "truncated_normal", -2, -1,
                          dtype, loc);
}
Tensor glorot_uniform(const Tensor &key, const Shape &shape, DType dtype,
                      Loc loc) {
  return variance_scaling(key, shape, 1.0, "fan_avg", "uniform", -2, -1, dtype,
                          loc);
}

//===----------------------------------------------------------------------===//
// Activations
//===----------------------------------------------------------------------===//

Tensor relu(const Tensor &x, Loc loc) { return genc::relu(x, loc); }

Tensor gelu(const Tensor &x, bool approximate, Loc loc) {
  auto c = [&](double v) { return scalar_like(x, v, loc); };
  if (approximate) {
    Tensor inner = multiply(
        c(std::sqrt(2.0 / kPi)),
        add(x, multiply(c(0.044715), multiply(x, square(x, loc), loc), loc),
            loc),
        loc);
    Tensor cdf = multiply(c(0.5), add(c(1.0), tanh(inner, loc), loc), loc);
    return multiply(x, cdf, loc);
  }
  Tensor cdf = multiply(
      c(0.5), add(c(1.0), erfApprox(multiply(x, c(kSqrtHalf), loc), loc), loc),
      loc);
  return multiply(x, cdf, loc);
}

Tensor silu(const Tensor &x, Loc loc) {
  return multiply(x, genc::sigmoid(x, loc), loc);
}
Tensor swish(const Tensor &x, Loc loc) { return silu(x, loc); }

Tensor leaky_relu(const Tensor &x, double negative_slope, Loc loc) {
  return where(greater_equal(x, scalar_like(x, 0.0, loc), loc), x,
               multiply(x, scalar_like(x, negative_slope, loc), loc), loc);
}

Tensor elu(const Tensor &x, double alpha, Loc loc) {
  Tensor zero = scalar_like(x, 0.0, loc);
  Tensor positive = greater(x, zero, loc);
  // expm1 only of the non-positive part, so large x cannot overflow.
  Tensor safe = where(positive, zero, x, loc);
  return where(positive, x,
               multiply(scalar_like(x, alpha, loc), expm1(safe, loc), loc),
               loc);
}

Tensor softplus(const Tensor &x, Loc loc) { return genc::softplus(x, loc); }
Tensor sigmoid(const Tensor &x, Loc loc) { return genc::sigmoid(x, loc); }
Tensor log_softmax(const Tensor &x, int64_t axis, Loc loc) {
  return genc::log_softmax(x, axis, loc);
}
Tensor softmax(const Tensor &x, int64_t axis, Loc loc) {
  return genc::softmax(x, axis, loc);
}

//===----------------------------------------------------------------------===//
// Dense
//===----------------------------------------------------------------------===//

Params Dense::init(const Tensor &key, const Shape &input_shape, Loc loc) const {
  checkPositive(features, "features", loc, "Dense");
  if (input_shape.empty())
    fail(loc, "Dense", "input shape needs at least one dimension");
  Params p;
  p["kernel"] = lecun_normal(key, {input_shape.back(), features}, f32, loc);
  if (use_bias)
    p["bias"] = zeros({features}, f32, loc);
  return p;
}

Tensor Dense::apply(const Params &params, const Tensor &x, Loc loc) const {
  checkDefined(x, loc, "Dense");
  if (x.rank() < 1)
    fail(loc, "Dense", "input must have at least one dimension");
  int64_t in = x.shape().back();
  const Tensor &k = lookup(params, "kernel", loc, "Dense");
  if (k.rank() != 2 || k.dim(1) != features)
    fail(loc, "Dense",
         "kernel has shape " + shapeText(k.shape()) + ", expected [in, " +
             std::to_string(features) + "]");
  if (k.dim(0) != in)
    fail(loc, "Dense",
         "input has " + std::to_string(in) +
             " features but the kernel expects " + std::to_string(k.dim(0)) +
             " (input shape " + shapeText(x.shape()) + ")");
  Tensor y = matmul(x, k, loc);
  if (use_bias)
    y = add(y, param(params, "bias", {features}, loc, "Dense"), loc);
  return y;
}

//===----------------------------------------------------------------------===//
// Convolutions
//===----------------------------------------------------------------------===//

namespace {

Params convInit(const Tensor &key, const Shape &input_shape, int64_t features,
                const std::vector<int64_t> &kernel,
                const std::vector<int64_t> &strides, const std::string &padding,
                bool useBias, const Loc &loc, const char *layer) {
  checkPositive(features, "features", loc, layer);
  checkWindow(kernel, strides, loc, layer);
  checkPadding(padding, loc, layer);
  if (input_shape.size() != 4)
    fail(loc, layer,
         "input shape must be NHWC (rank 4), got " + shapeText(input_shape));
  Params p;
  p["kernel"] = lecun_normal(
      key, {kernel[0], kernel[1], input_shape.back(), features}, f32, loc);
  if (useBias)
    p["bias"] = zeros({features}, f32, loc);
  return p;
}

/// Checks x (NHWC) against the kernel; returns the kernel.
const Tensor &convKernel(const Params &params, const Tensor &x,
                         int64_t features, const std::vector<int64_t> &kernel,
                         const std::vector<int64_t> &strides,
                         const std::string &padding, const Loc &loc,
                         const char *layer) {
  checkDefined(x, loc, layer);
  checkWindow(kernel, strides, loc, layer);
  checkPadding(padding, loc, layer);
  if (x.rank() != 4)
    fail(loc, layer,
         "input must be NHWC (rank 4), got shape " + shapeText(x.shape()));
  return param(params, "kernel", {kernel[0], kernel[1], x.dim(3), features},
               loc, layer);
}

} // namespace

Params Conv2D::init(const Tensor &key, const Shape &input_shape,
                    Loc loc) const {
  return convInit(key, input_shape, features, kernel_size, strides, padding,
                  use_bias, loc, "Conv2D");
}

Tensor Conv2D::apply(const Params &params, const Tensor &x, Loc loc) const {
  const Tensor &k = convKernel(params, x, features, kernel_size, strides,
                               padding, loc, "Conv2D");
  ConvOptions o;
  o.window_strides = strides;
  o.padding = padding;
  Tensor y = conv_general_dilated(x, k, o, loc);
  if (use_bias)
    y = add(y, param(params, "bias", {features}, loc, "Conv2D"), loc);
  return y;
}

Params ConvTranspose2D::init(const Tensor &key, const Shape &input_shape,
                             Loc loc) const {
  return convInit(key, input_shape, features, kernel_size, strides, padding,
                  use_bias, loc, "ConvTranspose2D");
}

Tensor ConvTranspose2D::apply(const Params &params, const Tensor &x,
                              Loc loc) const {
  const Tensor &k = convKernel(params, x, features, kernel_size, strides,
                               padding, loc, "ConvTranspose2D");
  Tensor y =
      conv_transpose(x, k, strides, padding, "NHWC", "HWIO", "NHWC", loc);
  if (use_bias)
    y = add(y, param(params, "bias", {features}, loc, "ConvTranspose2D"), loc);
  return y;
}

//===----------------------------------------------------------------------===//
// Normalization
//===----------------------------------------------------------------------===//

namespace {

Params scaleBias(const Shape &input_shape, const Loc &loc, const char *layer) {
  if (input_shape.empty())
    fail(loc, layer, "input shape needs at least one dimension");
  int64_t c = input_shape.back();
  return Params{{"bias", zeros({c}, f32, loc)}, {"scale", ones({c}, f32, loc)}};
}

Tensor scaleAndShift(const Params &params, const Tensor &y, const Loc &loc,
                     const char *layer) {
  int64_t c = y.shape().back();
  Tensor out = multiply(y, param(params, "scale", {c}, loc, layer), loc);
  return add(out, param(params, "bias", {c}, loc, layer), loc);
}

} // namespace

Params GroupNorm::init(const Tensor &, const Shape &input_shape,
                       Loc loc) const {
  checkPositive(num_groups, "num_groups", loc, "GroupNorm");
  if (!input_shape.empty() && input_shape.back() % num_groups != 0)
    fail(loc, "GroupNorm",
         "channels (" + std::to_string(input_shape.back()) +
             ") must be divisible by num_groups (" +
             std::to_string(num_groups) + ")");
  return scaleBias(input_shape, loc, "GroupNorm");
}

Tensor GroupNorm::apply(const Params &params, const Tensor &x, Loc loc) const {
  checkDefined(x, loc, "GroupNorm");
  checkPositive(num_groups, "num_groups", loc, "GroupNorm");
  if (x.rank() < 2)
    fail(loc, "GroupNorm",
         "input must be [batch, ..., channels], got shape " +
             shapeText(x.shape()));
  int64_t c = x.shape().back();
  if (c % num_groups != 0)
    fail(loc, "GroupNorm",
         "channels (" + std::to_string(c) +
             ") must be divisible by num_groups (" +
             std::to_string(num_groups) + ")");
  Shape grouped(x.shape().begin(), x.shape().end() - 1);
  grouped.push_back(num_groups);
  grouped.push_back(c / num_groups);
  Tensor xg = reshape(x, grouped, loc);
  int64_t r = (int64_t)grouped.size();
  Axes axes;
  for (int64_t a = 1; a < r - 2; ++a)
    axes.push_back(a);
  axes.push_back(r - 1);
  auto [m, var] = moments(xg, axes, /*keepdims=*/true, loc);
  // Statistics per channel, [B, 1, ..., 1, C] (each group's repeated over
  // its channels, a small tensor), so that the normalization of x itself
  // runs over x's own layout with channels innermost: one vectorizable
  // loop over C per pixel instead of G loops of C/G (4 for 16 channels in
  // 4 groups, which LLVM left scalar: the DDPM U-Net's GroupNorm + SiLU
  // kernels ran at ~17 ns per element).
  Shape statGrouped(grouped.size(), 1), stat(x.rank(), 1);
  statGrouped[0] = stat[0] = x.dim(0);
  statGrouped[r - 2] = num_groups;
  statGrouped[r - 1] = c / num_groups;
  stat.back() = c;
  auto perChannel = [&](const Tensor &t) {
    return reshape(broadcast_to(t, statGrouped, loc), stat, loc);
  };
  Tensor y = normalize(x, perChannel(m), perChannel(var), epsilon, loc);
  return scaleAndShift(params, y, loc, "GroupNorm");
}

Params LayerNorm::init(const Tensor &, const Shape &input_shape,
                       Loc loc) const {
  return scaleBias(input_shape, loc, "LayerNorm");
}

Tensor LayerNorm::apply(const Params &params, const Tensor &x, Loc loc) const {
  checkDefined(x, loc, "LayerNorm");
  if (x.rank() < 1)
    fail(loc, "LayerNorm", "input must have at least one dimension");
  auto [m, var] = moments(x, {-1}, /*keepdims=*/true, loc);
  return scaleAndShift(params, normalize(x, m, var, epsilon, loc), loc,
                       "LayerNorm");
}

Params BatchNorm::init(const Tensor &, const Shape &input_shape,
                       Loc loc) const {
  return scaleBias(input_shape, loc, "BatchNorm");
}

BatchNormState BatchNorm::init_state(const Shape &input_shape, Loc loc) const {
  if (input_shape.empty())
    fail(loc, "BatchNorm", "input shape needs at least one dimension");
  int64_t c = input_shape.back();
  return BatchNormState{{"mean", zeros({c}, f32, loc)},
                        {"var", ones({c}, f32, loc)}};
}

std::pair<Tensor, BatchNormState> BatchNorm::apply(const Params &params,
                                                   const BatchNormState &state,
                                                   const Tensor &x, bool train,
                                                   Loc loc) const {
  checkDefined(x, loc, "BatchNorm");
  if (x.rank() < 2)
    fail(loc, "BatchNorm",
         "input must be [batch, ..., features], got shape " +
             shapeText(x.shape()));
  int64_t c = x.shape().back();
  const Tensor &runMean = param(state, "mean", {c}, loc, "BatchNorm");
  const Tensor &runVar = param(state, "var", {c}, loc, "BatchNorm");
  if (!train)
    return {scaleAndShift(params, normalize(x, runMean, runVar, epsilon, loc),
                          loc, "BatchNorm"),
            state};
  Axes axes;
  for (int64_t a = 0; a + 1 < x.rank(); ++a)
    axes.push_back(a);
  auto [m, var] = moments(x, axes, /*keepdims=*/false, loc);
  Tensor y = scaleAndShift(params, normalize(x, m, var, epsilon, loc), loc,
                           "BatchNorm");
  auto ema = [&](const Tensor &old, const Tensor &batch) {
    return add(multiply(old, scalar_like(old, momentum, loc), loc),
               multiply(astype(batch, old.dtype(), loc),
                        scalar_like(old, 1.0 - momentum, loc), loc),
               loc);
  };
  BatchNormState next = state;
  next["mean"] = ema(runMean, m);
  next["var"] = ema(runVar, var);
  return {y, next};
}

//===----------------------------------------------------------------------===//
// Dropout and Embedding
//===----------------------------------------------------------------------===//

Tensor Dropout::apply(const Tensor &x, const Tensor &key, bool train,
                      Loc loc) const {
  checkDefined(x, loc, "Dropout");
  if (!(rate >= 0.0 && rate <= 1.0))
    fail(loc, "Dropout", "rate must be in [0, 1], got " + std::to_string(rate));
  if (!train || rate == 0.0)
    return x;
  if (rate == 1.0)
    return zeros_like(x, loc);
  double keep = 1.0 - rate;
  Tensor mask = random::bernoulli(key, keep, x.shape(), loc);
  return where(mask, divide(x, scalar_like(x, keep, loc), loc),
               scalar_like(x, 0.0, loc), loc);
}

Params Embedding::init(const Tensor &key, const Shape &, Loc loc) const {
  checkPositive(num_embeddings, "num_embeddings", loc, "Embedding");
  checkPositive(features, "features", loc, "Embedding");
  // Flax's default_embed_init: variance_scaling(1, "fan_in", "normal",
  // out_axis=0), whose fan_in for [num_embeddings, features] is features.
  return Params{
      {"embedding", variance_scaling(key, {num_embeddings, features}, 1.0,
                                     "fan_in", "normal", -2, 0, f32, loc)}};
}

Tensor Embedding::apply(const Params &params, const Tensor &indices,
                        Loc loc) const {
  checkDefined(indices, loc, "Embedding", "indices");
  DType d = indices.dtype();
  if (d != i32 && d != i64 && d != i8)
    fail(loc, "Embedding", "indices must be integers, got " + indices.aval());
  const Tensor &table =
      param(params, "embedding", {num_embeddings, features}, loc, "Embedding");
  return take(table, indices, 0, loc);
}

} // namespace genc::nn

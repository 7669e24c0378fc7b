// Tensor operations, named after jax.numpy / jax.lax. Binary ops broadcast
// with NumPy rules and promote dtypes (bool < int < float; mixed widths go
// to the wider type; f16 with bf16 gives f32); C++ scalars adopt the
// tensor's dtype (JAX's weak typing). Every op records the caller's source
// line; shape errors throw genc::Error naming it, at trace time.
#ifndef GENC_FRONTEND_OPS_H
#define GENC_FRONTEND_OPS_H

#include "genc/Tensor.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace genc {

using Axes = std::vector<int64_t>;

// Elementwise binary.
Tensor add(const Tensor &a, const Tensor &b, Loc loc = Loc::current());
Tensor subtract(const Tensor &a, const Tensor &b, Loc loc = Loc::current());
Tensor multiply(const Tensor &a, const Tensor &b, Loc loc = Loc::current());
Tensor divide(const Tensor &a, const Tensor &b, Loc loc = Loc::current());
Tensor power(const Tensor &a, const Tensor &b, Loc loc = Loc::current());
/// C-style remainder (sign of a), as lax.rem.
Tensor remainder(const Tensor &a, const Tensor &b, Loc loc = Loc::current());
/// Floor division (jnp.floor_divide): integers round toward -inf.
Tensor floor_divide(const Tensor &a, const Tensor &b, Loc loc = Loc::current());
Tensor maximum(const Tensor &a, const Tensor &b, Loc loc = Loc::current());
Tensor minimum(const Tensor &a, const Tensor &b, Loc loc = Loc::current());
Tensor equal(const Tensor &a, const Tensor &b, Loc loc = Loc::current());
Tensor not_equal(const Tensor &a, const Tensor &b, Loc loc = Loc::current());
Tensor less(const Tensor &a, const Tensor &b, Loc loc = Loc::current());
Tensor less_equal(const Tensor &a, const Tensor &b, Loc loc = Loc::current());
Tensor greater(const Tensor &a, const Tensor &b, Loc loc = Loc::current());
Tensor greater_equal(const Tensor &a, const Tensor &b, Loc loc = Loc::current());
Tensor logical_and(const Tensor &a, const Tensor &b, Loc loc = Loc::current());
Tensor logical_or(const Tensor &a, const Tensor &b, Loc loc = Loc::current());

// Elementwise unary.
Tensor negative(const Tensor &x, Loc loc = Loc::current());
Tensor abs(const Tensor &x, Loc loc = Loc::current());
Tensor sign(const Tensor &x, Loc loc = Loc::current());
Tensor exp(const Tensor &x, Loc loc = Loc::current());
Tensor log(const Tensor &x, Loc loc = Loc::current());
Tensor log1p(const Tensor &x, Loc loc = Loc::current());
Tensor expm1(const Tensor &x, Loc loc = Loc::current());
Tensor sqrt(const Tensor &x, Loc loc = Loc::current());
Tensor rsqrt(const Tensor &x, Loc loc = Loc::current());
Tensor square(const Tensor &x, Loc loc = Loc::current());
Tensor tanh(const Tensor &x, Loc loc = Loc::current());
Tensor sigmoid(const Tensor &x, Loc loc = Loc::current());
Tensor relu(const Tensor &x, Loc loc = Loc::current());
Tensor softplus(const Tensor &x, Loc loc = Loc::current());
Tensor sin(const Tensor &x, Loc loc = Loc::current());
Tensor cos(const Tensor &x, Loc loc = Loc::current());
Tensor floor(const Tensor &x, Loc loc = Loc::current());
/// Identity in value; grad treats it as a constant.
Tensor stop_gradient(const Tensor &x, Loc loc = Loc::current());
Tensor astype(const Tensor &x, DType dtype, Loc loc = Loc::current());
Tensor where(const Tensor &cond, const Tensor &a, const Tensor &b,
             Loc loc = Loc::current());
Tensor clip(const Tensor &x, double lo, double hi, Loc loc = Loc::current());

// Reductions (empty axes = all axes; negative axes count from the end).
Tensor sum(const Tensor &x, Axes axes = {}, bool keepdims = false,
           Loc loc = Loc::current());
Tensor mean(const Tensor &x, Axes axes = {}, bool keepdims = false,
            Loc loc = Loc::current());
Tensor max(const Tensor &x, Axes axes = {}, bool keepdims = false,
           Loc loc = Loc::current());
Tensor min(const Tensor &x, Axes axes = {}, bool keepdims = false,
           Loc loc = Loc::current());
Tensor prod(const Tensor &x, Axes axes = {}, bool keepdims = false,
            Loc loc = Loc::current());
/// Index of the first maximum along `axis` (i32).
Tensor argmax(const Tensor &x, int64_t axis, Loc loc = Loc::current());
Tensor logsumexp(const Tensor &x, Axes axes = {}, bool keepdims = false,
                 Loc loc = Loc::current());
Tensor softmax(const Tensor &x, int64_t axis = -1, Loc loc = Loc::current());
Tensor log_softmax(const Tensor &x, int64_t axis = -1, Loc loc = Loc::current());

// Shapes and layout.
/// One entry may be -1 (inferred).
Tensor reshape(const Tensor &x, Shape shape, Loc loc = Loc::current());
/// Empty perm reverses the axes.
Tensor transpose(const Tensor &x, Axes perm = {}, Loc loc = Loc::current());
Tensor broadcast_to(const Tensor &x, Shape shape, Loc loc = Loc::current());
Tensor expand_dims(const Tensor &x, int64_t axis, Loc loc = Loc::current());
Tensor squeeze(const Tensor &x, Axes axes = {}, Loc loc = Loc::current());
Tensor concatenate(const std::vector<Tensor> &xs, int64_t axis = 0,
                   Loc loc = Loc::current());
Tensor stack(const std::vector<Tensor> &xs, int64_t axis = 0,
             Loc loc = Loc::current());
/// Splits into `sections` equal parts along `axis`.
std::vector<Tensor> split(const Tensor &x, int64_t sections, int64_t axis = 0,
                          Loc loc = Loc::current());
/// (low, high) per axis, filled with `value`.
Tensor pad(const Tensor &x, std::vector<std::pair<int64_t, int64_t>> widths,
           double value = 0.0, Loc loc = Loc::current());
/// Static strided slice (lax.slice); empty strides = 1.
Tensor slice(const Tensor &x, Shape start, Shape limit, Shape strides = {},
             Loc loc = Loc::current());
/// jnp.take(x, indices, axis): indices clamped into range.
Tensor take(const Tensor &x, const Tensor &indices, int64_t axis = 0,
            Loc loc = Loc::current());
/// x.at[indices].add(updates) along `axis` (jnp; PyTorch's index_add):
/// updates has x's shape with dimension `axis` replaced by indices' shape;
/// repeated indices accumulate, out-of-range ones are dropped. Costs
/// O(|updates|) and updates a loop-carried x in place (a column written per
/// iteration of a fori_loop), where one_hot(i) * v would cost O(|x|).
Tensor scatter_add(const Tensor &x, const Tensor &indices, const Tensor &updates,
                   int64_t axis = 0, Loc loc = Loc::current());
Tensor one_hot(const Tensor &indices, int64_t depth, DType dtype = f32,
               Loc loc = Loc::current());

// Contractions.
/// NumPy matmul for rank >= 1 operands (batch dimensions broadcast).
Tensor matmul(const Tensor &a, const Tensor &b, Loc loc = Loc::current());
struct DotDims {
  Axes lhs_contracting, rhs_contracting, lhs_batch, rhs_batch;
};
Tensor dot_general(const Tensor &a, const Tensor &b, const DotDims &dims,
                   Loc loc = Loc::current());

/// Padding: explicit (low, high) per spatial dimension, or "SAME"/"VALID".
struct Padding {
  Padding(const char *mode) : mode(mode) {}
  Padding(std::string mode) : mode(std::move(mode)) {}
  Padding(std::vector<std::pair<int64_t, int64_t>> pairs)
      : pairs(std::move(pairs)) {}
  std::string mode;
  std::vector<std::pair<int64_t, int64_t>> pairs;
};
struct ConvOptions {
  Shape window_strides;        // default 1
  Padding padding = "VALID";
  Shape lhs_dilation;          // default 1
  Shape rhs_dilation;          // default 1
  /// Layout strings as in lax.conv_dimension_numbers: lhs, rhs, out.
  std::string lhs_spec = "NHWC", rhs_spec = "HWIO", out_spec = "NHWC";
  int64_t feature_group_count = 1;
};
Tensor conv_general_dilated(const Tensor &lhs, const Tensor &rhs,
                            const ConvOptions &options = {},
                            Loc loc = Loc::current());
/// lax.conv_transpose: the gradient-of-convolution shape rule; padding
/// "SAME" gives out = in * stride.
Tensor conv_transpose(const Tensor &lhs, const Tensor &rhs, Shape strides,
                      Padding padding = "SAME", std::string lhs_spec = "NHWC",
                      std::string rhs_spec = "HWIO",
                      std::string out_spec = "NHWC", Loc loc = Loc::current());

/// A Tensor argument that remembers where the expression was written, so
/// operators report the user's line.
struct At {
  At(const Tensor &t, Loc loc = Loc::current()) : tensor(t), loc(loc) {}
  const Tensor &tensor;
  Loc loc;
};
Tensor operator+(At a, const Tensor &b);
Tensor operator-(At a, const Tensor &b);
Tensor operator*(At a, const Tensor &b);
Tensor operator/(At a, const Tensor &b);
Tensor operator-(At a);
Tensor operator+(At a, double b);
Tensor operator-(At a, double b);
Tensor operator*(At a, double b);
Tensor operator/(At a, double b);
Tensor operator+(double a, At b);
Tensor operator-(double a, At b);
Tensor operator*(double a, At b);
Tensor operator/(double a, At b);

/// A 0-d tensor of x's dtype holding `value` (weakly typed scalar).
Tensor scalar_like(const Tensor &x, double value, Loc loc = Loc::current());

} // namespace genc

#endif // GENC_FRONTEND_OPS_H

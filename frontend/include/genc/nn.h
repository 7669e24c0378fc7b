// Neural-network layers in the Flax (linen) style: a layer is a plain struct
// of hyperparameters with
//   Params init(key, input_shape)      fresh parameters (Flax's defaults)
//   Tensor apply(params, x)            the forward pass
// Parameters are named as in Flax ("kernel", "bias", "scale", "embedding");
// nest them in a model with Params::insert("encoder/dense1", p) and take them
// back with params.scope("encoder/dense1"). Layers use only frontend ops, so
// they run eagerly or inside genc::jit alike.
//
//   nn::Dense dense{128};
//   Params p = dense.init(random::key(0), {32, 784});
//   Tensor y = nn::relu(dense.apply(p, x));
//
// Layout: images are NHWC, convolution kernels HWIO (as Flax).
// Initializers are Flax's defaults: kernels lecun_normal (a normal truncated
// to [-2, 2] standard deviations, scaled so the standard deviation is
// sqrt(1 / fan_in)), biases zeros, norm scales ones, embeddings a normal
// with standard deviation sqrt(1 / features). Random numbers come from the
// given key (one draw per layer); they are not bit-identical to Flax's,
// which derives per-parameter keys from module names.
//
// Thread safety: layers are immutable values; init and apply are pure.
#ifndef GENC_FRONTEND_NN_H
#define GENC_FRONTEND_NN_H

#include "genc/Ops.h"
#include "genc/Tree.h"

#include <string>
#include <utility>
#include <vector>

namespace genc::nn {

//===----------------------------------------------------------------------===//
// Initializers (jax.nn.initializers)
//===----------------------------------------------------------------------===//

/// Fan-in and fan-out of a kernel shape as jax.nn.initializers computes them:
/// in_axis/out_axis pick the dimensions, every other dimension is the
/// receptive field (so an HWIO kernel has fan_in = kh * kw * cin).
std::pair<double, double> compute_fans(const Shape &shape, int64_t in_axis = -2,
                                       int64_t out_axis = -1,
                                       Loc loc = Loc::current());

/// jax.nn.initializers.variance_scaling(scale, mode, distribution, in_axis,
/// out_axis): mode "fan_in", "fan_out" or "fan_avg"; distribution
/// "truncated_normal", "normal" or "uniform".
Tensor variance_scaling(const Tensor &key, const Shape &shape, double scale,
                        const std::string &mode,
                        const std::string &distribution, int64_t in_axis = -2,
                        int64_t out_axis = -1, DType dtype = f32,
                        Loc loc = Loc::current());
/// variance_scaling(1, "fan_in", "truncated_normal"): Flax's default kernel
/// initializer.
Tensor lecun_normal(const Tensor &key, const Shape &shape, DType dtype = f32,
                    Loc loc = Loc::current());
/// variance_scaling(2, "fan_in", "truncated_normal").
Tensor he_normal(const Tensor &key, const Shape &shape, DType dtype = f32,
                 Loc loc = Loc::current());
/// variance_scaling(1, "fan_avg", "uniform").
Tensor glorot_uniform(const Tensor &key, const Shape &shape, DType dtype = f32,
                      Loc loc = Loc::current());

//===----------------------------------------------------------------------===//
// Activations (jax.nn)
//===----------------------------------------------------------------------===//

Tensor relu(const Tensor &x, Loc loc = Loc::current());
/// jax.nn.gelu: the tanh approximation by default,
/// 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))); the exact form
/// x * (1 + erf(x / sqrt 2)) / 2 with approximate = false.
Tensor gelu(const Tensor &x, bool approximate = true, Loc loc = Loc::current());
/// x * sigmoid(x).
Tensor silu(const Tensor &x, Loc loc = Loc::current());
Tensor swish(const Tensor &x, Loc loc = Loc::current());
/// x where x >= 0, negative_slope * x elsewhere.
Tensor leaky_relu(const Tensor &x, double negative_slope = 0.01,
                  Loc loc = Loc::current());
/// x where x > 0, alpha * (exp(x) - 1) elsewhere.
Tensor elu(const Tensor &x, double alpha = 1.0, Loc loc = Loc::current());
/// log(1 + exp(x)), stable for large |x|.
Tensor softplus(const Tensor &x, Loc loc = Loc::current());
Tensor sigmoid(const Tensor &x, Loc loc = Loc::current());
Tensor log_softmax(const Tensor &x, int64_t axis = -1,
                   Loc loc = Loc::current());
Tensor softmax(const Tensor &x, int64_t axis = -1, Loc loc = Loc::current());

//===----------------------------------------------------------------------===//
// Layers
//===----------------------------------------------------------------------===//

/// y = x @ kernel + bias over the last axis. kernel: [in, features].
struct Dense {
  int64_t features = 0;
  bool use_bias = true;

  Params init(const Tensor &key, const Shape &input_shape,
              Loc loc = Loc::current()) const;
  Tensor apply(const Params &params, const Tensor &x,
               Loc loc = Loc::current()) const;
};

/// 2-D convolution, x NHWC, kernel HWIO [kh, kw, cin, features].
/// padding: "SAME", "VALID" (as Flax; default "SAME").
struct Conv2D {
  int64_t features = 0;
  std::vector<int64_t> kernel_size = {3, 3};
  std::vector<int64_t> strides = {1, 1};
  std::string padding = "SAME";
  bool use_bias = true;

  Params init(const Tensor &key, const Shape &input_shape,
              Loc loc = Loc::current()) const;
  Tensor apply(const Params &params, const Tensor &x,
               Loc loc = Loc::current()) const;
};

/// Transposed convolution (flax.linen.ConvTranspose: lax.conv_transpose,
/// kernel not flipped), x NHWC, kernel HWIO [kh, kw, cin, features].
/// "SAME" padding gives out = in * stride.
struct ConvTranspose2D {
  int64_t features = 0;
  std::vector<int64_t> kernel_size = {3, 3};
  std::vector<int64_t> strides = {1, 1};
  std::string padding = "SAME";
  bool use_bias = true;

  Params init(const Tensor &key, const Shape &input_shape,
              Loc loc = Loc::current()) const;
  Tensor apply(const Params &params, const Tensor &x,
               Loc loc = Loc::current()) const;
};

/// Group normalization over the last (channel) axis split in num_groups
/// groups; statistics per example over every non-batch axis of a group.
/// scale/bias: [channels].
struct GroupNorm {
  int64_t num_groups = 32;
  double epsilon = 1e-6;

  Params init(const Tensor &key, const Shape &input_shape,
              Loc loc = Loc::current()) const;
  Tensor apply(const Params &params, const Tensor &x,
               Loc loc = Loc::current()) const;
};

/// Layer normalization over the last axis. scale/bias: [features].
struct LayerNorm {
  double epsilon = 1e-6;

  Params init(const Tensor &key, const Shape &input_shape,
              Loc loc = Loc::current()) const;
  Tensor apply(const Params &params, const Tensor &x,
               Loc loc = Loc::current()) const;
};

/// Running statistics of a BatchNorm: {"mean", "var"}, each [features]
/// (Flax's "batch_stats" collection).
using BatchNormState = Params;

/// Batch normalization over every axis but the last. Training normalizes
/// with the batch's mean and (biased) variance and moves the running
/// averages: new = momentum * old + (1 - momentum) * batch; evaluation
/// normalizes with the running averages and returns the state unchanged.
struct BatchNorm {
  double momentum = 0.99;
  double epsilon = 1e-5;

  /// {"scale": ones, "bias": zeros}, [features].
  Params init(const Tensor &key, const Shape &input_shape,
              Loc loc = Loc::current()) const;
  /// {"mean": zeros, "var": ones}, [features].
  BatchNormState init_state(const Shape &input_shape,
                            Loc loc = Loc::current()) const;
  std::pair<Tensor, BatchNormState> apply(const Params &params,
                                          const BatchNormState &state,
                                          const Tensor &x, bool train,
                                          Loc loc = Loc::current()) const;
};

/// Inverted dropout: in training each element is kept with probability
/// 1 - rate and scaled by 1 / (1 - rate); identity in evaluation.
struct Dropout {
  double rate = 0.5;

  Tensor apply(const Tensor &x, const Tensor &key, bool train,
               Loc loc = Loc::current()) const;
};

/// A lookup table [num_embeddings, features]; apply(params, indices) gives
/// indices.shape + [features]. Out-of-range indices are clamped (genc::take).
struct Embedding {
  int64_t num_embeddings = 0;
  int64_t features = 0;

  /// input_shape is not used (any index shape works).
  Params init(const Tensor &key, const Shape &input_shape = {},
              Loc loc = Loc::current()) const;
  Tensor apply(const Params &params, const Tensor &indices,
               Loc loc = Loc::current()) const;
};

} // namespace genc::nn

#endif // GENC_FRONTEND_NN_H

// Normalizing flows for galaxy images, written with the genc frontend.
//
// Data and likelihood (Dinh et al. 2017, "Density estimation using Real
// NVP"): the 8-bit image k ∈ {0..255}^D is dequantized uniformly,
// y = (k + u)/256, u ~ U(0, 1)^D, then mapped to logit space,
// x = logit(α + (1 - 2α) y) with α = 0.05; the flow f maps x to z ~ N(0, I).
//   log p(y) = log N(f(x); 0, I) + log |det ∂f/∂x| + Σ log |∂x/∂y|
//   bits/dim = (-log p(y) + D log 256) / (D log 2)
// which bounds -log₂ P(k) / D from above (uniform dequantization).
//
// RealNVP, multi-scale: for each of `scales` scales,
//   3 affine couplings with checkerboard masks (alternating parity),
//   squeeze (2x2 space -> channels: [H, W, C] -> [H/2, W/2, 4C]),
//   3 affine couplings with channel masks (alternating halves),
//   factor out half the channels (they are z for that scale);
// then 4 checkerboard couplings on what is left (with `learned_split`, each
// factored-out half is first standardized by a mean and scale predicted
// from the half that goes on: Glow's split prior). A coupling with mask b:
//   y = b ⊙ x + (1 - b) ⊙ (x ⊙ exp(s(b ⊙ x)) + t(b ⊙ x)),
//   log |det| = Σ (1 - b) ⊙ s, s = tanh(raw) (bounded),
// s, t from a small CNN (3x3 conv, relu, 1x1 conv, relu, 3x3 conv whose
// output starts at zero, so each coupling starts as the identity). Both
// directions are one pass: density (x -> z) and sampling (z -> x).
//
// z is the concatenation of the flattened factored-out parts and the
// final one, [B, D]. Parameters: "coupling<i>/...".
// Thread safety: an immutable value; its functions are pure.
#ifndef GENC_ZOO_FLOW_H
#define GENC_ZOO_FLOW_H

#include <genc/genc.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace genc::zoo {

struct FlowConfig {
  int64_t image_size = 32; // divisible by 2^scales, >= 2 pixels left (RealNVP)
  int64_t scales = 2;      // RealNVP
  int64_t hidden = 32;     // channels of RealNVP's coupling CNNs / MADE units
  double alpha = 0.05;     // logit preprocessing
  int64_t layers = 4;      // MAF / IAF: autoregressive layers
  /// RealNVP: the factored-out half of each scale gets a learned prior
  /// conditioned on the half that goes on (Glow's split: z = (x_out -
  /// μ(x_rest)) e^{-log σ(x_rest)}, from a zero-initialized 3x3 conv) instead
  /// of N(0, I) directly, so the scales' noise carries the image's layout.
  bool learned_split = false;
};

/// What every image flow shares: dequantization, the logit map, bits/dim
/// and sampling around a bijection between logit-space images x
/// [B, S, S, 3] and z [B, D].
class ImageFlow {
public:
  explicit ImageFlow(FlowConfig config) : config_(config) {}
  virtual ~ImageFlow() = default;
  const FlowConfig &config() const { return config_; }
  int64_t dims() const { return config_.image_size * config_.image_size * 3; }

  virtual Params init(const Tensor &key) const = 0;
  /// log N(z(x); 0, I) + log |det ∂z/∂x| [B] for logit-space images.
  virtual Tensor log_prob_logit(const Params &p, const Tensor &x) const = 0;
  /// z [B, D] -> logit-space images [B, S, S, 3].
  virtual Tensor inverse(const Params &p, const Tensor &z) const = 0;

  /// log p(y) [B] in nats for y in (0, 1) (dequantized images).
  Tensor log_prob(const Params &p, const Tensor &y) const;
  /// Dequantized bits/dim [B] of 8-bit images given as k/255 in [0, 1],
  /// with the uniform noise from `key`.
  Tensor bits_per_dim(const Params &p, const Tensor &images, const Tensor &key) const;
  /// Images in [0, 1] from standard normal draws u [B, D].
  Tensor sample(const Params &p, const Tensor &u) const;

protected:
  FlowConfig config_;
};

/// log N(z; 0, I) summed over the last axis of z [B, D].
Tensor standard_normal_log_prob(const Tensor &z);

class RealNvp : public ImageFlow {
public:
  explicit RealNvp(FlowConfig config, Loc loc = Loc::current());

  Params init(const Tensor &key) const override;
  /// x (logit space, [B, S, S, 3]) -> (z [B, D], log |det ∂z/∂x| [B]).
  std::pair<Tensor, Tensor> forward(const Params &p, const Tensor &x) const;
  Tensor inverse(const Params &p, const Tensor &z) const override;
  Tensor log_prob_logit(const Params &p, const Tensor &x) const override;

private:
  struct Coupling {
    bool checkerboard = true;
    int parity = 0;          // which half is transformed
    int64_t channels = 0;    // of the tensor the coupling sees
    int64_t size = 0;        // its height = width
  };
  std::pair<Tensor, Tensor> scaleShift(const Params &p, const Coupling &c,
                                       const Tensor &conditioner) const;
  Tensor mask(const Coupling &c) const;
  /// The learned split prior of scale k: (μ, log σ) of the factored-out
  /// half from the rest [B, S, S, C].
  std::pair<Tensor, Tensor> splitPrior(const Params &p, int64_t k, const Tensor &rest) const;

  std::vector<Coupling> couplings_;
  nn::Conv2D conv1_, conv2_;
};

/// MAF (Papamakarios et al. 2017) and IAF (Kingma et al. 2016) on the
/// flattened image: `layers` affine autoregressive layers, each a MADE
/// (Germain et al. 2015) with one hidden layer of `hidden` relu units
/// (hidden degrees spread evenly over 1..D-1, masks built in the program
/// from iota comparisons), log-scale s = tanh(·), the output layer starting
/// at zero (identity), the order reversed in every other layer.
///   MAF  density  u = (x - μ(x)) e^{-s(x)}          one pass
///        sampling x_i = u_i e^{s_i(x_<i)} + μ_i(x_<i) one compiled loop
///   IAF  sampling x = u e^{s(u)} + μ(u)               one pass
///        density  u_i = (x_i - μ_i(u_<i)) e^{-s_i(u_<i)} one compiled loop
/// The loops update the MADE's hidden pre-activations incrementally (one
/// rank-1 update per dimension), so a sequential pass costs O(D·H) per
/// example, like one parallel pass, not O(D²·H).
class MadeFlow : public ImageFlow {
public:
  enum class Kind { Maf, Iaf };
  MadeFlow(Kind kind, FlowConfig config, Loc loc = Loc::current());
  Kind kind() const { return kind_; }

  Params init(const Tensor &key) const override;
  Tensor log_prob_logit(const Params &p, const Tensor &x) const override;
  Tensor inverse(const Params &p, const Tensor &z) const override;
  /// The sampling direction with the density of what it returns: z [B, D]
  /// -> (x [B, S, S, 3] in logit space, log q(x) [B] = log N(z) - Σ s).
  /// One pass for IAF (its density at its own samples needs no loop: the
  /// density distillation objective), the compiled loop for MAF.
  std::pair<Tensor, Tensor> inverse_with_log_prob(const Params &p, const Tensor &z) const;
  /// IAF: `p` (as initialized: output layers at zero) set so that sampling
  /// starts as independent Gaussians with the given per-dimension mean and
  /// log standard deviation in logit space (image order): the last layer's
  /// shifts are the means, the log-scales go to the last layers (each
  /// bounded by its tanh to ±0.9, the rest to the layer before, through the
  /// order reversals). Data-dependent initialization, like Glow's actnorm.
  Params with_marginals(Params p, const std::vector<float> &mean,
                        const std::vector<float> &logStd) const;

private:
  /// Masked weights of layer l: W1 ⊙ M1 [D, H], W2 ⊙ M2 [H, 2D].
  std::pair<Tensor, Tensor> maskedWeights(const Params &layer) const;
  /// (μ, s) [B, D] of layer l conditioned on c [B, D] (one pass).
  std::pair<Tensor, Tensor> made(const Params &layer, const Tensor &c) const;
  /// The sequential direction of layer l: out_i = t_i e^{s_i} + μ_i (MAF
  /// sampling) or (t_i - μ_i) e^{-s_i} (IAF density), with μ_i, s_i from
  /// out_<i; returns (out, Σ_i s_i).
  std::pair<Tensor, Tensor> sequential(const Params &layer, const Tensor &t,
                                       bool mafSample) const;
  Tensor permute(const Tensor &v, int64_t layer) const; // self-inverse

  Kind kind_;
};

/// "realnvp" | "maf" | "iaf" -> the flow; throws for anything else.
std::unique_ptr<ImageFlow> make_flow(const std::string &kind, FlowConfig config);

/// [B, H, W, C] -> [B, H/2, W/2, 4C] and back.
Tensor squeeze2x2(const Tensor &x);
Tensor unsqueeze2x2(const Tensor &x);

} // namespace genc::zoo

#endif // GENC_ZOO_FLOW_H

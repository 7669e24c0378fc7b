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
// then 4 checkerboard couplings on what is left. A coupling with mask b:
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

#include <string>
#include <utility>
#include <vector>

namespace genc::zoo {

struct FlowConfig {
  int64_t image_size = 32; // divisible by 2^(scales + 1)... see the checks
  int64_t scales = 2;
  int64_t hidden = 32;     // channels of the coupling CNNs
  double alpha = 0.05;     // logit preprocessing
};

class RealNvp {
public:
  explicit RealNvp(FlowConfig config, Loc loc = Loc::current());
  const FlowConfig &config() const { return config_; }
  int64_t dims() const { return config_.image_size * config_.image_size * 3; }

  Params init(const Tensor &key) const;
  /// x (logit space, [B, S, S, 3]) -> (z [B, D], log |det ∂z/∂x| [B]).
  std::pair<Tensor, Tensor> forward(const Params &p, const Tensor &x) const;
  /// z [B, D] -> x [B, S, S, 3] (the inverse of forward).
  Tensor inverse(const Params &p, const Tensor &z) const;

  /// log p(y) [B] in nats for y in (0, 1) (dequantized images).
  Tensor log_prob(const Params &p, const Tensor &y) const;
  /// Dequantized bits/dim [B] of 8-bit images given as k/255 in [0, 1],
  /// with the uniform noise from `key`.
  Tensor bits_per_dim(const Params &p, const Tensor &images, const Tensor &key) const;
  /// Images in [0, 1] from standard normal draws u [B, D].
  Tensor sample(const Params &p, const Tensor &u) const;

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

  FlowConfig config_;
  std::vector<Coupling> couplings_;
  nn::Conv2D conv1_, conv2_;
};

/// [B, H, W, C] -> [B, H/2, W/2, 4C] and back.
Tensor squeeze2x2(const Tensor &x);
Tensor unsqueeze2x2(const Tensor &x);

} // namespace genc::zoo

#endif // GENC_ZOO_FLOW_H

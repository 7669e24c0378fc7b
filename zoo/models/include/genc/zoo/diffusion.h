// DDPM (Ho et al. 2020) for galaxy images, written with the genc frontend.
//
// Images x in [0, 1] are modelled as x0 = 2x - 1 in [-1, 1].
//   forward   q(x_t | x0) = N(√ᾱ_t x0, (1 - ᾱ_t) I),  ᾱ_t = Π_{s≤t} (1 - β_s),
//             t = 0 .. T-1 (0-based: x_0 in the papers' notation is x0 here,
//             our t = 0 is their t = 1);
//   schedules "linear" β from 1e-4 to 0.02 (Ho et al.), "cosine"
//             ᾱ_t = f(t+1)/f(0), f(t) = cos²((t/T + 0.008)/1.008 · π/2), β
//             clipped to 0.999 (Nichol & Dhariwal 2021);
//   loss      E_{t, ε} |ε - ε_θ(√ᾱ_t x0 + √(1-ᾱ_t) ε, t)|², t uniform;
//   sampling  ancestral: x_{t-1} ~ q(x_{t-1} | x_t, x̂0) with the predicted
//             x̂0 = (x_t - √(1-ᾱ_t) ε_θ)/√ᾱ_t clipped to [-1, 1] (Ho et al.'s
//             sampler; unclipped it is x_{t-1} = (x_t - β_t/√(1-ᾱ_t) ε_θ)/√α_t
//             + σ_t z), σ_t² = β̃_t = β_t (1-ᾱ_{t-1})/(1-ᾱ_t), no noise at
//             the last step; the whole chain is ONE compiled loop
//             (genc.while) over a table of per-step coefficients. The strided sampler uses
//             the same loop on a subsequence τ of the timesteps with the
//             respaced β'_i = 1 - ᾱ_{τ_i}/ᾱ_{τ_{i-1}} (Nichol & Dhariwal).
//
// ε_θ is a small U-Net: 3x3 conv in; residual blocks (GroupNorm, SiLU,
// 3x3 conv, + a projection of the time embedding) at S, S/2, S/4 with
// stride-2 convolutions down and transposed convolutions up, skip
// concatenations, a middle block; GroupNorm, SiLU, 3x3 conv out. The time
// embedding is sinusoidal (128-d) -> Dense -> SiLU -> Dense.
// Thread safety: an immutable value; its functions are pure.
#ifndef GENC_ZOO_DIFFUSION_H
#define GENC_ZOO_DIFFUSION_H

#include <genc/genc.h>

#include <array>
#include <string>
#include <vector>

namespace genc::zoo {

struct DiffusionConfig {
  int64_t image_size = 32; // a multiple of 4
  int64_t timesteps = 1000;
  std::string schedule = "linear"; // or "cosine"
  std::array<int64_t, 3> channels = {32, 64, 128};
  int64_t groups = 8;      // GroupNorm groups (divides every width)
  int64_t time_dim = 128;
};

/// The noise schedule in double precision: betas[t], alphas_bar[t].
struct NoiseSchedule {
  std::vector<double> betas, alphas_bar;
};
NoiseSchedule make_schedule(const std::string &kind, int64_t timesteps);

/// The per-step coefficients of an ancestral sampler over the timesteps
/// `tau` (descending, ending at 0), in Ho et al.'s clipped form:
///   x0 = clip(x / √ᾱ_t - √(1/ᾱ_t - 1) ε_θ(x, τ_i), -1, 1)
///   x ← coef_x0_i x0 + coef_xt_i x + σ_i z
/// (without the clip this is x ← (x - β'/√(1-ᾱ_t) ε_θ)/√α' + σ z).
struct SamplerTable {
  std::vector<int32_t> t;
  std::vector<double> recip_sqrt_abar, sqrt_recip_abar_m1, coef_x0, coef_xt, sigma;
};
/// `steps` evenly spaced timesteps out of T (steps = T: the full chain).
SamplerTable sampler_table(const NoiseSchedule &s, int64_t steps);

class Diffusion {
public:
  explicit Diffusion(DiffusionConfig config, Loc loc = Loc::current());
  const DiffusionConfig &config() const { return config_; }
  const NoiseSchedule &schedule() const { return schedule_; }

  Params init(const Tensor &key) const;
  /// ε_θ(x_t, t): x_t [B, S, S, 3], t [B] (i32 timesteps).
  Tensor predict_noise(const Params &p, const Tensor &xt, const Tensor &t) const;
  /// √ᾱ_t x0 + √(1-ᾱ_t) ε for per-example t [B] (i32).
  Tensor q_sample(const Tensor &x0, const Tensor &t, const Tensor &noise) const;
  /// The ε-prediction loss (mean) of images x in [0, 1] with t and ε drawn
  /// from `key`.
  Tensor loss(const Params &p, const Tensor &x, const Tensor &key) const;
  /// Images in [0, 1] from the ancestral chain of `table` (one compiled
  /// loop), starting from N(0, I) noise drawn from `key`.
  Tensor sample(const Params &p, const Tensor &key, int64_t batch,
                const SamplerTable &table) const;

private:
  struct Block {
    nn::GroupNorm norm1, norm2;
    nn::Conv2D conv1, conv2, skip;
    nn::Dense time;
    bool project = false;
  };
  Params initBlock(const Block &b, const Tensor &key, const Shape &in,
                   int64_t temb) const;
  Tensor applyBlock(const Block &b, const Params &p, const Tensor &x,
                    const Tensor &temb) const;

  DiffusionConfig config_;
  NoiseSchedule schedule_;
  nn::Conv2D in_, out_;
  nn::Dense time1_, time2_;
  std::array<Block, 6> blocks_; // down0 down1 down2 mid up1 up0
  std::array<nn::Conv2D, 2> down_;
  std::array<nn::ConvTranspose2D, 2> up_;
  nn::GroupNorm outNorm_;
};

} // namespace genc::zoo

#endif // GENC_ZOO_DIFFUSION_H

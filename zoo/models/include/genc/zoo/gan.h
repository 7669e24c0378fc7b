// DCGAN and WGAN-GP for galaxy images, written with the genc frontend.
//
//   generator      z [B, latent] ~ N(0, I)
//                  -> Dense(S/8 * S/8 * c2) -> batch norm -> relu -> reshape
//                  -> ConvTranspose2D(c1, 4x4, stride 2) -> batch norm -> relu
//                  -> ConvTranspose2D(c0, 4x4, stride 2) -> batch norm -> relu
//                  -> ConvTranspose2D(3, 4x4, stride 2) -> sigmoid   [B, S, S, 3]
//   discriminator  x [B, S, S, 3] in [0, 1]
//   (critic)       -> Conv2D(c0, 4x4, stride 2) -> leaky relu (0.2)
//                  -> Conv2D(c1, 4x4, stride 2) -> leaky relu
//                  -> Conv2D(c2, 4x4, stride 2) -> leaky relu
//                  -> flatten -> Dense(1)                             [B]
//
// The generator's batch norm always normalizes with the batch's statistics
// (training and sampling alike: no running averages, so a checkpoint is
// just the weights); the discriminator has none (WGAN-GP's penalty is per
// example, which batch norm would break).
//
// Losses (per batch means; D is a logit for "dcgan", a score for "wgan-gp"):
//   dcgan    D: softplus(-D(x)) + softplus(D(G(z)))        (cross-entropy)
//            G: softplus(-D(G(z)))                         (non-saturating)
//   wgan-gp  D: D(G(z)) - D(x) + λ (|∇x̂ D(x̂)|₂ - 1)²,  x̂ = ε x + (1 - ε) G(z),
//               ε ~ U(0, 1) per example; the penalty's gradient with
//               respect to the critic is a gradient of a gradient (genc's
//               grad pass applied twice);
//            G: -D(G(z)).
// Parameters: "generator/...", "discriminator/...".
// Thread safety: a Gan is an immutable value; its functions are pure.
#ifndef GENC_ZOO_GAN_H
#define GENC_ZOO_GAN_H

#include <genc/genc.h>

#include <array>
#include <string>

namespace genc::zoo {

struct GanConfig {
  int64_t image_size = 32; // any multiple of 8
  int64_t latent = 64;
  std::array<int64_t, 3> channels = {32, 64, 128};
  std::string loss = "dcgan"; // or "wgan-gp"
  double gp_lambda = 10;
};

/// The discriminator's loss and what it is made of (scalar tensors).
struct GanDiscriminatorTerms {
  Tensor loss;
  Tensor real_score, fake_score; // mean D(x), mean D(G(z))
  Tensor penalty;                // λ (|∇D| - 1)² mean; 0 for dcgan
};

class Gan {
public:
  explicit Gan(GanConfig config, Loc loc = Loc::current());
  const GanConfig &config() const { return config_; }

  Params init_generator(const Tensor &key) const;
  Params init_discriminator(const Tensor &key) const;

  /// Images [B, S, S, 3] in [0, 1] from z [B, latent].
  Tensor generate(const Params &generator, const Tensor &z) const;
  /// D(x) [B].
  Tensor discriminate(const Params &discriminator, const Tensor &x) const;

  /// The penalty λ mean_i (|∇x D(x̂)_i|₂ - 1)² at the points x̂ [B, S, S, 3].
  Tensor gradient_penalty(const Params &discriminator, const Tensor &xHat) const;
  /// D's loss on real images x and fakes; `key` draws ε for wgan-gp.
  GanDiscriminatorTerms discriminator_terms(const Params &discriminator,
                                            const Tensor &real,
                                            const Tensor &fake,
                                            const Tensor &key) const;
  Tensor generator_loss(const Params &discriminator, const Tensor &fake) const;

private:
  GanConfig config_;
  nn::Dense expand_, score_;
  std::array<nn::ConvTranspose2D, 3> up_;
  std::array<nn::Conv2D, 3> down_;
  nn::BatchNorm norm_;
};

} // namespace genc::zoo

#endif // GENC_ZOO_GAN_H

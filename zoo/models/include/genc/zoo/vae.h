// The seed's convolutional β-VAE for galaxy images, written with the genc
// frontend (so every function here traces into genc IR and compiles).
//
//   encoder  x [B, S, S, 3] in [0, 1]
//            -> Conv2D(c0, 4x4, stride 2, SAME) -> relu      S/2
//            -> Conv2D(c1, 4x4, stride 2, SAME) -> relu      S/4
//            -> Conv2D(c2, 4x4, stride 2, SAME) -> relu      S/8
//            -> flatten -> Dense(2 * latent) -> (mu, logvar)
//   decoder  z [B, latent] -> Dense(S/8 * S/8 * c2) -> relu -> reshape
//            -> ConvTranspose2D(c1, 4x4, stride 2) -> relu  S/4
//            -> ConvTranspose2D(c0, 4x4, stride 2) -> relu  S/2
//            -> ConvTranspose2D(3, 4x4, stride 2)           S    (logits)
//
// Likelihood p(x|z), per pixel and channel on the [0, 1] intensities:
//   gaussian  (default) N(x; sigmoid(logits), σ²) with a fixed σ (0.1):
//             recon = Σ (x - μ)² / 2σ² + log(σ √(2π)), a proper density,
//             so -ELBO is comparable between runs with the same σ;
//   bernoulli binary cross-entropy with logits, Σ softplus(l) - x l (the
//             other common hands-on choice; on galaxy images, mostly sky
//             noise, it rewards structure ~13x less per pixel than σ = 0.1,
//             and the posterior nearly collapses: KL ≈ 5 nats).
// recon and kl = KL(q(z|x) || N(0, I)) are per image in nats, averaged over
// the batch; loss = recon + β kl. The validation -ELBO is recon + kl.
//
// Prior p(z): N(0, I) (kl in closed form), or with prior = "realnvp" the
// seed's second variant: a RealNVP flow of 4 affine coupling layers on the
// latent (alternating halves; scale and shift from an MLP of the other
// half, scale through tanh; the last layer of each MLP starts at zero, so
// the flow starts as the identity), trained jointly; kl is then the
// one-sample estimate log q(z|x) - log p(z) at the reparameterized z, with
// log p(z) = log N(g(z); 0, I) + log |det ∂g/∂z| for the flow's inverse g
// (one pass), and prior samples are f(u), u ~ N(0, I) (one pass).
//
// Parameters are named "encoder/conv0/kernel", ..., "decoder/deconv2/bias",
// "prior/coupling0/hidden/kernel", ....
// Thread safety: a Vae is an immutable value; its functions are pure.
#ifndef GENC_ZOO_VAE_H
#define GENC_ZOO_VAE_H

#include <genc/genc.h>

#include <array>
#include <string>
#include <utility>

namespace genc::zoo {

struct VaeConfig {
  int64_t image_size = 32; // 32 or 64 (any multiple of 8 works)
  int64_t latent = 16;
  std::array<int64_t, 3> channels = {32, 64, 128};
  /// The decoder's widths, in the encoder's order (its transposed
  /// convolutions use [2] at the start, then [1], [0]); zeros: `channels`.
  std::array<int64_t, 3> decoder_channels = {0, 0, 0};
  std::string likelihood = "gaussian"; // or "bernoulli"
  double sigma = 0.1;                  // of the gaussian likelihood
  std::string prior = "gaussian";      // or "realnvp"
  /// "none", or "group": GroupNorm (8 groups, or fewer when the channels
  /// do not divide) after every convolution but the decoder's last.
  std::string norm = "none";
  int64_t prior_layers = 4;            // RealNVP coupling layers
  int64_t prior_hidden = 64;           // width of their MLPs
};

/// Per-batch means of the loss terms (scalar f32 tensors).
struct VaeTerms {
  Tensor loss, recon, kl;
};

class Vae {
public:
  explicit Vae(VaeConfig config, Loc loc = Loc::current());

  const VaeConfig &config() const { return config_; }
  /// The decoder's widths in effect.
  std::array<int64_t, 3> decoderChannels() const;
  Params init(const Tensor &key) const;

  /// (mu, logvar), each [B, latent].
  std::pair<Tensor, Tensor> encode(const Params &params, const Tensor &x) const;
  /// Pixel logits [B, S, S, 3]; sigmoid gives the mean image.
  Tensor decode_logits(const Params &params, const Tensor &z) const;
  /// sigmoid(decode_logits).
  Tensor decode(const Params &params, const Tensor &z) const;
  /// log p(z) per example [B] under the prior.
  Tensor prior_log_prob(const Params &params, const Tensor &z) const;
  /// Prior samples [B, latent] from standard normal draws u [B, latent]
  /// (u itself for the Gaussian prior).
  Tensor prior_sample(const Params &params, const Tensor &u) const;
  /// The loss terms for a batch x with one reparameterization draw from
  /// `key`; `beta` is a scalar f32 tensor (data, so a β schedule does not
  /// retrace).
  VaeTerms terms(const Params &params, const Tensor &x, const Tensor &key,
                 const Tensor &beta) const;
  /// Per-example reconstruction term and KL, each [B] (for evaluation with
  /// padded batches).
  std::pair<Tensor, Tensor> example_terms(const Params &params, const Tensor &x,
                                          const Tensor &key) const;
  /// The same with the reparameterization noise `eps` [B, latent] given
  /// (data-parallel training draws it for the global batch and splits it).
  std::pair<Tensor, Tensor> example_terms_from_noise(const Params &params,
                                                     const Tensor &x,
                                                     const Tensor &eps) const;
  VaeTerms terms_from_noise(const Params &params, const Tensor &x,
                            const Tensor &eps, const Tensor &beta) const;

private:
  VaeConfig config_;
  std::array<nn::Conv2D, 3> enc_;
  nn::Dense head_, expand_;
  std::array<nn::ConvTranspose2D, 3> dec_;
  std::array<nn::GroupNorm, 5> norms_; // encoder 0-2, decoder 0-1
  nn::Dense couplingHidden_, couplingOut_;
  /// Scale and shift [B, k] of coupling layer i from its conditioner `a`.
  std::pair<Tensor, Tensor> coupling(const Params &params, int64_t i,
                                     const Tensor &a) const;
};

} // namespace genc::zoo

#endif // GENC_ZOO_VAE_H

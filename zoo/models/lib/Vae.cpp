// The galaxy β-VAE (see genc/zoo/vae.h).
#include "genc/zoo/vae.h"

#include <cmath>
#include <string>

namespace genc::zoo {

static nn::Conv2D down(int64_t features) {
  return nn::Conv2D{features, {4, 4}, {2, 2}, "SAME"};
}
static nn::ConvTranspose2D up(int64_t features) {
  return nn::ConvTranspose2D{features, {4, 4}, {2, 2}, "SAME"};
}

Vae::Vae(VaeConfig config, Loc loc) : config_(config) {
  if (config.image_size < 8 || config.image_size % 8 != 0)
    fail(loc, "Vae", "image size " + std::to_string(config.image_size) +
                         " is not a positive multiple of 8");
  if (config.latent <= 0)
    fail(loc, "Vae", "latent size must be positive");
  if (config.likelihood != "gaussian" && config.likelihood != "bernoulli")
    fail(loc, "Vae", "likelihood must be gaussian or bernoulli, not '" +
                         config.likelihood + "'");
  if (!(config.sigma > 0))
    fail(loc, "Vae", "the gaussian likelihood's sigma must be positive");
  const auto &c = config.channels;
  enc_ = {down(c[0]), down(c[1]), down(c[2])};
  head_ = nn::Dense{2 * config.latent};
  int64_t s = config.image_size / 8;
  expand_ = nn::Dense{s * s * c[2]};
  dec_ = {up(c[1]), up(c[0]), up(3)};
}

Params Vae::init(const Tensor &key) const {
  std::vector<Tensor> k = random::split_keys(key, 8);
  int64_t s = config_.image_size;
  const auto &c = config_.channels;
  Params p;
  Shape shape{1, s, s, 3};
  for (int i = 0; i < 3; ++i) {
    p.insert("encoder/conv" + std::to_string(i), enc_[i].init(k[i], shape));
    shape = {1, shape[1] / 2, shape[2] / 2, c[i]};
  }
  int64_t flat = shape[1] * shape[2] * shape[3];
  p.insert("encoder/head", head_.init(k[3], {1, flat}));
  p.insert("decoder/expand", expand_.init(k[4], {1, config_.latent}));
  shape = {1, s / 8, s / 8, c[2]};
  for (int i = 0; i < 3; ++i) {
    p.insert("decoder/deconv" + std::to_string(i), dec_[i].init(k[5 + i], shape));
    shape = {1, shape[1] * 2, shape[2] * 2, dec_[i].features};
  }
  return p;
}

std::pair<Tensor, Tensor> Vae::encode(const Params &params,
                                      const Tensor &x) const {
  Tensor h = x;
  for (int i = 0; i < 3; ++i)
    h = nn::relu(
        enc_[i].apply(params.scope("encoder/conv" + std::to_string(i)), h));
  h = reshape(h, {h.dim(0), -1});
  Tensor stats = head_.apply(params.scope("encoder/head"), h);
  int64_t l = config_.latent, b = stats.dim(0);
  return {slice(stats, {0, 0}, {b, l}), slice(stats, {0, l}, {b, 2 * l})};
}

Tensor Vae::decode_logits(const Params &params, const Tensor &z) const {
  int64_t s = config_.image_size / 8;
  Tensor h = nn::relu(expand_.apply(params.scope("decoder/expand"), z));
  h = reshape(h, {z.dim(0), s, s, config_.channels[2]});
  for (int i = 0; i < 3; ++i) {
    h = dec_[i].apply(params.scope("decoder/deconv" + std::to_string(i)), h);
    if (i < 2)
      h = nn::relu(h);
  }
  return h;
}

Tensor Vae::decode(const Params &params, const Tensor &z) const {
  return sigmoid(decode_logits(params, z));
}

std::pair<Tensor, Tensor> Vae::example_terms(const Params &params,
                                            const Tensor &x,
                                            const Tensor &key) const {
  auto [mu, logvar] = encode(params, x);
  Tensor eps = random::normal(key, mu.shape());
  Tensor z = mu + exp(logvar * 0.5) * eps;
  Tensor logits = decode_logits(params, z);
  Tensor recon;
  if (config_.likelihood == "bernoulli") {
    // BCE with logits: softplus(l) - x l, summed over each image.
    recon = sum(softplus(logits) - x * logits, {1, 2, 3});
  } else {
    double s = config_.sigma;
    double perPixel = std::log(s * std::sqrt(2 * M_PI));
    recon = sum(square(x - sigmoid(logits)), {1, 2, 3}) * (0.5 / (s * s)) +
            perPixel * (double)(x.dim(1) * x.dim(2) * x.dim(3));
  }
  Tensor kl = sum(exp(logvar) + square(mu) - logvar - 1.0, {1}) * 0.5;
  return {recon, kl};
}

VaeTerms Vae::terms(const Params &params, const Tensor &x, const Tensor &key,
                    const Tensor &beta) const {
  auto [recon, kl] = example_terms(params, x, key);
  Tensor r = mean(recon), k = mean(kl);
  return {r + beta * k, r, k};
}

} // namespace genc::zoo

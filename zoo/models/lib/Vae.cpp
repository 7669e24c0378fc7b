// The galaxy β-VAE (see genc/zoo/vae.h).
#include "genc/zoo/vae.h"

#include <cmath>
#include <numeric>
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
  if (config.norm != "none" && config.norm != "group")
    fail(loc, "Vae", "norm must be none or group, not '" + config.norm + "'");
  if (config.prior != "gaussian" && config.prior != "realnvp")
    fail(loc, "Vae", "prior must be gaussian or realnvp, not '" + config.prior + "'");
  if (config.prior == "realnvp" && (config.latent < 2 || config.prior_layers < 1 ||
                                    config.prior_hidden < 1))
    fail(loc, "Vae", "a realnvp prior needs latent >= 2 and positive layers and width");
  const auto &c = config.channels;
  for (int64_t w : config.decoder_channels)
    if (w < 0 || (w == 0) != (config.decoder_channels[0] == 0))
      fail(loc, "Vae", "decoder channels must be three positive widths (or all 0: the "
                       "encoder's)");
  enc_ = {down(c[0]), down(c[1]), down(c[2])};
  head_ = nn::Dense{2 * config.latent};
  int64_t s = config.image_size / 8;
  const auto dc = decoderChannels();
  expand_ = nn::Dense{s * s * dc[2]};
  dec_ = {up(dc[1]), up(dc[0]), up(3)};
  const int64_t normed[5] = {c[0], c[1], c[2], dc[1], dc[0]};
  for (int i = 0; i < 5; ++i)
    norms_[i] = nn::GroupNorm{std::gcd(normed[i], int64_t(8)), 1e-5};
  couplingHidden_ = nn::Dense{config.prior_hidden};
  // Scale and shift for the larger half (odd latent sizes).
  couplingOut_ = nn::Dense{2 * (config.latent - config.latent / 2)};
}

std::array<int64_t, 3> Vae::decoderChannels() const {
  return config_.decoder_channels[0] > 0 ? config_.decoder_channels : config_.channels;
}

Params Vae::init(const Tensor &key) const {
  std::vector<Tensor> k = random::split_keys(key, 9);
  int64_t s = config_.image_size;
  const auto &c = config_.channels;
  Params p;
  Shape shape{1, s, s, 3};
  for (int i = 0; i < 3; ++i) {
    p.insert("encoder/conv" + std::to_string(i), enc_[i].init(k[i], shape));
    shape = {1, shape[1] / 2, shape[2] / 2, c[i]};
    if (config_.norm == "group")
      p.insert("encoder/norm" + std::to_string(i), norms_[i].init(k[i], shape));
  }
  int64_t flat = shape[1] * shape[2] * shape[3];
  p.insert("encoder/head", head_.init(k[3], {1, flat}));
  p.insert("decoder/expand", expand_.init(k[4], {1, config_.latent}));
  shape = {1, s / 8, s / 8, decoderChannels()[2]};
  for (int i = 0; i < 3; ++i) {
    p.insert("decoder/deconv" + std::to_string(i), dec_[i].init(k[5 + i], shape));
    shape = {1, shape[1] * 2, shape[2] * 2, dec_[i].features};
    if (config_.norm == "group" && i < 2)
      p.insert("decoder/norm" + std::to_string(i), norms_[3 + i].init(k[5 + i], shape));
  }
  if (config_.prior == "realnvp") {
    std::vector<Tensor> pk = random::split_keys(k[8], config_.prior_layers);
    int64_t half = config_.latent - config_.latent / 2;
    for (int64_t i = 0; i < config_.prior_layers; ++i) {
      std::string name = "prior/coupling" + std::to_string(i);
      p.insert(name + "/hidden", couplingHidden_.init(pk[i], {1, half}));
      Params out = couplingOut_.init(pk[i], {1, config_.prior_hidden});
      p.insert(name + "/out", tree_map([](const Tensor &t) { return zeros_like(t); }, out));
    }
  }
  return p;
}

// Layer i transforms one half of z given the other: even layers the second
// half (dims [h, L)) given the first ([0, h)), odd layers the reverse. With
// L odd both halves are padded to the larger size by the MLP's output
// slicing below.
static std::pair<Tensor, Tensor> halves(const Tensor &z, int64_t i, int64_t h) {
  int64_t b = z.dim(0), l = z.dim(1);
  Tensor first = slice(z, {0, 0}, {b, h}), second = slice(z, {0, h}, {b, l});
  return i % 2 == 0 ? std::make_pair(first, second) : std::make_pair(second, first);
}

static Tensor join(const Tensor &a, const Tensor &b, int64_t i) {
  return i % 2 == 0 ? concatenate({a, b}, 1) : concatenate({b, a}, 1);
}

std::pair<Tensor, Tensor> Vae::coupling(const Params &params, int64_t i,
                                        const Tensor &a) const {
  std::string name = "prior/coupling" + std::to_string(i);
  int64_t half = config_.latent - config_.latent / 2;
  // Conditioners of either half size pad to the hidden layer's input.
  Tensor in = a.dim(1) == half ? a : pad(a, {{0, 0}, {0, half - a.dim(1)}});
  Tensor st = couplingOut_.apply(params.scope(name + "/out"),
                                 nn::relu(couplingHidden_.apply(
                                     params.scope(name + "/hidden"), in)));
  return {tanh(slice(st, {0, 0}, {st.dim(0), half})),
          slice(st, {0, half}, {st.dim(0), 2 * half})};
}

Tensor Vae::prior_log_prob(const Params &params, const Tensor &z) const {
  const double logRoot2Pi = 0.5 * std::log(2 * M_PI);
  if (config_.prior == "gaussian")
    return sum(square(z) * -0.5 - logRoot2Pi, {1});
  int64_t h = config_.latent / 2;
  Tensor u = z, logdet = zeros({z.dim(0)});
  for (int64_t i = 0; i < config_.prior_layers; ++i) {
    auto [a, b] = halves(u, i, h);
    auto [s, t] = coupling(params, i, a);
    s = slice(s, {0, 0}, {s.dim(0), b.dim(1)});
    t = slice(t, {0, 0}, {t.dim(0), b.dim(1)});
    u = join(a, (b - t) * exp(-s), i);
    logdet = logdet - sum(s, {1});
  }
  return sum(square(u) * -0.5 - logRoot2Pi, {1}) + logdet;
}

Tensor Vae::prior_sample(const Params &params, const Tensor &u) const {
  if (config_.prior == "gaussian")
    return u;
  int64_t h = config_.latent / 2;
  Tensor z = u;
  for (int64_t i = config_.prior_layers - 1; i >= 0; --i) {
    auto [a, b] = halves(z, i, h);
    auto [s, t] = coupling(params, i, a);
    s = slice(s, {0, 0}, {s.dim(0), b.dim(1)});
    t = slice(t, {0, 0}, {t.dim(0), b.dim(1)});
    z = join(a, b * exp(s) + t, i);
  }
  return z;
}

std::pair<Tensor, Tensor> Vae::encode(const Params &params,
                                      const Tensor &x) const {
  Tensor h = x;
  for (int i = 0; i < 3; ++i) {
    h = enc_[i].apply(params.scope("encoder/conv" + std::to_string(i)), h);
    if (config_.norm == "group")
      h = norms_[i].apply(params.scope("encoder/norm" + std::to_string(i)), h);
    h = nn::relu(h);
  }
  h = reshape(h, {h.dim(0), -1});
  Tensor stats = head_.apply(params.scope("encoder/head"), h);
  int64_t l = config_.latent, b = stats.dim(0);
  return {slice(stats, {0, 0}, {b, l}), slice(stats, {0, l}, {b, 2 * l})};
}

Tensor Vae::decode_logits(const Params &params, const Tensor &z) const {
  int64_t s = config_.image_size / 8;
  Tensor h = nn::relu(expand_.apply(params.scope("decoder/expand"), z));
  h = reshape(h, {z.dim(0), s, s, decoderChannels()[2]});
  for (int i = 0; i < 3; ++i) {
    h = dec_[i].apply(params.scope("decoder/deconv" + std::to_string(i)), h);
    if (i < 2) {
      if (config_.norm == "group")
        h = norms_[3 + i].apply(params.scope("decoder/norm" + std::to_string(i)), h);
      h = nn::relu(h);
    }
  }
  return h;
}

Tensor Vae::decode(const Params &params, const Tensor &z) const {
  return sigmoid(decode_logits(params, z));
}

std::pair<Tensor, Tensor> Vae::example_terms(const Params &params,
                                            const Tensor &x,
                                            const Tensor &key) const {
  return example_terms_from_noise(
      params, x, random::normal(key, {x.dim(0), config_.latent}));
}

std::pair<Tensor, Tensor>
Vae::example_terms_from_noise(const Params &params, const Tensor &x,
                              const Tensor &eps) const {
  auto [mu, logvar] = encode(params, x);
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
  Tensor kl;
  if (config_.prior == "gaussian") {
    kl = sum(exp(logvar) + square(mu) - logvar - 1.0, {1}) * 0.5;
  } else {
    // One-sample estimate at the reparameterized z.
    const double logRoot2Pi = 0.5 * std::log(2 * M_PI);
    Tensor logq = sum(logvar * -0.5 - square(eps) * 0.5 - logRoot2Pi, {1});
    kl = logq - prior_log_prob(params, z);
  }
  return {recon, kl};
}

VaeTerms Vae::terms(const Params &params, const Tensor &x, const Tensor &key,
                    const Tensor &beta) const {
  return terms_from_noise(params, x,
                          random::normal(key, {x.dim(0), config_.latent}),
                          beta);
}

VaeTerms Vae::terms_from_noise(const Params &params, const Tensor &x,
                               const Tensor &eps, const Tensor &beta) const {
  auto [recon, kl] = example_terms_from_noise(params, x, eps);
  Tensor r = mean(recon), k = mean(kl);
  return {r + beta * k, r, k};
}

} // namespace genc::zoo

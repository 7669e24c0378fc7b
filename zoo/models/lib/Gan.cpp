// DCGAN and WGAN-GP (see genc/zoo/gan.h).
#include "genc/zoo/gan.h"

#include <string>

namespace genc::zoo {

Gan::Gan(GanConfig config, Loc loc) : config_(config) {
  if (config.image_size < 8 || config.image_size % 8 != 0)
    fail(loc, "Gan", "image size " + std::to_string(config.image_size) +
                         " is not a positive multiple of 8");
  if (config.latent <= 0)
    fail(loc, "Gan", "latent size must be positive");
  if (config.loss != "dcgan" && config.loss != "wgan-gp")
    fail(loc, "Gan", "loss must be dcgan or wgan-gp, not '" + config.loss + "'");
  if (!(config.gp_lambda >= 0))
    fail(loc, "Gan", "the gradient penalty's lambda must be non-negative");
  const auto &c = config.channels;
  int64_t s = config.image_size / 8;
  expand_ = nn::Dense{s * s * c[2]};
  up_ = {nn::ConvTranspose2D{c[1], {4, 4}, {2, 2}, "SAME"},
         nn::ConvTranspose2D{c[0], {4, 4}, {2, 2}, "SAME"},
         nn::ConvTranspose2D{3, {4, 4}, {2, 2}, "SAME"}};
  down_ = {nn::Conv2D{c[0], {4, 4}, {2, 2}, "SAME"},
           nn::Conv2D{c[1], {4, 4}, {2, 2}, "SAME"},
           nn::Conv2D{c[2], {4, 4}, {2, 2}, "SAME"}};
  score_ = nn::Dense{1};
}

Params Gan::init_generator(const Tensor &key) const {
  std::vector<Tensor> k = random::split_keys(key, 4);
  const auto &c = config_.channels;
  int64_t s = config_.image_size / 8;
  Params p;
  p.insert("expand", expand_.init(k[0], {1, config_.latent}));
  p.insert("norm0", norm_.init(k[0], {1, s * s * c[2]}));
  Shape shape{1, s, s, c[2]};
  for (int i = 0; i < 3; ++i) {
    p.insert("deconv" + std::to_string(i), up_[i].init(k[1 + i], shape));
    shape = {1, shape[1] * 2, shape[2] * 2, up_[i].features};
    if (i < 2)
      p.insert("norm" + std::to_string(i + 1), norm_.init(k[1 + i], shape));
  }
  return p;
}

Params Gan::init_discriminator(const Tensor &key) const {
  std::vector<Tensor> k = random::split_keys(key, 4);
  Params p;
  Shape shape{1, config_.image_size, config_.image_size, 3};
  for (int i = 0; i < 3; ++i) {
    p.insert("conv" + std::to_string(i), down_[i].init(k[i], shape));
    shape = {1, shape[1] / 2, shape[2] / 2, down_[i].features};
  }
  p.insert("score", score_.init(k[3], {1, shape[1] * shape[2] * shape[3]}));
  return p;
}

Tensor Gan::generate(const Params &g, const Tensor &z) const {
  const auto &c = config_.channels;
  int64_t s = config_.image_size / 8, b = z.dim(0);
  // Batch statistics always (see the header); the running-average state
  // nn::BatchNorm would update is not kept.
  auto norm = [&](const std::string &name, const Tensor &h) {
    return norm_.apply(g.scope(name), norm_.init_state(h.shape()), h, true).first;
  };
  Tensor h = nn::relu(norm("norm0", expand_.apply(g.scope("expand"), z)));
  h = reshape(h, {b, s, s, c[2]});
  for (int i = 0; i < 2; ++i)
    h = nn::relu(norm("norm" + std::to_string(i + 1),
                      up_[i].apply(g.scope("deconv" + std::to_string(i)), h)));
  return nn::sigmoid(up_[2].apply(g.scope("deconv2"), h));
}

Tensor Gan::discriminate(const Params &d, const Tensor &x) const {
  Tensor h = x;
  for (int i = 0; i < 3; ++i)
    h = nn::leaky_relu(down_[i].apply(d.scope("conv" + std::to_string(i)), h), 0.2);
  h = reshape(h, {h.dim(0), -1});
  return reshape(score_.apply(d.scope("score"), h), {h.dim(0)});
}

Tensor Gan::gradient_penalty(const Params &d, const Tensor &xHat) const {
  // ∇x Σ_i D(x_i) has each example's own input gradient in its row.
  Tensor g = grad([&](const Tensor &x) { return sum(discriminate(d, x)); })(xHat);
  Tensor norm = sqrt(sum(g * g, {1, 2, 3}) + 1e-12);
  return config_.gp_lambda * mean(square(norm - 1.0));
}

GanDiscriminatorTerms Gan::discriminator_terms(const Params &d,
                                               const Tensor &real,
                                               const Tensor &fake,
                                               const Tensor &key) const {
  GanDiscriminatorTerms t;
  Tensor dr = discriminate(d, real), df = discriminate(d, fake);
  t.real_score = mean(dr);
  t.fake_score = mean(df);
  if (config_.loss == "dcgan") {
    t.loss = mean(nn::softplus(-dr)) + mean(nn::softplus(df));
    t.penalty = zeros_like(t.loss);
    return t;
  }
  int64_t b = real.dim(0);
  Tensor eps = random::uniform(key, {b, 1, 1, 1}, real.dtype());
  Tensor xHat = eps * real + (1.0 - eps) * fake;
  t.penalty = gradient_penalty(d, xHat);
  t.loss = t.fake_score - t.real_score + t.penalty;
  return t;
}

Tensor Gan::generator_loss(const Params &d, const Tensor &fake) const {
  Tensor df = discriminate(d, fake);
  return config_.loss == "dcgan" ? mean(nn::softplus(-df)) : -mean(df);
}

} // namespace genc::zoo

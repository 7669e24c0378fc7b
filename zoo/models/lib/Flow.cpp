// RealNVP (see genc/zoo/flow.h).
#include "genc/zoo/flow.h"

#include <cmath>
#include <string>

namespace genc::zoo {

Tensor squeeze2x2(const Tensor &x) {
  int64_t b = x.dim(0), h = x.dim(1), w = x.dim(2), c = x.dim(3);
  Tensor t = reshape(x, {b, h / 2, 2, w / 2, 2, c});
  return reshape(transpose(t, {0, 1, 3, 2, 4, 5}), {b, h / 2, w / 2, 4 * c});
}

Tensor unsqueeze2x2(const Tensor &x) {
  int64_t b = x.dim(0), h = x.dim(1), w = x.dim(2), c = x.dim(3) / 4;
  Tensor t = reshape(x, {b, h, w, 2, 2, c});
  return reshape(transpose(t, {0, 1, 3, 2, 4, 5}), {b, 2 * h, 2 * w, c});
}

RealNvp::RealNvp(FlowConfig config, Loc loc) : config_(config) {
  const int64_t s = config.image_size;
  if (config.scales < 0 || s <= 0 || s % (int64_t(1) << config.scales) != 0 ||
      (s >> config.scales) < 2)
    fail(loc, "RealNvp", "image size " + std::to_string(s) + " must be divisible by 2^" +
                             std::to_string(config.scales) +
                             " and leave at least 2x2 pixels at the last scale");
  if (config.hidden <= 0 || !(config.alpha > 0 && config.alpha < 0.5))
    fail(loc, "RealNvp", "hidden must be positive and alpha in (0, 0.5)");
  int64_t size = s, channels = 3;
  for (int64_t k = 0; k < config.scales; ++k) {
    for (int i = 0; i < 3; ++i)
      couplings_.push_back({true, i % 2, channels, size});
    size /= 2;
    channels *= 4;
    for (int i = 0; i < 3; ++i)
      couplings_.push_back({false, i % 2, channels, size});
    channels /= 2; // half is factored out
  }
  for (int i = 0; i < 4; ++i)
    couplings_.push_back({true, i % 2, channels, size});
  conv1_ = nn::Conv2D{config.hidden, {3, 3}, {1, 1}, "SAME"};
  conv2_ = nn::Conv2D{config.hidden, {1, 1}, {1, 1}, "SAME"};
}

/// The conditioner's last layer: 2 outputs (s, t) per transformed channel.
static nn::Conv2D outConv(int64_t features) {
  return nn::Conv2D{features, {3, 3}, {1, 1}, "SAME"};
}

/// Channels the conditioner sees and transforms.
static int64_t conditionerChannels(bool checkerboard, int64_t channels) {
  return checkerboard ? channels : channels / 2;
}

Params RealNvp::init(const Tensor &key) const {
  std::vector<Tensor> keys = random::split_keys(key, (int64_t)couplings_.size());
  Params p;
  for (size_t i = 0; i < couplings_.size(); ++i) {
    const Coupling &c = couplings_[i];
    int64_t cin = conditionerChannels(c.checkerboard, c.channels);
    Shape in{1, c.size, c.size, cin}, hid{1, c.size, c.size, config_.hidden};
    std::vector<Tensor> k = random::split_keys(keys[i], 3);
    std::string name = "coupling" + std::to_string(i);
    p.insert(name + "/conv1", conv1_.init(k[0], in));
    p.insert(name + "/conv2", conv2_.init(k[1], hid));
    p.insert(name + "/out", tree_map([](const Tensor &t) { return zeros_like(t); },
                                     outConv(2 * cin).init(k[2], hid)));
  }
  return p;
}

Tensor RealNvp::mask(const Coupling &c) const {
  std::vector<float> m(c.size * c.size);
  for (int64_t h = 0; h < c.size; ++h)
    for (int64_t w = 0; w < c.size; ++w)
      m[h * c.size + w] = (h + w) % 2 == c.parity ? 1.0f : 0.0f;
  return array(m, {1, c.size, c.size, 1});
}

std::pair<Tensor, Tensor> RealNvp::scaleShift(const Params &p, const Coupling &c,
                                              const Tensor &conditioner) const {
  int64_t cin = conditionerChannels(c.checkerboard, c.channels);
  Tensor h = nn::relu(conv1_.apply(p.scope("conv1"), conditioner));
  h = nn::relu(conv2_.apply(p.scope("conv2"), h));
  Tensor st = outConv(2 * cin).apply(p.scope("out"), h);
  int64_t b = st.dim(0);
  Tensor s = tanh(slice(st, {0, 0, 0, 0}, {b, c.size, c.size, cin}));
  Tensor t = slice(st, {0, 0, 0, cin}, {b, c.size, c.size, 2 * cin});
  return {s, t};
}

/// The two channel halves of x.
static std::pair<Tensor, Tensor> halves(const Tensor &x) {
  int64_t b = x.dim(0), h = x.dim(1), w = x.dim(2), c = x.dim(3);
  return {slice(x, {0, 0, 0, 0}, {b, h, w, c / 2}), slice(x, {0, 0, 0, c / 2}, {b, h, w, c})};
}

std::pair<Tensor, Tensor> RealNvp::forward(const Params &p, const Tensor &x) const {
  const int64_t b = x.dim(0);
  Tensor h = x, logdet = zeros({b});
  std::vector<Tensor> zs;
  size_t i = 0;
  auto couple = [&](const Coupling &c) {
    Params q = p.scope("coupling" + std::to_string(i++));
    if (c.checkerboard) {
      Tensor m = mask(c);
      auto [s, t] = scaleShift(q, c, h * m);
      Tensor inv = 1.0 - m;
      h = h * m + inv * (h * exp(s) + t);
      logdet = logdet + sum(inv * s, {1, 2, 3});
    } else {
      auto [a, bb] = halves(h);
      const Tensor &keep = c.parity == 0 ? a : bb;
      const Tensor &change = c.parity == 0 ? bb : a;
      auto [s, t] = scaleShift(q, c, keep);
      Tensor changed = change * exp(s) + t;
      h = c.parity == 0 ? concatenate({keep, changed}, 3) : concatenate({changed, keep}, 3);
      logdet = logdet + sum(s, {1, 2, 3});
    }
  };
  size_t next = 0;
  for (int64_t k = 0; k < config_.scales; ++k) {
    for (int j = 0; j < 3; ++j)
      couple(couplings_[next++]);
    h = squeeze2x2(h);
    for (int j = 0; j < 3; ++j)
      couple(couplings_[next++]);
    auto [out, rest] = halves(h);
    zs.push_back(reshape(out, {b, -1}));
    h = rest;
  }
  for (int j = 0; j < 4; ++j)
    couple(couplings_[next++]);
  zs.push_back(reshape(h, {b, -1}));
  return {concatenate(zs, 1), logdet};
}

Tensor RealNvp::inverse(const Params &p, const Tensor &z) const {
  const int64_t b = z.dim(0);
  // Cut z into the factored-out parts and the final one.
  std::vector<Shape> shapes;
  int64_t size = config_.image_size, channels = 3;
  for (int64_t k = 0; k < config_.scales; ++k) {
    size /= 2;
    channels *= 2; // 4C after the squeeze, half of it factored out
    shapes.push_back({b, size, size, channels});
  }
  shapes.push_back({b, size, size, channels});
  std::vector<Tensor> parts;
  int64_t offset = 0;
  for (const Shape &s : shapes) {
    int64_t n = s[1] * s[2] * s[3];
    parts.push_back(reshape(slice(z, {0, offset}, {b, offset + n}), s));
    offset += n;
  }
  Tensor h = parts.back();
  size_t i = couplings_.size();
  auto uncouple = [&](const Coupling &c) {
    Params q = p.scope("coupling" + std::to_string(--i));
    if (c.checkerboard) {
      Tensor m = mask(c);
      auto [s, t] = scaleShift(q, c, h * m);
      h = h * m + (1.0 - m) * ((h - t) * exp(-s));
    } else {
      auto [a, bb] = halves(h);
      const Tensor &keep = c.parity == 0 ? a : bb;
      const Tensor &changed = c.parity == 0 ? bb : a;
      auto [s, t] = scaleShift(q, c, keep);
      Tensor orig = (changed - t) * exp(-s);
      h = c.parity == 0 ? concatenate({keep, orig}, 3) : concatenate({orig, keep}, 3);
    }
  };
  size_t next = couplings_.size();
  for (int j = 0; j < 4; ++j)
    uncouple(couplings_[--next]);
  for (int64_t k = config_.scales - 1; k >= 0; --k) {
    h = concatenate({parts[k], h}, 3);
    for (int j = 0; j < 3; ++j)
      uncouple(couplings_[--next]);
    h = unsqueeze2x2(h);
    for (int j = 0; j < 3; ++j)
      uncouple(couplings_[--next]);
  }
  return h;
}

Tensor RealNvp::log_prob(const Params &p, const Tensor &y) const {
  const double a = config_.alpha;
  Tensor s = a + (1.0 - 2 * a) * y;
  Tensor x = log(s) - log(1.0 - s);
  // Σ log |dx/dy| = Σ [log(1 - 2α) - log s - log(1 - s)].
  Tensor pre = sum(std::log(1 - 2 * a) - log(s) - log(1.0 - s), {1, 2, 3});
  auto [z, logdet] = forward(p, x);
  Tensor logN = -0.5 * sum(z * z, {1}) - 0.5 * (double)dims() * std::log(2 * M_PI);
  return logN + logdet + pre;
}

Tensor RealNvp::bits_per_dim(const Params &p, const Tensor &images,
                             const Tensor &key) const {
  Tensor k = floor(images * 255.0 + 0.5);
  Tensor y = (k + random::uniform(key, images.shape())) / 256.0;
  const double d = (double)dims();
  return (-log_prob(p, y) + d * std::log(256.0)) / (d * std::log(2.0));
}

Tensor RealNvp::sample(const Params &p, const Tensor &u) const {
  const double a = config_.alpha;
  Tensor x = inverse(p, u);
  return clip((nn::sigmoid(x) - a) / (1 - 2 * a), 0.0, 1.0);
}

} // namespace genc::zoo

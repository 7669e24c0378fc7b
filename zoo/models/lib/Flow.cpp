// RealNVP (see genc/zoo/flow.h).
#include "genc/zoo/flow.h"

#include <algorithm>
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

RealNvp::RealNvp(FlowConfig config, Loc loc) : ImageFlow(config) {
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
  if (config_.learned_split) {
    // Zero-initialized: each split starts as the standard normal prior.
    int64_t size = config_.image_size, channels = 3;
    for (int64_t k = 0; k < config_.scales; ++k) {
      size /= 2;
      channels *= 2; // after the squeeze 4C, half goes on
      p.insert("split" + std::to_string(k),
               tree_map([](const Tensor &t) { return zeros_like(t); },
                        outConv(2 * channels).init(keys[0], {1, size, size, channels})));
    }
  }
  return p;
}

std::pair<Tensor, Tensor> RealNvp::splitPrior(const Params &p, int64_t k,
                                              const Tensor &rest) const {
  const int64_t b = rest.dim(0), s = rest.dim(1), c = rest.dim(3);
  Tensor st = outConv(2 * c).apply(p.scope("split" + std::to_string(k)), rest);
  // log σ bounded to (-3, 3) with slope 1 at 0, like the couplings' tanh.
  return {slice(st, {0, 0, 0, 0}, {b, s, s, c}),
          3.0 * tanh(slice(st, {0, 0, 0, c}, {b, s, s, 2 * c}) * (1.0 / 3.0))};
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
    if (config_.learned_split) {
      auto [mu, logSigma] = splitPrior(p, k, rest);
      out = (out - mu) * exp(-logSigma);
      logdet = logdet - sum(logSigma, {1, 2, 3});
    }
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
    Tensor out = parts[k];
    if (config_.learned_split) {
      auto [mu, logSigma] = splitPrior(p, k, h);
      out = out * exp(logSigma) + mu;
    }
    h = concatenate({out, h}, 3);
    for (int j = 0; j < 3; ++j)
      uncouple(couplings_[--next]);
    h = unsqueeze2x2(h);
    for (int j = 0; j < 3; ++j)
      uncouple(couplings_[--next]);
  }
  return h;
}

Tensor RealNvp::log_prob_logit(const Params &p, const Tensor &x) const {
  auto [z, logdet] = forward(p, x);
  return standard_normal_log_prob(z) + logdet;
}

//===----------------------------------------------------------------------===//
// What every image flow shares
//===----------------------------------------------------------------------===//

Tensor standard_normal_log_prob(const Tensor &z) {
  return -0.5 * sum(z * z, {1}) - 0.5 * (double)z.dim(1) * std::log(2 * M_PI);
}

Tensor ImageFlow::log_prob(const Params &p, const Tensor &y) const {
  const double a = config_.alpha;
  Tensor s = a + (1.0 - 2 * a) * y;
  Tensor x = log(s) - log(1.0 - s);
  // Σ log |dx/dy| = Σ [log(1 - 2α) - log s - log(1 - s)].
  Tensor pre = sum(std::log(1 - 2 * a) - log(s) - log(1.0 - s), {1, 2, 3});
  return log_prob_logit(p, x) + pre;
}

Tensor ImageFlow::bits_per_dim(const Params &p, const Tensor &images,
                               const Tensor &key) const {
  Tensor k = floor(images * 255.0 + 0.5);
  Tensor y = (k + random::uniform(key, images.shape())) / 256.0;
  const double d = (double)dims();
  return (-log_prob(p, y) + d * std::log(256.0)) / (d * std::log(2.0));
}

Tensor ImageFlow::sample(const Params &p, const Tensor &u) const {
  const double a = config_.alpha;
  Tensor x = inverse(p, u);
  return clip((nn::sigmoid(x) - a) / (1 - 2 * a), 0.0, 1.0);
}

//===----------------------------------------------------------------------===//
// MAF and IAF
//===----------------------------------------------------------------------===//

MadeFlow::MadeFlow(Kind kind, FlowConfig config, Loc loc)
    : ImageFlow(config), kind_(kind) {
  if (config.image_size <= 0 || config.layers <= 0 || config.hidden <= 0 ||
      !(config.alpha > 0 && config.alpha < 0.5))
    fail(loc, kind == Kind::Maf ? "MAF" : "IAF",
         "image size, layers and hidden must be positive and alpha in (0, 0.5)");
}

Params MadeFlow::init(const Tensor &key) const {
  const int64_t d = dims(), h = config_.hidden;
  std::vector<Tensor> keys = random::split_keys(key, config_.layers);
  Params p;
  for (int64_t l = 0; l < config_.layers; ++l) {
    std::string name = "layer" + std::to_string(l);
    // The first layer's fan-in is the number of inputs a unit sees (on
    // average half of D); the output layer starts at zero: identity.
    p.insert(name, Params{{"w1", random::normal(keys[l], {d, h}) * std::sqrt(2.0 / d)},
                          {"b1", zeros({h})},
                          {"w2", zeros({h, 2 * d})},
                          {"b2", zeros({2 * d})}});
  }
  return p;
}

std::pair<Tensor, Tensor> MadeFlow::maskedWeights(const Params &layer) const {
  const int64_t d = dims(), h = config_.hidden;
  // Input degrees 1..D, hidden degrees 1 + floor(k (D-1) / H) in 1..D-1.
  Tensor in = reshape(astype(arange(d), f32) + 1.0, {d, 1});
  Tensor hid = reshape(floor(astype(arange(h), f32) * ((double)(d - 1) / (double)h)) + 1.0,
                       {1, h});
  Tensor m1 = astype(less_equal(in, hid), f32);                      // [D, H]
  Tensor m2 = astype(less(transpose(hid, {1, 0}), reshape(in, {1, d})), f32); // [H, D]
  return {layer.at("w1") * m1, layer.at("w2") * concatenate({m2, m2}, 1)};
}

std::pair<Tensor, Tensor> MadeFlow::made(const Params &layer, const Tensor &c) const {
  const int64_t d = dims(), b = c.dim(0);
  auto [w1, w2] = maskedWeights(layer);
  Tensor hdn = nn::relu(matmul(c, w1) + layer.at("b1"));
  Tensor out = matmul(hdn, w2) + layer.at("b2");
  return {slice(out, {0, 0}, {b, d}), tanh(slice(out, {0, d}, {b, 2 * d}))};
}

std::pair<Tensor, Tensor> MadeFlow::sequential(const Params &layer, const Tensor &t,
                                               bool mafSample) const {
  const int64_t d = dims(), b = t.dim(0), h = config_.hidden;
  auto [w1, w2] = maskedWeights(layer);
  Tensor b1 = layer.at("b1"), b2 = layer.at("b2");
  std::vector<Tensor> init = {zeros({b, d}, t.dtype()), zeros({b, h}, t.dtype()),
                              zeros({b}, t.dtype())};
  std::vector<Tensor> out = fori_loop(
      0, d,
      [&](const Tensor &i, const std::vector<Tensor> &carry) {
        const Tensor &c = carry[0], &pre = carry[1], &sumS = carry[2];
        Tensor hdn = nn::relu(pre + b1);                                 // [B, H]
        Tensor mu = matmul(hdn, take(w2, i, 1)) + take(b2, i);          // [B]
        Tensor j = i + scalar((double)d, i32); // the log-scale column of dim i
        Tensor sc = tanh(matmul(hdn, take(w2, j, 1)) + take(b2, j));
        Tensor ti = take(t, i, 1);
        Tensor v = mafSample ? ti * exp(sc) + mu : (ti - mu) * exp(-sc);
        Tensor next = scatter_add(c, reshape(i, {1}), reshape(v, {b, 1}), 1);
        Tensor pre2 = pre + reshape(v, {b, 1}) * reshape(take(w1, i, 0), {1, h});
        return std::vector<Tensor>{next, pre2, sumS + sc};
      },
      init);
  return {out[0], out[2]};
}

Tensor MadeFlow::permute(const Tensor &v, int64_t layer) const {
  if (layer % 2 == 0)
    return v;
  const int64_t d = dims();
  return take(v, scalar((double)(d - 1), i32) - arange(d), 1);
}

Tensor MadeFlow::log_prob_logit(const Params &p, const Tensor &x) const {
  const int64_t b = x.dim(0);
  Tensor v = reshape(x, {b, dims()});
  Tensor logdet = zeros({b}, x.dtype());
  if (kind_ == Kind::Maf) {
    for (int64_t l = 0; l < config_.layers; ++l) {
      Params layer = p.scope("layer" + std::to_string(l));
      v = permute(v, l);
      auto [mu, s] = made(layer, v);
      v = (v - mu) * exp(-s);
      logdet = logdet - sum(s, {1});
    }
  } else {
    for (int64_t l = config_.layers - 1; l >= 0; --l) {
      auto [u, sumS] = sequential(p.scope("layer" + std::to_string(l)), v, false);
      v = permute(u, l);
      logdet = logdet - sumS;
    }
  }
  return standard_normal_log_prob(v) + logdet;
}

Tensor MadeFlow::inverse(const Params &p, const Tensor &z) const {
  return inverse_with_log_prob(p, z).first;
}

std::pair<Tensor, Tensor> MadeFlow::inverse_with_log_prob(const Params &p,
                                                          const Tensor &z) const {
  const int64_t b = z.dim(0), s = config_.image_size;
  Tensor v = z, sumS = zeros({b}, z.dtype());
  if (kind_ == Kind::Maf) {
    for (int64_t l = config_.layers - 1; l >= 0; --l) {
      auto [out, layerS] = sequential(p.scope("layer" + std::to_string(l)), v, true);
      v = permute(out, l);
      sumS = sumS + layerS;
    }
  } else {
    for (int64_t l = 0; l < config_.layers; ++l) {
      Params layer = p.scope("layer" + std::to_string(l));
      v = permute(v, l);
      auto [mu, sc] = made(layer, v);
      v = v * exp(sc) + mu;
      sumS = sumS + sum(sc, {1});
    }
  }
  // x = u e^{s} + μ per layer: log |det ∂x/∂z| = Σ s.
  return {reshape(v, {b, s, s, 3}), standard_normal_log_prob(z) - sumS};
}

Params MadeFlow::with_marginals(Params p, const std::vector<float> &mean,
                                const std::vector<float> &logStd) const {
  const int64_t d = dims(), layers = config_.layers;
  if (kind_ != Kind::Iaf || (int64_t)mean.size() != d || (int64_t)logStd.size() != d)
    throw Error("with_marginals: an IAF and " + std::to_string(d) + " means and log scales");
  std::vector<std::vector<float>> b2(layers, std::vector<float>(2 * d, 0.0f));
  std::vector<int64_t> at(d); // image dim j -> its index in layer l's output
  for (int64_t j = 0; j < d; ++j)
    at[j] = j;
  std::vector<double> left(logStd.begin(), logStd.end());
  for (int64_t l = layers - 1; l >= 0; --l) {
    for (int64_t j = 0; j < d; ++j) {
      if (l == layers - 1)
        b2[l][at[j]] = mean[j];
      double s = std::clamp(left[j], -0.9, 0.9);
      b2[l][d + at[j]] = (float)std::atanh(s);
      left[j] -= s;
    }
    if (l % 2 == 1) // layer l reverses its input: permute(v, l)
      for (int64_t j = 0; j < d; ++j)
        at[j] = d - 1 - at[j];
  }
  for (int64_t l = 0; l < layers; ++l)
    p["layer" + std::to_string(l) + "/b2"] = array(b2[l], {2 * d});
  return p;
}

std::unique_ptr<ImageFlow> make_flow(const std::string &kind, FlowConfig config) {
  if (kind == "realnvp")
    return std::make_unique<RealNvp>(config);
  if (kind == "maf")
    return std::make_unique<MadeFlow>(MadeFlow::Kind::Maf, config);
  if (kind == "iaf")
    return std::make_unique<MadeFlow>(MadeFlow::Kind::Iaf, config);
  throw Error("flow: expected realnvp, maf or iaf, got '" + kind + "'");
}

} // namespace genc::zoo

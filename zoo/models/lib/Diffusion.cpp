// DDPM (see genc/zoo/diffusion.h).
#include "genc/zoo/diffusion.h"

#include <cmath>
#include <string>

namespace genc::zoo {

NoiseSchedule make_schedule(const std::string &kind, int64_t T) {
  if (T < 2)
    throw Error("diffusion: need at least 2 timesteps, got " + std::to_string(T));
  NoiseSchedule s;
  s.betas.resize(T);
  if (kind == "linear") {
    for (int64_t t = 0; t < T; ++t)
      s.betas[t] = 1e-4 + (0.02 - 1e-4) * (double)t / (double)(T - 1);
  } else if (kind == "cosine") {
    auto f = [T](double t) {
      double c = std::cos((t / (double)T + 0.008) / 1.008 * M_PI / 2);
      return c * c;
    };
    for (int64_t t = 0; t < T; ++t)
      s.betas[t] = std::min(1.0 - f(t + 1) / f(t), 0.999);
  } else {
    throw Error("diffusion: schedule must be linear or cosine, not '" + kind + "'");
  }
  double a = 1;
  for (double b : s.betas)
    s.alphas_bar.push_back(a *= 1 - b);
  return s;
}

SamplerTable sampler_table(const NoiseSchedule &s, int64_t steps) {
  const int64_t T = (int64_t)s.betas.size();
  if (steps < 1 || steps > T)
    throw Error("diffusion: sampling steps must be in 1.." + std::to_string(T) +
                ", got " + std::to_string(steps));
  // Evenly spaced, descending, ending at 0: τ_i = round(i (T-1) / (steps-1)).
  std::vector<int64_t> tau;
  for (int64_t i = steps - 1; i >= 0; --i)
    tau.push_back(steps == 1 ? 0 : (int64_t)std::llround((double)i * (T - 1) / (steps - 1)));
  SamplerTable table;
  for (size_t i = 0; i < tau.size(); ++i) {
    int64_t t = tau[i];
    double abar = s.alphas_bar[t];
    double abarPrev = i + 1 < tau.size() ? s.alphas_bar[tau[i + 1]] : 1.0;
    double beta = 1 - abar / abarPrev; // respaced β' (= β_t for stride 1)
    table.t.push_back((int32_t)t);
    table.recip_sqrt_abar.push_back(1 / std::sqrt(abar));
    table.sqrt_recip_abar_m1.push_back(std::sqrt(1 / abar - 1));
    // The posterior q(x_prev | x_t, x0) of the respaced chain.
    table.coef_x0.push_back(std::sqrt(abarPrev) * beta / (1 - abar));
    table.coef_xt.push_back(std::sqrt(1 - beta) * (1 - abarPrev) / (1 - abar));
    double var = i + 1 < tau.size() ? beta * (1 - abarPrev) / (1 - abar) : 0.0;
    table.sigma.push_back(std::sqrt(std::max(var, 0.0)));
  }
  return table;
}

static Tensor constant(const std::vector<double> &v) {
  std::vector<float> f(v.begin(), v.end());
  return array(f, {(int64_t)f.size()});
}

Diffusion::Diffusion(DiffusionConfig config, Loc loc)
    : config_(config), schedule_(make_schedule(config.schedule, config.timesteps)) {
  const auto &c = config.channels;
  if (config.image_size < 4 || config.image_size % 4 != 0)
    fail(loc, "Diffusion", "image size " + std::to_string(config.image_size) +
                               " is not a positive multiple of 4");
  for (int64_t w : {c[0], c[1], c[2]})
    if (config.groups <= 0 || w % config.groups != 0)
      fail(loc, "Diffusion", "GroupNorm groups " + std::to_string(config.groups) +
                                 " must divide every width (" + std::to_string(w) + ")");
  if (config.time_dim <= 0 || config.time_dim % 2 != 0)
    fail(loc, "Diffusion", "the time embedding size must be positive and even");
  auto conv3 = [](int64_t f) { return nn::Conv2D{f, {3, 3}, {1, 1}, "SAME"}; };
  auto block = [&](int64_t in, int64_t out) {
    Block b;
    b.norm1 = nn::GroupNorm{config.groups};
    b.norm2 = nn::GroupNorm{config.groups};
    b.conv1 = conv3(out);
    b.conv2 = conv3(out);
    b.time = nn::Dense{out};
    b.project = in != out;
    b.skip = nn::Conv2D{out, {1, 1}, {1, 1}, "SAME"};
    return b;
  };
  in_ = conv3(c[0]);
  out_ = conv3(3);
  outNorm_ = nn::GroupNorm{config.groups};
  time1_ = nn::Dense{config.time_dim};
  time2_ = nn::Dense{config.time_dim};
  blocks_ = {block(c[0], c[0]),     block(c[1], c[1]),     block(c[2], c[2]),
             block(c[2], c[2]),     block(2 * c[1], c[1]), block(2 * c[0], c[0])};
  down_ = {nn::Conv2D{c[1], {3, 3}, {2, 2}, "SAME"}, nn::Conv2D{c[2], {3, 3}, {2, 2}, "SAME"}};
  up_ = {nn::ConvTranspose2D{c[1], {4, 4}, {2, 2}, "SAME"},
         nn::ConvTranspose2D{c[0], {4, 4}, {2, 2}, "SAME"}};
}

Params Diffusion::initBlock(const Block &b, const Tensor &key, const Shape &in,
                            int64_t temb) const {
  std::vector<Tensor> k = random::split_keys(key, 4);
  Shape out = {in[0], in[1], in[2], b.conv1.features};
  Params p;
  p.insert("norm1", b.norm1.init(k[0], in));
  p.insert("conv1", b.conv1.init(k[0], in));
  p.insert("time", b.time.init(k[1], {1, temb}));
  p.insert("norm2", b.norm2.init(k[2], out));
  // The residual branch starts at zero: each block starts as its skip.
  p.insert("conv2", tree_map([](const Tensor &t) { return zeros_like(t); },
                             b.conv2.init(k[2], out)));
  if (b.project)
    p.insert("skip", b.skip.init(k[3], in));
  return p;
}

Tensor Diffusion::applyBlock(const Block &b, const Params &p, const Tensor &x,
                             const Tensor &temb) const {
  Tensor h = b.conv1.apply(p.scope("conv1"), nn::silu(b.norm1.apply(p.scope("norm1"), x)));
  Tensor t = b.time.apply(p.scope("time"), nn::silu(temb)); // [B, C]
  h = h + reshape(t, {t.dim(0), 1, 1, t.dim(1)});
  h = b.conv2.apply(p.scope("conv2"), nn::silu(b.norm2.apply(p.scope("norm2"), h)));
  return h + (b.project ? b.skip.apply(p.scope("skip"), x) : x);
}

Params Diffusion::init(const Tensor &key) const {
  std::vector<Tensor> k = random::split_keys(key, 14);
  const auto &c = config_.channels;
  const int64_t s = config_.image_size, td = config_.time_dim;
  Params p;
  p.insert("time1", time1_.init(k[0], {1, td}));
  p.insert("time2", time2_.init(k[1], {1, td}));
  p.insert("in", in_.init(k[2], {1, s, s, 3}));
  const Shape at[6] = {{1, s, s, c[0]},         {1, s / 2, s / 2, c[1]},
                       {1, s / 4, s / 4, c[2]}, {1, s / 4, s / 4, c[2]},
                       {1, s / 2, s / 2, 2 * c[1]}, {1, s, s, 2 * c[0]}};
  const char *names[6] = {"down0", "down1", "down2", "mid", "up1", "up0"};
  for (int i = 0; i < 6; ++i)
    p.insert(names[i], initBlock(blocks_[i], k[3 + i], at[i], td));
  p.insert("downsample0", down_[0].init(k[9], {1, s, s, c[0]}));
  p.insert("downsample1", down_[1].init(k[10], {1, s / 2, s / 2, c[1]}));
  p.insert("upsample1", up_[0].init(k[11], {1, s / 4, s / 4, c[2]}));
  p.insert("upsample0", up_[1].init(k[12], {1, s / 2, s / 2, c[1]}));
  p.insert("out_norm", outNorm_.init(k[13], {1, s, s, c[0]}));
  p.insert("out", out_.init(k[13], {1, s, s, c[0]}));
  return p;
}

Tensor Diffusion::predict_noise(const Params &p, const Tensor &xt,
                                const Tensor &t) const {
  // Sinusoidal embedding of t: [sin(t f_k), cos(t f_k)], f_k = 10000^(-k/half).
  const int64_t half = config_.time_dim / 2;
  std::vector<float> freqs(half);
  for (int64_t k = 0; k < half; ++k)
    freqs[k] = (float)std::exp(-std::log(10000.0) * (double)k / (double)half);
  Tensor tf = reshape(astype(t, f32), {t.dim(0), 1}) * array(freqs, {1, half});
  Tensor temb = concatenate({sin(tf), cos(tf)}, 1);
  temb = time2_.apply(p.scope("time2"), nn::silu(time1_.apply(p.scope("time1"), temb)));

  Tensor h = in_.apply(p.scope("in"), xt);
  Tensor skip0 = applyBlock(blocks_[0], p.scope("down0"), h, temb);
  h = down_[0].apply(p.scope("downsample0"), skip0);
  Tensor skip1 = applyBlock(blocks_[1], p.scope("down1"), h, temb);
  h = down_[1].apply(p.scope("downsample1"), skip1);
  h = applyBlock(blocks_[2], p.scope("down2"), h, temb);
  h = applyBlock(blocks_[3], p.scope("mid"), h, temb);
  h = up_[0].apply(p.scope("upsample1"), h);
  h = applyBlock(blocks_[4], p.scope("up1"), concatenate({h, skip1}, 3), temb);
  h = up_[1].apply(p.scope("upsample0"), h);
  h = applyBlock(blocks_[5], p.scope("up0"), concatenate({h, skip0}, 3), temb);
  return out_.apply(p.scope("out"), nn::silu(outNorm_.apply(p.scope("out_norm"), h)));
}

Tensor Diffusion::q_sample(const Tensor &x0, const Tensor &t, const Tensor &noise) const {
  std::vector<double> a, b;
  for (double abar : schedule_.alphas_bar) {
    a.push_back(std::sqrt(abar));
    b.push_back(std::sqrt(1 - abar));
  }
  int64_t n = x0.dim(0);
  Tensor ca = reshape(take(constant(a), t), {n, 1, 1, 1});
  Tensor cb = reshape(take(constant(b), t), {n, 1, 1, 1});
  return ca * x0 + cb * noise;
}

Tensor Diffusion::loss(const Params &p, const Tensor &x, const Tensor &key) const {
  std::vector<Tensor> k = random::split_keys(key, 2);
  const int64_t n = x.dim(0), T = config_.timesteps;
  Tensor t = astype(minimum(floor(random::uniform(k[0], {n}) * (double)T),
                            scalar_like(x, (double)(T - 1))),
                    i32);
  Tensor noise = random::normal(k[1], x.shape());
  Tensor xt = q_sample(2.0 * x - 1.0, t, noise);
  return mean(square(noise - predict_noise(p, xt, t)));
}

Tensor Diffusion::sample(const Params &p, const Tensor &key, int64_t batch,
                         const SamplerTable &table) const {
  const int64_t s = config_.image_size, steps = (int64_t)table.t.size();
  std::vector<Tensor> k = random::split_keys(key, 2);
  Tensor ts = array(table.t, {steps}), ra = constant(table.recip_sqrt_abar),
         rm = constant(table.sqrt_recip_abar_m1), cx0 = constant(table.coef_x0),
         cxt = constant(table.coef_xt), sigma = constant(table.sigma);
  std::vector<Tensor> init = {random::normal(k[0], {batch, s, s, 3}), k[1]};
  std::vector<Tensor> out = fori_loop(
      0, steps,
      [&](const Tensor &i, const std::vector<Tensor> &carry) {
        const Tensor &x = carry[0];
        std::vector<Tensor> kk = random::split_keys(carry[1], 2);
        Tensor t = broadcast_to(take(ts, i), {batch});
        Tensor eps = predict_noise(p, x, t);
        Tensor x0 = clip(take(ra, i) * x - take(rm, i) * eps, -1.0, 1.0);
        Tensor z = random::normal(kk[1], x.shape());
        Tensor next = take(cx0, i) * x0 + take(cxt, i) * x + take(sigma, i) * z;
        return std::vector<Tensor>{next, kk[0]};
      },
      init);
  return clip((out[0] + 1.0) * 0.5, 0.0, 1.0);
}

} // namespace genc::zoo

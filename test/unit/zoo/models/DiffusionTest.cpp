// DDPM: the schedules, forward noising against its closed form, the
// sampler's coefficient table, a smoke run whose loss decreases, resume
// equivalence (EMA included), sampling and evaluation of a tiny run.
#include "genc/zoo/diffusion.h"
#include "genc/zoo/diffusion_train.h"
#include "genc/zoo/train.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

using namespace genc;
using namespace genc::zoo;

namespace {

DiffusionTrainOptions tiny(const std::string &name) {
  DiffusionTrainOptions o;
  o.count = 400;
  o.batch = 16;
  o.steps = 20;
  o.timesteps = 100;
  o.channels = {8, 16, 16};
  o.lr = 2e-3;
  o.warmup_steps = 0;
  o.sample_steps = 5;
  o.ema_decay = 0.9;
  o.checkpoint_every = 8;
  o.out = ::testing::TempDir() + "/genc_ddpm_" + name;
  o.seed = 2;
  return o;
}

DiffusionConfig smallConfig() {
  DiffusionConfig c;
  c.image_size = 8;
  c.timesteps = 50;
  c.channels = {4, 8, 8};
  c.groups = 4;
  c.time_dim = 16;
  return c;
}

} // namespace

TEST(Diffusion, Schedules) {
  NoiseSchedule lin = make_schedule("linear", 1000);
  EXPECT_DOUBLE_EQ(lin.betas.front(), 1e-4);
  EXPECT_DOUBLE_EQ(lin.betas.back(), 0.02);
  double prod = 1;
  for (int t = 0; t < 1000; ++t) {
    prod *= 1 - lin.betas[t];
    EXPECT_NEAR(lin.alphas_bar[t], prod, 1e-15);
  }
  // Ho et al.: ᾱ_T ≈ 4e-5, the chain ends close to pure noise.
  EXPECT_LT(lin.alphas_bar.back(), 1e-4);
  NoiseSchedule cos = make_schedule("cosine", 1000);
  auto f = [](double t) {
    double c = std::cos((t / 1000 + 0.008) / 1.008 * M_PI / 2);
    return c * c;
  };
  for (int t : {0, 100, 500, 900})
    EXPECT_NEAR(cos.alphas_bar[t], f(t + 1) / f(0), 1e-12) << t;
  for (int t = 1; t < 1000; ++t) {
    EXPECT_LT(cos.alphas_bar[t], cos.alphas_bar[t - 1]);
    EXPECT_LE(cos.betas[t], 0.999);
  }
  EXPECT_THROW(make_schedule("sigmoid", 10), Error);
  EXPECT_THROW(make_schedule("linear", 1), Error);
}

// q(x_t | x0) = N(√ᾱ_t x0, (1 - ᾱ_t) I): (1) the compiled q_sample is that
// affine map of its noise, exactly, for per-example t; (2) running the
// one-step chain x_t = √(1-β_t) x_{t-1} + √β_t ε from x0 gives the same
// mean and variance (Monte Carlo, 20000 chains).
TEST(Diffusion, ForwardNoisingMatchesItsClosedForm) {
  Diffusion model(smallConfig());
  const NoiseSchedule &s = model.schedule();
  Tensor x0 = random::uniform(random::key(1), {3, 8, 8, 3}) * 2.0 - 1.0;
  Tensor noise = random::normal(random::key(2), {3, 8, 8, 3});
  std::vector<int32_t> ts = {0, 17, 49};
  Tensor xt = jit([&](const Tensor &x, const Tensor &t, const Tensor &n) {
    return model.q_sample(x, t, n);
  })(x0, array(ts, {3}), noise);
  std::vector<float> a = x0.to_vector<float>(), e = noise.to_vector<float>(),
                     got = xt.to_vector<float>();
  for (size_t i = 0; i < got.size(); ++i) {
    int t = ts[i / 192];
    double want = std::sqrt(s.alphas_bar[t]) * a[i] + std::sqrt(1 - s.alphas_bar[t]) * e[i];
    ASSERT_NEAR(got[i], want, 1e-5) << i;
  }
  // The chain, for one scalar x0 = 0.7, to t = 30.
  const int t = 30, chains = 20000;
  std::mt19937_64 rng(7);
  std::normal_distribution<double> n01;
  double m = 0, m2 = 0;
  for (int c = 0; c < chains; ++c) {
    double x = 0.7;
    for (int k = 0; k <= t; ++k)
      x = std::sqrt(1 - s.betas[k]) * x + std::sqrt(s.betas[k]) * n01(rng);
    m += x / chains;
    m2 += x * x / chains;
  }
  double var = m2 - m * m, wantVar = 1 - s.alphas_bar[t];
  EXPECT_NEAR(m, std::sqrt(s.alphas_bar[t]) * 0.7, 4 * std::sqrt(wantVar / chains));
  EXPECT_NEAR(var, wantVar, 0.03 * wantVar);
}

TEST(Diffusion, SamplerTables) {
  NoiseSchedule s = make_schedule("linear", 100);
  // Unclipped, one step is x ← (x - β'/√(1-ᾱ_t) ε)/√α' + σ z with α' =
  // 1 - β' the respaced step; σ² the posterior variance.
  auto check = [&](const SamplerTable &table, const std::vector<double> &alphaPrime) {
    for (size_t i = 0; i < table.t.size(); ++i) {
      int t = table.t[i];
      double abar = s.alphas_bar[t], beta = 1 - alphaPrime[i];
      double x = 0.37, eps = -1.3;
      double x0 = table.recip_sqrt_abar[i] * x - table.sqrt_recip_abar_m1[i] * eps;
      double viaX0 = table.coef_x0[i] * x0 + table.coef_xt[i] * x;
      double direct = (x - beta / std::sqrt(1 - abar) * eps) / std::sqrt(1 - beta);
      EXPECT_NEAR(viaX0, direct, 1e-9) << i;
      double abarPrev = abar / alphaPrime[i];
      double var = i + 1 < table.t.size() ? beta * (1 - abarPrev) / (1 - abar) : 0;
      EXPECT_NEAR(table.sigma[i] * table.sigma[i], var, 1e-12) << i;
    }
  };
  SamplerTable full = sampler_table(s, 100);
  ASSERT_EQ(full.t.size(), 100u);
  std::vector<double> alphas;
  for (int i = 0; i < 100; ++i) {
    EXPECT_EQ(full.t[i], 99 - i);
    alphas.push_back(1 - s.betas[99 - i]);
  }
  check(full, alphas);
  // Strided: 10 steps from 99 down to 0; α'_i = ᾱ_{τ_i}/ᾱ_{τ_{i+1}}.
  SamplerTable strided = sampler_table(s, 10);
  ASSERT_EQ(strided.t.size(), 10u);
  EXPECT_EQ(strided.t.front(), 99);
  EXPECT_EQ(strided.t.back(), 0);
  std::vector<double> respaced;
  for (size_t i = 0; i < 10; ++i)
    respaced.push_back(s.alphas_bar[strided.t[i]] /
                       (i + 1 < 10 ? s.alphas_bar[strided.t[i + 1]] : 1.0));
  check(strided, respaced);
  EXPECT_EQ(strided.sigma.back(), 0.0);
  EXPECT_THROW(sampler_table(s, 0), Error);
  EXPECT_THROW(sampler_table(s, 101), Error);
}

// With the optimal ε for data that is one constant image c, the chain
// (full and strided) ends at c: the sampler's algebra, end to end.
TEST(Diffusion, SamplerRecoversAPointMassWithTheOptimalDenoiser) {
  NoiseSchedule s = make_schedule("linear", 1000);
  for (int64_t steps : {1000, 50}) {
    SamplerTable table = sampler_table(s, steps);
    const double c = 0.3;
    std::mt19937_64 rng(3);
    std::normal_distribution<double> n01;
    for (int chain = 0; chain < 20; ++chain) {
      double x = n01(rng);
      for (size_t i = 0; i < table.t.size(); ++i) {
        double abar = s.alphas_bar[table.t[i]];
        double eps = (x - std::sqrt(abar) * c) / std::sqrt(1 - abar);
        double x0 = std::clamp(table.recip_sqrt_abar[i] * x - table.sqrt_recip_abar_m1[i] * eps,
                               -1.0, 1.0);
        x = table.coef_x0[i] * x0 + table.coef_xt[i] * x + table.sigma[i] * n01(rng);
      }
      EXPECT_NEAR(x, c, 1e-9) << steps;
    }
  }
}

TEST(Diffusion, ShapesAndOneCompiledSamplingLoop) {
  Diffusion model(smallConfig());
  Params p = model.init(random::key(0));
  Tensor eps = jit([&](const Params &p, const Tensor &x, const Tensor &t) {
    return model.predict_noise(p, x, t);
  })(p, random::normal(random::key(1), {2, 8, 8, 3}), array(std::vector<int32_t>{3, 40}, {2}));
  EXPECT_EQ(eps.shape(), (Shape{2, 8, 8, 3}));
  SamplerTable table = sampler_table(model.schedule(), 50);
  auto body = [&](const Params &p, const Tensor &key) {
    return model.sample(p, key, 4, table);
  };
  // The 50 steps are one genc.while in the traced program (the U-Net's
  // convolutions appear once), not 50 unrolled copies.
  std::string ir = lower(body, p, random::key(3));
  EXPECT_NE(ir.find("genc.while"), std::string::npos);
  size_t convs = 0;
  for (size_t at = ir.find("genc.convolution"); at != std::string::npos;
       at = ir.find("genc.convolution", at + 1))
    ++convs;
  EXPECT_LT(convs, 30u) << "unrolled?";
  Tensor x = jit(body)(p, random::key(3));
  EXPECT_EQ(x.shape(), (Shape{4, 8, 8, 3}));
  EXPECT_GE(min(x).item(), 0.0);
  EXPECT_LE(max(x).item(), 1.0);
  DiffusionConfig bad = smallConfig();
  bad.groups = 3;
  EXPECT_THROW(Diffusion{bad}, Error);
}

TEST(Diffusion, SmokeRunLossDecreases) {
  DiffusionTrainOptions o = tiny("smoke");
  EXPECT_TRUE(std::isfinite(train_diffusion(o)));
  for (const char *f : {"config.json", "metrics.json", "checkpoint.safetensors",
                        "loss.png", "samples.png"})
    EXPECT_TRUE(file_exists(o.out + "/" + f)) << f;
  json::Value m = read_json_file(o.out + "/metrics.json");
  const json::Value *loss = m.find("steps")->find("loss");
  ASSERT_EQ(loss->array.size(), 20u);
  double first = 0, last = 0;
  for (int i = 0; i < 5; ++i) {
    first += loss->array[i].number();
    last += loss->array[15 + i].number();
  }
  EXPECT_TRUE(std::isfinite(first) && std::isfinite(last));
  EXPECT_LT(last, first);
  TrainState s = load_train_state(o.out + "/checkpoint.safetensors");
  EXPECT_TRUE(s.extra.contains("ema/in/kernel"));
}

TEST(Diffusion, ResumedRunEqualsUninterruptedRun) {
  DiffusionTrainOptions a = tiny("straight");
  a.steps = 12;
  train_diffusion(a);
  DiffusionTrainOptions b = tiny("interrupted");
  b.steps = 12;
  b.stop_after = 10;
  train_diffusion(b);
  b.stop_after = 0;
  b.resume = true;
  train_diffusion(b);
  TrainState sa = load_train_state(a.out + "/checkpoint.safetensors");
  TrainState sb = load_train_state(b.out + "/checkpoint.safetensors");
  for (const std::string &name : sa.params.names())
    EXPECT_EQ(sa.params.at(name).to_vector<float>(), sb.params.at(name).to_vector<float>())
        << name;
  for (const std::string &name : sa.extra.names())
    EXPECT_EQ(sa.extra.at(name).to_vector<float>(), sb.extra.at(name).to_vector<float>())
        << name;
}

TEST(Diffusion, SampleAndEvaluateATinyRun) {
  DiffusionTrainOptions o = tiny("eval");
  o.steps = 3;
  train_diffusion(o);
  DiffusionSampleOptions so;
  so.run = o.out;
  so.count = 8;
  EXPECT_TRUE(file_exists(sample_diffusion(so)));
  EvalOptions eo;
  eo.run = o.out;
  Evaluation e = eval_diffusion(eo, 3);
  EXPECT_EQ(e.model.count, 40);
  EXPECT_TRUE(std::isfinite(e.model.fid));
  json::Value m = read_json_file(o.out + "/metrics.json");
  EXPECT_EQ(m.string_at({"evaluation", "sampler"}), "ancestral, 3 of 100 steps, EMA weights");
  eo.run = ::testing::TempDir() + "/genc_ddpm_none";
  EXPECT_THROW(eval_diffusion(eo), Error);
}

// Normalizing flows: squeeze round trip, RealNVP's inverse, and its
// log-likelihood against the change-of-variables formula with the
// Jacobian's determinant from forward-mode autodiff on a tiny flow (f64).
#include "genc/zoo/flow.h"
#include "genc/zoo/flow_train.h"
#include "genc/zoo/train.h"

#include "ErrorText.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace genc;
using namespace genc::zoo;

namespace {

/// log |det a| of a small square matrix (row-major), Gaussian elimination
/// with partial pivoting.
double logAbsDet(std::vector<double> a, int n) {
  double logdet = 0;
  for (int c = 0; c < n; ++c) {
    int p = c;
    for (int r = c + 1; r < n; ++r)
      if (std::fabs(a[r * n + c]) > std::fabs(a[p * n + c]))
        p = r;
    if (a[p * n + c] == 0)
      return -INFINITY;
    if (p != c)
      for (int k = 0; k < n; ++k)
        std::swap(a[p * n + k], a[c * n + k]);
    logdet += std::log(std::fabs(a[c * n + c]));
    for (int r = c + 1; r < n; ++r) {
      double f = a[r * n + c] / a[c * n + c];
      for (int k = c; k < n; ++k)
        a[r * n + k] -= f * a[c * n + k];
    }
  }
  return logdet;
}

/// A tiny RealNVP (4x4x3, one scale) with random, non-identity couplings
/// in f64.
struct Tiny {
  RealNvp flow;
  Params p;
  explicit Tiny(bool learnedSplit = false)
      : flow(FlowConfig{4, 1, 4, 0.05, 4, learnedSplit}) {
    p = flow.init(random::key(0));
    int64_t i = 0;
    for (auto &[name, t] : p.entries())
      p[name] = astype(random::normal(random::key(100 + i++), t.shape()) * 0.3, f64);
  }
};

} // namespace

TEST(Flow, SqueezeRoundTrip) {
  Tensor x = random::normal(random::key(1), {2, 4, 6, 3});
  Tensor s = squeeze2x2(x);
  EXPECT_EQ(s.shape(), (Shape{2, 2, 3, 12}));
  EXPECT_EQ(unsqueeze2x2(s).to_vector<float>(), x.to_vector<float>());
  // Each output position holds its 2x2 block: x[0, 0..1, 0..1, :].
  std::vector<float> xv = x.to_vector<float>(), sv = s.to_vector<float>();
  EXPECT_EQ(sv[0], xv[0]);                // (0, 0)
  EXPECT_EQ(sv[3], xv[3]);                // (0, 1)
  EXPECT_EQ(sv[6], xv[6 * 3]);            // (1, 0)
}

TEST(Flow, RealNvpInverseUndoesForward) {
  for (bool learned : {false, true}) {
  Tiny t(learned);
  Tensor x = astype(random::normal(random::key(2), {3, 4, 4, 3}), f64);
  auto [z, logdet] = t.flow.forward(t.p, x);
  EXPECT_EQ(z.shape(), (Shape{3, 48}));
  EXPECT_GT(max(abs(z - reshape(x, {3, 48}))).item(), 1e-2); // not the identity
  Tensor back = t.flow.inverse(t.p, z);
  EXPECT_LT(max(abs(back - x)).item(), 1e-10) << (learned ? "learned split" : "standard");
  }
  // The default flow: 32x32x3, two scales, is invertible too (f32).
  RealNvp big(FlowConfig{});
  Params bp = big.init(random::key(3));
  Tensor u = random::normal(random::key(4), {2, 3072});
  Tensor img = jit([&](const Params &p, const Tensor &u) { return big.inverse(p, u); })(bp, u);
  EXPECT_EQ(img.shape(), (Shape{2, 32, 32, 3}));
  EXPECT_THROW(RealNvp(FlowConfig{12, 3, 4, 0.05}), Error);
}

// log p(y) = log N(z(y); 0, I) + log |det ∂z/∂y| for the whole map y ->
// logit -> flow -> z, with the 48x48 Jacobian from jacfwd.
// With the learned split prior (Glow) the same holds: its standardization
// of the factored-out half is part of the map y -> z.
TEST(Flow, RealNvpLogLikelihoodIsTheChangeOfVariables) {
  for (bool learned : {false, true}) {
  Tiny t(learned);
  EXPECT_EQ(t.p.contains("split0/kernel"), learned);
  Tensor y = astype(random::uniform(random::key(5), {1, 4, 4, 3}) * 0.9 + 0.05, f64);
  double logp = t.flow.log_prob(t.p, y).item();
  auto toZ = [&](const Tensor &v) {
    const double a = 0.05;
    Tensor s = a + (1.0 - 2 * a) * reshape(v, {1, 4, 4, 3});
    Tensor x = log(s) - log(1.0 - s);
    return reshape(t.flow.forward(t.p, x).first, {48});
  };
  Tensor flat = reshape(y, {48});
  std::vector<double> jac = jacfwd(toZ)(flat).to_vector<double>();
  std::vector<double> z = toZ(flat).to_vector<double>();
  double logN = 0;
  for (double v : z)
    logN += -0.5 * v * v - 0.5 * std::log(2 * M_PI);
  EXPECT_NEAR(logp, logN + logAbsDet(jac, 48), 1e-8) << (learned ? "learned split" : "standard");
  }
  // bits/dim of 8-bit images is finite and positive.
  RealNvp flow(FlowConfig{4, 1, 4, 0.05});
  Tensor img = floor(random::uniform(random::key(6), {2, 4, 4, 3}) * 256.0) / 255.0;
  std::vector<float> bpd =
      flow.bits_per_dim(flow.init(random::key(7)), img, random::key(8)).to_vector<float>();
  for (float b : bpd)
    EXPECT_TRUE(std::isfinite(b) && b > 0) << b;
}

namespace {

FlowTrainOptions tinyRun(const std::string &name) {
  FlowTrainOptions o;
  o.count = 400;
  o.batch = 16;
  o.steps = 20;
  o.scales = 1;
  o.hidden = 8;
  o.lr = 3e-3;
  o.warmup_steps = 0;
  o.checkpoint_every = 8;
  o.out = ::testing::TempDir() + "/genc_flow_" + name;
  o.seed = 4;
  return o;
}

/// A tiny MAF or IAF run (200 images, batch 8, 16 hidden units, lr 1e-2).
FlowTrainOptions tinyMadeRun(const std::string &name, const std::string &kind,
                             int64_t layers, int64_t steps) {
  FlowTrainOptions o = tinyRun(name);
  o.flow = kind;
  o.count = 200;
  o.batch = 8;
  o.layers = layers;
  o.hidden = 16;
  o.steps = steps;
  o.lr = 1e-2;
  return o;
}

} // namespace

TEST(Flow, SmokeRunBitsPerDimDecrease) {
  FlowTrainOptions o = tinyRun("smoke");
  EXPECT_TRUE(std::isfinite(train_flow(o)));
  for (const char *f : {"config.json", "metrics.json", "checkpoint.safetensors",
                        "loss.png", "samples.png"})
    EXPECT_TRUE(file_exists(o.out + "/" + f)) << f;
  json::Value m = read_json_file(o.out + "/metrics.json");
  const json::Value *bpd = m.find("steps")->find("bits_per_dim");
  ASSERT_EQ(bpd->array.size(), 20u);
  double first = 0, last = 0;
  for (int i = 0; i < 5; ++i) {
    first += bpd->array[i].number();
    last += bpd->array[15 + i].number();
  }
  EXPECT_TRUE(std::isfinite(first) && std::isfinite(last));
  EXPECT_LT(last, first);
  o.flow = "glow";
  EXPECT_THROW(train_flow(o), Error);
}

TEST(Flow, ResumedRunEqualsUninterruptedRun) {
  FlowTrainOptions a = tinyRun("straight");
  a.steps = 12;
  train_flow(a);
  FlowTrainOptions b = tinyRun("interrupted");
  b.steps = 12;
  b.stop_after = 10;
  train_flow(b);
  b.stop_after = 0;
  b.resume = true;
  train_flow(b);
  TrainState sa = load_train_state(a.out + "/checkpoint.safetensors");
  TrainState sb = load_train_state(b.out + "/checkpoint.safetensors");
  for (const std::string &name : sa.params.names())
    EXPECT_EQ(sa.params.at(name).to_vector<float>(), sb.params.at(name).to_vector<float>())
        << name;
  EXPECT_EQ(sa.meta.at("history.steps"), sb.meta.at("history.steps"));
}

// --clip-norm: Adam after clipping the gradients' global norm (the state
// is the chain's: "0/" clip, "1/" Adam), recorded in the run; a clip so
// small that every step is clipped still trains; a negative one is an
// error.
TEST(Flow, ClippedGradientsTrainAndAreRecorded) {
  FlowTrainOptions a = tinyRun("clip");
  a.steps = 3;
  a.clip_norm = 1e-3;
  double bpd = train_flow(a);
  EXPECT_TRUE(std::isfinite(bpd));
  TrainState s = load_train_state(a.out + "/checkpoint.safetensors");
  EXPECT_EQ(s.meta.at("flow.clip_norm"), "0.001");
  bool chained = false;
  for (const std::string &name : s.opt.names())
    chained |= name.rfind("1/", 0) == 0;
  EXPECT_TRUE(chained);
  FlowTrainOptions bad = tinyRun("clip_bad");
  bad.clip_norm = -1;
  EXPECT_THROW(train_flow(bad), Error);
}

TEST(Flow, SampleAndEvaluateATinyRun) {
  FlowTrainOptions o = tinyRun("eval");
  o.steps = 3;
  train_flow(o);
  FlowSampleOptions so;
  so.run = o.out;
  so.count = 8;
  so.temperature = 0.7;
  EXPECT_TRUE(file_exists(sample_flow(so)));
  EvalOptions eo;
  eo.run = o.out;
  Evaluation e = eval_flow(eo);
  EXPECT_EQ(e.model.count, 40);
  json::Value m = read_json_file(o.out + "/metrics.json");
  double bpd = m.number_at({"evaluation", "bits_per_dim"});
  EXPECT_TRUE(std::isfinite(bpd) && bpd > 0) << bpd;
  eo.run = ::testing::TempDir() + "/genc_flow_none";
  EXPECT_THROW(eval_flow(eo), Error);
}

namespace {

/// A tiny MAF or IAF (2x2x3 = 12 dims, 2 layers, 8 hidden units) with
/// random, non-identity weights in f64.
struct TinyMade {
  MadeFlow flow;
  Params p;
  explicit TinyMade(MadeFlow::Kind kind)
      : flow(kind, FlowConfig{2, 1, 8, 0.05, 2}) {
    p = flow.init(random::key(10));
    int64_t i = 0;
    for (auto &[name, t] : p.entries())
      p[name] = astype(random::normal(random::key(200 + i++), t.shape()) * 0.5, f64);
  }
};

} // namespace

// MAF: the density direction x -> z is one pass; log p = log N(z) +
// log |det ∂z/∂x| with the Jacobian from jacfwd, and the sampling
// direction (the compiled loop) inverts it.
TEST(Flow, MafLogLikelihoodAndSequentialInverse) {
  TinyMade t(MadeFlow::Kind::Maf);
  Tensor z = astype(random::normal(random::key(11), {1, 12}), f64);
  Tensor x = jit([&](const Params &p, const Tensor &z) { return t.flow.inverse(p, z); })(t.p, z);
  double logp = t.flow.log_prob_logit(t.p, x).item();
  // z(x) by the one-pass direction: log_prob_logit's own map, recovered as
  // the standard normal part: check round trip through the Jacobian below.
  auto toZ = [&](const Tensor &v) {
    // One pass per layer, as MadeFlow::log_prob_logit.
    Tensor h = reshape(v, {1, 12});
    for (int64_t l = 0; l < 2; ++l) {
      if (l % 2 == 1)
        h = take(h, array(std::vector<int32_t>{11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0}, {12}), 1);
      Params layer = t.p.scope("layer" + std::to_string(l));
      // Masks as in MadeFlow: input degree d+1, hidden 1 + floor(k*11/8).
      std::vector<double> m1(12 * 8), m2(8 * 12);
      for (int d = 0; d < 12; ++d)
        for (int k = 0; k < 8; ++k) {
          int hk = 1 + (k * 11) / 8;
          m1[d * 8 + k] = d + 1 <= hk;
          m2[k * 12 + d] = hk < d + 1;
        }
      Tensor w1 = layer.at("w1") * array(m1, {12, 8});
      Tensor m2t = array(m2, {8, 12});
      Tensor w2 = layer.at("w2") * concatenate({m2t, m2t}, 1);
      Tensor hid = maximum(matmul(h, w1) + layer.at("b1"), zeros_like(matmul(h, w1)));
      Tensor out = matmul(hid, w2) + layer.at("b2");
      Tensor mu = slice(out, {0, 0}, {1, 12}), s = tanh(slice(out, {0, 12}, {1, 24}));
      h = (h - mu) * exp(-s);
    }
    return reshape(h, {12});
  };
  Tensor flat = reshape(x, {12});
  std::vector<double> back = toZ(flat).to_vector<double>(), zv = z.to_vector<double>();
  for (int i = 0; i < 12; ++i)
    EXPECT_NEAR(back[i], zv[i], 1e-9) << i; // the loop inverted the one-pass map
  std::vector<double> jac = jacfwd(toZ)(flat).to_vector<double>();
  double logN = 0;
  for (double v : zv)
    logN += -0.5 * v * v - 0.5 * std::log(2 * M_PI);
  EXPECT_NEAR(logp, logN + logAbsDet(jac, 12), 1e-8);
}

// IAF: the sampling direction z -> x is one pass; log p(x) = log N(z) -
// log |det ∂x/∂z|, while log_prob_logit recovers z with the compiled loop.
TEST(Flow, IafLogLikelihoodByTheSequentialLoop) {
  TinyMade t(MadeFlow::Kind::Iaf);
  Tensor z = astype(random::normal(random::key(12), {1, 12}), f64);
  auto toX = [&](const Tensor &v) {
    return reshape(t.flow.inverse(t.p, reshape(v, {1, 12})), {12});
  };
  Tensor flat = reshape(z, {12});
  Tensor x = reshape(toX(flat), {1, 2, 2, 3});
  EXPECT_GT(max(abs(reshape(x, {12}) - flat)).item(), 1e-2);
  double logp = jit([&](const Params &p, const Tensor &x) {
                  return t.flow.log_prob_logit(p, x);
                })(t.p, x)
                    .item();
  std::vector<double> jac = jacfwd(toX)(flat).to_vector<double>();
  double logN = 0;
  for (double v : z.to_vector<double>())
    logN += -0.5 * v * v - 0.5 * std::log(2 * M_PI);
  EXPECT_NEAR(logp, logN - logAbsDet(jac, 12), 1e-8);
}

// MAF and IAF train too (IAF's likelihood is its sequential loop, so its
// gradient goes through the compiled loop: kept tiny here).
TEST(Flow, MafAndIafSmokeRunsBitsPerDimDecrease) {
  for (const char *kind : {"maf", "iaf"}) {
    const bool maf = std::string(kind) == "maf";
    FlowTrainOptions o =
        tinyMadeRun(std::string("smoke_") + kind, kind, maf ? 2 : 1, maf ? 20 : 10);
    o.init = "identity"; // lr 1e-2 without warm-up is too much for a fitted start
    EXPECT_TRUE(std::isfinite(train_flow(o))) << kind;
    json::Value m = read_json_file(o.out + "/metrics.json");
    const json::Value *bpd = m.find("steps")->find("bits_per_dim");
    ASSERT_EQ((int64_t)bpd->array.size(), o.steps) << kind;
    double first = 0, last = 0;
    for (int i = 0; i < 3; ++i) {
      first += bpd->array[i].number();
      last += bpd->array[o.steps - 3 + i].number();
    }
    EXPECT_TRUE(std::isfinite(first) && std::isfinite(last)) << kind;
    EXPECT_LT(last, first) << kind;
    EXPECT_EQ(m.string_at({"variant"}), kind);
  }
}

// The sampling direction's density (inverse_with_log_prob: one pass for
// IAF, the loop for MAF) equals the density direction's log_prob_logit at
// the same points: the two directions agree on log q(x), which is what
// density distillation relies on.
TEST(Flow, SamplingDensityMatchesTheDensityDirection) {
  for (MadeFlow::Kind kind : {MadeFlow::Kind::Iaf, MadeFlow::Kind::Maf}) {
    TinyMade t(kind);
    Tensor z = astype(random::normal(random::key(13), {3, 12}), f64);
    auto both = jit([&](const Params &p, const Tensor &z) {
      auto [x, logq] = t.flow.inverse_with_log_prob(p, z);
      return std::make_tuple(x, logq, t.flow.log_prob_logit(p, x));
    })(t.p, z);
    std::vector<double> logq = std::get<1>(both).to_vector<double>(),
                        logp = std::get<2>(both).to_vector<double>();
    ASSERT_EQ(logq.size(), 3u);
    for (int i = 0; i < 3; ++i)
      EXPECT_NEAR(logq[i], logp[i], 1e-8) << (kind == MadeFlow::Kind::Iaf ? "iaf " : "maf ")
                                          << i;
    // Non-trivial: the flow is not the identity, so log q differs from log N(z).
    double logN = 0;
    for (double v : slice(z, {0, 0}, {1, 12}).to_vector<double>())
      logN += -0.5 * v * v - 0.5 * std::log(2 * M_PI);
    EXPECT_GT(std::fabs(logq[0] - logN), 1e-2);
  }
}

// An IAF trained by density distillation from a (tiny) MAF teacher: the
// KL to the teacher decreases, the run records its objective and teacher,
// validation is the KL on fixed draws; a teacher needs --flow iaf, and a
// missing teacher run is an error naming it.
TEST(Flow, IafDistillationFromAMafTeacher) {
  FlowTrainOptions t = tinyMadeRun("teacher", "maf", 2, 40);
  train_flow(t);
  FlowTrainOptions o = t;
  o.out = ::testing::TempDir() + "/genc_flow_distilled";
  o.flow = "iaf";
  o.teacher = t.out;
  o.steps = 40;
  o.init = "identity"; // the KL check below starts from flow.init
  double val = train_flow(o); // the KL on fixed draws
  EXPECT_TRUE(std::isfinite(val)) << val;
  json::Value m = read_json_file(o.out + "/metrics.json");
  EXPECT_EQ(m.string_at({"config", "objective"}), "distillation");
  EXPECT_EQ(m.string_at({"config", "teacher"}), t.out);
  EXPECT_EQ(m.string_at({"config", "init"}), "identity");
  ASSERT_EQ((int64_t)m.find("steps")->find("bits_per_dim")->array.size(), o.steps);
  // The KL to the teacher on 256 fixed draws, at the student's
  // initialization (the run's seed) and after training.
  FlowConfig c{32, 2, 16, 0.05, 2};
  MadeFlow student(MadeFlow::Kind::Iaf, c), teacher(MadeFlow::Kind::Maf, c);
  TrainState ts = load_train_state(t.out + "/checkpoint.safetensors");
  TrainState ss = load_train_state(o.out + "/checkpoint.safetensors");
  auto kl = jit([&](const Params &sp, const Params &tp, const Tensor &z) {
    auto [x, logq] = student.inverse_with_log_prob(sp, z);
    return mean(logq - teacher.log_prob_logit(tp, x));
  });
  Tensor z = random::normal(random::key(99), {256, 3072});
  double before = kl(student.init(random::key((uint64_t)o.seed)), ts.params, z).item();
  double after = kl(ss.params, ts.params, z).item();
  EXPECT_GT(before, 0);
  EXPECT_LT(after, 0.7 * before) << "KL (nats) before " << before << ", after " << after;
  EXPECT_TRUE(file_exists(o.out + "/loss.png"));

  FlowTrainOptions wrong = o;
  wrong.out = ::testing::TempDir() + "/genc_flow_distilled_wrong";
  wrong.flow = "maf";
  EXPECT_THROW(train_flow(wrong), Error);
  wrong.flow = "iaf";
  wrong.teacher = ::testing::TempDir() + "/genc_flow_no_such_run";
  EXPECT_TRUE(throwsErrorWith([&] { train_flow(wrong); }, "genc_flow_no_such_run"));
}

// An IAF initialized to given marginals samples x = mean + e^{log σ} z
// per dimension (image order), through 3 layers with order reversals and
// log-scales beyond one layer's tanh bound (spread over several layers).
TEST(Flow, IafStartsAtTheGivenMarginals) {
  MadeFlow flow(MadeFlow::Kind::Iaf, FlowConfig{2, 1, 8, 0.05, 3});
  std::vector<float> mean(12), logStd(12);
  for (int j = 0; j < 12; ++j) {
    mean[j] = 0.25f * (float)j - 1.0f;
    logStd[j] = -2.2f + 0.35f * (float)j; // -2.2 .. 1.65
  }
  Params p = flow.with_marginals(flow.init(random::key(1)), mean, logStd);
  Tensor z = random::normal(random::key(2), {4, 12});
  std::vector<float> x = reshape(flow.inverse(p, z), {4, 12}).to_vector<float>();
  std::vector<float> zv = z.to_vector<float>();
  // z reaches the image through the layers' order reversals (layer 1 of
  // 0..2: once), which do not change the marginals.
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 12; ++j)
      EXPECT_NEAR(x[i * 12 + j], mean[j] + std::exp(logStd[j]) * zv[i * 12 + 11 - j], 1e-4)
          << i << " " << j;
  EXPECT_THROW(flow.with_marginals(p, mean, std::vector<float>(3)), Error);
  MadeFlow maf(MadeFlow::Kind::Maf, FlowConfig{2, 1, 8, 0.05, 3});
  EXPECT_THROW(maf.with_marginals(maf.init(random::key(1)), mean, logStd), Error);
}

// The IAF's starting marginals come from every training image, the short
// last batch too (the loader pads it to the full batch size: 160 training
// images in batches of 12 leave 4).
TEST(Flow, IafMarginalsWithAShortLastBatch) {
  FlowTrainOptions o = tinyMadeRun("iaf_short_batch", "iaf", 1, 2);
  o.batch = 12;
  EXPECT_TRUE(std::isfinite(train_flow(o)));
}

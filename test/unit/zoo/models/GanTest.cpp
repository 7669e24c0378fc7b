// The galaxy GANs: shapes, WGAN-GP's penalty (a gradient of a gradient)
// against finite differences, smoke runs of both losses, resume
// equivalence, sampling and evaluation of a tiny run.
#include "genc/zoo/compare.h"
#include "genc/zoo/gan.h"
#include "genc/zoo/gan_train.h"
#include "genc/zoo/train.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

using namespace genc;
using namespace genc::zoo;

namespace {

GanTrainOptions tiny(const std::string &name, const std::string &loss = "dcgan") {
  GanTrainOptions o;
  o.count = 400;
  o.batch = 16;
  o.steps = 20;
  o.loss = loss;
  o.channels = {8, 16, 32};
  o.latent = 16;
  o.checkpoint_every = 8;
  o.out = ::testing::TempDir() + "/genc_gan_" + name;
  o.seed = 5;
  return o;
}

/// The per-step series `key` of RUN/metrics.json.
std::vector<double> series(const std::string &run, const std::string &key) {
  json::Value m = read_json_file(run + "/metrics.json");
  const json::Value *steps = m.find("steps");
  std::vector<double> out;
  if (steps && steps->find(key))
    for (const json::Value &v : steps->find(key)->array)
      out.push_back(v.number());
  return out;
}

double meanOf(const std::vector<double> &v, size_t from, size_t n) {
  double s = 0;
  for (size_t i = from; i < from + n; ++i)
    s += v[i];
  return s / n;
}

} // namespace

TEST(Gan, Shapes) {
  GanConfig c;
  c.channels = {4, 8, 8};
  c.latent = 6;
  Gan gan(c);
  Params g = gan.init_generator(random::key(0)), d = gan.init_discriminator(random::key(1));
  auto f = jit([&](const Params &g, const Params &d, const Tensor &z) {
    Tensor x = gan.generate(g, z);
    return std::vector<Tensor>{x, gan.discriminate(d, x)};
  });
  std::vector<Tensor> r = f(g, d, random::normal(random::key(2), {3, 6}));
  EXPECT_EQ(r[0].shape(), (Shape{3, 32, 32, 3}));
  EXPECT_EQ(r[1].shape(), (Shape{3}));
  EXPECT_GE(min(r[0]).item(), 0.0);
  EXPECT_LE(max(r[0]).item(), 1.0);
  c.loss = "hinge";
  EXPECT_THROW(Gan{c}, Error);
}

// The critic's penalty λ mean (|∇x D(x̂)| - 1)² is a function of a
// gradient; its gradient with respect to the critic's parameters (what the
// critic step uses) is a gradient of a gradient. Compared with central
// finite differences of the penalty itself, in f64, on a small critic.
TEST(Gan, WganGpPenaltyGradientMatchesFiniteDifferences) {
  GanConfig c;
  c.image_size = 8;
  c.channels = {2, 3, 4};
  c.loss = "wgan-gp";
  Gan gan(c);
  Params d = tree_map([](const Tensor &t) { return astype(t, f64); },
                      gan.init_discriminator(random::key(3)));
  Tensor xHat = astype(random::uniform(random::key(4), {3, 8, 8, 3}), f64);
  Params g = jit([&](const Params &d, const Tensor &x) {
    return grad([&](const Params &d) { return gan.gradient_penalty(d, x); })(d);
  })(d, xHat);
  auto penalty = jit([&](const Params &d, const Tensor &x) {
    return gan.gradient_penalty(d, x);
  });
  double p0 = penalty(d, xHat).item();
  EXPECT_GT(p0, 0.0);
  int checked = 0;
  for (const std::string &name : d.names()) {
    std::vector<double> w = d.at(name).to_vector<double>();
    std::vector<double> analytic = g.at(name).to_vector<double>();
    // A few elements of every parameter.
    for (size_t i = 0; i < w.size(); i += std::max<size_t>(1, w.size() / 5)) {
      const double h = 1e-6;
      auto at = [&](double delta) {
        std::vector<double> v = w;
        v[i] += delta;
        Params q = d;
        q[name] = array(v, d.at(name).shape());
        return penalty(q, xHat).item();
      };
      double numeric = (at(h) - at(-h)) / (2 * h);
      EXPECT_NEAR(analytic[i], numeric, 1e-5 + 1e-4 * std::fabs(numeric))
          << name << "[" << i << "]";
      ++checked;
    }
  }
  EXPECT_GT(checked, 20);
}

TEST(Gan, DcganSmokeRunDiscriminatorLossDecreases) {
  GanTrainOptions o = tiny("dcgan");
  EXPECT_TRUE(std::isfinite(train_gan(o)));
  for (const char *f : {"config.json", "metrics.json", "checkpoint.safetensors",
                        "loss.png", "samples.png"})
    EXPECT_TRUE(file_exists(o.out + "/" + f)) << f;
  std::vector<double> d = series(o.out, "discriminator_loss"),
                      g = series(o.out, "generator_loss");
  ASSERT_EQ(d.size(), 20u);
  for (size_t i = 0; i < d.size(); ++i)
    EXPECT_TRUE(std::isfinite(d[i]) && std::isfinite(g[i])) << i;
  // The discriminator learns to tell the generator's first images apart.
  EXPECT_LT(meanOf(d, 15, 5), meanOf(d, 0, 5));
}

TEST(Gan, WganGpSmokeRunCriticLossDecreases) {
  GanTrainOptions o = tiny("wgan", "wgan-gp");
  o.steps = 8; // 5 critic updates each
  EXPECT_TRUE(std::isfinite(train_gan(o)));
  std::vector<double> d = series(o.out, "discriminator_loss"),
                      p = series(o.out, "gradient_penalty");
  ASSERT_EQ(d.size(), 8u);
  for (size_t i = 0; i < d.size(); ++i)
    EXPECT_TRUE(std::isfinite(d[i]) && std::isfinite(p[i]) && p[i] >= 0) << i;
  EXPECT_LT(meanOf(d, 5, 3), meanOf(d, 0, 3));
  TrainState s = load_train_state(o.out + "/checkpoint.safetensors");
  EXPECT_EQ(s.meta.at("gan.n_critic"), "5");
  EXPECT_EQ(s.meta.at("gan.lr"), "0.0001");
}

TEST(Gan, ResumedRunEqualsUninterruptedRun) {
  GanTrainOptions a = tiny("straight");
  a.steps = 12;
  train_gan(a);
  GanTrainOptions b = tiny("interrupted");
  b.steps = 12;
  b.stop_after = 10; // the last checkpoint is at step 8
  train_gan(b);
  b.stop_after = 0;
  b.resume = true;
  train_gan(b);
  TrainState sa = load_train_state(a.out + "/checkpoint.safetensors");
  TrainState sb = load_train_state(b.out + "/checkpoint.safetensors");
  ASSERT_EQ(sa.params.names(), sb.params.names());
  for (const std::string &name : sa.params.names())
    EXPECT_EQ(sa.params.at(name).to_vector<float>(), sb.params.at(name).to_vector<float>())
        << name;
  EXPECT_EQ(sa.meta.at("history.steps"), sb.meta.at("history.steps"));
}

TEST(Gan, SampleAndEvaluateATinyRun) {
  GanTrainOptions o = tiny("eval");
  o.steps = 5;
  train_gan(o);
  GanSampleOptions so;
  so.run = o.out;
  so.count = 16;
  std::string png = sample_gan(so);
  EXPECT_TRUE(file_exists(png));
  EvalOptions eo;
  eo.run = o.out;
  Evaluation e = eval_gan(eo);
  EXPECT_EQ(e.model.count, 40);
  EXPECT_TRUE(std::isfinite(e.model.fid) && std::isfinite(e.baseline.fid));
  json::Value m = read_json_file(o.out + "/metrics.json");
  EXPECT_EQ(m.string_at({"model"}), "gan");
  EXPECT_NE(m.find("epochs"), nullptr);
  EXPECT_TRUE(std::isfinite(m.number_at({"evaluation", "model", "recall"})));
  EXPECT_NE(m.find("evaluation")->find("mode_collapse"), nullptr);
  EXPECT_NE(m.string_at({"evaluation", "classifier", "trained_on"}).find("synthetic#400, seed 5"),
            std::string::npos);
  // compare shows the evaluation: model, variant and a FID cell.
  std::string table = compare_runs({o.out}, "");
  EXPECT_NE(table.find("| gan"), std::string::npos) << table;
  EXPECT_NE(table.find("dcgan"), std::string::npos) << table;
  char fid[32];
  std::snprintf(fid, sizeof fid, "%.1f", e.model.fid);
  EXPECT_NE(table.find(fid), std::string::npos) << table;
  EXPECT_EQ(table.find("note: these runs"), std::string::npos) << table;
  // The classifier is shared with later runs on the same data through
  // genc's cache directory.
  bool shared = false;
  if (std::string dir = cache_directory(); !dir.empty())
    for (const auto &entry : std::filesystem::directory_iterator(dir))
      shared |= entry.path().filename().string().rfind("zoo-classifier-", 0) == 0;
  EXPECT_TRUE(shared);
  // Not a GAN run: one clear error.
  eo.run = ::testing::TempDir() + "/genc_gan_none";
  EXPECT_THROW(eval_gan(eo), Error);
}

// The galaxy β-VAE: a short training run whose loss decreases, resume
// equivalence (interrupted + resumed == uninterrupted, bit for bit), the
// RUN/ files, bad flags, and the latent-space analysis on a tiny run.
#include "genc/zoo/compare.h"
#include "genc/zoo/vae.h"
#include "genc/zoo/vae_train.h"
#include "genc/zoo/train.h"
#include "genc/runtime/Collectives.h"

#include "ErrorText.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

using namespace genc;
using namespace genc::zoo;

namespace {

std::string readFile(const std::string &path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

VaeTrainOptions tiny(const std::string &name) {
  VaeTrainOptions o;
  o.count = 400;
  o.image_size = 32;
  o.batch = 16;
  o.steps = 20;
  o.warmup_steps = 5;
  o.lr = 2e-3;
  o.checkpoint_every = 8;
  o.out = ::testing::TempDir() + "/genc_vae_" + name;
  o.seed = 3;
  return o;
}

} // namespace

TEST(Vae, ShapesAndLossTerms) {
  Vae vae({32, 8});
  Params p = vae.init(random::key(0));
  Tensor x = random::uniform(random::key(1), {2, 32, 32, 3});
  // One compiled program instead of eager ops.
  auto f = jit([&](const Params &p, const Tensor &x) {
    auto [mu, logvar] = vae.encode(p, x);
    VaeTerms t = vae.terms(p, x, random::key(2), scalar(0.5));
    return std::vector<Tensor>{mu, logvar, vae.decode(p, mu), t.loss, t.recon, t.kl};
  });
  std::vector<Tensor> r = f(p, x);
  EXPECT_EQ(r[0].shape(), (Shape{2, 8}));
  EXPECT_EQ(r[1].shape(), (Shape{2, 8}));
  EXPECT_EQ(r[2].shape(), (Shape{2, 32, 32, 3}));
  EXPECT_NEAR(r[3].item(), r[4].item() + 0.5 * r[5].item(), 1e-2);
  EXPECT_GT(r[5].item(), 0.0);
  EXPECT_THROW(Vae({30, 8}), Error);
}

/// Determinant of a small square matrix (row-major), Gaussian elimination.
static double determinant(std::vector<double> a, int n) {
  double det = 1;
  for (int c = 0; c < n; ++c) {
    int p = c;
    for (int r = c + 1; r < n; ++r)
      if (std::fabs(a[r * n + c]) > std::fabs(a[p * n + c]))
        p = r;
    if (a[p * n + c] == 0)
      return 0;
    if (p != c) {
      for (int k = 0; k < n; ++k)
        std::swap(a[p * n + k], a[c * n + k]);
      det = -det;
    }
    det *= a[c * n + c];
    for (int r = c + 1; r < n; ++r) {
      double f = a[r * n + c] / a[c * n + c];
      for (int k = c; k < n; ++k)
        a[r * n + k] -= f * a[c * n + k];
    }
  }
  return det;
}

TEST(Vae, RealNvpPriorMatchesTheChangeOfVariables) {
  // A tiny flow (latent 5: uneven halves) with random (non-identity)
  // couplings in f64: log p(f(u)) = log N(u; 0, I) - log |det ∂f/∂u|, with
  // the Jacobian from forward-mode autodiff; and g = f⁻¹.
  VaeConfig c;
  c.latent = 5;
  c.prior = "realnvp";
  c.prior_hidden = 8;
  Vae vae(c);
  Params p = vae.init(random::key(0));
  int64_t i = 0;
  for (auto &[name, t] : p.entries())
    if (name.rfind("prior/", 0) == 0)
      p[name] = astype(random::normal(random::key(100 + i++), t.shape()) * 0.5, f64);
  Tensor u = astype(random::normal(random::key(7), {1, 5}), f64);
  Tensor z = vae.prior_sample(p, u);
  // f is not the identity and g inverts it.
  EXPECT_GT(max(abs(z - u)).item(), 1e-2);
  // log p runs the inverse pass g(z).
  double logp = vae.prior_log_prob(p, z).item();
  Tensor jac = jacfwd([&](const Tensor &v) {
    return reshape(vae.prior_sample(p, reshape(v, {1, 5})), {5});
  })(reshape(u, {5}));
  std::vector<double> j = jac.to_vector<double>();
  double logN = 0;
  for (double v : u.to_vector<double>())
    logN += -0.5 * v * v - 0.5 * std::log(2 * M_PI);
  EXPECT_NEAR(logp, logN - std::log(std::fabs(determinant(j, 5))), 1e-9);
  // The Gaussian prior is the standard normal density.
  VaeConfig g;
  g.latent = 5;
  Vae plain(g);
  EXPECT_NEAR(plain.prior_log_prob(p, u).item(), logN, 1e-12);
}

TEST(Vae, TwentyStepsReduceTheLossAndWriteTheRun) {
  VaeTrainOptions o = tiny("smoke");
  double nelbo = train_vae(o);
  EXPECT_TRUE(std::isfinite(nelbo));
  for (const char *f : {"config.json", "metrics.json", "checkpoint.safetensors",
                        "loss.png", "reconstructions.png", "samples.png",
                        "latent.png"})
    EXPECT_TRUE(file_exists(o.out + "/" + f)) << f;
  TrainState s = load_train_state(o.out + "/checkpoint.safetensors");
  EXPECT_EQ(s.meta.at("step"), "20");
  EXPECT_EQ(s.meta.at("finished"), "true");
  // Loss of the last five steps below that of the first five.
  std::string metrics = readFile(o.out + "/metrics.json");
  size_t at = metrics.find("\"loss\": [");
  ASSERT_NE(at, std::string::npos) << metrics;
  std::stringstream list(metrics.substr(at + 9));
  std::vector<double> loss;
  double v;
  char sep;
  while (loss.size() < 20 && list >> v) {
    loss.push_back(v);
    list >> sep;
  }
  ASSERT_EQ(loss.size(), 20u);
  double first = 0, last = 0;
  for (int i = 0; i < 5; ++i) {
    first += loss[i];
    last += loss[15 + i];
  }
  EXPECT_LT(last, first) << metrics;
  EXPECT_NE(metrics.find("\"val_neg_elbo\""), std::string::npos);
  EXPECT_NE(metrics.find("\"images_per_second\""), std::string::npos);
  EXPECT_NE(metrics.find("\"peak_memory_mib\""), std::string::npos);
}

TEST(Vae, ResumedRunEqualsUninterruptedRun) {
  VaeTrainOptions a = tiny("straight");
  train_vae(a);
  VaeTrainOptions b = tiny("interrupted");
  b.stop_after = 11; // the last checkpoint is at step 8
  train_vae(b);
  TrainState mid = load_train_state(b.out + "/checkpoint.safetensors");
  EXPECT_EQ(mid.meta.at("step"), "8");
  b.stop_after = 0;
  b.resume = true;
  train_vae(b);
  TrainState sa = load_train_state(a.out + "/checkpoint.safetensors");
  TrainState sb = load_train_state(b.out + "/checkpoint.safetensors");
  EXPECT_EQ(sb.meta.at("step"), "20");
  ASSERT_EQ(sa.params.names(), sb.params.names());
  for (const std::string &name : sa.params.names())
    EXPECT_EQ(sa.params.at(name).to_vector<float>(),
              sb.params.at(name).to_vector<float>())
        << name;
  for (const std::string &name : sa.opt.names())
    EXPECT_EQ(sa.opt.at(name).to_vector<float>(), sb.opt.at(name).to_vector<float>())
        << name;
  EXPECT_EQ(sa.meta.at("history.steps"), sb.meta.at("history.steps"));
}

// --mesh data=2 on 2 in-process devices: the batch is split, gradients
// are pmean'd; the run ends where the 1-device run ends up to float
// rounding: the validation -ELBO within 1e-5 relative (the bound).
// Parameters differ by summation order amplified by Adam's division by
// sqrt(v) for near-zero gradients (~1e-4 of the largest weight after 20
// steps), so they get a looser bound.
TEST(Vae, DataParallelTwoDevicesEqualsOneDevice) {
  runtime::setCpuDeviceCount(2);
  // At the seed's lr 1e-3: at tiny()'s 2e-3 these 20 steps are chaotic
  // (the loss jumps 437 -> 1648 at step 12) and the rounding of the
  // per-device GEMM shapes grows to 0.2 % of the -ELBO by step 20.
  VaeTrainOptions a = tiny("mesh1");
  a.lr = 1e-3;
  double one = train_vae(a);
  VaeTrainOptions b = tiny("mesh2");
  b.lr = 1e-3;
  b.data_parallel = 2;
  double two = train_vae(b);
  EXPECT_NEAR(two, one, 1e-5 * std::fabs(one));
  TrainState sa = load_train_state(a.out + "/checkpoint.safetensors");
  TrainState sb = load_train_state(b.out + "/checkpoint.safetensors");
  ASSERT_EQ(sa.params.names(), sb.params.names());
  for (const std::string &name : sa.params.names()) {
    std::vector<float> x = sa.params.at(name).to_vector<float>(),
                       y = sb.params.at(name).to_vector<float>();
    double scale = 0, diff = 0;
    for (size_t i = 0; i < x.size(); ++i) {
      scale = std::max(scale, (double)std::fabs(x[i]));
      diff = std::max(diff, (double)std::fabs(x[i] - y[i]));
    }
    EXPECT_LE(diff, 1e-3 * scale) << name;
  }
  // Bad meshes are clear errors.
  b.data_parallel = 3; // 16 images do not split 3 ways
  EXPECT_TRUE(throwsErrorWith([&] { train_vae(b); }, "does not split evenly over --mesh data=3"));
  b.data_parallel = 4; // 2 devices exist
  EXPECT_TRUE(throwsErrorWith([&] { train_vae(b); }, "GENC_CPU_DEVICES=4"));
  EXPECT_EQ(parse_data_mesh("data=8"), 8);
  EXPECT_THROW(parse_data_mesh("model=2"), Error);
  EXPECT_THROW(parse_data_mesh("data=0"), Error);
  EXPECT_THROW(parse_data_mesh("data="), Error);
}

TEST(Vae, ResumeWithDifferentFlagsIsAnError) {
  VaeTrainOptions o = tiny("mismatch");
  o.steps = 2;
  train_vae(o);
  o.resume = true;
  o.batch = 8;
  EXPECT_TRUE(throwsErrorWith([&] { train_vae(o); }, "batch = 16, this command has 8"));
}

TEST(Vae, BadOptionsAndDataAreClearErrors) {
  VaeTrainOptions o = tiny("bad");
  o.image_size = 48;
  EXPECT_THROW(train_vae(o), Error);
  o = tiny("bad");
  o.data = ::testing::TempDir() + "/no_such_file.h5";
  EXPECT_THROW(train_vae(o), std::runtime_error);
  o = tiny("bad");
  o.count = 20; // 16 training images < one batch of 16? (split 80 %)
  o.batch = 32;
  EXPECT_TRUE(throwsErrorWith([&] { train_vae(o); }, "fewer than one batch"));
}

TEST(Vae, RealNvpPriorTrains) {
  VaeTrainOptions o = tiny("realnvp");
  o.prior = "realnvp";
  o.steps = 12;
  double nelbo = train_vae(o);
  EXPECT_TRUE(std::isfinite(nelbo));
  TrainState s = load_train_state(o.out + "/checkpoint.safetensors");
  EXPECT_TRUE(s.params.contains("prior/coupling3/out/kernel"));
  EXPECT_EQ(s.meta.at("vae.prior"), "realnvp");
  // The flow moved away from its identity start.
  EXPECT_GT(max(abs(s.params.at("prior/coupling0/out/kernel"))).item(), 0.0);
}

TEST(Vae, GroupNormTrainsAndAnalysisRebuildsIt) {
  VaeTrainOptions o = tiny("groupnorm");
  o.norm = "group";
  o.steps = 12;
  double nelbo = train_vae(o);
  EXPECT_TRUE(std::isfinite(nelbo));
  TrainState s = load_train_state(o.out + "/checkpoint.safetensors");
  EXPECT_EQ(s.meta.at("vae.norm"), "group");
  for (const char *name : {"encoder/norm0/scale", "encoder/norm2/bias",
                           "decoder/norm1/scale"})
    EXPECT_TRUE(s.params.contains(name)) << name;
  EXPECT_FALSE(s.params.contains("decoder/norm2/scale"));
  // analyze builds the same model from the run's metadata.
  VaeAnalyzeOptions a;
  a.run = o.out;
  a.classifier_epochs = 1;
  a.cnn_epochs = 1;
  analyze_vae(a);
  EXPECT_TRUE(file_exists(o.out + "/analysis.json"));
  VaeConfig bad;
  bad.norm = "batch";
  EXPECT_THROW(Vae{bad}, Error);
}

// --decoder-channels: the decoder's widths apart from the encoder's,
// recorded in the run and rebuilt by analyze; the latent classifier trained
// on the 8 flips/quarter turns of each training image (8x the rows).
TEST(Vae, WiderDecoderAndAugmentedLatentClassifier) {
  VaeTrainOptions o = tiny("wide_decoder");
  o.decoder_channels = {8, 16, 24};
  o.steps = 6;
  EXPECT_TRUE(std::isfinite(train_vae(o)));
  TrainState s = load_train_state(o.out + "/checkpoint.safetensors");
  EXPECT_EQ(s.meta.at("vae.decoder_channels"), "8,16,24");
  EXPECT_EQ(s.meta.at("vae.channels"), format_channels(o.channels));
  // The first transposed convolution maps the decoder's widest layer (24) to 16.
  EXPECT_EQ(s.params.at("decoder/deconv0/kernel").shape().back(), 16);
  EXPECT_EQ(s.params.at("decoder/deconv2/kernel").shape().back(), 3);
  VaeAnalyzeOptions a;
  a.run = o.out;
  a.classifier_epochs = 1;
  a.cnn_epochs = 1;
  a.classifier_augment = true;
  analyze_vae(a);
  json::Value j = read_json_file(o.out + "/analysis.json");
  EXPECT_TRUE(j.find("latent_classifier")->find("augmented")->boolean);
  int64_t rows = (int64_t)j.number_at({"latent_classifier", "training_rows"});
  a.classifier_augment = false;
  analyze_vae(a);
  j = read_json_file(o.out + "/analysis.json");
  EXPECT_EQ(rows, 8 * (int64_t)j.number_at({"latent_classifier", "training_rows"}));
  VaeConfig bad;
  bad.decoder_channels = {8, 0, 24};
  EXPECT_THROW(Vae{bad}, Error);
}

TEST(Vae, AnalysisOfATinyRun) {
  VaeTrainOptions o = tiny("analysis");
  train_vae(o);
  VaeAnalyzeOptions a;
  a.run = o.out;
  a.classifier_epochs = 3;
  a.cnn_epochs = 1;
  analyze_vae(a);
  for (const char *f : {"analysis.json", "confusion.png", "redshift.png"})
    EXPECT_TRUE(file_exists(o.out + "/" + f)) << f;
  std::string json = readFile(o.out + "/analysis.json");
  for (const char *key : {"\"latent_classifier\"", "\"pixel_cnn\"", "\"test_r2\"",
                          "\"test_accuracy\"", "\"confusion\""})
    EXPECT_NE(json.find(key), std::string::npos) << key << "\n" << json;
  // The sample measures went into metrics.json next to the training record.
  json::Value m = read_json_file(o.out + "/metrics.json");
  EXPECT_NE(m.find("epochs"), nullptr);
  for (const char *who : {"model", "mean_plus_noise_baseline"}) {
    EXPECT_TRUE(std::isfinite(m.number_at({"evaluation", who, "fid"}))) << who;
    EXPECT_TRUE(std::isfinite(m.number_at({"evaluation", who, "kid"}))) << who;
    double p = m.number_at({"evaluation", who, "precision"});
    EXPECT_TRUE(p >= 0 && p <= 1) << who << " " << p;
  }
  EXPECT_GT(m.number_at({"evaluation", "samples_per_second"}), 0);
  EXPECT_TRUE(file_exists(o.out + "/classifier.safetensors"));
  VaeAnalyzeOptions missing;
  missing.run = ::testing::TempDir() + "/genc_vae_no_run";
  EXPECT_THROW(analyze_vae(missing), Error);
}

TEST(Vae, CompareRunsPrintsOneTableAndASamplesPicture) {
  VaeTrainOptions o = tiny("compare");
  o.steps = 3;
  train_vae(o);
  std::string png = ::testing::TempDir() + "/genc_compare.png";
  std::string table = compare_runs({o.out, o.out}, png);
  EXPECT_NE(table.find("| run"), std::string::npos) << table;
  EXPECT_NE(table.find(o.out), std::string::npos) << table;
  EXPECT_NE(table.find("| vae"), std::string::npos) << table;
  EXPECT_NE(table.find("gaussian"), std::string::npos) << table;
  EXPECT_TRUE(file_exists(png));
  EXPECT_TRUE(throwsErrorWith(
      [&] { compare_runs({::testing::TempDir() + "/genc_not_a_run"}, png); },
      "not a run directory"));
}

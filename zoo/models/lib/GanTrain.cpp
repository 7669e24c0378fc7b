// Training, sampling and evaluating the galaxy GANs (see
// genc/zoo/gan_train.h).
#include "genc/zoo/gan_train.h"

#include "genc/zoo/Data.h"
#include "genc/zoo/gan.h"
#include "genc/zoo/plot.h"
#include "genc/zoo/train.h"
#include "genc/zoo/vae_train.h"

#include "Common.h"

#include <cmath>
#include <cstdio>
#include <map>

namespace genc::zoo {

using namespace detail;

namespace {

struct StepRecord {
  double step, dLoss, gLoss, realScore, fakeScore, penalty;
};
struct EpochRecord {
  double epoch, step, dLoss, gLoss, realScore, fakeScore, penalty,
      stepsPerSecond, imagesPerSecond, peakMib, seconds;
};

/// The options with the loss's defaults filled in.
GanTrainOptions resolved(GanTrainOptions o) {
  bool wgan = o.loss == "wgan-gp";
  if (o.n_critic <= 0)
    o.n_critic = wgan ? 5 : 1;
  if (!(o.lr > 0))
    o.lr = wgan ? 1e-4 : 2e-4;
  if (o.beta1 < 0)
    o.beta1 = wgan ? 0.0 : 0.5;
  if (o.beta2 < 0)
    o.beta2 = wgan ? 0.9 : 0.999;
  return o;
}

std::map<std::string, std::string> runKeys(const GanTrainOptions &o,
                                           int64_t totalSteps) {
  return {{"gan.data", o.data},
          {"gan.count", std::to_string(o.count)},
          {"gan.image_size", std::to_string(o.image_size)},
          {"gan.batch", std::to_string(o.batch)},
          {"gan.latent", std::to_string(o.latent)},
          {"gan.channels", format_channels(o.channels)},
          {"gan.loss", o.loss},
          {"gan.gp_lambda", fmt(o.gp_lambda)},
          {"gan.n_critic", std::to_string(o.n_critic)},
          {"gan.lr", fmt(o.lr)},
          {"gan.beta1", fmt(o.beta1)},
          {"gan.beta2", fmt(o.beta2)},
          {"gan.seed", std::to_string(o.seed)},
          {"gan.total_steps", std::to_string(totalSteps)}};
}

GanConfig configOf(const std::map<std::string, std::string> &meta) {
  GanConfig c;
  c.image_size = std::stoll(metaOr(meta, "gan.image_size", "32"));
  c.latent = std::stoll(metaOr(meta, "gan.latent", "64"));
  c.channels = parse_channels(metaOr(meta, "gan.channels", "32,64,128"));
  c.loss = metaOr(meta, "gan.loss", "dcgan");
  c.gp_lambda = std::stod(metaOr(meta, "gan.gp_lambda", "10"));
  return c;
}

void writeMetrics(const std::string &out, const std::map<std::string, std::string> &keys,
                  const std::vector<StepRecord> &steps,
                  const std::vector<EpochRecord> &epochs, bool finished) {
  writeRunMetrics(out, "gan", metaOr(keys, "gan.loss", "dcgan"), finished, keys, epochs,
                  {"epoch", "step", "discriminator_loss", "generator_loss",
                   "real_score", "fake_score", "gradient_penalty", "steps_per_second",
                   "images_per_second", "peak_memory_mib", "seconds"},
                  steps, {"step", "discriminator_loss", "generator_loss", "real_score",
                          "fake_score", "gradient_penalty"});
}

void plotLoss(const std::string &dir, bool wgan, const std::vector<StepRecord> &steps) {
  plot::Series d{wgan ? "critic loss" : "discriminator loss", {}, {}},
      g{"generator loss", {}, {}}, w{"Wasserstein estimate D(x) − D(G(z))", {}, {}};
  for (const StepRecord &x : steps) {
    d.x.push_back(x.step);
    d.y.push_back(x.dLoss);
    g.x.push_back(x.step);
    g.y.push_back(x.gLoss);
    w.x.push_back(x.step);
    w.y.push_back(x.realScore - x.fakeScore);
  }
  plot::LineOptions lo;
  lo.title = wgan ? "WGAN-GP training on galaxies" : "DCGAN training on galaxies";
  lo.xlabel = "generator step";
  lo.ylabel = wgan ? "critic score units" : "nats (cross-entropy)";
  std::vector<plot::Series> series{d, g};
  if (wgan)
    series.push_back(w);
  plot::line_plot(dir + "/loss.png", series, lo);
}

/// The generator of a finished or interrupted run, and its configuration.
struct LoadedRun {
  TrainState state;
  GanConfig config;
};
LoadedRun loadRun(const std::string &run) {
  LoadedRun r;
  r.state = loadRunState(run, "gan", "loss");
  r.config = configOf(r.state.meta);
  return r;
}

} // namespace

double train_gan(const GanTrainOptions &options) {
  const GanTrainOptions o = resolved(options);
  if (o.loss != "dcgan" && o.loss != "wgan-gp")
    throw Error("--loss must be dcgan or wgan-gp, got '" + o.loss + "'");
  if (o.image_size != 32 && o.image_size != 64)
    throw Error("--image-size must be 32 or 64, got " + std::to_string(o.image_size));
  if (o.batch <= 0 || o.latent <= 0 || o.epochs <= 0 || o.steps < 0 ||
      o.count <= 0 || o.checkpoint_every <= 0 || o.gp_lambda < 0)
    throw Error("--batch, --latent, --epochs, --count and --checkpoint-every "
                "must be positive, --steps and --gp-lambda non-negative");
  RunData run = openRunData(o.data, o.count, o.image_size, o.seed, o.data_threads,
                            o.batch, false, o.out, o.n_critic);
  const GalaxySet &set = run.set;
  const Split &split = run.split;
  BatchLoader &train = *run.train;
  const StepPlan plan = planSteps(train, o.steps, o.epochs, o.n_critic);
  const int64_t perEpoch = plan.perEpoch, total = plan.total, epochs = plan.epochs;

  GanConfig config;
  config.image_size = o.image_size;
  config.latent = o.latent;
  config.channels = o.channels;
  config.loss = o.loss;
  config.gp_lambda = o.gp_lambda;
  Gan gan(config);
  auto optG = optim::adam(o.lr, o.beta1, o.beta2);
  auto optD = optim::adam(o.lr, o.beta1, o.beta2);
  GanTrainOptions recorded = o;
  if (o.data != "synthetic")
    recorded.count = set.count;
  std::map<std::string, std::string> keys = runKeys(recorded, total);

  TrainState state;
  std::vector<StepRecord> steps;
  std::vector<EpochRecord> epochRecords;
  int64_t step = 0;
  step = startRun(o.out, o.resume, keys, total, epochs, o.checkpoint_every, state,
                  steps, epochRecords, [&] {
                    Tensor key = random::key((uint64_t)o.seed);
                    Params g = gan.init_generator(random::fold_in(key, 10));
                    Params d = gan.init_discriminator(random::fold_in(key, 11));
                    state.params.insert("generator", g);
                    state.params.insert("discriminator", d);
                    state.opt.insert("generator", optG.init(g));
                    state.opt.insert("discriminator", optD.init(d));
                  });

  const int64_t latent = o.latent, batchSize = o.batch;
  auto dStep = jit(
      [&](const Params &g, const Params &d, const Params &st, const Tensor &x,
          const Tensor &key) {
        std::vector<Tensor> k = random::split_keys(key, 2);
        Tensor fake = gan.generate(g, random::normal(k[0], {batchSize, latent}));
        auto [loss, aux, grads] = value_and_grad_with_aux([&](const Params &d) {
          GanDiscriminatorTerms t = gan.discriminator_terms(d, x, fake, k[1]);
          return std::make_pair(t.loss, std::vector<Tensor>{t.real_score, t.fake_score,
                                                            t.penalty});
        })(d);
        auto [updates, st2] = optD.update(grads, st, d);
        return std::make_tuple(optim::apply_updates(d, updates), st2, loss, aux[0],
                               aux[1], aux[2]);
      },
      "gan_discriminator_step");
  auto gStep = jit(
      [&](const Params &g, const Params &st, const Params &d, const Tensor &key) {
        Tensor z = random::normal(key, {batchSize, latent});
        auto [loss, grads] = value_and_grad([&](const Params &g) {
          return gan.generator_loss(d, gan.generate(g, z));
        })(g);
        auto [updates, st2] = optG.update(grads, st, g);
        return std::make_tuple(optim::apply_updates(g, updates), st2, loss);
      },
      "gan_generator_step");
  auto generate = jit([&](const Params &g, const Tensor &z) { return gan.generate(g, z); },
                      "gan_generate");

  const Tensor stepKey = random::fold_in(random::key((uint64_t)o.seed), 1);
  auto save = [&](bool final) {
    saveRun(o.out, state, keys, step, final, steps, epochRecords);
  };


  std::fprintf(stderr,
               "genc-zoo: gan (%s) on %s: %lld images %lldx%lld (train %zu), "
               "%lld steps = %lld epochs of %lld, %lld discriminator updates "
               "per step\n",
               o.loss.c_str(), o.data.c_str(), (long long)set.count,
               (long long)set.height, (long long)set.width, split.train.size(),
               (long long)total, (long long)epochs, (long long)perEpoch,
               (long long)o.n_critic);
  Progress progress("gan", total, step);
  Batch batch;
  StepRecord sum{};
  TrainLoop loop = loaderLoop(train, batch, total, perEpoch, o.n_critic, o.checkpoint_every,
                              o.stop_after, [&] { save(false); }, [&] { sum = StepRecord{}; });
  loop.doStep = [&](int64_t step, int64_t) {
    StepRecord r{};
    r.step = (double)step + 1;
    Params g = state.params.scope("generator"), d = state.params.scope("discriminator");
    Params dst = state.opt.scope("discriminator");
    for (int64_t c = 0; c < o.n_critic; ++c) {
      if (!train.next(batch))
        throw Error("gan: the loader ran out of batches (internal error)");
      auto [d2, st2, loss, real, fake, pen] =
          dStep(g, d, dst, batchImages(batch),
                random::fold_in(stepKey, (uint32_t)(step * (o.n_critic + 1) + c)));
      d = d2;
      dst = st2;
      r.dLoss += loss.item() / o.n_critic;
      r.realScore += real.item() / o.n_critic;
      r.fakeScore += fake.item() / o.n_critic;
      r.penalty += pen.item() / o.n_critic;
    }
    auto [g2, gst2, gLoss] =
        gStep(g, state.opt.scope("generator"), d,
              random::fold_in(stepKey, (uint32_t)(step * (o.n_critic + 1) + o.n_critic)));
    r.gLoss = gLoss.item();
    if (!std::isfinite(r.dLoss) || !std::isfinite(r.gLoss))
      throw Error("gan: the losses became " + fmt(r.dLoss) + " / " + fmt(r.gLoss) +
                  " at step " + std::to_string(step + 1) + " (try a lower --lr)");
    state.params = Params();
    state.params.insert("generator", g2);
    state.params.insert("discriminator", d);
    state.opt = Params();
    state.opt.insert("generator", gst2);
    state.opt.insert("discriminator", dst);
    steps.push_back(r);
    sum.dLoss += r.dLoss;
    sum.gLoss += r.gLoss;
    sum.realScore += r.realScore;
    sum.fakeScore += r.fakeScore;
    sum.penalty += r.penalty;
    return std::vector<std::pair<std::string, double>>{
        {"d", r.dLoss}, {"g", r.gLoss}, {"D(x)-D(G(z))", r.realScore - r.fakeScore}};
  };
  loop.endEpoch = [&](int64_t epoch, int64_t step, double seconds, int64_t n) {
    EpochRecord e{};
    e.epoch = (double)epoch + 1;
    e.step = (double)step;
    e.dLoss = n ? sum.dLoss / n : NAN;
    e.gLoss = n ? sum.gLoss / n : NAN;
    e.realScore = n ? sum.realScore / n : NAN;
    e.fakeScore = n ? sum.fakeScore / n : NAN;
    e.penalty = n ? sum.penalty / n : NAN;
    e.stepsPerSecond = seconds > 0 ? n / seconds : NAN;
    e.imagesPerSecond = e.stepsPerSecond * o.batch * o.n_critic;
    e.seconds = seconds;
    e.peakMib = peak_rss_mib();
    epochRecords.push_back(e);
    char line[256];
    std::snprintf(line, sizeof line,
                  "epoch %lld: discriminator loss %.4f, generator loss %.4f, "
                  "D(x) %.3f, D(G(z)) %.3f%s, %.1f images/s",
                  (long long)epoch + 1, e.dLoss, e.gLoss, e.realScore, e.fakeScore,
                  o.loss == "wgan-gp" ? (", penalty " + fmt(e.penalty)).c_str() : "",
                  e.imagesPerSecond);
    progress.message(line);
    writeMetrics(o.out, keys, steps, epochRecords, false);
    plotLoss(o.out, o.loss == "wgan-gp", steps);
  };
  if (!runTrainLoop(loop, progress, step))
    return NAN;
  save(true);
  writeMetrics(o.out, keys, steps, epochRecords, true);
  plotLoss(o.out, o.loss == "wgan-gp", steps);
  Tensor z = random::normal(random::fold_in(random::key((uint64_t)o.seed), 3), {64, o.latent});
  plotSamples(o.out + "/samples.png",
              generate(state.params.scope("generator"), z).to_vector<float>(), 64,
              o.image_size, o.loss + " samples, z ~ N(0, I)");
  double last = epochRecords.empty() ? NAN : epochRecords.back().gLoss;
  std::fprintf(stderr, "genc-zoo: done; pictures in %s/{loss,samples}.png "
                       "(next: genc-zoo gan eval --run %s)\n",
               o.out.c_str(), o.out.c_str());
  return last;
}

std::string sample_gan(const GanSampleOptions &o) {
  checkSampleCount(o.count);
  LoadedRun r = loadRun(o.run);
  Gan gan(r.config);
  Tensor z = random::normal(random::key((uint64_t)o.seed), {o.count, r.config.latent});
  std::vector<float> images =
      jit([&](const Params &g, const Tensor &z) { return gan.generate(g, z); },
          "gan_generate")(r.state.params.scope("generator"), z)
          .to_vector<float>();
  std::string path = o.out.empty() ? o.run + "/samples-" + std::to_string(o.seed) + ".png"
                                   : o.out;
  plotSamples(path, images, o.count, r.config.image_size,
              r.config.loss + " samples (seed " + std::to_string(o.seed) + ")");
  return path;
}

Evaluation eval_gan(const EvalOptions &o) {
  LoadedRun r = loadRun(o.run);
  Gan gan(r.config);
  const auto &meta = r.state.meta;
  const int64_t batch = std::stoll(metaOr(meta, "gan.batch", "64"));
  auto generate = jit([&](const Params &g, const Tensor &z) { return gan.generate(g, z); },
                      "gan_generate");
  Params g = r.state.params.scope("generator");
  Tensor key = random::fold_in(random::key(std::stoull(metaOr(meta, "gan.seed", "0"))), 4);
  return evaluate_run(o.run, meta, "gan", o.data, [&](int64_t k) {
    return generate(g, random::normal(random::fold_in(key, (uint32_t)k),
                                      {batch, r.config.latent}));
  });
}

} // namespace genc::zoo

// Training, sampling and evaluating DDPM on galaxies (see
// genc/zoo/diffusion_train.h).
#include "genc/zoo/diffusion_train.h"

#include "genc/zoo/Data.h"
#include "genc/zoo/diffusion.h"
#include "genc/zoo/train.h"
#include "genc/zoo/vae_train.h"

#include "Common.h"

#include <cmath>
#include <cstdio>
#include <map>

namespace genc::zoo {

using namespace detail;

namespace {

using StepRecord = LossStep;
using EpochRecord = LossEpoch;

std::map<std::string, std::string> runKeys(const DiffusionTrainOptions &o,
                                           int64_t totalSteps) {
  return {{"diffusion.data", o.data},
          {"diffusion.count", std::to_string(o.count)},
          {"diffusion.image_size", std::to_string(o.image_size)},
          {"diffusion.batch", std::to_string(o.batch)},
          {"diffusion.timesteps", std::to_string(o.timesteps)},
          {"diffusion.schedule", o.schedule},
          {"diffusion.channels", format_channels(o.channels)},
          {"diffusion.groups", std::to_string(o.groups)},
          {"diffusion.lr", fmt(o.lr)},
          {"diffusion.warmup_steps", std::to_string(o.warmup_steps)},
          {"diffusion.ema_decay", fmt(o.ema_decay)},
          {"diffusion.sample_steps", std::to_string(o.sample_steps)},
          {"diffusion.seed", std::to_string(o.seed)},
          {"diffusion.total_steps", std::to_string(totalSteps)}};
}

DiffusionConfig configOf(const std::map<std::string, std::string> &meta) {
  DiffusionConfig c;
  c.image_size = std::stoll(metaOr(meta, "diffusion.image_size", "32"));
  c.timesteps = std::stoll(metaOr(meta, "diffusion.timesteps", "1000"));
  c.schedule = metaOr(meta, "diffusion.schedule", "linear");
  c.channels = parse_channels(metaOr(meta, "diffusion.channels", "32,64,128"));
  c.groups = std::stoll(metaOr(meta, "diffusion.groups", "8"));
  return c;
}

struct LoadedRun {
  TrainState state;
  DiffusionConfig config;
  int64_t sampleSteps = 100;
};
LoadedRun loadRun(const std::string &run) {
  LoadedRun r;
  r.state = loadRunState(run, "diffusion", "schedule");
  r.config = configOf(r.state.meta);
  r.sampleSteps = std::stoll(metaOr(r.state.meta, "diffusion.sample_steps", "100"));
  return r;
}

/// The compiled sampler of the EMA weights: (params, key) -> images.
auto makeSampler(const Diffusion &model, int64_t batch, int64_t steps) {
  SamplerTable table = sampler_table(model.schedule(), steps);
  return jit(
      [&model, batch, table](const Params &p, const Tensor &key) {
        return model.sample(p, key, batch, table);
      },
      "ddpm_sample_" + std::to_string(steps));
}

} // namespace

double train_diffusion(const DiffusionTrainOptions &o) {
  if (o.image_size != 32 && o.image_size != 64)
    throw Error("--image-size must be 32 or 64, got " + std::to_string(o.image_size));
  if (o.batch <= 0 || o.epochs <= 0 || o.steps < 0 || o.count <= 0 ||
      o.checkpoint_every <= 0 || !(o.lr > 0) || o.timesteps < 2 ||
      o.sample_steps < 1 || o.sample_steps > o.timesteps ||
      !(o.ema_decay >= 0 && o.ema_decay < 1))
    throw Error("--batch, --epochs, --count, --lr and --checkpoint-every must be "
                "positive, --timesteps at least 2, --sample-steps in "
                "1..timesteps, --ema-decay in [0, 1)");
  // Galaxies have no preferred orientation: flips and quarter turns.
  RunData run = openRunData(o.data, o.count, o.image_size, o.seed, o.data_threads,
                            o.batch, true, o.out);
  const GalaxySet &set = run.set;
  const Split &split = run.split;
  BatchLoader &train = *run.train;
  const StepPlan plan = planSteps(train, o.steps, o.epochs);
  const int64_t perEpoch = plan.perEpoch, total = plan.total, epochs = plan.epochs;

  DiffusionConfig config;
  config.image_size = o.image_size;
  config.timesteps = o.timesteps;
  config.schedule = o.schedule;
  config.channels = o.channels;
  config.groups = o.groups > 0 ? o.groups
                               : std::max<int64_t>(1, std::min<int64_t>(32, o.channels[0] / 4));
  Diffusion model(config);
  auto opt = optim::adam(optim::linear_warmup(o.lr, o.warmup_steps));
  DiffusionTrainOptions recorded = o;
  recorded.groups = config.groups;
  if (o.data != "synthetic")
    recorded.count = set.count;
  std::map<std::string, std::string> keys = runKeys(recorded, total);

  TrainState state;
  std::vector<StepRecord> steps;
  std::vector<EpochRecord> epochRecords;
  int64_t step = 0;
  step = startRun(o.out, o.resume, keys, total, epochs, o.checkpoint_every, state,
                  steps, epochRecords, [&] {
                    state.params = model.init(random::key((uint64_t)o.seed));
                    state.opt = opt.init(state.params);
                    state.extra.insert("ema", state.params);
                  },
                  // Checkpoints from before --groups used 8.
                  {{"diffusion.groups", "8"}});

  const double decay = o.ema_decay;
  auto trainStep = jit(
      [&](const Params &p, const Params &st, const Params &ema, const Tensor &x,
          const Tensor &key) {
        auto [loss, g] = value_and_grad([&](const Params &p) {
          return model.loss(p, x, key);
        })(p);
        auto [updates, st2] = opt.update(g, st, p);
        Params p2 = optim::apply_updates(p, updates);
        Params ema2 = tree_map(
            [decay](const Tensor &e, const Tensor &q) {
              return decay * e + (1.0 - decay) * q;
            },
            ema, p2);
        return std::make_tuple(p2, st2, ema2, loss);
      },
      "ddpm_train_step");
  auto evalLoss = jit(
      [&](const Params &p, const Tensor &x, const Tensor &key) {
        return model.loss(p, x, key);
      },
      "ddpm_eval");

  const Tensor stepKey = random::fold_in(random::key((uint64_t)o.seed), 1);
  const Tensor evalKey = random::fold_in(random::key((uint64_t)o.seed), 2);
  auto save = [&](bool final) {
    saveRun(o.out, state, keys, step, final, steps, epochRecords);
  };

  // Validation: the ε loss of the EMA weights on the validation split
  // (whole batches; the same t and ε draws every epoch).
  auto validate = [&]() {
    double sum = 0;
    int64_t n = 0, k = 0;
    forEachBatch(set, split.validation, o.batch, [&](const Batch &b) {
      if (b.size < o.batch)
        return; // padded rows would count as images
      sum += evalLoss(state.extra.scope("ema"), batchImages(b),
                      random::fold_in(evalKey, (uint32_t)k++))
                 .item();
      ++n;
    });
    return n ? sum / n : NAN;
  };
  auto writeMetrics = [&](bool finished) {
    writeRunMetrics(o.out, "diffusion", "ddpm " + o.schedule, finished, keys, epochRecords,
                    {"epoch", "step", "train_loss", "val_loss_ema", "steps_per_second",
                     "images_per_second", "peak_memory_mib", "seconds"},
                    steps, {"step", "loss"});
  };
  auto plotLoss = [&]() {
    plotLossCurves(o.out + "/loss.png",
                   "DDPM training on galaxies (" + o.schedule + " schedule)",
                   "mean squared error of ε", true, "training ε loss",
                   "validation ε loss (EMA)", steps, epochRecords);
  };

  std::fprintf(stderr,
               "genc-zoo: diffusion (DDPM, %s, T = %lld) on %s: %lld images "
               "%lldx%lld (train %zu), %lld steps = %lld epochs of %lld\n",
               o.schedule.c_str(), (long long)o.timesteps, o.data.c_str(),
               (long long)set.count, (long long)set.height, (long long)set.width,
               split.train.size(), (long long)total, (long long)epochs,
               (long long)perEpoch);
  Progress progress("ddpm", total, step);
  Batch batch;
  double sumLoss = 0;
  TrainLoop loop = loaderLoop(train, batch, total, perEpoch, 1, o.checkpoint_every,
                              o.stop_after, [&] { save(false); }, [&] { sumLoss = 0; });
  loop.doStep = [&](int64_t step, int64_t) {
    if (!train.next(batch))
      throw Error("diffusion: the loader ran out of batches (internal error)");
    auto [p, st, ema, loss] =
        trainStep(state.params, state.opt, state.extra.scope("ema"), batchImages(batch),
                  random::fold_in(stepKey, (uint32_t)step));
    state.params = p;
    state.opt = st;
    state.extra = Params();
    state.extra.insert("ema", ema);
    StepRecord r{(double)step + 1, loss.item()};
    if (!std::isfinite(r.loss))
      throw Error("diffusion: the loss became " + fmt(r.loss) + " at step " +
                  std::to_string(step + 1) + " (try a lower --lr)");
    steps.push_back(r);
    sumLoss += r.loss;
    return std::vector<std::pair<std::string, double>>{{"loss", r.loss}};
  };
  loop.endEpoch = [&](int64_t epoch, int64_t step, double seconds, int64_t n) {
    EpochRecord e = lossEpoch(epoch, step, seconds, n, sumLoss, validate(), o.batch);
    epochRecords.push_back(e);
    char line[200];
    std::snprintf(line, sizeof line,
                  "epoch %lld: train ε loss %.4f, validation (EMA) %.4f, %.1f images/s",
                  (long long)epoch + 1, e.train, e.validation, e.imagesPerSecond);
    progress.message(line);
    writeMetrics(false);
    plotLoss();
  };
  if (!runTrainLoop(loop, progress, step))
    return NAN;
  save(true);
  writeMetrics(true);
  plotLoss();
  auto sampler = makeSampler(model, 64, o.sample_steps);
  plotSamples(o.out + "/samples.png",
              sampler(state.extra.scope("ema"),
                      random::fold_in(random::key((uint64_t)o.seed), 3))
                  .to_vector<float>(),
              64, o.image_size,
              "DDPM samples (EMA weights, " + std::to_string(o.sample_steps) +
                  " of " + std::to_string(o.timesteps) + " steps)");
  double last = epochRecords.empty() ? NAN : epochRecords.back().validation;
  std::fprintf(stderr, "genc-zoo: done; pictures in %s/{loss,samples}.png "
                       "(next: genc-zoo diffusion eval --run %s)\n",
               o.out.c_str(), o.out.c_str());
  return last;
}

std::string sample_diffusion(const DiffusionSampleOptions &o) {
  checkSampleCount(o.count);
  LoadedRun r = loadRun(o.run);
  Diffusion model(r.config);
  int64_t steps = o.steps > 0 ? o.steps : r.sampleSteps;
  auto sampler = makeSampler(model, o.count, steps);
  std::vector<float> images =
      sampler(r.state.extra.scope("ema"), random::key((uint64_t)o.seed)).to_vector<float>();
  std::string path = o.out.empty() ? o.run + "/samples-" + std::to_string(o.seed) + "-" +
                                         std::to_string(steps) + ".png"
                                   : o.out;
  plotSamples(path, images, o.count, r.config.image_size,
              "DDPM samples (" + std::to_string(steps) + " steps, seed " +
                  std::to_string(o.seed) + ")");
  return path;
}

Evaluation eval_diffusion(const EvalOptions &o, int64_t stepsOverride) {
  LoadedRun r = loadRun(o.run);
  Diffusion model(r.config);
  const auto &meta = r.state.meta;
  const int64_t batch = std::stoll(metaOr(meta, "diffusion.batch", "64"));
  const int64_t steps = stepsOverride > 0 ? stepsOverride : r.sampleSteps;
  auto sampler = makeSampler(model, batch, steps);
  Params ema = r.state.extra.scope("ema");
  Tensor key = random::fold_in(random::key(std::stoull(metaOr(meta, "diffusion.seed", "0"))), 4);
  JsonWriter extra;
  extra.key("sampler").value("ancestral, " + std::to_string(steps) + " of " +
                             std::to_string(r.config.timesteps) + " steps, EMA weights");
  return evaluate_run(o.run, meta, "diffusion", o.data,
                      [&](int64_t k) { return sampler(ema, random::fold_in(key, (uint32_t)k)); },
                      [&](const GalaxySet &, const Split &) { return extra.str(); });
}

} // namespace genc::zoo

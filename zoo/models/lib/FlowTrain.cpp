// Training, sampling and evaluating normalizing flows on galaxies (see
// genc/zoo/flow_train.h).
#include "genc/zoo/flow_train.h"

#include "genc/zoo/Data.h"
#include "genc/zoo/flow.h"
#include "genc/zoo/train.h"

#include "Common.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace genc::zoo {

using namespace detail;

namespace {

using StepRecord = LossStep;
using EpochRecord = LossEpoch;

std::map<std::string, std::string> runKeys(const FlowTrainOptions &o, int64_t total) {
  return {{"flow.data", o.data},
          {"flow.count", std::to_string(o.count)},
          {"flow.image_size", std::to_string(o.image_size)},
          {"flow.batch", std::to_string(o.batch)},
          {"flow.flow", o.flow},
          {"flow.scales", std::to_string(o.scales)},
          {"flow.hidden", std::to_string(o.hidden)},
          {"flow.split_prior", o.split_prior},
          {"flow.layers", std::to_string(o.layers)},
          {"flow.lr", fmt(o.lr)},
          {"flow.warmup_steps", std::to_string(o.warmup_steps)},
          {"flow.clip_norm", fmt(o.clip_norm)},
          {"flow.objective", o.teacher.empty() ? "maximum_likelihood" : "distillation"},
          {"flow.teacher", o.teacher},
          {"flow.init", o.flow == "iaf" ? o.init : "identity"},
          {"flow.seed", std::to_string(o.seed)},
          {"flow.total_steps", std::to_string(total)}};
}

FlowConfig configOf(const std::map<std::string, std::string> &meta) {
  FlowConfig c;
  c.image_size = std::stoll(metaOr(meta, "flow.image_size", "32"));
  c.scales = std::stoll(metaOr(meta, "flow.scales", "2"));
  c.hidden = std::stoll(metaOr(meta, "flow.hidden", "32"));
  c.layers = std::stoll(metaOr(meta, "flow.layers", "4"));
  c.learned_split = metaOr(meta, "flow.split_prior", "standard") == "learned";
  return c;
}

std::string flowName(const std::string &kind) {
  return kind == "maf" ? "MAF" : kind == "iaf" ? "IAF" : "RealNVP";
}

/// Mean bits/dim of the rows of a split with fixed dequantization noise.
double meanBitsPerDim(const std::function<Tensor(const Tensor &, const Tensor &)> &bpd,
                      const GalaxySet &set, const std::vector<int64_t> &rows,
                      int64_t batch, const Tensor &key) {
  double sum = 0;
  int64_t n = 0, k = 0;
  forEachBatch(set, rows, batch, [&](const Batch &b) {
    std::vector<float> v =
        bpd(batchImages(b), random::fold_in(key, (uint32_t)k++)).to_vector<float>();
    for (int64_t i = 0; i < b.size; ++i)
      sum += v[i];
    n += b.size;
  });
  return n ? sum / n : NAN;
}

/// The per-dimension mean and log standard deviation, in logit space, of
/// the images of `rows` (pixels at their 8-bit bins' centres): the IAF's
/// fitted start (MadeFlow::with_marginals). Only for a new run.
std::pair<std::vector<float>, std::vector<float>>
logitMarginals(const GalaxySet &set, const std::vector<int64_t> &rows, int64_t batch,
               double alpha) {
  std::vector<double> s1, s2;
  int64_t n = 0, d = 0;
  forEachBatch(set, rows, batch, [&](const Batch &b) {
    // A short last batch is padded to the full batch size: the image size,
    // not images.size() / size, gives the dimension.
    d = (int64_t)b.image_size * b.image_size * 3;
    s1.resize(d, 0);
    s2.resize(d, 0);
    for (int64_t i = 0; i < b.size; ++i, ++n)
      for (int64_t j = 0; j < d; ++j) {
        double y = (std::floor(b.images[i * d + j] * 255.0 + 0.5) + 0.5) / 256.0;
        double s = alpha + (1 - 2 * alpha) * y, x = std::log(s / (1 - s));
        s1[j] += x;
        s2[j] += x * x;
      }
  });
  std::vector<float> mean, logStd;
  for (int64_t j = 0; j < d; ++j) {
    double m = s1[j] / n, v = std::max(s2[j] / n - m * m, 1e-6);
    mean.push_back((float)m);
    logStd.push_back((float)(0.5 * std::log(v)));
  }
  return {mean, logStd};
}

} // namespace

double train_flow(const FlowTrainOptions &o) {
  if (o.flow != "realnvp" && o.flow != "maf" && o.flow != "iaf")
    throw Error("--flow must be realnvp, maf or iaf, got '" + o.flow + "'");
  if (o.image_size != 32 && o.image_size != 64)
    throw Error("--image-size must be 32 or 64, got " + std::to_string(o.image_size));
  if (o.batch <= 0 || o.epochs <= 0 || o.steps < 0 || o.count <= 0 ||
      o.checkpoint_every <= 0 || !(o.lr > 0) || o.hidden < 0 || o.scales < 1 ||
      o.layers < 1)
    throw Error("--batch, --epochs, --count, --lr, --scales, --layers and "
                "--checkpoint-every must be positive, --hidden non-negative");
  // Galaxies have no preferred orientation: flips and quarter turns.
  RunData run = openRunData(o.data, o.count, o.image_size, o.seed, o.data_threads,
                            o.batch, true, o.out);
  const GalaxySet &set = run.set;
  const Split &split = run.split;
  BatchLoader &train = *run.train;
  const StepPlan plan = planSteps(train, o.steps, o.epochs);
  const int64_t perEpoch = plan.perEpoch, total = plan.total, epochs = plan.epochs;

  FlowConfig config;
  config.image_size = o.image_size;
  config.scales = o.scales;
  config.hidden = o.hidden > 0 ? o.hidden : (o.flow == "realnvp" ? 32 : 256);
  config.layers = o.layers;
  if (o.split_prior != "standard" && o.split_prior != "learned")
    throw Error("--split-prior must be standard or learned, got '" + o.split_prior + "'");
  if (o.split_prior == "learned" && o.flow != "realnvp")
    throw Error("--split-prior learned is RealNVP's (multi-scale) option, not " + o.flow + "'s");
  config.learned_split = o.split_prior == "learned";
  std::unique_ptr<ImageFlow> flowPtr = make_flow(o.flow, config);
  const ImageFlow &flow = *flowPtr;
  if (!(o.clip_norm >= 0))
    throw Error("--clip-norm must be >= 0");
  // The teacher of density distillation: a trained flow on the same image size.
  std::unique_ptr<ImageFlow> teacherPtr;
  TrainState teacherState;
  if (!o.teacher.empty()) {
    if (o.flow != "iaf")
      throw Error("--teacher trains an IAF by density distillation; it needs --flow iaf, "
                  "not '" + o.flow + "'");
    teacherState = loadRunState(o.teacher, "flow", "flow");
    FlowConfig tc = configOf(teacherState.meta);
    if (tc.image_size != o.image_size)
      throw Error("--teacher " + o.teacher + " models " + std::to_string(tc.image_size) +
                  "x" + std::to_string(tc.image_size) + " images, this run " +
                  std::to_string(o.image_size) + "x" + std::to_string(o.image_size));
    if (metaOr(teacherState.meta, "finished", "false") != "true")
      std::fprintf(stderr, "genc-zoo: warning: the teacher run %s did not finish training\n",
                   o.teacher.c_str());
    teacherPtr = make_flow(metaOr(teacherState.meta, "flow.flow", "realnvp"), tc);
  }
  auto adam = optim::adam(optim::linear_warmup(o.lr, o.warmup_steps));
  // Clipping the gradients' global norm first (optax's recipe against the
  // loss spikes of flows); 0 = off, plain Adam (and its state layout).
  auto opt = o.clip_norm > 0
                 ? optim::chain({optim::clip_by_global_norm(o.clip_norm), adam})
                 : adam;
  FlowTrainOptions recorded = o;
  recorded.hidden = config.hidden;
  if (o.data != "synthetic")
    recorded.count = set.count;
  std::map<std::string, std::string> keys = runKeys(recorded, total);

  if (o.init != "marginals" && o.init != "identity")
    throw Error("--init must be marginals or identity, got '" + o.init + "'");
  TrainState state;
  std::vector<StepRecord> steps;
  std::vector<EpochRecord> epochRecords;
  int64_t step = startRun(o.out, o.resume, keys, total, epochs, o.checkpoint_every,
                          state, steps, epochRecords, [&] {
                            state.params = flow.init(random::key((uint64_t)o.seed));
                            if (o.flow == "iaf" && o.init == "marginals") {
                              auto [mean, logStd] =
                                  logitMarginals(set, split.train, o.batch, config.alpha);
                              state.params = static_cast<const MadeFlow &>(flow).with_marginals(
                                  state.params, mean, logStd);
                            }
                            state.opt = opt.init(state.params);
                          }, {{"flow.clip_norm", fmt(0.0)},
                              {"flow.objective", "maximum_likelihood"},
                              {"flow.split_prior", "standard"},
                              {"flow.teacher", ""},
                              {"flow.init", "identity"}});

  auto trainStep = jit(
      [&](const Params &p, const Params &st, const Tensor &x, const Tensor &key) {
        auto [loss, g] = value_and_grad([&](const Params &p) {
          return mean(flow.bits_per_dim(p, x, key));
        })(p);
        auto [updates, st2] = opt.update(g, st, p);
        return std::make_tuple(optim::apply_updates(p, updates), st2, loss);
      },
      "flow_train_step");
  // KL(q || p_teacher) in bits/dim over the student's own samples; the
  // logit map is a bijection, so the KL in logit space is the KL of images.
  const double bitsPerNat = 1.0 / ((double)flow.dims() * std::log(2.0));
  auto distillLoss = [&](const Params &p, const Params &tp, const Tensor &key) {
    const auto &student = static_cast<const MadeFlow &>(flow);
    Tensor z = random::normal(key, {o.batch, flow.dims()});
    auto [x, logq] = student.inverse_with_log_prob(p, z);
    return mean(logq - teacherPtr->log_prob_logit(tp, x)) * bitsPerNat;
  };
  auto distillKl = jit(distillLoss, "flow_distill_kl");
  auto distillStep = jit(
      [&](const Params &p, const Params &st, const Params &tp, const Tensor &key) {
        auto [loss, g] = value_and_grad([&](const Params &p) {
          return distillLoss(p, tp, key);
        })(p);
        auto [updates, st2] = opt.update(g, st, p);
        return std::make_tuple(optim::apply_updates(p, updates), st2, loss);
      },
      "flow_distill_step");
  auto bpd = jit([&](const Params &p, const Tensor &x, const Tensor &key) {
    return flow.bits_per_dim(p, x, key);
  }, "flow_bits_per_dim");
  auto sample = jit([&](const Params &p, const Tensor &u) { return flow.sample(p, u); },
                    "flow_sample");

  const Tensor stepKey = random::fold_in(random::key((uint64_t)o.seed), 1);
  const Tensor evalKey = random::fold_in(random::key((uint64_t)o.seed), 2);
  auto save = [&](bool final) {
    saveRun(o.out, state, keys, step, final, steps, epochRecords);
  };
  auto writeMetrics = [&](bool finished) {
    writeRunMetrics(o.out, "flow", o.flow, finished, keys, epochRecords,
                    {"epoch", "step", "train_bits_per_dim", "val_bits_per_dim",
                     "steps_per_second", "images_per_second", "peak_memory_mib",
                     "seconds"},
                    steps, {"step", "bits_per_dim"});
  };
  auto plotLoss = [&]() {
    if (teacherPtr)
      plotLossCurves(o.out + "/loss.png",
                     flowName(o.flow) + " by density distillation from " +
                         flowName(metaOr(teacherState.meta, "flow.flow", "realnvp")),
                     "bits per dimension", false, "KL(student || teacher)",
                     "validation KL (fixed draws)", steps, epochRecords);
    else
      plotLossCurves(o.out + "/loss.png", flowName(o.flow) + " maximum likelihood on galaxies",
                     "bits per dimension (dequantized)", false, "training bits/dim",
                     "validation bits/dim", steps, epochRecords);
  };

  std::fprintf(stderr,
               "genc-zoo: flow (%s, %lld scales / %lld layers, hidden %lld) on %s: %lld images "
               "%lldx%lld (train %zu), %lld steps = %lld epochs of %lld\n",
               o.flow.c_str(), (long long)o.scales, (long long)o.layers,
               (long long)config.hidden,
               o.data.c_str(), (long long)set.count, (long long)set.height,
               (long long)set.width, split.train.size(), (long long)total,
               (long long)epochs, (long long)perEpoch);
  if (teacherPtr)
    std::fprintf(stderr, "genc-zoo: objective: density distillation from %s (%s)\n",
                 o.teacher.c_str(),
                 flowName(metaOr(teacherState.meta, "flow.flow", "realnvp")).c_str());
  Progress progress("flow", total, step);
  Batch batch;
  double sum = 0;
  TrainLoop loop = loaderLoop(train, batch, total, perEpoch, 1, o.checkpoint_every,
                              o.stop_after, [&] { save(false); }, [&] { sum = 0; });
  loop.doStep = [&](int64_t step, int64_t) {
    if (!train.next(batch))
      throw Error("flow: the loader ran out of batches (internal error)");
    // Distillation draws its own z; the loader still paces the epochs.
    auto [p, st, loss] =
        teacherPtr ? distillStep(state.params, state.opt, teacherState.params,
                                 random::fold_in(stepKey, (uint32_t)step))
                   : trainStep(state.params, state.opt, batchImages(batch),
                               random::fold_in(stepKey, (uint32_t)step));
    state.params = p;
    state.opt = st;
    StepRecord r{(double)step + 1, loss.item()};
    if (!std::isfinite(r.loss))
      throw Error(std::string("flow: ") + (teacherPtr ? "the distillation KL" : "bits/dim") +
                  " became " + fmt(r.loss) + " at step " +
                  std::to_string(step + 1) + " (try a lower --lr)");
    steps.push_back(r);
    sum += r.loss;
    return std::vector<std::pair<std::string, double>>{
        {teacherPtr ? "KL bits/dim" : "bits/dim", r.loss}};
  };
  // Validation: the data bits/dim of the validation split; under
  // distillation the KL to the teacher on 8 fixed batches of draws instead
  // (one pass; the student's data bits/dim needs its sequential loop and is
  // measured once, by `flow eval`).
  auto validate = [&]() {
    if (!teacherPtr)
      return meanBitsPerDim(
          [&](const Tensor &x, const Tensor &k) { return bpd(state.params, x, k); }, set,
          split.validation, o.batch, evalKey);
    double kl = 0;
    for (uint32_t k = 0; k < 8; ++k)
      kl += distillKl(state.params, teacherState.params, random::fold_in(evalKey, k)).item();
    return kl / 8;
  };
  loop.endEpoch = [&](int64_t epoch, int64_t step, double seconds, int64_t n) {
    EpochRecord e = lossEpoch(epoch, step, seconds, n, sum, validate(), o.batch);
    epochRecords.push_back(e);
    char line[200];
    std::snprintf(line, sizeof line,
                  "epoch %lld: %s %.4f bits/dim, validation %s%.4f bits/dim, %.1f images/s",
                  (long long)epoch + 1, teacherPtr ? "KL to the teacher" : "train", e.train,
                  teacherPtr ? "KL " : "", e.validation, e.imagesPerSecond);
    progress.message(line);
    writeMetrics(false);
    plotLoss();
  };
  if (!runTrainLoop(loop, progress, step))
    return NAN;
  save(true);
  writeMetrics(true);
  plotLoss();
  Tensor u = random::normal(random::fold_in(random::key((uint64_t)o.seed), 3),
                            {64, flow.dims()});
  plotSamples(o.out + "/samples.png", sample(state.params, u).to_vector<float>(), 64,
              o.image_size, flowName(o.flow) + " samples, z ~ N(0, I)");
  double last = epochRecords.empty() ? NAN : epochRecords.back().validation;
  std::fprintf(stderr, "genc-zoo: done; pictures in %s/{loss,samples}.png "
                       "(next: genc-zoo flow eval --run %s)\n",
               o.out.c_str(), o.out.c_str());
  return last;
}

std::string sample_flow(const FlowSampleOptions &o) {
  checkSampleCount(o.count);
  if (!(o.temperature > 0))
    throw Error("--temperature must be positive");
  TrainState state = loadRunState(o.run, "flow", "flow");
  std::unique_ptr<ImageFlow> flowPtr =
      make_flow(metaOr(state.meta, "flow.flow", "realnvp"), configOf(state.meta));
  const ImageFlow &flow = *flowPtr;
  Tensor u = random::normal(random::key((uint64_t)o.seed), {o.count, flow.dims()}) *
             o.temperature;
  std::vector<float> images =
      jit([&](const Params &p, const Tensor &u) { return flow.sample(p, u); },
          "flow_sample")(state.params, u)
          .to_vector<float>();
  std::string path = o.out.empty() ? o.run + "/samples-" + std::to_string(o.seed) + ".png"
                                   : o.out;
  plotSamples(path, images, o.count, flow.config().image_size,
              flowName(metaOr(state.meta, "flow.flow", "realnvp")) + " samples (T = " +
                  fmt(o.temperature) + ", seed " +
                  std::to_string(o.seed) + ")");
  return path;
}

Evaluation eval_flow(const EvalOptions &o, double temperature) {
  if (!(temperature > 0))
    throw Error("--temperature must be positive");
  TrainState state = loadRunState(o.run, "flow", "flow");
  std::unique_ptr<ImageFlow> flowPtr =
      make_flow(metaOr(state.meta, "flow.flow", "realnvp"), configOf(state.meta));
  const ImageFlow &flow = *flowPtr;
  const auto &meta = state.meta;
  const int64_t batch = std::stoll(metaOr(meta, "flow.batch", "64"));
  const uint64_t seed = std::stoull(metaOr(meta, "flow.seed", "0"));
  auto sample = jit([&](const Params &p, const Tensor &u) { return flow.sample(p, u); },
                    "flow_sample");
  auto bpd = jit([&](const Params &p, const Tensor &x, const Tensor &key) {
    return flow.bits_per_dim(p, x, key);
  }, "flow_bits_per_dim");
  Tensor key = random::fold_in(random::key(seed), 4);
  return evaluate_run(
      o.run, meta, "flow", o.data,
      [&](int64_t k) {
        return sample(state.params,
                      random::normal(random::fold_in(key, (uint32_t)k), {batch, flow.dims()}) *
                          temperature);
      },
      [&](const GalaxySet &set, const Split &split) {
        double b = meanBitsPerDim(
            [&](const Tensor &x, const Tensor &k) { return bpd(state.params, x, k); }, set,
            split.test, batch, random::fold_in(key, 0xb1d));
        std::printf("test split: %.4f bits/dim (uniform dequantization)\n", b);
        JsonWriter j;
        j.key("bits_per_dim").value(b);
        j.key("bits_per_dim_note").value("test split, uniform dequantization, logit "
                                         "preprocessing accounted for");
        j.key("sampling_temperature").value(temperature);
        return j.str();
      });
}

} // namespace genc::zoo

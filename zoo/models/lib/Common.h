// Helpers shared by the zoo models' training and analysis code (private to
// zoo/models).
#ifndef GENC_ZOO_MODELS_COMMON_H
#define GENC_ZOO_MODELS_COMMON_H

#include "genc/zoo/Data.h"
#include "genc/zoo/train.h"

#include <genc/genc.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <sstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace genc::zoo::detail {

/// load_galaxies at `imageSize` with the loader's reports on stderr; throws
/// when the images are smaller than `imageSize`.
GalaxySet loadData(const std::string &spec, int64_t count, int64_t imageSize,
                   int64_t seed, int64_t threads);

/// The batch's images as a [batch, S, S, 3] tensor (padding rows included).
Tensor batchImages(const Batch &b);

/// Runs `fn` on every batch of the rows `indices` (in order, last batch
/// padded to `batch`) and calls `row(i, batch)` for each real row.
void forEachBatch(const GalaxySet &set, const std::vector<int64_t> &indices,
                  int64_t batch, const std::function<void(const Batch &)> &fn);

/// Row-major n x d latent means of the rows `indices` by `encode` (params,
/// images) -> [B, d]; labels and redshifts of the same rows when asked.
std::vector<double>
latentMeans(const std::function<Tensor(const Tensor &)> &encode,
            const GalaxySet &set, const std::vector<int64_t> &indices,
            int64_t batch, int64_t d, std::vector<int> *labels = nullptr,
            std::vector<double> *redshift = nullptr);

inline Tensor crossEntropy(const Tensor &logits, const Tensor &labels) {
  return -mean(sum(one_hot(labels, kGalaxyClasses) * log_softmax(logits), {1}));
}

/// A jitted training step of a classifier `apply(params, x) -> logits`:
/// (params, opt state, x, labels) -> (params, opt state, cross-entropy).
template <class Apply>
auto classifierStep(Apply apply, optim::GradientTransformation opt,
                    const std::string &name) {
  return jit(
      [apply, opt](const Params &p, const Params &st, const Tensor &x,
                   const Tensor &y) {
        auto [loss, g] = value_and_grad([&](const Params &p) {
          return crossEntropy(apply(p, x), y);
        })(p);
        auto [u, st2] = opt.update(g, st, p);
        return std::make_tuple(optim::apply_updates(p, u), st2, loss);
      },
      name);
}

/// "%.9g".
std::string fmt(double v);

std::string metaOr(const std::map<std::string, std::string> &meta,
                   const std::string &key, const std::string &fallback);

/// Throws unless every run-defining key ("model.name") has the same value
/// in a checkpoint's metadata (--resume with other flags).
void checkResumeKeys(const std::map<std::string, std::string> &meta,
                     const std::map<std::string, std::string> &keys,
                     const std::string &ckpt);

using Clock = std::chrono::steady_clock;
inline double secondsSince(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

/// Records as "a,b,c;a,b,c" (checkpoint metadata) and back.
template <class R> std::string encodeRecords(const std::vector<R> &records) {
  constexpr size_t n = sizeof(R) / sizeof(double);
  std::string s;
  for (const R &r : records) {
    const double *v = reinterpret_cast<const double *>(&r);
    for (size_t i = 0; i < n; ++i)
      s += fmt(v[i]) + (i + 1 < n ? "," : ";");
  }
  return s;
}
template <class R>
std::vector<R> decodeRecords(const std::string &text, const std::string &what) {
  constexpr size_t n = sizeof(R) / sizeof(double);
  std::vector<R> out;
  std::stringstream rows(text);
  std::string row;
  while (std::getline(rows, row, ';')) {
    if (row.empty())
      continue;
    R r;
    double *v = reinterpret_cast<double *>(&r);
    std::stringstream cells(row);
    std::string cell;
    size_t i = 0;
    while (std::getline(cells, cell, ',') && i < n)
      v[i++] = std::strtod(cell.c_str(), nullptr);
    if (i != n)
      throw Error("checkpoint: malformed " + what + " history");
    out.push_back(r);
  }
  return out;
}

/// `records` as a JSON array of objects, field i named names[i]; the first
/// `integers` fields are written as integers (epoch, step).
template <class R>
void writeRecordArray(JsonWriter &j, const std::vector<R> &records,
                      const std::vector<const char *> &names, size_t integers = 2) {
  constexpr size_t n = sizeof(R) / sizeof(double);
  if (names.size() != n)
    throw Error("writeRecordArray: " + std::to_string(names.size()) +
                " names for records of " + std::to_string(n) + " fields");
  j.begin_array();
  for (const R &r : records) {
    const double *v = reinterpret_cast<const double *>(&r);
    j.begin_object();
    for (size_t i = 0; i < n; ++i) {
      j.key(names[i]);
      if (i < integers)
        j.value((int64_t)v[i]);
      else
        j.value(v[i]);
    }
    j.end_object();
  }
  j.end_array();
}

/// `records` as a JSON object of columns: names[i] -> [field i of each].
template <class R>
void writeRecordColumns(JsonWriter &j, const std::vector<R> &records,
                        const std::vector<const char *> &names) {
  constexpr size_t n = sizeof(R) / sizeof(double);
  if (names.size() != n)
    throw Error("writeRecordColumns: " + std::to_string(names.size()) +
                " names for records of " + std::to_string(n) + " fields");
  j.begin_object();
  for (size_t i = 0; i < n; ++i) {
    std::vector<double> column;
    for (const R &r : records)
      column.push_back(reinterpret_cast<const double *>(&r)[i]);
    j.key(names[i]).values(column);
  }
  j.end_object();
}

/// The train state of a run of `model` ("gan", "diffusion", ...) for
/// sampling or evaluation; throws naming the run when there is no
/// checkpoint or it is another model's (no "<model>.<key>" metadata).
TrainState loadRunState(const std::string &run, const std::string &model,
                        const std::string &key);

/// RUN/metrics.json of a training run: model, variant, finished, the
/// config (keys without their "model." prefix), "epochs" (records, fields
/// named `epochFields`) and "steps" (columns named `stepFields`).
template <class S, class E>
void writeRunMetrics(const std::string &out, const std::string &model,
                     const std::string &variant, bool finished,
                     const std::map<std::string, std::string> &keys,
                     const std::vector<E> &epochRecords,
                     const std::vector<const char *> &epochFields,
                     const std::vector<S> &steps,
                     const std::vector<const char *> &stepFields) {
  JsonWriter j;
  j.begin_object();
  j.key("model").value(model);
  j.key("variant").value(variant);
  j.key("finished").value(finished);
  j.key("config").begin_object();
  for (const auto &[k, v] : keys)
    j.key(k.substr(k.find('.') + 1)).value(v);
  j.end_object();
  j.key("epochs");
  writeRecordArray(j, epochRecords, epochFields);
  j.key("steps");
  writeRecordColumns(j, steps, stepFields);
  j.end_object();
  write_file_atomic(out + "/metrics.json", j.str());
}

/// A run's data: the images (loadData), the split, and the training
/// loader (shuffled by seed, optionally augmented). Creates `out` and
/// throws when the training split has fewer than `minBatches` batches.
struct RunData {
  GalaxySet set;
  Split split;
  std::unique_ptr<BatchLoader> train;
};
RunData openRunData(const std::string &data, int64_t count, int64_t imageSize,
                    int64_t seed, int64_t threads, int64_t batch, bool augment,
                    const std::string &out, int64_t minBatches = 1);

/// Steps per epoch (whole steps of `batchesPerStep` batches), the total
/// (`steps` when > 0, else `epochs` epochs) and the epochs that covers.
struct StepPlan {
  int64_t perEpoch, total, epochs;
};
StepPlan planSteps(const BatchLoader &train, int64_t steps, int64_t epochs,
                   int64_t batchesPerStep = 1);

/// Throws unless a sample count (`sample --count`) is in 1..4096.
void checkSampleCount(int64_t count);

/// Writes RUN/config.json: the run-defining keys without their "model."
/// prefix, the epochs and the checkpoint cadence.
void writeRunConfig(const std::string &out, const std::map<std::string, std::string> &keys,
                    int64_t epochs, int64_t checkpointEvery);

/// Starts or resumes the run in `out`: with `resume` and a checkpoint
/// there, loads it (after filling `legacy` defaults for keys that older
/// checkpoints lack), checks the run-defining keys, restores the history
/// and returns the step reached; otherwise calls `init` and returns 0.
/// Also writes RUN/config.json.
template <class S, class E>
int64_t startRun(const std::string &out, bool resume,
                 const std::map<std::string, std::string> &keys, int64_t total,
                 int64_t epochs, int64_t checkpointEvery, TrainState &state,
                 std::vector<S> &steps, std::vector<E> &epochRecords,
                 const std::function<void()> &init,
                 const std::map<std::string, std::string> &legacy = {}) {
  const std::string ckpt = out + "/checkpoint.safetensors";
  int64_t step = 0;
  if (resume && file_exists(ckpt)) {
    state = load_train_state(ckpt);
    for (const auto &[k, v] : legacy)
      state.meta.emplace(k, v);
    checkResumeKeys(state.meta, keys, ckpt);
    step = std::stoll(metaOr(state.meta, "step", "0"));
    steps = decodeRecords<S>(metaOr(state.meta, "history.steps", ""), "step");
    epochRecords = decodeRecords<E>(metaOr(state.meta, "history.epochs", ""), "epoch");
    std::fprintf(stderr, "genc-zoo: resuming %s at step %lld of %lld\n", out.c_str(),
                 (long long)step, (long long)total);
  } else {
    if (resume)
      std::fprintf(stderr, "genc-zoo: --resume: no checkpoint in %s; starting "
                           "a new run\n", out.c_str());
    init();
  }
  writeRunConfig(out, keys, epochs, checkpointEvery);
  return step;
}

/// Saves the train state with the run's keys, step and history, atomically.
template <class S, class E>
void saveRun(const std::string &out, const TrainState &state,
             const std::map<std::string, std::string> &keys, int64_t step,
             bool final, const std::vector<S> &steps,
             const std::vector<E> &epochRecords) {
  TrainState s = state;
  s.meta = keys;
  s.meta["step"] = std::to_string(step);
  s.meta["finished"] = final ? "true" : "false";
  s.meta["history.steps"] = encodeRecords(steps);
  s.meta["history.epochs"] = encodeRecords(epochRecords);
  save_train_state(out + "/checkpoint.safetensors", s);
}

/// The records of a model trained on one loss (flows, DDPM).
struct LossStep {
  double step, loss;
};
struct LossEpoch {
  double epoch, step, train, validation, stepsPerSecond, imagesPerSecond, peakMib,
      seconds;
};
/// The epoch's record from the loop's endEpoch arguments, the sum of the
/// epoch's step losses and the validation loss.
LossEpoch lossEpoch(int64_t epoch, int64_t step, double seconds, int64_t n,
                    double lossSum, double validation, int64_t batch);
/// loss.png of a one-loss model: the per-step training loss and the
/// per-epoch validation loss.
void plotLossCurves(const std::string &path, const std::string &title,
                    const std::string &ylabel, bool logY,
                    const std::string &trainName, const std::string &valName,
                    const std::vector<LossStep> &steps,
                    const std::vector<LossEpoch> &epochs);

/// The epoch loop every model's training shares. From `step` (> 0 when
/// resuming) to `total`: startEpoch(epoch, stepsDone) before an epoch's
/// first (or resumed) step (the caller positions its loader);
/// doStep(step, epoch) runs one step and returns the progress-bar values;
/// a checkpoint every `checkpointEvery` steps (not at the end: the caller
/// saves the final one); endEpoch(epoch, seconds, steps) after each whole
/// epoch and after the last step (`step` = steps done). Returns false when `stopAfter` > 0 steps
/// of this process ran (testing --resume), true at the end.
struct TrainLoop {
  int64_t total = 0, perEpoch = 1, checkpointEvery = 1, stopAfter = 0;
  std::function<void(int64_t epoch, int64_t stepsDone)> startEpoch;
  std::function<std::vector<std::pair<std::string, double>>(int64_t step, int64_t epoch)>
      doStep;
  std::function<void()> checkpoint;
  std::function<void(int64_t epoch, int64_t step, double seconds, int64_t steps)> endEpoch;
};
bool runTrainLoop(const TrainLoop &loop, Progress &progress, int64_t &step);

/// A TrainLoop whose epochs walk `loader` (`batchesPerStep` batches per
/// step; resuming skips the batches already used), with the checkpoint
/// cadence and --stop-after given; `resetEpoch` runs at each epoch's start
/// (clear the epoch's sums). The caller sets doStep and endEpoch.
TrainLoop loaderLoop(BatchLoader &loader, Batch &batch, int64_t total,
                     int64_t perEpoch, int64_t batchesPerStep,
                     int64_t checkpointEvery, int64_t stopAfter,
                     std::function<void()> checkpoint,
                     std::function<void()> resetEpoch);


/// A grid of n images (n x S x S x 3 floats in [0, 1]), 8 per row.
void plotSamples(const std::string &path, const std::vector<float> &images,
                 int64_t n, int64_t imageSize, const std::string &title);



} // namespace genc::zoo::detail

#endif // GENC_ZOO_MODELS_COMMON_H

// Helpers shared by the zoo models (see Common.h).
#include "Common.h"

#include "genc/zoo/plot.h"

#include <cmath>
#include <cstdio>

namespace genc::zoo::detail {

GalaxySet loadData(const std::string &spec, int64_t count, int64_t imageSize,
                   int64_t seed, int64_t threads) {
  LoadOptions lo;
  lo.image_size = (int)imageSize;
  lo.count = count;
  lo.seed = (uint64_t)seed;
  lo.threads = (int)threads;
  LoadReport report;
  GalaxySet set = load_galaxies(spec, lo, &report);
  for (const std::string &r : report.reasons)
    std::fprintf(stderr, "genc-zoo: %s: %s\n", spec.c_str(), r.c_str());
  if (set.height != imageSize || set.width != imageSize)
    throw DataError(spec + ": images are " + std::to_string(set.height) + "x" +
                    std::to_string(set.width) + ", smaller than --image-size " +
                    std::to_string(imageSize));
  return set;
}

Tensor batchImages(const Batch &b) {
  return array(b.images,
               {(int64_t)b.labels.size(), b.image_size, b.image_size, 3});
}

void forEachBatch(const GalaxySet &set, const std::vector<int64_t> &indices,
                  int64_t batch, const std::function<void(const Batch &)> &fn) {
  LoaderOptions lo;
  lo.batch_size = batch;
  lo.shuffle = false;
  lo.drop_last = false;
  BatchLoader loader(set, indices, lo);
  Batch b;
  while (loader.next(b))
    fn(b);
}

std::vector<double>
latentMeans(const std::function<Tensor(const Tensor &)> &encode,
            const GalaxySet &set, const std::vector<int64_t> &indices,
            int64_t batch, int64_t d, std::vector<int> *labels,
            std::vector<double> *redshift) {
  std::vector<double> out;
  forEachBatch(set, indices, batch, [&](const Batch &b) {
    std::vector<float> mu = encode(batchImages(b)).to_vector<float>();
    for (int64_t i = 0; i < b.size; ++i) {
      out.insert(out.end(), mu.begin() + i * d, mu.begin() + (i + 1) * d);
      if (labels)
        labels->push_back(b.labels[i]);
      if (redshift)
        redshift->push_back(b.redshift[i]);
    }
  });
  return out;
}

RunData openRunData(const std::string &data, int64_t count, int64_t imageSize,
                    int64_t seed, int64_t threads, int64_t batch, bool augment,
                    const std::string &out, int64_t minBatches) {
  RunData r;
  r.set = loadData(data, count, imageSize, seed, threads);
  r.split = split_indices(r.set.count, (uint64_t)seed);
  if ((int64_t)r.split.train.size() < batch * minBatches)
    throw Error(data + ": the training split has " + std::to_string(r.split.train.size()) +
                " images, fewer than " +
                (minBatches > 1 ? std::to_string(minBatches) + " batches" : "one batch") +
                " of " + std::to_string(batch));
  make_directories(out);
  LoaderOptions lo;
  lo.batch_size = batch;
  lo.seed = (uint64_t)seed;
  lo.augment = augment;
  r.train = std::make_unique<BatchLoader>(r.set, r.split.train, lo);
  return r;
}

StepPlan planSteps(const BatchLoader &train, int64_t steps, int64_t epochs,
                   int64_t batchesPerStep) {
  StepPlan p;
  p.perEpoch = train.batches_per_epoch() / batchesPerStep;
  p.total = steps > 0 ? steps : epochs * p.perEpoch;
  p.epochs = (p.total + p.perEpoch - 1) / p.perEpoch;
  return p;
}

void checkSampleCount(int64_t count) {
  if (count <= 0 || count > 4096)
    throw Error("--count must be in 1..4096, got " + std::to_string(count));
}

TrainState loadRunState(const std::string &run, const std::string &model,
                        const std::string &key) {
  const std::string ckpt = run + "/checkpoint.safetensors";
  if (!file_exists(ckpt))
    throw Error(run + ": no checkpoint.safetensors (train with genc-zoo " + model +
                " train --out " + run + " first)");
  TrainState state = load_train_state(ckpt);
  if (metaOr(state.meta, model + "." + key, "").empty())
    throw Error(ckpt + ": not a " + model + " checkpoint (no " + model + "." + key +
                " in its metadata)");
  return state;
}

void writeRunConfig(const std::string &out, const std::map<std::string, std::string> &keys,
                    int64_t epochs, int64_t checkpointEvery) {
  JsonWriter j;
  j.begin_object();
  for (const auto &[k, v] : keys)
    j.key(k.substr(k.find('.') + 1)).value(v);
  j.key("epochs").value(epochs).key("checkpoint_every").value(checkpointEvery);
  j.end_object();
  write_file_atomic(out + "/config.json", j.str());
}

bool runTrainLoop(const TrainLoop &loop, Progress &progress, int64_t &step) {
  const int64_t epochs = (loop.total + loop.perEpoch - 1) / loop.perEpoch;
  int64_t doneThisRun = 0;
  while (step < loop.total) {
    const int64_t epoch = step / loop.perEpoch;
    loop.startEpoch(epoch, step % loop.perEpoch);
    Clock::time_point start = Clock::now();
    int64_t n = 0;
    while (step < loop.total && step / loop.perEpoch == epoch) {
      auto values = loop.doStep(step, epoch);
      ++n;
      ++step;
      ++doneThisRun;
      progress.update(step, epoch + 1, epochs, values);
      if (loop.stopAfter > 0 && doneThisRun >= loop.stopAfter) {
        progress.message("genc-zoo: stopping after " + std::to_string(doneThisRun) +
                         " steps (--stop-after)");
        return false;
      }
      if (step % loop.checkpointEvery == 0 && step < loop.total)
        loop.checkpoint();
    }
    if (step % loop.perEpoch == 0 || step == loop.total)
      loop.endEpoch(epoch, step, secondsSince(start), n);
  }
  progress.finish();
  return true;
}

LossEpoch lossEpoch(int64_t epoch, int64_t step, double seconds, int64_t n,
                    double lossSum, double validation, int64_t batch) {
  LossEpoch e{};
  e.epoch = (double)epoch + 1;
  e.step = (double)step;
  e.train = n ? lossSum / n : NAN;
  e.validation = validation;
  e.stepsPerSecond = seconds > 0 ? n / seconds : NAN;
  e.imagesPerSecond = e.stepsPerSecond * batch;
  e.seconds = seconds;
  e.peakMib = peak_rss_mib();
  return e;
}

void plotLossCurves(const std::string &path, const std::string &title,
                    const std::string &ylabel, bool logY,
                    const std::string &trainName, const std::string &valName,
                    const std::vector<LossStep> &steps,
                    const std::vector<LossEpoch> &epochs) {
  plot::Series tr{trainName, {}, {}}, va{valName, {}, {}};
  for (const LossStep &r : steps) {
    tr.x.push_back(r.step);
    tr.y.push_back(r.loss);
  }
  for (const LossEpoch &e : epochs) {
    va.x.push_back(e.step);
    va.y.push_back(e.validation);
  }
  plot::LineOptions lo;
  lo.title = title;
  lo.xlabel = "step";
  lo.ylabel = ylabel;
  lo.log_y = logY;
  std::vector<plot::Series> series{tr};
  if (!va.x.empty())
    series.push_back(va);
  plot::line_plot(path, series, lo);
}

TrainLoop loaderLoop(BatchLoader &loader, Batch &batch, int64_t total,
                     int64_t perEpoch, int64_t batchesPerStep,
                     int64_t checkpointEvery, int64_t stopAfter,
                     std::function<void()> checkpoint,
                     std::function<void()> resetEpoch) {
  TrainLoop loop;
  loop.total = total;
  loop.perEpoch = perEpoch;
  loop.checkpointEvery = checkpointEvery;
  loop.stopAfter = stopAfter;
  loop.checkpoint = std::move(checkpoint);
  loop.startEpoch = [&loader, &batch, batchesPerStep,
                     reset = std::move(resetEpoch)](int64_t epoch, int64_t done) {
    loader.start_epoch(epoch);
    for (int64_t skip = done * batchesPerStep; skip > 0; --skip)
      loader.next(batch);
    reset();
  };
  return loop;
}

void checkResumeKeys(const std::map<std::string, std::string> &meta,
                     const std::map<std::string, std::string> &keys,
                     const std::string &ckpt) {
  for (const auto &[k, v] : keys) {
    std::string was = metaOr(meta, k, "");
    if (was != v)
      throw Error("--resume: " + ckpt + " was trained with " +
                  k.substr(k.find('.') + 1) + " = " + was + ", this command has " +
                  v + " (use the run's flags or a new --out)");
  }
}

void plotSamples(const std::string &path, const std::vector<float> &images,
                 int64_t n, int64_t imageSize, const std::string &title) {
  plot::GridOptions g;
  g.title = title;
  g.cols = 8;
  g.scale = imageSize >= 64 ? 2 : 3;
  plot::image_grid(path, images.data(), n, (int)imageSize, (int)imageSize, 3, g);
}

std::string metaOr(const std::map<std::string, std::string> &meta,
                   const std::string &key, const std::string &fallback) {
  auto it = meta.find(key);
  return it == meta.end() ? fallback : it->second;
}

std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

} // namespace genc::zoo::detail

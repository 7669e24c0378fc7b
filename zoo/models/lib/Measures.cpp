// The project's galaxy classifier and the sample-quality measures (see
// genc/zoo/measures.h).
#include "genc/zoo/measures.h"

#include "genc/zoo/train.h"
#include "genc/zoo/vae_train.h"

#include "Common.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <cstdio>

namespace genc::zoo {

using namespace detail;

//===----------------------------------------------------------------------===//
// Classifier
//===----------------------------------------------------------------------===//

GalaxyClassifier::GalaxyClassifier(std::array<int64_t, 3> channels)
    : channels_(channels),
      convs_{nn::Conv2D{channels[0], {4, 4}, {2, 2}},
             nn::Conv2D{channels[1], {4, 4}, {2, 2}},
             nn::Conv2D{channels[2], {4, 4}, {2, 2}}},
      hidden_{kFeatures}, head_{kGalaxyClasses} {}

Params GalaxyClassifier::init(int64_t imageSize, uint64_t seed) const {
  std::vector<Tensor> k = random::split_keys(random::key(seed + 7), 5);
  Params p;
  Shape shape{1, imageSize, imageSize, 3};
  for (int i = 0; i < 3; ++i) {
    p.insert("conv" + std::to_string(i), convs_[i].init(k[i], shape));
    shape = {1, shape[1] / 2, shape[2] / 2, convs_[i].features};
  }
  p.insert("hidden", hidden_.init(k[3], {1, shape[1] * shape[2] * shape[3]}));
  p.insert("head", head_.init(k[4], {1, kFeatures}));
  return p;
}

Tensor GalaxyClassifier::features(const Params &p, const Tensor &x) const {
  Tensor h = x;
  for (int i = 0; i < 3; ++i)
    h = nn::relu(convs_[i].apply(p.scope("conv" + std::to_string(i)), h));
  return nn::relu(hidden_.apply(p.scope("hidden"), reshape(h, {h.dim(0), -1})));
}

Tensor GalaxyClassifier::logits(const Params &p, const Tensor &x) const {
  return head_.apply(p.scope("head"), features(p, x));
}

std::string GalaxyClassifier::describe() const {
  return "3 conv (" + format_channels(channels_) +
         "; 4x4 stride 2) + dense 64 (features) + dense 10 on pixels";
}

Params GalaxyClassifier::train(const GalaxySet &set,
                               const std::vector<int64_t> &rows, int64_t batch,
                               int64_t epochs, uint64_t seed) const {
  Params p = init(set.height, seed);
  auto opt = optim::adam(1e-3);
  Params st = opt.init(p);
  auto step = classifierStep(
      [this](const Params &p, const Tensor &x) { return logits(p, x); }, opt,
      "galaxy_classifier_step");
  LoaderOptions lo;
  lo.batch_size = batch;
  lo.seed = seed + 11;
  lo.augment = true;
  BatchLoader loader(set, rows, lo);
  Progress progress("classifier", epochs * loader.batches_per_epoch());
  int64_t done = 0;
  for (int64_t e = 0; e < epochs; ++e) {
    loader.start_epoch(e);
    Batch b;
    while (loader.next(b)) {
      auto [p2, st2, loss] = step(p, st, batchImages(b), array(b.labels, {batch}));
      p = p2;
      st = st2;
      progress.update(++done, e + 1, epochs, {{"loss", loss.item()}});
    }
  }
  progress.finish();
  return p;
}

std::string classifier_data_key(const std::string &data, int64_t count,
                                int64_t seed, int64_t imageSize) {
  return data + "#" + std::to_string(count) + ", seed " + std::to_string(seed) + ", " +
         std::to_string(imageSize) + "px";
}

Params standard_classifier(const GalaxyClassifier &classifier,
                           const GalaxySet &set, const Split &split,
                           const std::string &dataKey, int64_t batch,
                           int64_t epochs, uint64_t seed,
                           const std::string &path) {
  std::map<std::string, std::string> want = {
      {"classifier.data", dataKey},
      {"classifier.image_size", std::to_string(set.height)},
      {"classifier.train_rows", std::to_string(split.train.size())},
      {"classifier.channels", format_channels(classifier.channels())},
      {"classifier.batch", std::to_string(batch)},
      {"classifier.epochs", std::to_string(epochs)},
      {"classifier.seed", std::to_string(seed)}};
  auto matches = [&](const TrainState &t) {
    for (const auto &[k, v] : want)
      if (metaOr(t.meta, k, "") != v)
        return false;
    return true;
  };
  // Runs on the same data share one classifier through genc's cache
  // directory (its training is deterministic, so this only saves time).
  std::string key;
  for (const auto &[k, v] : want)
    key += k + "=" + v + "\n";
  std::string shared;
  if (std::string dir = cache_directory(); !dir.empty()) {
    char name[64];
    std::snprintf(name, sizeof name, "/zoo-classifier-%016llx.safetensors",
                  (unsigned long long)std::hash<std::string>{}(key));
    shared = dir + name;
  }
  auto share = [&](const TrainState &t) {
    if (!shared.empty() && !file_exists(shared))
      save_train_state(shared, t);
  };
  if (file_exists(path)) {
    TrainState cached = load_train_state(path);
    if (matches(cached)) {
      share(cached);
      return cached.params;
    }
    std::fprintf(stderr, "genc-zoo: %s was trained for other data or settings; "
                         "retraining\n", path.c_str());
  }
  if (!shared.empty() && file_exists(shared)) {
    try {
      TrainState cached = load_train_state(shared);
      if (matches(cached)) {
        save_train_state(path, cached);
        return cached.params;
      }
    } catch (const Error &) {
      // A damaged cache entry is retrained below.
    }
  }
  TrainState state;
  state.params = classifier.train(set, split.train, batch, epochs, seed);
  state.meta = want;
  save_train_state(path, state);
  share(state);
  return state.params;
}

//===----------------------------------------------------------------------===//
// Scoring
//===----------------------------------------------------------------------===//

Scorer::Scorer(const GalaxyClassifier &classifier, Params params)
    : params_(std::move(params)) {
  GalaxyClassifier c = classifier;
  fn_ = jit(
      [c](const Params &p, const Tensor &x) {
        Tensor f = c.features(p, x);
        return std::make_tuple(f, argmax(c.logits(p, x), 1));
      },
      "galaxy_classifier_score");
}

void Scorer::add(Scored &out, const Tensor &images, int64_t valid) const {
  auto [f, c] = fn_(params_, images);
  std::vector<float> fv = f.to_vector<float>();
  std::vector<int32_t> cv = c.to_vector<int32_t>();
  const int64_t d = GalaxyClassifier::kFeatures;
  out.features.insert(out.features.end(), fv.begin(), fv.begin() + valid * d);
  out.classes.insert(out.classes.end(), cv.begin(), cv.begin() + valid);
}

Scored Scorer::score_rows(const GalaxySet &set, const std::vector<int64_t> &rows,
                          int64_t batch) const {
  Scored s;
  forEachBatch(set, rows, batch,
               [&](const Batch &b) { add(s, batchImages(b), b.size); });
  return s;
}

//===----------------------------------------------------------------------===//
// Measures
//===----------------------------------------------------------------------===//

SampleMeasures measure_samples(const Scored &real, const Scored &generated) {
  const int64_t d = GalaxyClassifier::kFeatures;
  SampleMeasures m;
  m.count = generated.count();
  m.fid = frechet_distance(real.features, real.count(), generated.features,
                           generated.count(), d);
  {
    // The cubic kernel is not scale-free: scale both sets by one factor
    // that gives the real features unit mean square per dimension (as
    // Inception pool features roughly have).
    double ms = 0;
    for (double v : real.features)
      ms += v * v / real.features.size();
    double k = ms > 0 ? 1 / std::sqrt(ms) : 1;
    std::vector<double> a = real.features, b = generated.features;
    for (double &v : a)
      v *= k;
    for (double &v : b)
      v *= k;
    m.kid = kernel_distance(a, real.count(), b, generated.count(), d);
  }
  PrecisionRecall pr = precision_recall(real.features, real.count(),
                                        generated.features, generated.count(), d);
  m.precision = pr.precision;
  m.recall = pr.recall;
  std::vector<double> pr_(kGalaxyClasses, 0);
  m.class_fractions.assign(kGalaxyClasses, 0);
  for (int c : real.classes)
    pr_[c] += 1.0 / real.count();
  for (int c : generated.classes)
    m.class_fractions[c] += 1.0 / generated.count();
  for (int c = 0; c < kGalaxyClasses; ++c) {
    m.class_tv += 0.5 * std::fabs(pr_[c] - m.class_fractions[c]);
    m.classes_covered += m.class_fractions[c] >= 0.01;
    m.real_classes_covered += pr_[c] >= 0.01;
  }
  m.real_fractions = pr_;
  return m;
}

MeanNoiseBaseline::MeanNoiseBaseline(const GalaxySet &set,
                                     const std::vector<int64_t> &rows) {
  const int64_t s = set.height, px = s * s * 3, n = (int64_t)rows.size();
  if (n == 0)
    throw Error("mean+noise baseline: no images");
  std::vector<double> mean(px, 0), sq(px, 0);
  forEachBatch(set, rows, 64, [&](const Batch &b) {
    for (int64_t i = 0; i < b.size; ++i)
      for (int64_t j = 0; j < px; ++j) {
        double v = b.images[i * px + j];
        mean[j] += v / n;
        sq[j] += v * v / n;
      }
  });
  std::vector<float> m(px), sd(px);
  for (int64_t j = 0; j < px; ++j) {
    m[j] = (float)mean[j];
    sd[j] = (float)std::sqrt(std::max(sq[j] - mean[j] * mean[j], 0.0));
  }
  mean_ = array(m, {1, s, s, 3});
  sd_ = array(sd, {1, s, s, 3});
}

Tensor MeanNoiseBaseline::sample(const Tensor &key, int64_t batch) const {
  Tensor noise = random::normal(key, {batch, mean_.dim(1), mean_.dim(2), 3});
  return clip(mean_ + sd_ * noise, 0.0, 1.0);
}

Evaluation evaluate_sampler(const std::function<Tensor(int64_t)> &sample,
                            const Scorer &scorer, const Scored &realTest,
                            const std::vector<int> &testLabels,
                            const MeanNoiseBaseline &baseline, int64_t batch,
                            uint64_t seed) {
  Evaluation e;
  e.classifier_accuracy = accuracy(testLabels, realTest.classes);
  const int64_t n = realTest.count();
  // One untimed batch compiles the sampler.
  (void)sample(0).to_vector<float>();
  Scored generated, trivial;
  double seconds = 0;
  Tensor key = random::fold_in(random::key(seed), 0x5a);
  for (int64_t start = 0, k = 0; start < n; start += batch, ++k) {
    int64_t valid = std::min(batch, n - start);
    auto t0 = std::chrono::steady_clock::now();
    Tensor images = sample(k);
    std::vector<float> host = images.to_vector<float>(); // wait for the result
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    for (float v : host)
      if (!std::isfinite(v))
        throw Error("evaluation: the model's samples contain NaN or Inf "
                    "(diverged training?)");
    scorer.add(generated, images, valid);
  }
  // The baseline in fixed batches of 64, so its numbers do not depend on
  // the model's batch size.
  for (int64_t start = 0, k = 0; start < n; start += 64, ++k)
    scorer.add(trivial, baseline.sample(random::fold_in(key, (uint32_t)k), 64),
               std::min<int64_t>(64, n - start));
  e.samples_per_second = seconds > 0 ? n / seconds : 0;
  e.model = measure_samples(realTest, generated);
  e.baseline = measure_samples(realTest, trivial);
  return e;
}

std::vector<std::string> missing_classes(const SampleMeasures &m) {
  std::vector<std::string> out;
  for (int c = 0; c < kGalaxyClasses && c < (int)m.real_fractions.size(); ++c)
    if (m.real_fractions[c] >= 0.01 && m.class_fractions[c] < 0.01)
      out.push_back(kGalaxyClassNames[c]);
  return out;
}

std::string mode_collapse(const SampleMeasures &m) {
  char buf[160];
  if (2 * m.classes_covered <= m.real_classes_covered) {
    std::snprintf(buf, sizeof buf,
                  "the samples cover %d classes, the real images %d",
                  m.classes_covered, m.real_classes_covered);
    return buf;
  }
  if (m.recall < 0.1) {
    std::snprintf(buf, sizeof buf, "recall %.3f < 0.1", m.recall);
    return buf;
  }
  return "";
}

static void writeMeasures(JsonWriter &j, const SampleMeasures &m) {
  j.begin_object();
  j.key("count").value(m.count);
  j.key("fid").value(m.fid);
  j.key("kid").value(m.kid);
  j.key("precision").value(m.precision);
  j.key("recall").value(m.recall);
  j.key("class_tv_distance").value(m.class_tv);
  j.key("classes_covered").value((int64_t)m.classes_covered);
  j.key("class_fractions").values(m.class_fractions);
  j.end_object();
}

void write_evaluation(const std::string &run, const Evaluation &e,
                      const std::string &extra) {
  const std::string path = run + "/metrics.json";
  json::Value metrics = read_json_file(path);
  if (metrics.kind != json::Value::Object)
    throw Error(path + ": not a JSON object");
  JsonWriter j;
  j.begin_object();
  for (size_t i = 0; i < metrics.keys.size(); ++i)
    if (metrics.keys[i] != "evaluation")
      j.key(metrics.keys[i]).value(metrics.array[i]);
  j.key("evaluation").begin_object();
  j.key("note").value("FID/KID/precision/recall on the 64-d hidden features of "
                      "the project's own galaxy classifier, not Inception: not "
                      "comparable with published numbers");
  j.key("classifier").begin_object();
  j.key("model").value(e.classifier);
  j.key("trained_on").value(e.classifier_data);
  j.key("epochs").value(e.classifier_epochs);
  j.key("test_accuracy").value(e.classifier_accuracy);
  j.end_object();
  j.key("samples_per_second").value(e.samples_per_second);
  j.key("model");
  writeMeasures(j, e.model);
  j.key("mean_plus_noise_baseline");
  writeMeasures(j, e.baseline);
  std::string collapse = mode_collapse(e.model);
  j.key("mode_collapse").value(!collapse.empty());
  j.key("mode_collapse_reason").value(collapse);
  j.key("missing_classes").begin_array();
  for (const std::string &c : missing_classes(e.model))
    j.value(c);
  j.end_array();
  if (!extra.empty())
    j.raw(extra);
  j.end_object();
  j.end_object();
  write_file_atomic(path, j.str());
}

Evaluation evaluate_run(const std::string &run,
                        const std::map<std::string, std::string> &meta,
                        const std::string &prefix, const std::string &data,
                        const std::function<Tensor(int64_t)> &sample,
                        const ExtraMeasures &extra) {
  auto num = [&](const std::string &key) {
    std::string v = metaOr(meta, prefix + "." + key, "");
    if (v.empty())
      throw Error(run + "/checkpoint.safetensors: metadata has no " + prefix + "." + key);
    return std::stoll(v);
  };
  const int64_t imageSize = num("image_size"), batch = num("batch"),
                seed = num("seed"), count = num("count");
  const std::string spec = data.empty() ? metaOr(meta, prefix + ".data", "synthetic") : data;
  GalaxySet set = loadData(spec, count, imageSize, seed, 0);
  Split split = split_indices(set.count, (uint64_t)seed);
  if (split.test.size() < 4)
    throw Error(spec + ": the test split has " + std::to_string(split.test.size()) +
                " images; the measures need at least 4");
  GalaxyClassifier classifier;
  Params params = standard_classifier(classifier, set, split,
                                      spec + "#" + std::to_string(count),
                                      kClassifierBatch, kClassifierEpochs,
                                      (uint64_t)seed, run + "/classifier.safetensors");
  Scorer scorer(classifier, params);
  Scored real = scorer.score_rows(set, split.test, batch);
  std::vector<int> labels;
  for (int64_t r : split.test)
    labels.push_back(set.labels[r]);
  Evaluation e = evaluate_sampler(sample, scorer, real, labels,
                                  MeanNoiseBaseline(set, split.test), batch,
                                  (uint64_t)seed);
  e.classifier = classifier.describe();
  e.classifier_data = classifier_data_key(spec, count, seed, imageSize);
  e.classifier_epochs = kClassifierEpochs;
  write_evaluation(run, e, extra ? extra(set, split) : "");
  std::printf("%s(the classifier: %.1f %% test accuracy)\nwritten: %s/metrics.json "
              "(\"evaluation\")\n",
              format_evaluation(e).c_str(), 100 * e.classifier_accuracy, run.c_str());
  return e;
}

std::string format_evaluation(const Evaluation &e) {
  std::string missing;
  for (const std::string &c : missing_classes(e.model))
    missing += (missing.empty() ? "" : ", ") + c;
  char buf[1536];
  std::snprintf(
      buf, sizeof buf,
      "samples (%lld, %.1f/s) vs mean+noise baseline, on our classifier's "
      "features:\n"
      "  FID        %9.2f   baseline %9.2f\n"
      "  KID        %9.4f   baseline %9.4f\n"
      "  precision  %9.3f   baseline %9.3f\n"
      "  recall     %9.3f   baseline %9.3f\n"
      "  classes    %6d/10   class TV distance %.3f%s%s%s%s\n",
      (long long)e.model.count, e.samples_per_second, e.model.fid, e.baseline.fid,
      e.model.kid, e.baseline.kid, e.model.precision, e.baseline.precision,
      e.model.recall, e.baseline.recall, e.model.classes_covered,
      e.model.class_tv, missing.empty() ? "" : "\n  missing classes (< 1 % of the samples): ",
      missing.c_str(), mode_collapse(e.model).empty() ? "" : "\n  MODE COLLAPSE: ",
      mode_collapse(e.model).c_str());
  return buf;
}

} // namespace genc::zoo

// `genc-zoo vae analyze`: morphology and redshift from the VAE's latent
// space, against a pixel CNN of similar size (see genc/zoo/vae_train.h).
#include "genc/zoo/vae_train.h"

#include "genc/zoo/measures.h"
#include "genc/zoo/plot.h"
#include "genc/zoo/train.h"
#include "genc/zoo/vae.h"

#include "Common.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace genc::zoo {

using namespace detail;

namespace {

/// A deterministic permutation of 0..n-1 for (seed, epoch).
std::vector<int64_t> shuffled(int64_t n, uint64_t seed, int64_t epoch) {
  std::vector<int64_t> p(n);
  std::iota(p.begin(), p.end(), 0);
  uint64_t s = seed * 0x9E3779B97F4A7C15ull + (uint64_t)epoch + 1;
  for (int64_t i = n - 1; i > 0; --i) {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    std::swap(p[i], p[(int64_t)(s % (uint64_t)(i + 1))]);
  }
  return p;
}

/// The latent classifier: standardized means -> Dense(128) -> relu ->
/// Dense(10), Adam 3e-3, batch 128. Returns test predictions.
std::vector<int> latentClassifier(const std::vector<double> &train,
                                  const std::vector<int> &trainLabels,
                                  const std::vector<double> &test, int64_t d,
                                  int64_t epochs, uint64_t seed) {
  int64_t n = (int64_t)trainLabels.size(), m = (int64_t)test.size() / d;
  std::vector<double> mean(d, 0), sd(d, 0);
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < d; ++j)
      mean[j] += train[i * d + j] / n;
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < d; ++j)
      sd[j] += std::pow(train[i * d + j] - mean[j], 2) / n;
  for (double &s : sd)
    s = s > 0 ? std::sqrt(s) : 1.0;
  auto standardize = [&](const std::vector<double> &x, int64_t rows) {
    std::vector<float> out(rows * d);
    for (int64_t i = 0; i < rows; ++i)
      for (int64_t j = 0; j < d; ++j)
        out[i * d + j] = (float)((x[i * d + j] - mean[j]) / sd[j]);
    return out;
  };
  std::vector<float> xs = standardize(train, n), xt = standardize(test, m);

  nn::Dense hidden{128}, head{kGalaxyClasses};
  std::vector<Tensor> k = random::split_keys(random::key(seed), 2);
  Params p;
  p.insert("hidden", hidden.init(k[0], {1, d}));
  p.insert("head", head.init(k[1], {1, 128}));
  auto apply = [&](const Params &p, const Tensor &x) {
    return head.apply(p.scope("head"), nn::relu(hidden.apply(p.scope("hidden"), x)));
  };
  auto opt = optim::adam(3e-3);
  Params st = opt.init(p);
  auto step = classifierStep(apply, opt, "latent_classifier_step");
  const int64_t batch = std::min<int64_t>(128, n);
  for (int64_t e = 0; e < epochs; ++e) {
    std::vector<int64_t> order = shuffled(n, seed, e);
    for (int64_t start = 0; start + batch <= n; start += batch) {
      std::vector<float> x(batch * d);
      std::vector<int32_t> y(batch);
      for (int64_t i = 0; i < batch; ++i) {
        int64_t r = order[start + i];
        std::copy(xs.begin() + r * d, xs.begin() + (r + 1) * d, x.begin() + i * d);
        y[i] = trainLabels[r];
      }
      auto [p2, st2, loss] = step(p, st, array(x, {batch, d}), array(y, {batch}));
      p = p2;
      st = st2;
    }
  }
  std::vector<int32_t> pred =
      argmax(apply(p, array(xt, {m, d})), 1).to_vector<int32_t>();
  return std::vector<int>(pred.begin(), pred.end());
}

/// View v (0..7) of the flips and quarter turns of images [B, S, S, C]:
/// bit 2 transposes, bits 0 and 1 flip rows and columns.
Tensor dihedralView(const Tensor &x, int v) {
  Tensor y = (v & 4) ? transpose(x, {0, 2, 1, 3}) : x;
  Tensor rev = scalar((double)(x.dim(1) - 1), i32) - arange(x.dim(1));
  if (v & 1)
    y = take(y, rev, 1);
  if (v & 2)
    y = take(y, rev, 2);
  return y;
}

} // namespace

void analyze_vae(const VaeAnalyzeOptions &o) {
  const std::string ckpt = o.run + "/checkpoint.safetensors";
  if (!file_exists(ckpt))
    throw Error(o.run + ": no checkpoint.safetensors (train with genc-zoo vae "
                        "train --out " + o.run + " first)");
  TrainState state = load_train_state(ckpt);
  auto num = [&](const std::string &key) {
    std::string v = metaOr(state.meta, key, "");
    if (v.empty())
      throw Error(ckpt + ": metadata has no " + key);
    return std::stoll(v);
  };
  const int64_t imageSize = num("vae.image_size"), latent = num("vae.latent"),
                batch = num("vae.batch"), seed = num("vae.seed"),
                count = num("vae.count");
  const std::string data = o.data.empty() ? metaOr(state.meta, "vae.data", "synthetic") : o.data;
  GalaxySet set = loadData(data, count, imageSize, seed, 0);
  Split split = split_indices(set.count, (uint64_t)seed);
  VaeConfig config;
  config.image_size = imageSize;
  config.latent = latent;
  config.channels = parse_channels(metaOr(state.meta, "vae.channels", "32,64,128"));
  config.decoder_channels = parse_channels(
      metaOr(state.meta, "vae.decoder_channels", format_channels(config.channels)));
  config.likelihood = metaOr(state.meta, "vae.likelihood", "gaussian");
  config.sigma = std::stod(metaOr(state.meta, "vae.sigma", "0.1"));
  config.prior = metaOr(state.meta, "vae.prior", "gaussian");
  config.norm = metaOr(state.meta, "vae.norm", "none");
  Vae vae(config);
  auto encode = jit([&](const Params &p, const Tensor &x) {
    return vae.encode(p, x).first;
  }, "vae_encode");
  auto enc = [&](const Tensor &x) { return encode(state.params, x); };

  std::vector<int> trainLabels, testLabels;
  std::vector<double> trainZ, testZ;
  std::vector<double> trainMu = latentMeans(enc, set, split.train, batch, latent,
                                            &trainLabels, &trainZ);
  // The classifier's training rows: each image's means, or (augmented) the
  // means of its 8 views, each with the image's label.
  std::vector<double> classifierMu = trainMu;
  std::vector<int> classifierLabels = trainLabels;
  if (o.classifier_augment) {
    auto encodeViews = jit([&](const Params &p, const Tensor &x) {
      std::vector<Tensor> mus;
      for (int v = 1; v < 8; ++v)
        mus.push_back(vae.encode(p, dihedralView(x, v)).first);
      return concatenate(mus, 1);
    }, "vae_encode_views");
    std::vector<double> views = latentMeans(
        [&](const Tensor &x) { return encodeViews(state.params, x); }, set, split.train,
        batch, 7 * latent, nullptr, nullptr);
    classifierMu.insert(classifierMu.end(), views.begin(), views.end());
    for (size_t i = 0; i < trainLabels.size(); ++i)
      classifierLabels.insert(classifierLabels.end(), 7, trainLabels[i]);
  }
  std::vector<double> testMu = latentMeans(enc, set, split.test, batch, latent,
                                           &testLabels, &testZ);
  const int64_t nTrain = (int64_t)trainLabels.size(), nTest = (int64_t)testLabels.size();
  if (nTest == 0)
    throw Error(data + ": the test split is empty");

  // Morphology from the latent means.
  std::vector<int> latentPred = latentClassifier(
      classifierMu, classifierLabels, testMu, latent, o.classifier_epochs, (uint64_t)seed);
  double latentAcc = accuracy(testLabels, latentPred);
  auto matrix = confusion(testLabels, latentPred, kGalaxyClasses);
  std::vector<std::string> names(kGalaxyClassNames, kGalaxyClassNames + kGalaxyClasses);
  plot::MatrixOptions mo;
  char title[160];
  std::snprintf(title, sizeof title,
                "morphology from the VAE latent means (test accuracy %.1f %%)",
                100 * latentAcc);
  mo.title = title;
  plot::confusion_matrix(o.run + "/confusion.png", matrix, names, mo);

  // Redshift by ridge regression on the latent means.
  RidgeModel ridge = fit_ridge(trainMu, trainZ, nTrain, latent, o.ridge_lambda);
  std::vector<double> zPred(nTest);
  for (int64_t i = 0; i < nTest; ++i)
    zPred[i] = ridge.predict(&testMu[i * latent]);
  double r2 = r2_score(testZ, zPred);
  plot::ScatterOptions so;
  so.title = "redshift from the latent means (ridge regression, test split)";
  so.xlabel = "true redshift";
  so.ylabel = "predicted redshift";
  so.diagonal = true;
  char note[64];
  std::snprintf(note, sizeof note, "R² = %.3f", r2);
  so.annotation = note;
  so.category_names = names;
  plot::scatter_plot(o.run + "/redshift.png", testZ, zPred, testLabels, so);

  // The pixel CNN baseline: the project's galaxy classifier with the VAE
  // encoder's channels, trained as long as the VAE. With the default
  // channels and 5 epochs it is the standard classifier whose features
  // measure the samples (cached in RUN/classifier.safetensors); otherwise
  // that one is trained too.
  const int64_t epochs =
      o.cnn_epochs > 0 ? o.cnn_epochs
                       : std::max<int64_t>(1, std::stoll(metaOr(state.meta, "vae.total_steps", "0")) /
                                                  std::max<int64_t>(1, (int64_t)split.train.size() / batch));
  const std::string dataKey = data + "#" + std::to_string(count);
  GalaxyClassifier standard, cnn(config.channels);
  Params standardParams = standard_classifier(
      standard, set, split, dataKey, kClassifierBatch, kClassifierEpochs,
      (uint64_t)seed, o.run + "/classifier.safetensors");
  bool same = cnn.channels() == standard.channels() &&
              epochs == kClassifierEpochs && batch == kClassifierBatch;
  Params cnnParams = same ? standardParams
                          : cnn.train(set, split.train, batch, epochs, (uint64_t)seed);
  Scored real = Scorer(cnn, cnnParams).score_rows(set, split.test, batch);
  double cnnAcc = accuracy(testLabels, real.classes);

  // As many prior samples as test images, against the mean+noise baseline.
  Scorer scorer(standard, standardParams);
  Scored realStandard = same ? real : scorer.score_rows(set, split.test, batch);
  auto sampleFn = jit([&](const Params &p, const Tensor &u) {
    return vae.decode(p, vae.prior_sample(p, u));
  }, "vae_sample");
  Tensor sampleKey = random::fold_in(random::key((uint64_t)seed), 5);
  Evaluation ev = evaluate_sampler(
      [&](int64_t k) {
        return sampleFn(state.params,
                        random::normal(random::fold_in(sampleKey, (uint32_t)k),
                                       {batch, latent}));
      },
      scorer, realStandard, testLabels, MeanNoiseBaseline(set, split.test),
      batch, (uint64_t)seed);
  ev.classifier = standard.describe();
  ev.classifier_data = classifier_data_key(data, count, seed, imageSize);
  ev.classifier_epochs = kClassifierEpochs;
  {
    JsonWriter extra;
    extra.key("prior").value(config.prior);
    write_evaluation(o.run, ev, extra.str());
  }
  std::vector<int64_t> hist(kGalaxyClasses, 0);
  for (int l : trainLabels)
    ++hist[l];
  double majority = (double)*std::max_element(hist.begin(), hist.end()) / nTrain;

  JsonWriter j;
  j.begin_object();
  j.key("data").value(data);
  j.key("test_images").value(nTest);
  j.key("latent_classifier").begin_object();
  j.key("model").value("MLP " + std::to_string(latent) + "-128-10 on standardized latent means");
  j.key("epochs").value(o.classifier_epochs);
  j.key("augmented").value(o.classifier_augment);
  j.key("training_rows").value((int64_t)classifierLabels.size());
  j.key("test_accuracy").value(latentAcc);
  j.key("confusion").begin_array();
  for (const auto &row : matrix) {
    std::vector<double> r(row.begin(), row.end());
    j.values(r);
  }
  j.end_array();
  j.end_object();
  j.key("pixel_cnn").begin_object();
  j.key("model").value(cnn.describe());
  j.key("parameters").value(cnnParams.num_elements());
  j.key("epochs").value(epochs);
  j.key("test_accuracy").value(cnnAcc);
  j.end_object();
  j.key("latent_over_pixel_accuracy").value(cnnAcc > 0 ? latentAcc / cnnAcc : NAN);
  j.key("majority_class_accuracy").value(majority);
  j.key("redshift_ridge").begin_object();
  j.key("lambda").value(o.ridge_lambda);
  j.key("test_r2").value(r2);
  j.end_object();
  j.end_object();
  write_file_atomic(o.run + "/analysis.json", j.str());
  std::printf("latent classifier accuracy  %.1f %%\n"
              "pixel CNN accuracy          %.1f %%  (latent / pixel = %.2f)\n"
              "majority class              %.1f %%\n"
              "redshift R² (ridge)         %.3f\n"
              "%s prior %s"
              "written: %s/{analysis.json,confusion.png,redshift.png}, "
              "evaluation in metrics.json\n",
              100 * latentAcc, 100 * cnnAcc, cnnAcc > 0 ? latentAcc / cnnAcc : NAN,
              100 * majority, r2, config.prior.c_str(),
              format_evaluation(ev).c_str(), o.run.c_str());
}

} // namespace genc::zoo

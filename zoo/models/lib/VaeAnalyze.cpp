// `genc-zoo vae analyze`: morphology and redshift from the VAE's latent
// space, against a pixel CNN of similar size (see genc/zoo/vae_train.h).
#include "genc/zoo/vae_train.h"

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

Tensor crossEntropy(const Tensor &logits, const Tensor &labels) {
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

/// The project's galaxy classifier ("pixel CNN"): the VAE encoder's
/// convolutions (same channels), a 64-wide hidden layer (its activations
/// are the features of the sample-quality measures) and a 10-way head.
struct PixelCnn {
  std::array<nn::Conv2D, 3> convs = {nn::Conv2D{32, {4, 4}, {2, 2}},
                                     nn::Conv2D{64, {4, 4}, {2, 2}},
                                     nn::Conv2D{128, {4, 4}, {2, 2}}};
  nn::Dense hidden{64}, head{kGalaxyClasses};

  Params init(int64_t imageSize, uint64_t seed) const {
    std::vector<Tensor> k = random::split_keys(random::key(seed + 7), 5);
    Params p;
    Shape shape{1, imageSize, imageSize, 3};
    for (int i = 0; i < 3; ++i) {
      p.insert("conv" + std::to_string(i), convs[i].init(k[i], shape));
      shape = {1, shape[1] / 2, shape[2] / 2, convs[i].features};
    }
    p.insert("hidden", hidden.init(k[3], {1, shape[1] * shape[2] * shape[3]}));
    p.insert("head", head.init(k[4], {1, 64}));
    return p;
  }
  Tensor features(const Params &p, const Tensor &x) const {
    Tensor h = x;
    for (int i = 0; i < 3; ++i)
      h = nn::relu(convs[i].apply(p.scope("conv" + std::to_string(i)), h));
    return nn::relu(hidden.apply(p.scope("hidden"), reshape(h, {h.dim(0), -1})));
  }
  Tensor logits(const Params &p, const Tensor &x) const {
    return head.apply(p.scope("head"), features(p, x));
  }
};

/// Trains the pixel CNN on the training split (random flips/quarter turns).
Params trainPixelCnn(const PixelCnn &cnn, const GalaxySet &set,
                     const Split &split, int64_t imageSize, int64_t batch,
                     int64_t epochs, uint64_t seed) {
  Params p = cnn.init(imageSize, seed);
  auto opt = optim::adam(1e-3);
  Params st = opt.init(p);
  auto step = classifierStep(
      [&cnn](const Params &p, const Tensor &x) { return cnn.logits(p, x); },
      opt, "pixel_cnn_step");
  LoaderOptions lo;
  lo.batch_size = batch;
  lo.seed = seed + 11;
  lo.augment = true;
  BatchLoader train(set, split.train, lo);
  Progress progress("pixel cnn", epochs * train.batches_per_epoch());
  int64_t done = 0;
  for (int64_t e = 0; e < epochs; ++e) {
    train.start_epoch(e);
    Batch b;
    while (train.next(b)) {
      auto [p2, st2, loss] = step(p, st, batchImages(b), array(b.labels, {batch}));
      p = p2;
      st = st2;
      progress.update(++done, e + 1, epochs, {{"loss", loss.item()}});
    }
  }
  progress.finish();
  return p;
}

/// Feature rows (n x 64) and predicted classes of images given batch by
/// batch as [batch, S, S, 3] tensors with `valid` real rows.
struct Scored {
  std::vector<double> features;
  std::vector<int> classes;
};
template <class Features, class Predict>
void score(Scored &out, const Features &features, const Predict &predict,
           const Tensor &images, int64_t valid) {
  std::vector<float> f = features(images).template to_vector<float>();
  std::vector<int32_t> c = predict(images).template to_vector<int32_t>();
  int64_t d = (int64_t)f.size() / images.dim(0);
  out.features.insert(out.features.end(), f.begin(), f.begin() + valid * d);
  out.classes.insert(out.classes.end(), c.begin(), c.begin() + valid);
}

/// Sample-quality measures of `generated` against `real` (same classifier).
struct SampleMeasures {
  double fid = 0, classTv = 0;
  int classesCovered = 0;
};
SampleMeasures compareSamples(const Scored &real, const Scored &generated) {
  SampleMeasures m;
  int64_t d = 64;
  m.fid = frechet_distance(real.features, (int64_t)real.classes.size(),
                           generated.features,
                           (int64_t)generated.classes.size(), d);
  std::vector<double> pr(kGalaxyClasses, 0), pg(kGalaxyClasses, 0);
  for (int c : real.classes)
    pr[c] += 1.0 / real.classes.size();
  for (int c : generated.classes)
    pg[c] += 1.0 / generated.classes.size();
  for (int c = 0; c < kGalaxyClasses; ++c) {
    m.classTv += 0.5 * std::fabs(pr[c] - pg[c]);
    m.classesCovered += pg[c] >= 0.01;
  }
  return m;
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
  config.likelihood = metaOr(state.meta, "vae.likelihood", "gaussian");
  config.sigma = std::stod(metaOr(state.meta, "vae.sigma", "0.1"));
  config.prior = metaOr(state.meta, "vae.prior", "gaussian");
  Vae vae(config);
  auto encode = jit([&](const Params &p, const Tensor &x) {
    return vae.encode(p, x).first;
  }, "vae_encode");
  auto enc = [&](const Tensor &x) { return encode(state.params, x); };

  std::vector<int> trainLabels, testLabels;
  std::vector<double> trainZ, testZ;
  std::vector<double> trainMu = latentMeans(enc, set, split.train, batch, latent,
                                            &trainLabels, &trainZ);
  std::vector<double> testMu = latentMeans(enc, set, split.test, batch, latent,
                                           &testLabels, &testZ);
  const int64_t nTrain = (int64_t)trainLabels.size(), nTest = (int64_t)testLabels.size();
  if (nTest == 0)
    throw Error(data + ": the test split is empty");

  // Morphology from the latent means.
  std::vector<int> latentPred = latentClassifier(
      trainMu, trainLabels, testMu, latent, o.classifier_epochs, (uint64_t)seed);
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

  // The pixel CNN baseline, which is also the classifier whose features
  // measure sample quality.
  int64_t epochs = o.cnn_epochs > 0 ? o.cnn_epochs
                                    : std::max<int64_t>(1, std::stoll(metaOr(state.meta, "vae.total_steps", "0")) /
                                                               std::max<int64_t>(1, (int64_t)split.train.size() / batch));
  PixelCnn cnn;
  Params cnnParams = trainPixelCnn(cnn, set, split, imageSize, batch, epochs,
                                   (uint64_t)seed);
  auto features = jit([&](const Params &p, const Tensor &x) {
    return cnn.features(p, x);
  }, "pixel_cnn_features");
  auto predict = jit([&](const Params &p, const Tensor &x) {
    return argmax(cnn.logits(p, x), 1);
  }, "pixel_cnn_predict");
  auto feat = [&](const Tensor &x) { return features(cnnParams, x); };
  auto pred = [&](const Tensor &x) { return predict(cnnParams, x); };
  Scored real, generated, baseline;
  forEachBatch(set, split.test, batch, [&](const Batch &b) {
    score(real, feat, pred, batchImages(b), b.size);
  });
  std::vector<int> cnnPred = real.classes;
  double cnnAcc = accuracy(testLabels, cnnPred);
  // As many prior samples as test images, and the trivial baseline: the
  // mean test image plus Gaussian noise of the per-pixel spread.
  auto sample = jit([&](const Params &p, const Tensor &u) {
    return vae.decode(p, vae.prior_sample(p, u));
  }, "vae_sample");
  const int64_t px = imageSize * imageSize * 3;
  std::vector<double> mean(px, 0), sq(px, 0);
  forEachBatch(set, split.test, batch, [&](const Batch &b) {
    for (int64_t i = 0; i < b.size; ++i)
      for (int64_t j = 0; j < px; ++j) {
        double v = b.images[i * px + j];
        mean[j] += v / nTest;
        sq[j] += v * v / nTest;
      }
  });
  std::vector<float> meanF(px), sdF(px);
  for (int64_t j = 0; j < px; ++j) {
    meanF[j] = (float)mean[j];
    sdF[j] = (float)std::sqrt(std::max(sq[j] - mean[j] * mean[j], 0.0));
  }
  Tensor meanImage = array(meanF, {1, imageSize, imageSize, 3});
  Tensor sdImage = array(sdF, {1, imageSize, imageSize, 3});
  Tensor sampleKey = random::fold_in(random::key((uint64_t)seed), 5);
  for (int64_t start = 0, k = 0; start < nTest; start += batch, ++k) {
    int64_t valid = std::min(batch, nTest - start);
    Tensor u = random::normal(random::fold_in(sampleKey, (uint32_t)(2 * k)), {batch, latent});
    score(generated, feat, pred, sample(state.params, u), valid);
    Tensor noise = random::normal(random::fold_in(sampleKey, (uint32_t)(2 * k + 1)),
                                  {batch, imageSize, imageSize, 3});
    score(baseline, feat, pred, clip(meanImage + sdImage * noise, 0.0, 1.0), valid);
  }
  SampleMeasures vaeSamples = compareSamples(real, generated);
  SampleMeasures trivial = compareSamples(real, baseline);
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
  j.key("test_accuracy").value(latentAcc);
  j.key("confusion").begin_array();
  for (const auto &row : matrix) {
    std::vector<double> r(row.begin(), row.end());
    j.values(r);
  }
  j.end_array();
  j.end_object();
  j.key("pixel_cnn").begin_object();
  j.key("model").value("3 conv (32, 64, 128; 4x4 stride 2) + dense 64 + dense 10 on pixels");
  j.key("parameters").value(cnnParams.num_elements());
  j.key("epochs").value(epochs);
  j.key("test_accuracy").value(cnnAcc);
  j.end_object();
  j.key("latent_over_pixel_accuracy").value(cnnAcc > 0 ? latentAcc / cnnAcc : NAN);
  j.key("majority_class_accuracy").value(majority);
  j.key("samples").begin_object();
  j.key("note").value("FID on the 64-d hidden features of the project's own galaxy "
                      "classifier (the pixel CNN), not Inception: not comparable "
                      "with published FIDs");
  j.key("prior").value(config.prior);
  j.key("count").value(nTest);
  j.key("fid_vae").value(vaeSamples.fid);
  j.key("fid_mean_plus_noise_baseline").value(trivial.fid);
  j.key("class_tv_distance_vae").value(vaeSamples.classTv);
  j.key("class_tv_distance_baseline").value(trivial.classTv);
  j.key("classes_covered_vae").value((int64_t)vaeSamples.classesCovered);
  j.end_object();
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
              "samples (%s prior): FID %.2f (mean+noise baseline %.2f), "
              "class TV distance %.3f, %d/10 classes\n"
              "written: %s/{analysis.json,confusion.png,redshift.png}\n",
              100 * latentAcc, 100 * cnnAcc, cnnAcc > 0 ? latentAcc / cnnAcc : NAN,
              100 * majority, r2, config.prior.c_str(), vaeSamples.fid,
              trivial.fid, vaeSamples.classTv, vaeSamples.classesCovered,
              o.run.c_str());
}

} // namespace genc::zoo

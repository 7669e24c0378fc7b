// The project's galaxy classifier and the sample-quality measures every
// generative model of the zoo reports on its features (docs/ZOO.md,
// "Measures"):
//
//   FID        Fréchet distance of Gaussians fitted to the classifier's
//              64-d hidden features of real (test split) and generated
//              images — "FID (ours)": not Inception features, so not
//              comparable with published FIDs;
//   KID        unbiased MMD² with the cubic polynomial kernel, same features
//              scaled by one factor (unit mean square of the real ones);
//   precision / recall   k = 3 nearest-neighbour balls (Kynkäänniemi 2019);
//   coverage   the classifier's class histogram of the samples: classes
//              with ≥ 1 % of the samples, classes the samples miss, and the
//              total-variation distance to the real class histogram (mode
//              collapse shows up here);
//   samples/s  of the model's compiled sampler.
// Each measure is also computed for the trivial baseline — the mean test
// image plus Gaussian noise of the per-pixel spread — which a model must
// beat.
//
// Thread safety: values; the functions are pure apart from compiling.
#ifndef GENC_ZOO_MEASURES_H
#define GENC_ZOO_MEASURES_H

#include "genc/zoo/Data.h"

#include <genc/genc.h>

#include <array>
#include <functional>
#include <map>
#include <tuple>
#include <string>
#include <vector>

namespace genc::zoo {

/// 3 convolutions (4x4, stride 2, SAME, relu) -> flatten -> Dense(64) ->
/// relu (the features) -> Dense(10).
class GalaxyClassifier {
public:
  static constexpr int64_t kFeatures = 64;
  explicit GalaxyClassifier(std::array<int64_t, 3> channels = {32, 64, 128});

  const std::array<int64_t, 3> &channels() const { return channels_; }
  Params init(int64_t imageSize, uint64_t seed) const;
  Tensor features(const Params &p, const Tensor &x) const;
  Tensor logits(const Params &p, const Tensor &x) const;
  /// Adam 1e-3, cross-entropy, random flips/quarter turns, on `rows`.
  Params train(const GalaxySet &set, const std::vector<int64_t> &rows,
               int64_t batch, int64_t epochs, uint64_t seed) const;
  std::string describe() const;

private:
  std::array<int64_t, 3> channels_;
  std::array<nn::Conv2D, 3> convs_;
  nn::Dense hidden_, head_;
};

/// The standard classifier: default channels, batch 64, the seed's 5 epochs.
constexpr int64_t kClassifierBatch = 64, kClassifierEpochs = 5;

/// "<data>#<count>, seed <k>, <S>px": what a run's standard classifier was
/// trained on (Evaluation::classifier_data).
std::string classifier_data_key(const std::string &data, int64_t count,
                                int64_t seed, int64_t imageSize);

/// The standard classifier of a run's data: trained on the split's training
/// rows (seed, `epochs`) and kept in `path` (safetensors with the data
/// settings as metadata; one made for other settings is retrained), and
/// shared between runs on the same data through genc::cache_directory().
Params standard_classifier(const GalaxyClassifier &classifier,
                           const GalaxySet &set, const Split &split,
                           const std::string &dataKey, int64_t batch,
                           int64_t epochs, uint64_t seed,
                           const std::string &path);

/// Classifier features and predicted classes of a set of images.
struct Scored {
  std::vector<double> features; // n x kFeatures
  std::vector<int> classes;
  int64_t count() const { return (int64_t)classes.size(); }
};

/// Jitted features + prediction of a classifier with fixed parameters.
class Scorer {
public:
  Scorer(const GalaxyClassifier &classifier, Params params);
  /// Appends the first `valid` rows of images [B, S, S, 3] in [0, 1].
  void add(Scored &out, const Tensor &images, int64_t valid) const;
  /// Every row of `rows` of the set, in order.
  Scored score_rows(const GalaxySet &set, const std::vector<int64_t> &rows,
                    int64_t batch) const;

private:
  Params params_;
  std::function<std::tuple<Tensor, Tensor>(const Params &, const Tensor &)> fn_;
};

struct SampleMeasures {
  int64_t count = 0;
  double fid = 0, kid = 0, precision = 0, recall = 0, class_tv = 0;
  int classes_covered = 0, real_classes_covered = 0;
  std::vector<double> class_fractions; // per class, of the samples
  std::vector<double> real_fractions;  // per class, of the real images
};
SampleMeasures measure_samples(const Scored &real, const Scored &generated);
/// Why the samples look mode-collapsed, or "" when they do not: at most
/// half as many classes with ≥ 1 % of the samples as the real images have,
/// or recall below 0.1.
std::string mode_collapse(const SampleMeasures &m);
/// Names of the classes with ≥ 1 % of the real images but < 1 % of the
/// samples (dropped modes).
std::vector<std::string> missing_classes(const SampleMeasures &m);

/// The mean+noise baseline of `rows`: images = clip(mean + sd · n, 0, 1).
class MeanNoiseBaseline {
public:
  MeanNoiseBaseline(const GalaxySet &set, const std::vector<int64_t> &rows);
  Tensor sample(const Tensor &key, int64_t batch) const;

private:
  Tensor mean_, sd_;
};

/// What `evaluate_sampler` measured.
struct Evaluation {
  SampleMeasures model, baseline;
  double samples_per_second = 0;
  std::string classifier;
  /// What it was trained on ("<data>#<count>, seed <k>, <S>px"): runs
  /// measured with the same value share the feature space.
  std::string classifier_data;
  int64_t classifier_epochs = 0;
  double classifier_accuracy = 0; // on the real test rows
};

/// Draws as many samples as there are test rows, `sample(k)` giving batch
/// k ([batch, S, S, 3] in [0, 1]; the tail of the last batch is ignored),
/// times the sampler, scores model and baseline against the real test rows.
Evaluation evaluate_sampler(const std::function<Tensor(int64_t)> &sample,
                            const Scorer &scorer, const Scored &realTest,
                            const std::vector<int> &testLabels,
                            const MeanNoiseBaseline &baseline, int64_t batch,
                            uint64_t seed);

/// evaluate_sampler for a trained run: its data, split, batch and seed come
/// from the checkpoint metadata "<prefix>.data|count|image_size|batch|seed"
/// (`data` overrides the data), the standard classifier is cached in
/// RUN/classifier.safetensors; writes the evaluation into metrics.json and
/// prints it.
/// `extra(set, split)` returns more members of "evaluation" (formatted
/// JSON, e.g. a likelihood on the test split).
using ExtraMeasures = std::function<std::string(const GalaxySet &, const Split &)>;
Evaluation evaluate_run(const std::string &run,
                        const std::map<std::string, std::string> &meta,
                        const std::string &prefix, const std::string &data,
                        const std::function<Tensor(int64_t)> &sample,
                        const ExtraMeasures &extra = nullptr);

/// Adds `"evaluation": {...}` (replacing an older one) to RUN/metrics.json,
/// atomically, with `extra` (already formatted JSON members, may be empty)
/// inside it.
void write_evaluation(const std::string &run, const Evaluation &e,
                      const std::string &extra = "");
/// One line per measure, model against baseline, for the terminal.
std::string format_evaluation(const Evaluation &e);

} // namespace genc::zoo

#endif // GENC_ZOO_MEASURES_H

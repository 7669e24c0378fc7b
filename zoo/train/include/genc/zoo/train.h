// What every zoo training binary shares: a progress bar, RUN/ files (JSON
// written atomically), train-state checkpoints with resume, and small
// statistics (PCA, ridge regression, R², confusion matrices) used by the
// analyses.
//
// Errors are genc::Error with one message naming the file or value.
// Thread safety: a Progress is used by one thread; the free
// functions are pure or write only their own files.
#ifndef GENC_ZOO_TRAIN_H
#define GENC_ZOO_TRAIN_H

#include <genc/genc.h>
#include <genc/json.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace genc::zoo {

//===----------------------------------------------------------------------===//
// RUN/ files
//===----------------------------------------------------------------------===//

/// Writes `content` to `path.tmp.<pid>`, fsyncs and renames it over `path`.
void write_file_atomic(const std::string &path, const std::string &content);
/// Creates the directory (and parents) or throws.
void make_directories(const std::string &path);
bool file_exists(const std::string &path);
/// Peak resident memory of this process so far, in MiB.
double peak_rss_mib();

/// A small JSON writer: values are appended in order, commas automatic.
/// Keys and values written outside any object form a comma-separated
/// member list (to splice into another writer's object with raw()).
///   JsonWriter j; j.begin_object().key("loss").value(1.5).end_object();
class JsonWriter {
public:
  JsonWriter &begin_object();
  JsonWriter &end_object();
  JsonWriter &begin_array();
  JsonWriter &end_array();
  JsonWriter &key(const std::string &k);
  JsonWriter &value(double v); // NaN/Inf become null
  JsonWriter &value(int64_t v);
  JsonWriter &value(int v) { return value((int64_t)v); }
  JsonWriter &value(bool v);
  JsonWriter &value(const std::string &v);
  JsonWriter &value(const char *v) { return value(std::string(v)); }
  JsonWriter &values(const std::vector<double> &v);
  /// A parsed value, written back (numbers as they were written).
  JsonWriter &value(const json::Value &v);
  /// Inserts already-formatted JSON.
  JsonWriter &raw(const std::string &json);
  const std::string &str() const { return out_; }

private:
  void separate();
  JsonWriter &close(char bracket);
  std::string out_;
  std::vector<bool> first_;
  bool afterKey_ = false;
  int depth_ = 0;
};

/// Reads and parses a JSON file (genc/json.h); throws genc::Error naming
/// the file, and the byte offset for invalid JSON.
json::Value read_json_file(const std::string &path);

//===----------------------------------------------------------------------===//
// Progress
//===----------------------------------------------------------------------===//

/// A progress bar on a terminal (stderr), redrawn at most 10 times a second:
///   vae [=======>        ] 420/1385 ep 2/5 loss 812.3 kl 22.1 | 9.8 it/s ETA 1:38
/// and plain log lines (every ~5 % of the steps or 30 s) when stderr is not
/// a terminal. GENC_PROGRESS=plain|bar|off overrides the choice.
class Progress {
public:
  Progress(std::string label, int64_t totalSteps, int64_t firstStep = 0);
  /// After step `step` (1-based count of steps done) of epoch `epoch`.
  void update(int64_t step, int64_t epoch, int64_t epochs,
              const std::vector<std::pair<std::string, double>> &values);
  /// A line that does not disturb the bar (e.g. an epoch summary); printed
  /// in every mode, also "off".
  void message(const std::string &line);
  void finish();
  /// Steps per second since the first update.
  double rate() const;

private:
  using Clock = std::chrono::steady_clock;
  std::string label_;
  int64_t total_, first_, last_ = 0;
  enum class Mode { Bar, Plain, Off } mode_;
  Clock::time_point start_, lastDraw_;
  int64_t lastPlainStep_ = 0;
  bool drawn_ = false;
};

//===----------------------------------------------------------------------===//
// Train state
//===----------------------------------------------------------------------===//

/// Parameters, optimizer state and metadata (step, epoch, seed, history) in
/// one safetensors file: tensors "params/<name>", "opt/<name>",
/// "extra/<name>". Written atomically.
struct TrainState {
  Params params, opt, extra;
  std::map<std::string, std::string> meta;
};
void save_train_state(const std::string &path, const TrainState &state);
TrainState load_train_state(const std::string &path);

//===----------------------------------------------------------------------===//
// Statistics for the analyses (double precision, host code)
//===----------------------------------------------------------------------===//

/// Rows x (n x d, row-major) projected on their first two principal axes
/// (n x 2). Deterministic (Jacobi eigen-decomposition of the covariance).
std::vector<double> pca_2d(const std::vector<double> &x, int64_t n, int64_t d);

/// Ridge regression y ≈ x w + b with L2 penalty `lambda` on w (features
/// standardized internally; the intercept is not penalized).
struct RidgeModel {
  std::vector<double> mean, scale, w;
  double b = 0;
  double predict(const double *row) const;
};
RidgeModel fit_ridge(const std::vector<double> &x, const std::vector<double> &y,
                     int64_t n, int64_t d, double lambda);
/// Coefficient of determination 1 - SS_res / SS_tot.
double r2_score(const std::vector<double> &truth, const std::vector<double> &pred);

/// The Fréchet distance between Gaussians fitted to two sets of feature
/// vectors (rows of n1 x d and n2 x d): |m1 - m2|² + Tr(C1 + C2 -
/// 2 (C1 C2)^½) — FID when the features are a classifier's. Computed with
/// symmetric eigen-decompositions: Tr (C1 C2)^½ = Tr (C1^½ C2 C1^½)^½.
double frechet_distance(const std::vector<double> &a, int64_t n1,
                        const std::vector<double> &b, int64_t n2, int64_t d);

/// Kernel Inception Distance (Bińkowski et al. 2018) of two feature sets:
/// the unbiased estimate of MMD² with the cubic polynomial kernel
/// k(x, y) = (x·y / d + 1)³. 0 in expectation for equal distributions; can
/// be slightly negative.
double kernel_distance(const std::vector<double> &a, int64_t n1,
                       const std::vector<double> &b, int64_t n2, int64_t d);

/// Improved precision and recall (Kynkäänniemi et al. 2019): precision is
/// the fraction of generated features inside the union of the real
/// features' k-nearest-neighbour balls, recall the fraction of real
/// features inside the generated ones' balls (Euclidean, k = 3 by default).
struct PrecisionRecall {
  double precision = 0, recall = 0;
};
PrecisionRecall precision_recall(const std::vector<double> &real, int64_t n1,
                                 const std::vector<double> &generated,
                                 int64_t n2, int64_t d, int k = 3);

/// counts[true][predicted].
std::vector<std::vector<int64_t>> confusion(const std::vector<int> &truth,
                                            const std::vector<int> &pred,
                                            int classes);
double accuracy(const std::vector<int> &truth, const std::vector<int> &pred);

} // namespace genc::zoo

#endif // GENC_ZOO_TRAIN_H

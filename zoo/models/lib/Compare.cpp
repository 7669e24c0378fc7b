// genc-zoo compare (see genc/zoo/compare.h).
#include "genc/zoo/compare.h"

#include "genc/zoo/plot.h"
#include "genc/zoo/train.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace genc::zoo {

namespace {

std::string cell(double v, const char *format) {
  if (!std::isfinite(v))
    return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

struct Column {
  const char *header;
  std::vector<std::string> values;
};

} // namespace

std::string compare_runs(const std::vector<std::string> &runs,
                         const std::string &png) {
  if (runs.empty())
    throw Error("compare: name at least one run directory");
  std::vector<Column> cols = {
      {"run", {}},         {"model", {}},          {"variant", {}},
      {"likelihood", {}},  {"FID (ours)", {}},     {"FID baseline", {}},
      {"KID", {}},         {"precision", {}},      {"recall", {}},
      {"classes", {}},     {"latent acc", {}},     {"pixel acc", {}},
      {"redshift R2", {}}, {"train images/s", {}}, {"samples/s", {}}};
  std::vector<std::string> samples, labels, classifiers;
  for (const std::string &run : runs) {
    if (!file_exists(run + "/metrics.json"))
      throw Error(run + ": not a run directory (no metrics.json)");
    json::Value m = read_json_file(run + "/metrics.json");
    json::Value a;
    if (file_exists(run + "/analysis.json"))
      a = read_json_file(run + "/analysis.json");
    const json::Value *epochs = m.find("epochs");
    double nelbo = NAN, ips = NAN;
    if (epochs && !epochs->array.empty()) {
      nelbo = epochs->array.back().number_at({"val_neg_elbo"});
      // Steady state: the last epoch (the first includes compilation).
      ips = epochs->array.back().number_at({"images_per_second"});
    }
    double bpd = m.number_at({"evaluation", "bits_per_dim"});
    std::string likelihood = std::isfinite(bpd)     ? cell(bpd, "%.3f bits/dim")
                             : std::isfinite(nelbo) ? cell(nelbo, "-ELBO %.1f")
                                                    : "-";
    std::string trainedOn = m.string_at({"evaluation", "classifier", "trained_on"});
    if (!trainedOn.empty() &&
        std::find(classifiers.begin(), classifiers.end(), trainedOn) == classifiers.end())
      classifiers.push_back(trainedOn);
    std::string model = m.string_at({"model"}, "?");
    std::string variant =
        m.string_at({"variant"}, m.string_at({"config", "prior"}, "-") + " prior");
    auto ev = [&](const char *who, const char *what) {
      return m.number_at({"evaluation", who, what});
    };
    double covered = ev("model", "classes_covered");
    std::vector<std::string> row = {
        run,
        model,
        variant,
        likelihood,
        cell(ev("model", "fid"), "%.1f"),
        cell(ev("mean_plus_noise_baseline", "fid"), "%.1f"),
        cell(ev("model", "kid"), "%.3f"),
        cell(ev("model", "precision"), "%.3f"),
        cell(ev("model", "recall"), "%.3f"),
        std::isfinite(covered) ? cell(covered, "%.0f/10") +
                                     (m.find("evaluation") &&
                                              m.find("evaluation")->find("mode_collapse") &&
                                              m.find("evaluation")->find("mode_collapse")->boolean
                                          ? " (collapse)"
                                          : "")
                               : "-",
        cell(100 * a.number_at({"latent_classifier", "test_accuracy"}), "%.1f %%"),
        cell(100 * a.number_at({"pixel_cnn", "test_accuracy"}), "%.1f %%"),
        cell(a.number_at({"redshift_ridge", "test_r2"}), "%.3f"),
        cell(ips, "%.0f"),
        cell(m.number_at({"evaluation", "samples_per_second"}), "%.0f")};
    for (size_t i = 0; i < cols.size(); ++i)
      cols[i].values.push_back(row[i]);
    if (file_exists(run + "/samples.png")) {
      samples.push_back(run + "/samples.png");
      labels.push_back(run + " (" + model + ", " + variant + ")");
    }
  }
  // Markdown table with padded columns.
  std::vector<size_t> width;
  for (const Column &c : cols) {
    size_t w = std::string(c.header).size();
    for (const std::string &v : c.values)
      w = std::max(w, v.size());
    width.push_back(w);
  }
  auto line = [&](auto get) {
    std::string s = "|";
    for (size_t i = 0; i < cols.size(); ++i) {
      std::string v = get(i);
      s += " " + v + std::string(width[i] - v.size(), ' ') + " |";
    }
    return s + "\n";
  };
  std::string out = line([&](size_t i) { return std::string(cols[i].header); });
  out += line([&](size_t i) { return std::string(width[i], '-'); });
  for (size_t r = 0; r < runs.size(); ++r)
    out += line([&](size_t i) { return cols[i].values[r]; });
  out += "FID/KID/precision/recall on the features of the project's own "
         "galaxy classifier (not Inception); baseline: mean image + noise; "
         "classes: classes with >= 1 % of the samples. Accuracies and R² from "
         "`genc-zoo vae analyze` (test split).\n";
  if (classifiers.size() > 1) {
    out += "note: these runs were measured with classifiers trained on different "
           "data (";
    for (size_t i = 0; i < classifiers.size(); ++i)
      out += (i ? "; " : "") + classifiers[i];
    out += "): their FID/KID/precision/recall do not compare with each other.\n";
  }
  if (!png.empty() && !samples.empty())
    plot::side_by_side(png, samples, labels, "samples of each run");
  return out;
}

} // namespace genc::zoo

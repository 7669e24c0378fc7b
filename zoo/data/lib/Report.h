// Tallies skipped or repaired rows by kind for LoadReport::reasons.
#ifndef GENC_ZOO_REPORT_H
#define GENC_ZOO_REPORT_H

#include "genc/zoo/Galaxy.h"

#include <cmath>
#include <string>
#include <utility>
#include <vector>

namespace genc::zoo {

class ReasonTally {
public:
  /// `kind` completes "N rows ...", e.g. "with NaN redshift skipped";
  /// `where` names the first row of that kind, e.g. "row 40".
  void add(const std::string &kind, const std::string &where) {
    for (auto &entry : entries_)
      if (entry.kind == kind) {
        ++entry.count;
        return;
      }
    entries_.push_back({kind, where, 1});
  }
  std::vector<std::string> lines() const {
    std::vector<std::string> out;
    for (const auto &e : entries_)
      out.push_back(std::to_string(e.count) +
                    (e.count == 1 ? " row " : " rows ") + e.kind +
                    " (first: " + e.where + ")");
    return out;
  }
  std::string summary() const {
    std::string s;
    for (const auto &line : lines())
      s += (s.empty() ? "" : "; ") + line;
    return s;
  }

private:
  struct Entry {
    std::string kind, where;
    int64_t count;
  };
  std::vector<Entry> entries_;
};

/// The redshift policy shared by the readers: false (skip) for NaN or
/// z < -0.001; z in [-0.001, 0) becomes 0.
inline bool acceptRedshift(double &z, ReasonTally &tally,
                           const std::string &where) {
  if (std::isnan(z)) {
    tally.add("with NaN redshift skipped", where);
    return false;
  }
  if (z < -0.001) {
    tally.add("with redshift below -0.001 skipped", where);
    return false;
  }
  if (z < 0) {
    tally.add("with redshift in [-0.001, 0) clamped to 0", where);
    z = 0;
  }
  return true;
}

} // namespace genc::zoo

#endif // GENC_ZOO_REPORT_H

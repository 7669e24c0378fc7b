// `genc-zoo compare RUN1 RUN2 ...`: one table of the same measures for
// several runs (docs/ZOO.md defines them) and their sample grids side by
// side.
#ifndef GENC_ZOO_COMPARE_H
#define GENC_ZOO_COMPARE_H

#include <string>
#include <vector>

namespace genc::zoo {

/// Reads each RUN/metrics.json (required), config.json and analysis.json
/// (when present), returns the table as text (missing measures are "-")
/// and writes `png` (each run's samples.png side by side) unless empty.
/// Throws genc::Error naming a run that is not a run directory.
std::string compare_runs(const std::vector<std::string> &runs,
                         const std::string &png);

} // namespace genc::zoo

#endif // GENC_ZOO_COMPARE_H

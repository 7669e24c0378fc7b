// Per-kernel times of programs compiled with --profile (see genc_profile.h
// for what calls into the profiler). Thread-safe.
#ifndef GENC_RUNTIME_PROFILE_H
#define GENC_RUNTIME_PROFILE_H

#include <cstdint>
#include <string>
#include <vector>

namespace genc::runtime {

struct KernelTime {
  std::string label; ///< "kind shape at file:line:col"
  int64_t calls = 0;
  double seconds = 0;
};

/// Every kernel timed since the start (or the last profileReset()), the
/// most expensive first.
std::vector<KernelTime> profileSnapshot();

/// Forgets every time (e.g. after warm-up steps).
void profileReset();

/// The table: a summary per kind of kernel (CBLAS calls, fused loop
/// nests, copies, ...), then the `top` most expensive kernels with their
/// share of the kernels' total time, total ms, calls and µs per call.
/// "" when nothing was timed.
std::string profileReport(size_t top = 30);

} // namespace genc::runtime

#endif // GENC_RUNTIME_PROFILE_H

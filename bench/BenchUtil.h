// Timing helper shared by the benchmark programs.
#ifndef GENC_BENCH_BENCHUTIL_H
#define GENC_BENCH_BENCHUTIL_H

#include <algorithm>
#include <chrono>
#include <functional>
#include <vector>

/// Median wall time of `reps` calls of `fn`, in ms, after one warm-up call
/// (which compiles).
inline double medianMs(int reps, const std::function<void()> &fn) {
  fn();
  std::vector<double> t;
  for (int i = 0; i < reps; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    fn();
    t.push_back(std::chrono::duration<double, std::milli>(
                    std::chrono::steady_clock::now() - t0)
                    .count());
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

#endif // GENC_BENCH_BENCHUTIL_H

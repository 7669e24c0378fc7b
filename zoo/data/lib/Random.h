// Counter-based random streams: a stream is named by (seed, a, b) and is a
// splitmix64 sequence started from a hash of the three, so image i of a
// synthetic set or epoch e of a loader has its own stream, independent of
// threads and of the other images. Deterministic on every machine.
#ifndef GENC_ZOO_RANDOM_H
#define GENC_ZOO_RANDOM_H

#include "DetMath.h"

#include <cstdint>

namespace genc::zoo {

inline uint64_t mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

class Rng {
public:
  Rng(uint64_t seed, uint64_t a, uint64_t b = 0)
      : state_(mix64(mix64(seed ^ 0x6a09e667f3bcc909ull) +
                     mix64(a + 0x9e3779b97f4a7c15ull) * 3 +
                     mix64(b ^ 0xbb67ae8584caa73bull))) {}

  uint64_t bits() {
    state_ += 0x9e3779b97f4a7c15ull;
    return mix64(state_);
  }
  /// Uniform in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(bits() >> 11) * 0x1.0p-53; }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  /// Uniform integer in [0, n) (multiply-shift; bias < n / 2^64).
  uint64_t below(uint64_t n) {
    return static_cast<uint64_t>((static_cast<unsigned __int128>(bits()) * n) >>
                                 64);
  }
  int between(int lo, int hi) { // inclusive
    return lo + static_cast<int>(below(static_cast<uint64_t>(hi - lo + 1)));
  }
  bool chance(double p) { return uniform() < p; }
  /// Standard normal (Box-Muller with the deterministic log/sin/cos).
  double normal() {
    double u1 = 1.0 - uniform(); // (0, 1]
    double u2 = uniform();
    double s, c;
    detmath::dsincos(2.0 * detmath::kPi * u2, s, c);
    return std::sqrt(-2.0 * detmath::dlog(u1)) * c;
  }
  double normal(double mean, double sigma) { return mean + sigma * normal(); }
  /// Log-uniform in [lo, hi].
  double logUniform(double lo, double hi) {
    return lo * detmath::dexp(detmath::dlog(hi / lo) * uniform());
  }

private:
  uint64_t state_;
};

} // namespace genc::zoo

#endif // GENC_ZOO_RANDOM_H

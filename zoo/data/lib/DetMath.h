// Deterministic elementary functions for the synthetic generator: built only
// from IEEE-754 +, -, *, /, sqrt, truncation and bit manipulation, so the
// results do not depend on the platform's libm (the library is compiled with
// -ffp-contract=off so no FMA changes a rounding either). Float versions are
// for per-pixel work (~1e-7 relative error), double versions for per-galaxy
// parameters (~1e-15). Not for general use: inputs are clamped to the ranges
// the generator needs.
#ifndef GENC_ZOO_DETMATH_H
#define GENC_ZOO_DETMATH_H

#include <bit>
#include <cmath>
#include <cstdint>

namespace genc::zoo::detmath {

constexpr double kPi = 3.14159265358979323846;
constexpr double kLn2 = 0.69314718055994530942;

// ---- float ----------------------------------------------------------------

/// e^x for x in [-87, 88] (clamped), 0 below -87.
inline float fexp(float x) {
  x = x < -87.0f ? -87.0f : (x > 88.0f ? 88.0f : x);
  float t = x * 1.44269504088896341f;
  int k = static_cast<int>(t + (t >= 0.0f ? 0.5f : -0.5f));
  float kf = static_cast<float>(k);
  float r = (x - kf * 0.693145751953125f) - kf * 1.428606765330187e-06f;
  float p = 1.0f / 5040.0f;
  p = p * r + 1.0f / 720.0f;
  p = p * r + 1.0f / 120.0f;
  p = p * r + 1.0f / 24.0f;
  p = p * r + 1.0f / 6.0f;
  p = p * r + 0.5f;
  p = p * r + 1.0f;
  p = p * r + 1.0f;
  float scale = std::bit_cast<float>(static_cast<uint32_t>(k + 127) << 23);
  return p * scale;
}

/// ln x for x > 0 (values below 1e-30 are clamped to 1e-30).
inline float flog(float x) {
  x = x < 1e-30f ? 1e-30f : x;
  uint32_t bits = std::bit_cast<uint32_t>(x);
  int e = static_cast<int>((bits >> 23) & 0xff) - 127;
  float m = std::bit_cast<float>((bits & 0x7fffffu) | 0x3f800000u); // [1, 2)
  bool big = m > 1.41421356f;
  m = big ? m * 0.5f : m;
  e = big ? e + 1 : e;
  float s = (m - 1.0f) / (m + 1.0f);
  float s2 = s * s;
  float p = 1.0f / 9.0f;
  p = p * s2 + 1.0f / 7.0f;
  p = p * s2 + 1.0f / 5.0f;
  p = p * s2 + 1.0f / 3.0f;
  p = p * s2 + 1.0f;
  return static_cast<float>(e) * 0.693147180559945f + 2.0f * s * p;
}

/// x^y for x > 0.
inline float fpow(float x, float y) { return fexp(y * flog(x)); }

/// cos x for |x| < ~1e4.
inline float fcos(float x) {
  float t = x * 0.636619772367581f; // 2/pi
  int k = static_cast<int>(t + (t >= 0.0f ? 0.5f : -0.5f));
  float kf = static_cast<float>(k);
  float r = (x - kf * 1.5707963705062866f) + kf * 4.3711388286737929e-08f;
  float r2 = r * r;
  float c = 1.0f / 40320.0f;
  c = c * r2 - 1.0f / 720.0f;
  c = c * r2 + 1.0f / 24.0f;
  c = c * r2 - 0.5f;
  c = c * r2 + 1.0f;
  float s = -1.0f / 5040.0f;
  s = s * r2 + 1.0f / 120.0f;
  s = s * r2 - 1.0f / 6.0f;
  s = s * r2 + 1.0f;
  s = s * r;
  int q = k & 3;
  float v = (q & 1) ? s : c;
  return (q == 1 || q == 2) ? -v : v;
}

inline float fsin(float x) { return fcos(x - 1.5707963267948966f); }

/// atan2(y, x) in (-pi, pi]; 0 for (0, 0).
inline float fatan2(float y, float x) {
  float ax = std::fabs(x), ay = std::fabs(y);
  bool swap = ay > ax;
  float num = swap ? ax : ay, den = swap ? ay : ax;
  float a = den > 0.0f ? num / den : 0.0f; // [0, 1]
  bool shift = a > 0.41421356f;
  float t = shift ? (a - 1.0f) / (a + 1.0f) : a;
  float t2 = t * t;
  float p = -1.0f / 15.0f;
  p = p * t2 + 1.0f / 13.0f;
  p = p * t2 - 1.0f / 11.0f;
  p = p * t2 + 1.0f / 9.0f;
  p = p * t2 - 1.0f / 7.0f;
  p = p * t2 + 1.0f / 5.0f;
  p = p * t2 - 1.0f / 3.0f;
  p = p * t2 + 1.0f;
  float r = t * p + (shift ? 0.785398163397448f : 0.0f);
  r = swap ? 1.5707963267948966f - r : r;
  r = x < 0.0f ? 3.14159265358979f - r : r;
  return y < 0.0f ? -r : r;
}

/// atan2 for per-galaxy angles (float precision is plenty there).
inline double datan2(double y, double x) {
  return static_cast<double>(
      fatan2(static_cast<float>(y), static_cast<float>(x)));
}

/// asinh x for x >= 0.
inline float fasinh(float x) { return flog(x + std::sqrt(x * x + 1.0f)); }

// ---- double ---------------------------------------------------------------

inline double dexp(double x) {
  x = x < -700.0 ? -700.0 : (x > 700.0 ? 700.0 : x);
  double t = x * 1.4426950408889634;
  int64_t k = static_cast<int64_t>(t + (t >= 0.0 ? 0.5 : -0.5));
  double kd = static_cast<double>(k);
  double r =
      (x - kd * 6.93147180369123816490e-01) - kd * 1.90821492927058770002e-10;
  // Taylor to r^14: |r| <= 0.347 gives < 1e-17 relative error.
  double p = 1.0 / 87178291200.0;
  constexpr double kInvFact[] = {1.0 / 6227020800.0,
                                 1.0 / 479001600.0,
                                 1.0 / 39916800.0,
                                 1.0 / 3628800.0,
                                 1.0 / 362880.0,
                                 1.0 / 40320.0,
                                 1.0 / 5040.0,
                                 1.0 / 720.0,
                                 1.0 / 120.0,
                                 1.0 / 24.0,
                                 1.0 / 6.0,
                                 0.5,
                                 1.0,
                                 1.0};
  for (double c : kInvFact)
    p = p * r + c;
  double scale = std::bit_cast<double>(static_cast<uint64_t>(k + 1023) << 52);
  return p * scale;
}

inline double dlog(double x) {
  x = x < 1e-300 ? 1e-300 : x;
  uint64_t bits = std::bit_cast<uint64_t>(x);
  int64_t e = static_cast<int64_t>((bits >> 52) & 0x7ff) - 1023;
  double m = std::bit_cast<double>((bits & 0xfffffffffffffull) |
                                   0x3ff0000000000000ull);
  if (m > 1.4142135623730951) {
    m *= 0.5;
    ++e;
  }
  double s = (m - 1.0) / (m + 1.0), s2 = s * s;
  double p = 1.0 / 23.0;
  for (int k = 21; k >= 1; k -= 2)
    p = p * s2 + 1.0 / k;
  return static_cast<double>(e) * kLn2 + 2.0 * s * p;
}

inline double dpow(double x, double y) { return dexp(y * dlog(x)); }
inline double dlog10(double x) { return dlog(x) * 0.43429448190325182765; }
inline double dexp10(double x) { return dexp(x * 2.30258509299404568402); }

/// cos and sin for |x| < ~1e6.
inline void dsincos(double x, double &s, double &c) {
  double t = x * 0.63661977236758134308;
  int64_t k = static_cast<int64_t>(t + (t >= 0.0 ? 0.5 : -0.5));
  double kd = static_cast<double>(k);
  double r =
      (x - kd * 1.57079632673412561417e+00) - kd * 6.07710050650619224932e-11;
  // cos r = sum y^j / (2j)!, sin r = r sum y^j / (2j+1)!, y = -r^2, j <= 9.
  double y = -(r * r);
  double cp = 1.0 / 6402373705728000.0, sp = 1.0 / 121645100408832000.0;
  constexpr double kCos[] = {1.0 / 20922789888000.0,
                             1.0 / 87178291200.0,
                             1.0 / 479001600.0,
                             1.0 / 3628800.0,
                             1.0 / 40320.0,
                             1.0 / 720.0,
                             1.0 / 24.0,
                             0.5,
                             1.0};
  constexpr double kSin[] = {1.0 / 355687428096000.0,
                             1.0 / 1307674368000.0,
                             1.0 / 6227020800.0,
                             1.0 / 39916800.0,
                             1.0 / 362880.0,
                             1.0 / 5040.0,
                             1.0 / 120.0,
                             1.0 / 6.0,
                             1.0};
  for (double a : kCos)
    cp = cp * y + a;
  for (double a : kSin)
    sp = sp * y + a;
  sp *= r;
  switch (k & 3) {
  case 0:
    s = sp, c = cp;
    break;
  case 1:
    s = cp, c = -sp;
    break;
  case 2:
    s = -sp, c = -cp;
    break;
  default:
    s = -cp, c = sp;
    break;
  }
}
inline double dcos(double x) {
  double s, c;
  dsincos(x, s, c);
  return c;
}
inline double dsin(double x) {
  double s, c;
  dsincos(x, s, c);
  return s;
}

/// ln Gamma(x) for x > 0: recurrence up to x >= 10, then Stirling's series.
inline double dlgamma(double x) {
  double shift = 0.0;
  while (x < 10.0) {
    shift += dlog(x);
    x += 1.0;
  }
  double inv = 1.0 / x, inv2 = inv * inv;
  double series =
      inv * (1.0 / 12.0 -
             inv2 * (1.0 / 360.0 - inv2 * (1.0 / 1260.0 - inv2 / 1680.0)));
  return (x - 0.5) * dlog(x) - x + 0.91893853320467274178 + series - shift;
}

} // namespace genc::zoo::detmath

#endif // GENC_ZOO_DETMATH_H

// Synthetic-galaxy renderer: analytic components integrated over output
// pixels, Moffat PSF, point-source stamps, sky + Poisson noise, Legacy
// Survey asinh RGB. See Render.h and Synth.h for the model.
#include "Render.h"

#include "DetMath.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace genc::zoo::render {

using namespace detmath;

double sersicB(double n) {
  return 2.0 * n - 1.0 / 3.0 + 4.0 / (405.0 * n) + 46.0 / (25515.0 * n * n);
}

namespace {

// The hot loops get an AVX2 clone picked at load time where the CPU has it.
// Element-wise IEEE arithmetic without FMA contraction gives the same bits
// in either clone, so the images do not depend on the CPU.
// (Not under ThreadSanitizer: its runtime is not up yet when the dynamic
// loader runs the ifunc resolvers.)
#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define GENC_ZOO_NO_CLONES
#endif
#endif
#if defined(__clang__) && defined(__x86_64__) && defined(__ELF__) &&           \
    !defined(GENC_ZOO_NO_CLONES)
#define GENC_ZOO_HOT __attribute__((target_clones("avx2", "default")))
#else
#define GENC_ZOO_HOT
#endif

constexpr double kNativeArea = kNativePixel * kNativePixel; // arcsec^2
constexpr float kEdgeOnSoft2 = 0.16f; // (0.4 h / h)^2: edge-on core softening
constexpr int kMaxSub = 8;

/// Integral over t of exp(-sqrt(t^2 + 0.16)): the edge-on radial profile's
/// flux per unit scale length (Simpson on [0, 60]).
double edgeOnRadialIntegral() {
  static const double value = [] {
    const int n = 60000;
    const double h = 60.0 / n;
    double sum = 0;
    for (int i = 0; i <= n; ++i) {
      double t = i * h;
      double f = dexp(-std::sqrt(t * t + 0.16));
      sum += (i == 0 || i == n) ? f : (i % 2 ? 4 * f : 2 * f);
    }
    return 2.0 * sum * h / 3.0;
  }();
  return value;
}

inline float sech2(float x) {
  float e = fexp(-2.0f * std::fabs(x));
  float d = 1.0f + e;
  return 4.0f * e / (d * d);
}

/// A component in float, ready for per-sample evaluation.
struct Prepared {
  Profile profile;
  float cx, cy, cosPa, sinPa, invQIncl;
  bool rotated;
  float cosAng, sinAng, invQ2;
  float invSize2; // 1/R_e^2, 1/sigma^2 or 1/h^2
  float halfInvN, bn;
  bool exponential; // Sersic n == 1
  float invHz;
  float coef[3];
  // Spiral arms.
  int arms;
  float cotPitch, amp, invRb2, lnR0, phase, invMeanPattern;
  int sharp;
  float armCoef[3];
  // m = 1 distortion.
  float lopAmp, lopCos, lopSin, lopR1;
  // Dust lane.
  bool dust;
  float tau[3], invDust, dustOffset;
  // Pixel box in the padded grid and sampling.
  int x0, x1, y0, y1;
  int subFine;
  bool cusp;
  float fineR, centreR2;
};

struct Grid {
  int size; // padded grid side
  int pad;  // pixels of padding on each side
  double pixel;
  double half; // field half-width, arcsec
  double centre(int i) const { return (i - pad + 0.5) * pixel - half; }
};

/// Fills `p`; false when the component is invisible (below `threshold`
/// nmgy per native pixel everywhere) or entirely off the grid.
bool prepare(const Component &c, const Grid &g, double threshold, int sub,
             Prepared &p) {
  p = Prepared{};
  p.profile = c.profile;
  p.cx = static_cast<float>(c.x);
  p.cy = static_cast<float>(c.y);
  double sPa, cPa;
  dsincos(c.pa, sPa, cPa);
  p.cosPa = static_cast<float>(cPa);
  p.sinPa = static_cast<float>(sPa);
  p.invQIncl = static_cast<float>(1.0 / c.qIncl);
  p.rotated = c.angle != 0.0;
  double sAng, cAng;
  dsincos(c.angle, sAng, cAng);
  p.cosAng = static_cast<float>(cAng);
  p.sinAng = static_cast<float>(sAng);
  p.invQ2 = static_cast<float>(1.0 / (c.q * c.q));
  p.invSize2 = static_cast<float>(1.0 / (c.size * c.size));

  double norm = 1, minScale = 1, peakProfile = 1;
  double b = 0;
  switch (c.profile) {
  case Profile::Sersic:
    b = sersicB(c.n);
    p.bn = static_cast<float>(b);
    p.halfInvN = static_cast<float>(0.5 / c.n);
    p.exponential = c.n == 1.0;
    norm = 2 * kPi * c.q * c.qIncl * c.size * c.size * c.n *
           dexp(b + dlgamma(2 * c.n) - 2 * c.n * dlog(b));
    minScale = c.size * c.q * c.qIncl;
    peakProfile = dexp(b);
    p.cusp = c.n >= 1.5;
    break;
  case Profile::Gaussian:
    norm = 2 * kPi * c.size * c.size * c.q * c.qIncl;
    minScale = c.size * c.q * c.qIncl;
    peakProfile = 1;
    break;
  case Profile::EdgeOn:
    norm = 2 * c.q * c.size * c.size * edgeOnRadialIntegral();
    p.invHz = static_cast<float>(1.0 / (c.q * c.size));
    minScale = c.q * c.size;
    peakProfile = 1;
    break;
  }
  double peakCoef = 0;
  for (int band = 0; band < 3; ++band) {
    double coef = c.flux[band] / norm * kNativeArea;
    p.coef[band] = static_cast<float>(coef);
    peakCoef = std::max(peakCoef, coef);
  }
  double modulation = 1;
  if (c.spiral.arms > 0) {
    const Spiral &s = c.spiral;
    p.arms = s.arms;
    p.cotPitch = static_cast<float>(s.cotPitch);
    p.amp = static_cast<float>(s.amp);
    p.invRb2 = static_cast<float>(1.0 / (s.rb * s.rb));
    p.lnR0 = static_cast<float>(dlog(s.r0));
    p.phase = static_cast<float>(s.phase);
    p.sharp = s.sharp == 3 ? 3 : 2;
    // Mean of ((1 + cos)/2)^k over a period: 3/8 (k = 2), 5/16 (k = 3).
    double mean = p.sharp == 3 ? 5.0 / 16.0 : 3.0 / 8.0;
    p.invMeanPattern = static_cast<float>(1.0 / mean);
    for (int band = 0; band < 3; ++band) {
      double coef = c.flux[1] * s.colour[band] / norm * kNativeArea;
      p.armCoef[band] = static_cast<float>(coef);
      peakCoef = std::max(peakCoef, coef);
    }
    modulation *= 1 + s.amp * (1 / mean - 1);
  }
  if (c.lopsided.amp != 0) {
    double s, co;
    dsincos(c.lopsided.angle, s, co);
    p.lopAmp = static_cast<float>(c.lopsided.amp);
    p.lopCos = static_cast<float>(co);
    p.lopSin = static_cast<float>(s);
    p.lopR1 = static_cast<float>(c.lopsided.r1);
    modulation *= 1 + c.lopsided.amp;
  }
  if (c.dust.tau[0] > 0 || c.dust.tau[1] > 0 || c.dust.tau[2] > 0) {
    p.dust = true;
    for (int band = 0; band < 3; ++band)
      p.tau[band] = static_cast<float>(c.dust.tau[band]);
    p.invDust = static_cast<float>(1.0 / c.dust.scale);
    p.dustOffset = static_cast<float>(c.dust.offset);
  }

  // Extent where the light exceeds `threshold`.
  double L = dlog(peakCoef * peakProfile * modulation / threshold);
  if (!(L > 0))
    return false;
  double major = 0, minor = 0;
  bool rectangle = false;
  switch (c.profile) {
  case Profile::Sersic: {
    // p(0) e^{-b((R/Re)^(1/n))} = threshold  =>  (R/Re)^(1/n) = L / b.
    major = c.size * dpow(L / b, c.n);
    minor = major * c.qIncl * (p.rotated ? 1.0 : c.q);
    break;
  }
  case Profile::Gaussian:
    major = c.size * std::sqrt(2 * L);
    minor = major * c.qIncl * (p.rotated ? 1.0 : c.q);
    break;
  case Profile::EdgeOn:
    major = c.size * (L + 0.5);
    minor = 0.5 * c.q * c.size * (L + 1.3862943611198906);
    rectangle = true;
    break;
  }
  double limit = 2.0 * g.size * g.pixel;
  major = std::min(major, limit);
  minor = std::min(minor, limit);
  double hx, hy;
  if (rectangle) {
    hx = major * std::fabs(cPa) + minor * std::fabs(sPa);
    hy = major * std::fabs(sPa) + minor * std::fabs(cPa);
  } else {
    hx = std::sqrt(major * major * cPa * cPa + minor * minor * sPa * sPa);
    hy = std::sqrt(major * major * sPa * sPa + minor * minor * cPa * cPa);
  }
  auto toPixel = [&](double coord) {
    return (coord + g.half) / g.pixel + g.pad - 0.5;
  };
  p.x0 = std::max(0, static_cast<int>(std::floor(toPixel(c.x - hx))));
  p.x1 = std::min(g.size, static_cast<int>(std::ceil(toPixel(c.x + hx))) + 1);
  p.y0 = std::max(0, static_cast<int>(std::floor(toPixel(c.y - hy))));
  p.y1 = std::min(g.size, static_cast<int>(std::ceil(toPixel(c.y + hy))) + 1);
  if (p.x0 >= p.x1 || p.y0 >= p.y1)
    return false;

  // Finer sampling where the profile varies within a pixel.
  p.subFine = std::clamp(static_cast<int>(std::ceil(2.0 * g.pixel / minScale)),
                         sub, kMaxSub);
  double minorFraction = c.profile == Profile::EdgeOn ? 1.0 : c.q * c.qIncl;
  switch (c.profile) {
  case Profile::EdgeOn:
    p.fineR = static_cast<float>(3.0 * c.q * c.size + 1.5 * g.pixel);
    break;
  case Profile::Gaussian:
    p.fineR = static_cast<float>(3.0 * c.size + 1.5 * g.pixel / minorFraction);
    break;
  case Profile::Sersic:
    p.fineR = static_cast<float>(2.0 * c.size + 1.5 * g.pixel / minorFraction);
    break;
  }
  p.centreR2 = static_cast<float>(2.25 * g.pixel * g.pixel);
  return true;
}

/// Sub-pixel offsets (fractions of a pixel) for S x S sampling.
struct Offsets {
  float at[kMaxSub + 1][kMaxSub];
  Offsets() {
    for (int s = 1; s <= kMaxSub; ++s)
      for (int i = 0; i < s; ++i)
        at[s][i] = (i + 0.5f) / s - 0.5f;
  }
};
const Offsets kOffsets;

int samplesFor(const Prepared &c, float X, float Y, int sub) {
  float dx = X - c.cx, dy = Y - c.cy;
  float d2 = dx * dx + dy * dy;
  if (d2 < c.centreR2)
    return c.cusp ? kMaxSub : c.subFine;
  if (c.subFine <= sub)
    return sub;
  float u = dx * c.cosPa + dy * c.sinPa;
  float v = -dx * c.sinPa + dy * c.cosPa;
  if (c.profile == Profile::EdgeOn)
    return std::fabs(v) < c.fineR ? c.subFine : sub;
  float vp = v * c.invQIncl;
  float a = u, b = vp;
  if (c.rotated) {
    a = u * c.cosAng + vp * c.sinAng;
    b = -u * c.sinAng + vp * c.cosAng;
  }
  float r2 = a * a + b * b * c.invQ2;
  return r2 < c.fineR * c.fineR ? c.subFine : sub;
}

/// Scratch arrays for one row of samples.
struct Samples {
  explicit Samples(std::vector<float> &storage) : store(storage) {}
  std::vector<float> &store;
  float *X, *fineX, *u, *v, *vp, *val, *out[3];
  void reserve(size_t n) {
    n = std::max<size_t>(n, kMaxSub);
    if (store.size() < 9 * n)
      store.resize(9 * n);
    float *p = store.data();
    for (float **q :
         {&X, &fineX, &u, &v, &vp, &val, &out[0], &out[1], &out[2]}) {
      *q = p;
      p += n;
    }
  }
};

/// Light per band (nmgy per native pixel) at the n sample points (X[i], Y)
/// into s.out. Branch-free loops so that the compiler vectorises them.
GENC_ZOO_HOT void evalSamples(const Prepared &c, const float *__restrict X,
                              float Y, int n, Samples &s) {
  const float dy = Y - c.cy;
  const float dyS = dy * c.sinPa, dyC = dy * c.cosPa;
  const float cosPa = c.cosPa, sinPa = c.sinPa, cx = c.cx;
  const float invQIncl = c.invQIncl;
  float *__restrict u = s.u, *__restrict v = s.v, *__restrict vp = s.vp,
                    *__restrict val = s.val;
  float *__restrict o0 = s.out[0], *__restrict o1 = s.out[1],
                    *__restrict o2 = s.out[2];
  for (int i = 0; i < n; ++i) {
    float dx = X[i] - cx;
    u[i] = dx * cosPa + dyS;
    v[i] = dyC - dx * sinPa;
    vp[i] = v[i] * invQIncl;
  }
  if (c.profile == Profile::EdgeOn) {
    const float invHz = c.invHz, invH2 = c.invSize2;
    for (int i = 0; i < n; ++i)
      val[i] = sech2(v[i] * invHz) *
               fexp(-std::sqrt(u[i] * u[i] * invH2 + kEdgeOnSoft2));
  } else {
    const float ca = c.cosAng, sa = c.sinAng, invQ2 = c.invQ2,
                inv2 = c.invSize2, bn = c.bn, hn = c.halfInvN;
    for (int i = 0; i < n; ++i) {
      float a = u[i] * ca + vp[i] * sa, b = vp[i] * ca - u[i] * sa;
      val[i] = (a * a + b * b * invQ2) * inv2; // (R / size)^2
    }
    if (c.profile == Profile::Gaussian)
      for (int i = 0; i < n; ++i)
        val[i] = fexp(-0.5f * val[i]);
    else if (c.exponential)
      for (int i = 0; i < n; ++i)
        val[i] = fexp(-bn * (std::sqrt(val[i]) - 1.0f));
    else
      for (int i = 0; i < n; ++i)
        val[i] = fexp(-bn * (fexp(hn * flog(val[i])) - 1.0f));
  }
  if (c.lopAmp != 0.0f) {
    const float amp = c.lopAmp, lc = c.lopCos, ls = c.lopSin, r1 = c.lopR1;
    for (int i = 0; i < n; ++i) {
      float R = std::sqrt(u[i] * u[i] + vp[i] * vp[i]);
      val[i] *= 1.0f + amp * (u[i] * lc + vp[i] * ls) / (R + r1);
    }
  }
  if (c.arms) {
    const float m = static_cast<float>(c.arms), cot = c.cotPitch, lnR0 = c.lnR0,
                phase = c.phase, amp = c.amp, invRb2 = c.invRb2,
                invMean = c.invMeanPattern;
    const float cube = c.sharp == 3 ? 1.0f : 0.0f;
    const float d0 = c.coef[0], d1 = c.coef[1], d2 = c.coef[2];
    const float a0 = c.armCoef[0], a1 = c.armCoef[1], a2 = c.armCoef[2];
    for (int i = 0; i < n; ++i) {
      float R2 = u[i] * u[i] + vp[i] * vp[i];
      float A = amp * (1.0f - fexp(-R2 * invRb2));
      float theta = fatan2(vp[i], u[i]);
      float lnR = 0.5f * flog(R2);
      float p = 0.5f * (1.0f + fcos(m * (theta - cot * (lnR - lnR0)) - phase));
      float pattern = p * p * (1.0f + cube * (p - 1.0f));
      float arm = A * pattern * invMean, disk = 1.0f - A;
      float w = val[i];
      o0[i] = w * (d0 * disk + a0 * arm);
      o1[i] = w * (d1 * disk + a1 * arm);
      o2[i] = w * (d2 * disk + a2 * arm);
    }
  } else {
    const float d0 = c.coef[0], d1 = c.coef[1], d2 = c.coef[2];
    for (int i = 0; i < n; ++i) {
      o0[i] = val[i] * d0;
      o1[i] = val[i] * d1;
      o2[i] = val[i] * d2;
    }
  }
  if (c.dust) {
    const float off = c.dustOffset, inv = c.invDust, t0 = c.tau[0],
                t1 = c.tau[1], t2 = c.tau[2];
    for (int i = 0; i < n; ++i) {
      float sh = sech2((v[i] - off) * inv);
      o0[i] *= fexp(-t0 * sh);
      o1[i] *= fexp(-t1 * sh);
      o2[i] *= fexp(-t2 * sh);
    }
  }
}

/// Mean light of pixel (X0, Y0) (its centre) with s x s samples.
void pixelMean(const Prepared &c, float X0, float Y0, float pixel, int sub,
               Samples &s, float acc[3]) {
  const float *off = kOffsets.at[sub];
  acc[0] = acc[1] = acc[2] = 0;
  for (int sy = 0; sy < sub; ++sy) {
    for (int sx = 0; sx < sub; ++sx)
      s.fineX[sx] = X0 + off[sx] * pixel;
    evalSamples(c, s.fineX, Y0 + off[sy] * pixel, sub, s);
    for (int sx = 0; sx < sub; ++sx)
      for (int b = 0; b < 3; ++b)
        acc[b] += s.out[b][sx];
  }
  float inv = 1.0f / static_cast<float>(sub * sub);
  for (int b = 0; b < 3; ++b)
    acc[b] *= inv;
}

/// Adds the component's pixel means to the padded planes: every pixel of
/// the box with `sub` x `sub` samples, row by row, then the pixels that need
/// finer sampling again.
void renderComponent(const Prepared &c, const Grid &g, int sub,
                     float *planes[3], Samples &s, std::vector<float> &row) {
  const float pixel = static_cast<float>(g.pixel);
  const int width = c.x1 - c.x0;
  const int n = width * sub;
  const float *off = kOffsets.at[sub];
  s.reserve(static_cast<size_t>(n));
  for (int x = 0; x < width; ++x) {
    const float X0 = static_cast<float>(g.centre(c.x0 + x));
    for (int sx = 0; sx < sub; ++sx)
      s.X[x * sub + sx] = X0 + off[sx] * pixel;
  }
  row.resize(3 * static_cast<size_t>(width));
  float *acc[3] = {row.data(), row.data() + width, row.data() + 2 * width};
  const float inv = 1.0f / static_cast<float>(sub * sub);
  for (int iy = c.y0; iy < c.y1; ++iy) {
    const float Y0 = static_cast<float>(g.centre(iy));
    std::fill(row.begin(), row.end(), 0.0f);
    for (int sy = 0; sy < sub; ++sy) {
      evalSamples(c, s.X, Y0 + off[sy] * pixel, n, s);
      for (int b = 0; b < 3; ++b) {
        const float *o = s.out[b];
        float *a = acc[b];
        for (int x = 0; x < width; ++x) {
          float sum = 0;
          for (int sx = 0; sx < sub; ++sx)
            sum += o[x * sub + sx];
          a[x] += sum;
        }
      }
    }
    for (int b = 0; b < 3; ++b)
      for (int x = 0; x < width; ++x)
        acc[b][x] *= inv;
    for (int x = 0; x < width; ++x) {
      const float X0 = static_cast<float>(g.centre(c.x0 + x));
      int fine = samplesFor(c, X0, Y0, sub);
      if (fine <= sub)
        continue;
      float m[3];
      pixelMean(c, X0, Y0, pixel, fine, s, m);
      for (int b = 0; b < 3; ++b)
        acc[b][x] = m[b];
    }
    for (int b = 0; b < 3; ++b) {
      float *dst = planes[b] + static_cast<size_t>(iy) * g.size + c.x0;
      for (int x = 0; x < width; ++x)
        dst[x] += acc[b][x];
    }
  }
}

/// erf to ~1.5e-7 (Abramowitz & Stegun 7.1.26) with the deterministic exp.
inline float ferf(float x) {
  float ax = std::fabs(x);
  float t = 1.0f / (1.0f + 0.3275911f * ax);
  float p = 1.061405429f;
  p = p * t - 1.453152027f;
  p = p * t + 1.421413741f;
  p = p * t - 0.284496736f;
  p = p * t + 0.254829592f;
  float y = 1.0f - p * t * fexp(-ax * ax);
  return x < 0 ? -y : y;
}

/// A round Gaussian integrated exactly over each pixel (separable): knots
/// of any size, also far below a pixel.
void renderRoundGaussian(const Component &c, const Grid &g, double threshold,
                         double factor, float *planes[3],
                         std::vector<float> &row) {
  double peak = std::max({c.flux[0], c.flux[1], c.flux[2]}) /
                (2 * kPi * c.size * c.size) * kNativeArea;
  double L = std::max(dlog(peak / threshold), 0.0);
  double reach = c.size * std::sqrt(2 * L) + g.pixel;
  auto toPixel = [&](double coord) {
    return (coord + g.half) / g.pixel + g.pad - 0.5;
  };
  int x0 = std::max(0, static_cast<int>(std::floor(toPixel(c.x - reach))));
  int x1 =
      std::min(g.size, static_cast<int>(std::ceil(toPixel(c.x + reach))) + 1);
  int y0 = std::max(0, static_cast<int>(std::floor(toPixel(c.y - reach))));
  int y1 =
      std::min(g.size, static_cast<int>(std::ceil(toPixel(c.y + reach))) + 1);
  if (x0 >= x1 || y0 >= y1)
    return;
  row.resize(static_cast<size_t>(x1 - x0 + y1 - y0));
  float *ex = row.data(), *ey = row.data() + (x1 - x0);
  const double k = 1.0 / (c.size * std::sqrt(2.0));
  auto fraction = [&](int i, double centre) {
    double lo = g.centre(i) - 0.5 * g.pixel - centre;
    return 0.5f * (ferf(static_cast<float>((lo + g.pixel) * k)) -
                   ferf(static_cast<float>(lo * k)));
  };
  for (int x = x0; x < x1; ++x)
    ex[x - x0] = fraction(x, c.x);
  for (int y = y0; y < y1; ++y)
    ey[y - y0] = fraction(y, c.y);
  const double inv = 1.0 / (factor * factor); // flux -> per native pixel
  for (int b = 0; b < 3; ++b) {
    const float f = static_cast<float>(c.flux[b] * inv);
    for (int y = y0; y < y1; ++y) {
      float *dst = planes[b] + static_cast<size_t>(y) * g.size;
      const float fy = f * ey[y - y0];
      for (int x = x0; x < x1; ++x)
        dst[x] += fy * ex[x - x0];
    }
  }
}

/// Adds a pixel-integrated Moffat stamp of total flux `flux` at (x, y),
/// out to where it falls below `threshold` (at most `radius` pixels).
GENC_ZOO_HOT void addStamp(const PointSource &ps, double alpha, double beta,
                           int radius, int size, double pixel, double threshold,
                           float *planes[3]) {
  const double half = size * pixel / 2;
  const double px = (ps.x + half) / pixel - 0.5,
               py = (ps.y + half) / pixel - 0.5;
  const double flux = std::max({ps.flux[0], ps.flux[1], ps.flux[2]});
  const double peak = flux * (beta - 1) / (kPi * alpha * alpha) * kNativeArea;
  if (peak <= threshold)
    return;
  double reach =
      alpha * std::sqrt(dpow(peak / threshold, 1 / beta) - 1) / pixel;
  const int r = std::clamp(static_cast<int>(std::ceil(reach)) + 1, 1, radius);
  const int cx = static_cast<int>(std::floor(px + 0.5));
  const int cy = static_cast<int>(std::floor(py + 0.5));
  const int sub =
      std::clamp(static_cast<int>(std::ceil(2.5 * pixel / alpha)), 1, kMaxSub);
  const float norm = static_cast<float>((beta - 1) / (kPi * alpha * alpha) *
                                        kNativeArea / (sub * sub));
  const float invAlpha2 = static_cast<float>(1.0 / (alpha * alpha));
  const float negBeta = static_cast<float>(-beta);
  const float *off = kOffsets.at[sub];
  for (int iy = std::max(0, cy - r); iy <= std::min(size - 1, cy + r); ++iy)
    for (int ix = std::max(0, cx - r); ix <= std::min(size - 1, cx + r); ++ix) {
      float sum = 0;
      for (int sy = 0; sy < sub; ++sy) {
        float dy = static_cast<float>((iy + off[sy] - py) * pixel);
        for (int sx = 0; sx < sub; ++sx) {
          float dx = static_cast<float>((ix + off[sx] - px) * pixel);
          sum += fexp(negBeta * flog(1.0f + (dx * dx + dy * dy) * invAlpha2));
        }
      }
      size_t at = static_cast<size_t>(iy) * size + ix;
      for (int band = 0; band < 3; ++band)
        planes[band][at] += sum * norm * static_cast<float>(ps.flux[band]);
    }
}

/// out[y][x] = sum_k K[k] in[y + ky][x + kx]: the PSF over the padded grid
/// (`in` is (size + width - 1)^2, `out` size^2). Fixed summation order.
GENC_ZOO_HOT void convolve(const float *in, int inSize, const float *kernel,
                           int width, float *out, int size) {
  std::fill(out, out + static_cast<size_t>(size) * size, 0.0f);
  for (int y = 0; y < size; ++y) {
    float *__restrict orow = out + static_cast<size_t>(y) * size;
    for (int ky = 0; ky < width; ++ky) {
      const float *irow = in + static_cast<size_t>(y + ky) * inSize;
      const float *krow = kernel + static_cast<size_t>(ky) * width;
      for (int kx = 0; kx < width; ++kx) {
        const float k = krow[kx];
        if (k == 0.0f)
          continue;
        const float *__restrict src = irow + kx;
        for (int x = 0; x < size; ++x)
          orow[x] += k * src[x];
      }
    }
  }
}

} // namespace

Renderer::Renderer(int size) : size_(size) {
  pixel_ = kNativePixel * kNativeSize / size;
  // Sub-pixels of 0.262" (128, 256 px: the native pixel or coarser) and
  // 0.524" at 64 and 32 px.
  sub_ = size >= 128 ? 1 : (size >= 64 ? 2 : 4);
  for (auto &plane : image_)
    plane.resize(static_cast<size_t>(size) * size);
}

void Renderer::render(const Scene &scene, Rng &noise, uint8_t *rgb) {
  const int size = size_;
  const double factor = static_cast<double>(kNativeSize) / size;

  // Moffat PSF: alpha from the FWHM; kernel point-sampled at the output
  // pixels out to where it falls below 3e-3 of the peak.
  const double beta = scene.psfBeta;
  const double alpha =
      scene.psfFwhm / (2 * std::sqrt(dpow(2.0, 1.0 / beta) - 1));
  const double alphaPx = alpha / pixel_;
  int radius = static_cast<int>(
      std::ceil(alphaPx * std::sqrt(dpow(3e-3, -1.0 / beta) - 1)));
  radius = std::clamp(radius, 1, 24);
  const int width = 2 * radius + 1;
  kernel_.assign(static_cast<size_t>(width) * width, 0.0f);
  double ksum = 0;
  for (int dy = -radius; dy <= radius; ++dy)
    for (int dx = -radius; dx <= radius; ++dx) {
      double r2 = dx * dx + dy * dy;
      if (r2 > (radius + 0.5) * (radius + 0.5))
        continue;
      double k = dpow(1 + r2 / (alphaPx * alphaPx), -beta);
      kernel_[(dy + radius) * width + dx + radius] = static_cast<float>(k);
      ksum += k;
    }
  for (float &k : kernel_)
    k = static_cast<float>(k / ksum);

  // Extended light on a grid padded by the kernel radius, so that light
  // from just outside the field is blurred in.
  Grid grid{size + 2 * radius, radius, pixel_, size * pixel_ / 2};
  const size_t cells = static_cast<size_t>(grid.size) * grid.size;
  for (auto &plane : padded_)
    plane.assign(cells, 0.0f);
  float *padded[3] = {padded_[0].data(), padded_[1].data(), padded_[2].data()};
  const double minSky = std::min({scene.sky[0], scene.sky[1], scene.sky[2]});
  const double threshold = 0.01 * minSky / factor;

  Samples samples(scratch_);
  for (const Component &c : scene.components) {
    bool modified = c.spiral.arms > 0 || c.lopsided.amp != 0 ||
                    c.dust.tau[0] > 0 || c.dust.tau[1] > 0 || c.dust.tau[2] > 0;
    if (c.profile == Profile::Gaussian && c.q == 1 && c.qIncl == 1 &&
        !modified) {
      renderRoundGaussian(c, grid, threshold, factor, padded, row_);
      continue;
    }
    Prepared p;
    if (prepare(c, grid, threshold, sub_, p))
      renderComponent(p, grid, sub_, padded, samples, row_);
  }

  for (int band = 0; band < 3; ++band)
    convolve(padded[band], grid.size, kernel_.data(), width,
             image_[band].data(), size);
  float *image[3] = {image_[0].data(), image_[1].data(), image_[2].data()};
  for (const PointSource &ps : scene.points)
    addStamp(ps, alpha, beta, std::max(radius + 1, size / 3), size, pixel_,
             threshold, image);

  // Noise: sky and Poisson variance of a native pixel, divided by the
  // number of native pixels averaged into an output pixel.
  const size_t n = static_cast<size_t>(size) * size;
  const float invF2 = static_cast<float>(1.0 / (factor * factor));
  const float invGain = static_cast<float>(1.0 / scene.gain);
  float sky2[3];
  for (int band = 0; band < 3; ++band)
    sky2[band] = static_cast<float>(scene.sky[band] * scene.sky[band]);
  // Standard normals by Box-Muller, n per band: one 64-bit draw gives two
  // 24-bit uniforms and two normals. Plain loops, vectorised.
  scratch_.resize(3 * n + 1);
  float *gauss = scratch_.data();
  const size_t pairs = (3 * n + 1) / 2;
  for (size_t k = 0; k < pairs; ++k) {
    uint64_t bits = noise.bits();
    gauss[2 * k] = (static_cast<float>(bits >> 40) + 0.5f) * 0x1.0p-24f;
    gauss[2 * k + 1] = static_cast<float>((bits >> 16) & 0xffffff) * 0x1.0p-24f;
  }
  for (size_t k = 0; k < pairs; ++k) {
    float r = std::sqrt(-2.0f * flog(gauss[2 * k]));
    float theta = 6.283185307179586f * gauss[2 * k + 1];
    gauss[2 * k] = r * fcos(theta);
    gauss[2 * k + 1] = r * fsin(theta);
  }
  for (int band = 0; band < 3; ++band) {
    float *__restrict img = image[band];
    const float *__restrict g = gauss + band * n;
    const float s2 = sky2[band];
    for (size_t i = 0; i < n; ++i) {
      float v = img[i];
      float var = (s2 + std::max(v, 0.0f) * invGain) * invF2;
      img[i] = v + std::sqrt(var) * g[i];
    }
  }

  // Legacy Survey RGB: g -> B x6.0, r -> G x3.4, z -> R x2.2, m = 0.03,
  // Q = 20.
  const float scale[3] = {6.0f, 3.4f, 2.2f};
  const float m = 0.03f, Q = 20.0f, sqrtQ = 4.47213595499958f;
  float *__restrict stretch = scratch_.data(); // asinh(Q I) / (sqrt(Q) I)
  {
    const float *__restrict g = image[0], *__restrict r = image[1],
                            *__restrict z = image[2];
    for (size_t i = 0; i < n; ++i) {
      float I = (std::max(g[i] * scale[0] + m, 0.0f) +
                 std::max(r[i] * scale[1] + m, 0.0f) +
                 std::max(z[i] * scale[2] + m, 0.0f)) *
                (1.0f / 3.0f);
      float safe = std::max(I, 1e-30f);
      stretch[i] = I > 0 ? fasinh(Q * safe) / (sqrtQ * safe) : 0.0f;
    }
  }
  for (int band = 0; band < 3; ++band) {
    const float *__restrict img = image[band];
    const float sc = scale[band];
    uint8_t *__restrict out = rgb + (2 - band);
    for (size_t i = 0; i < n; ++i) {
      float c = std::clamp((img[i] * sc + m) * stretch[i], 0.0f, 1.0f);
      out[3 * i] = static_cast<uint8_t>(c * 255.0f + 0.5f);
    }
  }
}

} // namespace genc::zoo::render

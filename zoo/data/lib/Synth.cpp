// Synthetic galaxies: the class recipes of GALAXIES.md as Scenes (Render.h),
// with redshift, luminosity and size drawn from a flat LCDM universe, and
// the multi-threaded driver.
#include "genc/zoo/Synth.h"

#include "DetMath.h"
#include "Random.h"
#include "Render.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <mutex>
#include <thread>

namespace genc::zoo {

using namespace detmath;
using render::Component;
using render::PointSource;
using render::Profile;
using render::Scene;

namespace {

// ---- Cosmology: flat LCDM, H0 = 70, Omega_m = 0.3 --------------------------

constexpr double kHubbleDistance = 299792.458 / 70.0; // Mpc
constexpr double kZMin = 0.02, kZMax = 0.2;

double hubbleE(double z) {
  double a = 1 + z;
  return std::sqrt(0.3 * a * a * a + 0.7);
}

/// Comoving distance and the volume-weighted redshift distribution on a
/// fine grid (trapezoid rule; plain arithmetic, so identical everywhere).
class Cosmology {
public:
  static const Cosmology &get() {
    static const Cosmology instance;
    return instance;
  }
  double comoving(double z) const {
    double t = z / kStep;
    int i = std::clamp(static_cast<int>(t), 0, kSteps - 1);
    double f = t - i;
    return comoving_[i] * (1 - f) + comoving_[i + 1] * f;
  }
  double angularDiameter(double z) const { return comoving(z) / (1 + z); }
  double luminosity(double z) const { return comoving(z) * (1 + z); }
  /// z in [kZMin, kZMax] with density proportional to dV/dz.
  double sampleVolume(double u) const {
    double target = u * cdf_.back();
    auto it = std::upper_bound(cdf_.begin(), cdf_.end(), target);
    int i = std::clamp(static_cast<int>(it - cdf_.begin()) - 1, 0,
                       static_cast<int>(cdf_.size()) - 2);
    double span = cdf_[i + 1] - cdf_[i];
    double f = span > 0 ? (target - cdf_[i]) / span : 0;
    return kZMin + (i + f) * kStep;
  }

private:
  static constexpr double kStep = 1e-4;
  static constexpr int kSteps = 2600; // up to z = 0.26

  Cosmology() {
    comoving_.resize(kSteps + 1);
    comoving_[0] = 0;
    for (int i = 1; i <= kSteps; ++i) {
      double z0 = (i - 1) * kStep, z1 = i * kStep;
      comoving_[i] = comoving_[i - 1] + 0.5 * kStep * kHubbleDistance *
                                            (1 / hubbleE(z0) + 1 / hubbleE(z1));
    }
    int first = static_cast<int>(kZMin / kStep + 0.5);
    int last = static_cast<int>(kZMax / kStep + 0.5);
    cdf_.push_back(0);
    for (int i = first + 1; i <= last; ++i) {
      auto dv = [&](int j) {
        return comoving_[j] * comoving_[j] / hubbleE(j * kStep);
      };
      cdf_.push_back(cdf_.back() + 0.5 * kStep * (dv(i - 1) + dv(i)));
    }
  }
  std::vector<double> comoving_, cdf_;
};

// ---- Colours ----------------------------------------------------------------

/// Flux per band relative to r (g, r, z), GALAXIES.md.
struct Colour {
  double g, z;
};
constexpr Colour kBulge{0.50, 1.5}, kDisk{0.66, 1.3}, kArms{0.85, 1.1};

Colour mix(Colour a, Colour b, double t) {
  return {a.g + (b.g - a.g) * t, a.z + (b.z - a.z) * t};
}

// ---- Class priors -----------------------------------------------------------

struct ClassPrior {
  double magMean, magSigma; // absolute r magnitude
  double size0, slope;      // R_e (kpc) at M = -21, d log10 R_e / d(-M)
  double minArcsec;         // smallest apparent R_e (features must show)
};
constexpr ClassPrior kPriors[kGalaxyClasses] = {
    {-21.0, 0.8, 5.5, 0.12, 3.5}, // Disturbed
    {-21.4, 0.8, 5.0, 0.12, 3.0}, // Merging
    {-21.5, 0.8, 4.0, 0.20, 2.2}, // Round Smooth
    {-21.0, 0.8, 4.0, 0.15, 2.2}, // In-between Round Smooth
    {-20.7, 0.8, 4.5, 0.12, 2.5}, // Cigar Shaped Smooth
    {-21.2, 0.7, 6.0, 0.12, 4.5}, // Barred Spiral
    {-21.2, 0.7, 5.5, 0.12, 4.5}, // Unbarred Tight Spiral
    {-20.8, 0.8, 6.5, 0.12, 4.5}, // Unbarred Loose Spiral
    {-20.5, 0.8, 6.5, 0.12, 5.0}, // Edge-on without Bulge
    {-21.2, 0.7, 6.0, 0.12, 5.0}, // Edge-on with Bulge
};
constexpr double kMagBright = 14.0, kMagFaint = 17.7, kMaxArcsec = 20.0;

int drawClass(Rng &rng) {
  int total = 0;
  for (int c : kGalaxyClassCounts)
    total += c;
  int r = static_cast<int>(rng.below(static_cast<uint64_t>(total)));
  for (int label = 0; label < kGalaxyClasses; ++label) {
    if (r < kGalaxyClassCounts[label])
      return label;
    r -= kGalaxyClassCounts[label];
  }
  return kGalaxyClasses - 1;
}

/// Everything one galaxy's recipe needs.
struct Galaxy {
  int label;
  double z;
  double arcsecPerKpc;
  double flux;   // total r flux, nmgy
  double re;     // main R_e, arcsec
  double x, y;   // centre, arcsec
  Colour redden; // multiplicative colour change with redshift and jitter
};

class Builder {
public:
  Builder(Rng &rng, Scene &scene, const Galaxy &g)
      : rng_(rng), scene_(scene), g_(g) {}

  Colour colour(Colour base) const {
    return {base.g * g_.redden.g, base.z * g_.redden.z};
  }

  Component &sersic(double x, double y, double pa, double q, double re,
                    double n, double flux, Colour c) {
    Component comp;
    comp.profile = Profile::Sersic;
    comp.x = x, comp.y = y, comp.pa = pa, comp.q = q, comp.size = re;
    comp.n = std::clamp(n, 0.3, 6.2);
    setFlux(comp, flux, colour(c));
    scene_.components.push_back(comp);
    return scene_.components.back();
  }

  Component &gaussian(double x, double y, double pa, double q, double sigma,
                      double flux, Colour c) {
    Component comp;
    comp.profile = Profile::Gaussian;
    comp.x = x, comp.y = y, comp.pa = pa, comp.q = q, comp.size = sigma;
    setFlux(comp, flux, colour(c));
    scene_.components.push_back(comp);
    return scene_.components.back();
  }

  static void setFlux(Component &comp, double flux, Colour c) {
    comp.flux[0] = flux * c.g;
    comp.flux[1] = flux;
    comp.flux[2] = flux * c.z;
  }

  /// Sky position of the disk-plane point (R, theta) of a disk centred at
  /// (x, y) with position angle pa and projection qIncl.
  static void planeToSky(double x, double y, double pa, double qIncl, double R,
                         double theta, double &sx, double &sy) {
    double st, ct, sp, cp;
    dsincos(theta, st, ct);
    dsincos(pa, sp, cp);
    double u = R * ct, v = R * st * qIncl;
    sx = x + u * cp - v * sp;
    sy = y + u * sp + v * cp;
  }

  /// Star-forming knots in a disk plane; `armTheta(R)` (if set) places 70 %
  /// of them on spiral arms, `biasAngle` (if >= -10) crowds them to one side.
  template <typename ArmFn>
  void knots(double x, double y, double pa, double qIncl, double re, int count,
             double totalFlux, ArmFn armTheta, double biasAngle = -100) {
    if (count <= 0)
      return;
    double h = re / 1.678;
    std::vector<double> weights(count);
    double sum = 0;
    for (double &w : weights)
      sum += (w = rng_.uniform(0.3, 1.0));
    for (int k = 0; k < count; ++k) {
      // Gamma(2) radius: the light distribution of an exponential disk.
      double R = -h * dlog((1 - rng_.uniform()) * (1 - rng_.uniform()));
      R = std::min(R, 3.0 * re);
      double theta;
      double arm = armTheta(R);
      if (biasAngle > -10)
        theta = biasAngle + rng_.normal(0, 0.9);
      else if (!std::isnan(arm) && rng_.chance(0.7))
        theta = arm + rng_.normal(0, 0.12);
      else
        theta = rng_.uniform(0, 2 * kPi);
      double sx, sy;
      planeToSky(x, y, pa, qIncl, R, theta, sx, sy);
      double sigma = rng_.uniform(0.1, 0.35) * g_.arcsecPerKpc;
      // Round knots (HII regions), placed in the plane.
      gaussian(sx, sy, pa, 1.0, sigma, totalFlux * weights[k] / sum, kArms);
    }
  }

  struct DiskOptions {
    double qIncl = 1, bt = 0.2, bulgeN = 3, bulgeQ = 0.9, bulgeRe = 0.2;
    bool bar = false;
    int arms = 0;
    double pitchDeg = 20, armAmp = 0.5;
    int knots = 0;
    double knotFrac = 0.08;
    double lopAmp = 0;
  };

  /// Bulge + exponential disk (+ bar, arms, knots, m = 1 distortion).
  void disk(double x, double y, double pa, double re, double flux,
            const DiskOptions &o) {
    double bulgeFlux = flux * o.bt;
    double barFlux = 0, barLength = 0, barAngle = 0;
    if (o.bar) {
      barFlux = flux * rng_.uniform(0.08, 0.18);
      barLength = re * rng_.uniform(0.5, 1.0);
      barAngle = rng_.uniform(0, kPi);
    }
    double knotFlux = o.knots > 0 ? flux * o.knotFrac : 0;
    double diskFlux = flux - bulgeFlux - barFlux - knotFlux;

    Component &d = sersic(x, y, pa, 1.0, re, 1.0, diskFlux, kDisk);
    d.qIncl = o.qIncl;
    double armR0 = 1, phase = 0, cot = 0;
    if (o.arms > 0) {
      render::Spiral &s = d.spiral;
      s.arms = o.arms;
      double sp, cp;
      dsincos(o.pitchDeg * kPi / 180, sp, cp);
      cot = (rng_.chance(0.5) ? 1 : -1) * cp / sp; // S or Z winding
      s.cotPitch = cot;
      s.amp = o.armAmp;
      s.sharp = rng_.chance(0.5) ? 2 : 3;
      if (o.bar) {
        // Arms start at the bar ends: crest at theta = barAngle, R = L.
        armR0 = barLength;
        s.rb = 0.8 * barLength;
        phase = o.arms * barAngle;
      } else {
        armR0 = re * rng_.uniform(0.3, 0.6);
        s.rb = re * rng_.uniform(0.3, 0.6);
        phase = rng_.uniform(0, 2 * kPi);
      }
      s.r0 = armR0;
      s.phase = phase;
      Colour arm = colour(kArms);
      s.colour[0] = arm.g;
      s.colour[1] = 1;
      s.colour[2] = arm.z;
    }
    if (o.lopAmp > 0) {
      d.lopsided.amp = o.lopAmp;
      d.lopsided.angle = rng_.uniform(0, 2 * kPi);
      d.lopsided.r1 = 0.5 * re;
    }
    double lopAngle = d.lopsided.angle;
    int arms = o.arms;
    if (bulgeFlux > 0)
      sersic(x, y, pa, o.bulgeQ, re * o.bulgeRe, o.bulgeN, bulgeFlux, kBulge);
    if (o.bar) {
      Component &b =
          sersic(x, y, pa, rng_.uniform(0.2, 0.35), 0.6 * barLength,
                 rng_.uniform(0.5, 0.8), barFlux, mix(kBulge, kDisk, 0.4));
      b.qIncl = o.qIncl;
      b.angle = barAngle;
    }
    auto armTheta = [&](double R) {
      if (arms == 0 || R < 0.5 * armR0)
        return std::nan("");
      int j = static_cast<int>(rng_.below(static_cast<uint64_t>(arms)));
      return (phase + 2 * kPi * j) / arms + cot * dlog(R / armR0);
    };
    knots(x, y, pa, o.qIncl, re, o.knots, knotFlux, armTheta,
          o.lopAmp > 0 ? lopAngle : -100);
  }

  /// A thin edge-on disk with a dust lane (and a bulge with bulgeFrac > 0).
  void edgeOn(double x, double y, double pa, double re, double flux,
              double bulgeFrac) {
    double h = re / 1.678;
    double q = rng_.uniform(0.08, 0.2);
    double thickFrac = rng_.uniform(0.1, 0.25);
    double bulgeFlux = flux * bulgeFrac;
    double thinFlux = (flux - bulgeFlux) * (1 - thickFrac);
    double strength = rng_.uniform(1.0, 2.5);
    render::Dust dust;
    dust.tau[0] = 1.0 * strength;
    dust.tau[1] = 0.7 * strength;
    dust.tau[2] = 0.4 * strength;
    // At least ~1/3 of the seeing, so that a lane can survive the PSF in
    // the large, nearby disks (where real lanes are seen).
    dust.scale = std::max(q * h * rng_.uniform(0.5, 0.9), 0.35);
    dust.offset = q * h * rng_.uniform(-0.6, 0.6);

    Component thin;
    thin.profile = Profile::EdgeOn;
    thin.x = x, thin.y = y, thin.pa = pa, thin.q = q, thin.size = h;
    setFlux(thin, thinFlux, colour(kDisk));
    thin.dust = dust;
    scene_.components.push_back(thin);
    Component thick = thin;
    thick.q = std::min(0.45, q * rng_.uniform(2.0, 3.0));
    thick.size = h * rng_.uniform(0.9, 1.1);
    setFlux(thick, (flux - bulgeFlux) * thickFrac,
            colour(mix(kDisk, kBulge, 0.5)));
    scene_.components.push_back(thick);
    if (bulgeFlux > 0) {
      Component &b = sersic(x, y, pa, rng_.uniform(0.6, 0.9),
                            re * rng_.uniform(0.15, 0.35),
                            rng_.uniform(2.0, 4.0), bulgeFlux, kBulge);
      b.dust = dust;
    }
  }

  /// A curved chain of Gaussian blobs from (x, y): a tidal tail.
  void tail(double x, double y, double angle, double length, double width,
            double flux, double curvature) {
    const int blobs = 14;
    double sum = 0;
    double w[blobs];
    for (int i = 0; i < blobs; ++i)
      sum += (w[i] = 1.0 - 0.7 * i / (blobs - 1.0));
    for (int i = 0; i < blobs; ++i) {
      double t = (i + 0.5) / blobs;
      double r = width + t * length;
      double a = angle + curvature * t;
      double s, c;
      dsincos(a, s, c);
      double bx = x + r * c, by = y + r * s;
      // Tangent direction of the curve (dr/dt, r da/dt).
      double tangent = a + datan2(r * curvature, length);
      gaussian(bx, by, tangent, 0.45, width * (0.5 + 0.6 * t),
               flux * w[i] / sum, kDisk);
    }
  }

  void bridge(double x0, double y0, double x1, double y1, double bend,
              double width, double flux) {
    const int blobs = 10;
    double mx = 0.5 * (x0 + x1) - bend * (y1 - y0);
    double my = 0.5 * (y0 + y1) + bend * (x1 - x0);
    for (int i = 0; i < blobs; ++i) {
      double t = (i + 0.5) / blobs;
      double a = (1 - t) * (1 - t), b = 2 * t * (1 - t), c = t * t;
      double bx = a * x0 + b * mx + c * x1, by = a * y0 + b * my + c * y1;
      double dx = 2 * (1 - t) * (mx - x0) + 2 * t * (x1 - mx);
      double dy = 2 * (1 - t) * (my - y0) + 2 * t * (y1 - my);
      gaussian(bx, by, datan2(dy, dx), 0.5, width, flux / blobs, kDisk);
    }
  }

private:
  Rng &rng_;
  Scene &scene_;
  const Galaxy &g_;
};

/// Redshift, luminosity and size of a class-`label` galaxy inside the
/// Galaxy Zoo selection (r = 14..17.7, R_e >= the class minimum).
void drawDistanceAndSize(Rng &rng, Galaxy &g) {
  const Cosmology &cosmo = Cosmology::get();
  const ClassPrior &prior = kPriors[g.label];
  for (int attempt = 0;; ++attempt) {
    double z = cosmo.sampleVolume(rng.uniform());
    double absMag = rng.normal(prior.magMean, prior.magSigma);
    double dl = cosmo.luminosity(z);
    double mag = absMag + 5 * dlog10(dl) + 25;
    double reKpc = prior.size0 *
                   dexp10(prior.slope * (-21 - absMag) + rng.normal(0, 0.12));
    reKpc = std::clamp(reKpc, 1.0, 8.0);
    double arcsecPerKpc = 206.264806 / cosmo.angularDiameter(z);
    double re = reKpc * arcsecPerKpc;
    bool ok = mag >= kMagBright && mag <= kMagFaint && re >= prior.minArcsec &&
              re <= kMaxArcsec;
    if (ok || attempt == 500) {
      g.z = z;
      g.arcsecPerKpc = arcsecPerKpc;
      g.flux = dexp10((22.5 - std::clamp(mag, kMagBright, kMagFaint)) / 2.5);
      g.re = std::clamp(re, prior.minArcsec, kMaxArcsec);
      return;
    }
  }
}

void addSurroundings(Rng &rng, Builder &b, Scene &scene, const Galaxy &g) {
  static constexpr double kCountWeights[] = {0.25, 0.25, 0.2, 0.15, 0.1, 0.05};
  double u = rng.uniform();
  int count = 0;
  for (double w : kCountWeights) {
    if (u < w)
      break;
    u -= w;
    ++count;
  }
  count = std::min(count, 5);
  const double half = 0.5 * render::kNativePixel * render::kNativeSize;
  const double avoid = std::max(5.0, 1.3 * g.re);
  for (int k = 0; k < count; ++k) {
    double x = 0, y = 0;
    for (int attempt = 0; attempt < 10; ++attempt) {
      x = rng.uniform(-half + 2, half - 2);
      y = rng.uniform(-half + 2, half - 2);
      if ((x - g.x) * (x - g.x) + (y - g.y) * (y - g.y) > avoid * avoid)
        break;
    }
    if (rng.chance(0.55)) {
      double mag =
          rng.chance(0.15) ? rng.uniform(14.5, 16) : rng.uniform(16, 21.5);
      double flux = dexp10((22.5 - mag) / 2.5);
      double gr = rng.uniform(0.25, 1.4);
      double rz = 0.15 + 0.55 * gr + rng.normal(0, 0.08);
      PointSource star;
      star.x = x, star.y = y;
      star.flux[0] = flux * dexp10(-0.4 * gr);
      star.flux[1] = flux;
      star.flux[2] = flux * dexp10(0.4 * rz);
      scene.points.push_back(star);
    } else {
      double mag = rng.uniform(18.0, 22.0);
      double flux = dexp10((22.5 - mag) / 2.5);
      Colour c = mix(kDisk, kBulge, rng.uniform());
      double zz = rng.uniform(0.05, 0.4);
      c.g *= dexp10(-0.4 * 1.5 * zz);
      c.z *= dexp10(0.4 * 0.6 * zz);
      Component comp;
      comp.profile = Profile::Sersic;
      comp.x = x, comp.y = y;
      comp.pa = rng.uniform(0, kPi);
      comp.q = rng.uniform(0.3, 1.0);
      comp.size = rng.uniform(0.5, 2.5);
      comp.n = rng.uniform(0.8, 3.5);
      Builder::setFlux(comp, flux, c);
      scene.components.push_back(comp);
    }
  }
  (void)b;
}

struct Drawn {
  int label;
  double z, ra, dec;
};

Drawn buildScene(uint64_t seed, int64_t index, Scene &scene) {
  Rng rng(seed, static_cast<uint64_t>(index), 0);
  scene = Scene{};
  Galaxy g;
  g.label = drawClass(rng);
  drawDistanceAndSize(rng, g);
  g.x = std::clamp(rng.normal(0, 0.5), -2.0, 2.0);
  g.y = std::clamp(rng.normal(0, 0.5), -2.0, 2.0);
  // K-correction-like reddening with redshift plus a per-galaxy jitter.
  double jitterG = rng.normal(0, 0.06), jitterZ = rng.normal(0, 0.05);
  g.redden.g = dexp10(-0.4 * (1.5 * g.z + jitterG));
  g.redden.z = dexp10(0.4 * (0.6 * g.z + jitterZ));

  Builder b(rng, scene, g);
  const double pa = rng.uniform(0, kPi);
  const double re = g.re, flux = g.flux;
  Builder::DiskOptions o;
  switch (g.label) {
  case 0: { // Disturbed
    o.qIncl = rng.uniform(0.5, 1.0);
    o.bt = rng.uniform(0.1, 0.35);
    o.bulgeN = rng.uniform(1.5, 3.0);
    o.bulgeQ = rng.uniform(0.7, 1.0);
    o.lopAmp = rng.uniform(0.3, 0.6);
    o.knots = rng.between(6, 15);
    o.knotFrac = rng.uniform(0.1, 0.25);
    if (rng.chance(0.4)) {
      o.arms = 2;
      o.pitchDeg = rng.uniform(25, 40);
      o.armAmp = rng.uniform(0.2, 0.4);
    }
    double plumeFrac = rng.uniform(0.06, 0.15);
    b.disk(g.x, g.y, pa, re, flux * (1 - plumeFrac), o);
    double dir = scene.components.front().lopsided.angle + rng.normal(0, 0.4);
    double dist = re * rng.uniform(1.0, 2.0);
    double s, c;
    dsincos(dir, s, c);
    b.sersic(g.x + dist * c, g.y + dist * s, dir, rng.uniform(0.25, 0.5),
             re * rng.uniform(0.8, 1.6), 0.7, flux * plumeFrac,
             mix(kDisk, kArms, 0.5));
    break;
  }
  case 1: { // Merging
    double ratio = rng.uniform(1.0, 4.0);
    double f1 = flux * ratio / (1 + ratio), f2 = flux / (1 + ratio);
    double re2 = re * dpow(f2 / f1, 0.35) * rng.uniform(0.8, 1.2);
    double sep = re * rng.uniform(0.8, 2.5);
    double dir = rng.uniform(0, 2 * kPi);
    double s, c;
    dsincos(dir, s, c);
    double x1 = g.x - sep * c * f2 / flux, y1 = g.y - sep * s * f2 / flux;
    double x2 = x1 + sep * c, y2 = y1 + sep * s;
    const double limit = 26;
    x2 = std::clamp(x2, -limit, limit);
    y2 = std::clamp(y2, -limit, limit);
    double xs[2] = {x1, x2}, ys[2] = {y1, y2}, fs[2] = {f1, f2},
           res[2] = {re, re2};
    double tailFrac[2] = {0, 0};
    for (int k = 0; k < 2; ++k)
      if (rng.chance(0.6))
        tailFrac[k] = rng.uniform(0.04, 0.12);
    double bridgeFrac = rng.chance(0.35) ? rng.uniform(0.03, 0.06) : 0;
    for (int k = 0; k < 2; ++k) {
      double body = fs[k] * (1 - tailFrac[k] - bridgeFrac);
      double gpa = rng.uniform(0, kPi);
      if (rng.chance(0.6)) {
        Builder::DiskOptions d;
        d.qIncl = rng.uniform(0.4, 1.0);
        d.bt = rng.uniform(0.2, 0.5);
        d.bulgeN = rng.uniform(2, 4);
        d.lopAmp = rng.uniform(0.1, 0.3);
        d.knots = rng.between(0, 6);
        d.knotFrac = 0.05;
        if (rng.chance(0.3)) {
          d.arms = 2;
          d.pitchDeg = rng.uniform(20, 35);
          d.armAmp = rng.uniform(0.2, 0.4);
        }
        b.disk(xs[k], ys[k], gpa, res[k], body, d);
      } else {
        b.sersic(xs[k], ys[k], gpa, rng.uniform(0.6, 1.0), res[k],
                 rng.uniform(2.0, 4.0), body, kBulge);
      }
      if (tailFrac[k] > 0) {
        double away = dir + (k == 0 ? kPi : 0) + rng.normal(0, 0.8);
        double curve = (rng.chance(0.5) ? 1 : -1) * rng.uniform(0.5, 1.4);
        b.tail(xs[k], ys[k], away, res[k] * rng.uniform(1.5, 3.5), res[k] * 0.5,
               fs[k] * tailFrac[k], curve);
      }
    }
    if (bridgeFrac > 0)
      b.bridge(x1, y1, x2, y2, rng.uniform(-0.4, 0.4), 0.3 * std::min(re, re2),
               flux * bridgeFrac);
    break;
  }
  case 2: // Round Smooth
    b.sersic(g.x, g.y, pa, rng.uniform(0.8, 1.0), re, rng.uniform(2.5, 5.0),
             flux, kBulge);
    break;
  case 3: // In-between Round Smooth
    b.sersic(g.x, g.y, pa, rng.uniform(0.5, 0.8), re, rng.uniform(2.0, 4.0),
             flux, mix(kBulge, kDisk, 0.15));
    break;
  case 4: // Cigar Shaped Smooth
    b.sersic(g.x, g.y, pa, rng.uniform(0.2, 0.45), re, rng.uniform(1.5, 4.0),
             flux, mix(kBulge, kDisk, 0.3));
    break;
  case 5: // Barred Spiral
    o.qIncl = rng.uniform(0.65, 1.0);
    o.bt = rng.uniform(0.1, 0.4);
    o.bulgeN = rng.uniform(1.5, 4.0);
    o.bulgeQ = rng.uniform(0.8, 1.0);
    o.bar = true;
    o.arms = 2;
    o.pitchDeg = rng.uniform(15, 25);
    o.armAmp = rng.uniform(0.4, 0.8);
    o.knots = rng.between(5, 15);
    o.knotFrac = rng.uniform(0.04, 0.1);
    b.disk(g.x, g.y, pa, re, flux, o);
    break;
  case 6: // Unbarred Tight Spiral
    o.qIncl = rng.uniform(0.5, 1.0);
    o.bt = rng.uniform(0.15, 0.4);
    o.bulgeN = rng.uniform(2.0, 4.0);
    o.bulgeQ = rng.uniform(0.8, 1.0);
    o.arms = rng.chance(0.8) ? 2 : 3;
    o.pitchDeg = rng.uniform(8, 15);
    o.armAmp = rng.uniform(0.3, 0.6);
    o.knots = rng.between(5, 15);
    o.knotFrac = rng.uniform(0.03, 0.08);
    b.disk(g.x, g.y, pa, re, flux, o);
    break;
  case 7: { // Unbarred Loose Spiral
    o.qIncl = rng.uniform(0.5, 1.0);
    o.bt = rng.uniform(0.0, 0.2);
    o.bulgeN = rng.uniform(1.0, 2.5);
    o.bulgeQ = rng.uniform(0.8, 1.0);
    double u = rng.uniform();
    o.arms = u < 0.7 ? 2 : (u < 0.9 ? 3 : 4);
    o.pitchDeg = rng.uniform(20, 35);
    o.armAmp = rng.uniform(0.5, 0.9);
    o.knots = rng.between(10, 30);
    o.knotFrac = rng.uniform(0.08, 0.18);
    b.disk(g.x, g.y, pa, re, flux, o);
    break;
  }
  case 8: // Edge-on without Bulge
    b.edgeOn(g.x, g.y, pa, re, flux, 0.0);
    break;
  case 9: // Edge-on with Bulge
  default:
    b.edgeOn(g.x, g.y, pa, re, flux, rng.uniform(0.2, 0.5));
    break;
  }
  addSurroundings(rng, b, scene, g);

  scene.psfFwhm = rng.uniform(1.0, 1.5);
  scene.psfBeta = rng.uniform(2.5, 4.5);
  double skyR = rng.uniform(0.005, 0.01);
  scene.sky[0] = skyR * rng.uniform(0.6, 0.8);
  scene.sky[1] = skyR;
  scene.sky[2] = skyR * rng.uniform(1.5, 2.2);
  scene.gain = rng.uniform(2000, 6000);

  Drawn d;
  d.label = g.label;
  d.z = g.z;
  d.ra = rng.uniform(0, 360);
  // Declination -20..35 deg, uniform on the sphere (rejection on cos dec).
  for (;;) {
    double dec = rng.uniform(-20, 35);
    if (rng.uniform() <= dcos(dec * kPi / 180)) {
      d.dec = dec;
      break;
    }
  }
  return d;
}

} // namespace

GalaxySet synthesize_galaxies(const SynthOptions &options) {
  const int size = options.image_size;
  if (size != 256 && size != 128 && size != 64 && size != 32)
    throw DataError("synthesize_galaxies: image_size " + std::to_string(size) +
                    " is not one of 256, 128, 64, 32");
  if (options.count < 0)
    throw DataError("synthesize_galaxies: count " +
                    std::to_string(options.count) + " is negative");
  GalaxySet set;
  set.count = options.count;
  set.height = set.width = size;
  set.images.resize(static_cast<size_t>(set.count) * set.image_bytes());
  set.labels.resize(set.count);
  set.redshift.resize(set.count);
  set.ra.resize(set.count);
  set.dec.resize(set.count);
  set.pxscale.assign(set.count, static_cast<float>(render::kNativePixel *
                                                   render::kNativeSize / size));
  int threads = options.threads > 0
                    ? options.threads
                    : static_cast<int>(std::thread::hardware_concurrency());
  threads = std::max(1, threads);
  constexpr int64_t kBlock = 8;
  threads = static_cast<int>(
      std::min<int64_t>(threads, (set.count + kBlock - 1) / kBlock));
  std::atomic<int64_t> next{0};
  std::exception_ptr error;
  std::mutex errorMutex;
  auto work = [&] {
    try {
      render::Renderer renderer(size);
      Scene scene;
      for (;;) {
        int64_t begin = next.fetch_add(kBlock);
        if (begin >= set.count)
          break;
        int64_t end = std::min(set.count, begin + kBlock);
        for (int64_t i = begin; i < end; ++i) {
          Drawn d = buildScene(options.seed, i, scene);
          Rng noise(options.seed, static_cast<uint64_t>(i), 1);
          renderer.render(scene, noise, set.image(i));
          set.labels[i] = d.label;
          set.redshift[i] = static_cast<float>(d.z);
          set.ra[i] = static_cast<float>(d.ra);
          set.dec[i] = static_cast<float>(d.dec);
        }
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(errorMutex);
      if (!error)
        error = std::current_exception();
      next = set.count;
    }
  };
  if (threads <= 1) {
    work();
  } else {
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
      pool.emplace_back(work);
    for (auto &t : pool)
      t.join();
  }
  if (error)
    std::rethrow_exception(error);
  return set;
}

} // namespace genc::zoo

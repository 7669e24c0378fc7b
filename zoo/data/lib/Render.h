// The synthetic-galaxy renderer: a Scene (analytic light components, point
// sources, PSF, sky) in arcseconds and nanomaggies becomes one RGB uint8
// image. Private to genc_zoo_data; Synth.cpp builds the scenes.
#ifndef GENC_ZOO_RENDER_H
#define GENC_ZOO_RENDER_H

#include "Random.h"

#include <cstdint>
#include <vector>

namespace genc::zoo::render {

/// Native DECaLS pixel (arcsec) and field of view (256 native pixels).
constexpr double kNativePixel = 0.262;
constexpr int kNativeSize = 256;

enum class Profile {
  Sersic,   // exp(-b_n ((R/R_e)^(1/n) - 1)), elliptical R
  Gaussian, // exp(-R^2 / (2 sigma^2)), elliptical R
  EdgeOn,   // sech^2(v / h_z) exp(-sqrt(u^2 + (0.4 h)^2) / h)
};

/// Spiral arms: the component's light becomes
///   flux_b (1 - A(R)) + armFlux_b A(R) pattern / <pattern>,
///   A(R) = amp (1 - exp(-(R/rb)^2)),
///   pattern = ((1 + cos(m [theta - cot(pitch) ln(R/r0)] - phase)) / 2)^sharp
/// with R, theta in the disk plane.
struct Spiral {
  int arms = 0; // m; 0 = none
  double cotPitch = 0, amp = 0, rb = 1, r0 = 1, phase = 0;
  int sharp = 2;
  double colour[3] = {1, 1, 1}; // arm flux per band relative to r
};

/// One-sided m = 1 distortion: light *= 1 + amp cos(theta - angle) R/(R+r1).
struct Lopsided {
  double amp = 0, angle = 0, r1 = 1;
};

/// Dust lane: light_b *= exp(-tau_b sech^2((v - offset) / scale)), v along
/// the minor axis of the component (sky plane).
struct Dust {
  double tau[3] = {0, 0, 0};
  double scale = 1, offset = 0;
};

struct Component {
  Profile profile = Profile::Sersic;
  double x = 0, y = 0; // centre, arcsec from the field centre (x right, y down)
  double pa = 0;       // major axis angle from +x, radians
  /// Projection of a disk plane onto the sky (1 = component not in a plane):
  /// sky minor coordinate = plane coordinate * qIncl. Spiral arms, bars and
  /// knots live in that plane.
  double qIncl = 1;
  double angle = 0; // rotation inside the plane (bars)
  double q = 1;     // axis ratio in the plane; EdgeOn: h_z / h
  double size = 1;  // R_e (Sersic), sigma (Gaussian), h (EdgeOn), arcsec
  double n = 1;     // Sersic index, 0.3..6.2
  double flux[3] = {0, 0, 0}; // total nanomaggies, bands g, r, z
  Spiral spiral;
  Lopsided lopsided;
  Dust dust;
};

struct PointSource {
  double x = 0, y = 0;
  double flux[3] = {0, 0, 0};
};

struct Scene {
  std::vector<Component> components;
  std::vector<PointSource> points;
  double psfFwhm = 1.2, psfBeta = 3.5;   // arcsec, Moffat beta
  double sky[3] = {0.007, 0.007, 0.007}; // sigma, nmgy per native pixel
  double gain = 4000;                    // counts per nanomaggy (Poisson)
};

/// Sersic b_n (GALAXIES.md's series).
double sersicB(double n);

/// Renders scenes at one output size; holds scratch buffers (one per
/// thread).
class Renderer {
public:
  explicit Renderer(int size);
  /// Writes size * size * 3 bytes (RGB = z, r, g) to `rgb`; `noise` supplies
  /// the pixel noise.
  void render(const Scene &scene, Rng &noise, uint8_t *rgb);
  int size() const { return size_; }

private:
  int size_;
  int sub_;      // base sub-pixel factor
  double pixel_; // arcsec per output pixel
  std::vector<float> padded_[3], image_[3], kernel_, scratch_, row_;
};

} // namespace genc::zoo::render

#endif // GENC_ZOO_RENDER_H

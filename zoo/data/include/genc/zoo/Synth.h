// Synthetic Galaxy10-like images: the embedded default data set, following
// /work/shared/GALAXIES.md (zoo/data/README.md describes the recipe as
// implemented). Thread safety: synthesize_galaxies is reentrant and spawns
// its own threads.
#ifndef GENC_ZOO_SYNTH_H
#define GENC_ZOO_SYNTH_H

#include "genc/zoo/Galaxy.h"

#include <cstdint>

namespace genc::zoo {

struct SynthOptions {
  int64_t count = 0;
  /// Output size: 256, 128, 64 or 32 px. The field of view is always
  /// 256 px x 0.262" = 67.1"; pxscale is 0.262 * 256 / image_size.
  int image_size = 64;
  uint64_t seed = 0;
  /// Worker threads; 0 = std::thread::hardware_concurrency(). The result
  /// does not depend on it.
  int threads = 0;
};

/// Renders `count` galaxies.
///
/// Sampling: image i draws everything (class with the real Galaxy10
/// frequencies, redshift, luminosity, shape, PSF, sky, noise) from its own
/// counter-based stream splitmix64(seed, i), so the bytes depend only on
/// (seed, i, image_size), never on the thread count or on the other images.
///
/// Rendering: each component (Sersic bulge/disk/bar, sech^2 edge-on disk with
/// a dust lane, Gaussian knots and tidal-tail blobs) is integrated over every
/// output pixel by S x S sub-pixel sampling (S = 1, 1, 2, 4 at 256, 128, 64,
/// 32 px, i.e. sub-pixels of 0.262-0.524"; this equals area-averaging a
/// finer render), refined to up to 8 x 8 where a profile is cusped or thin
/// (centres, thin disks, bars). The PSF (Moffat) is applied at the output
/// resolution; point sources (stars, tiny knots) are drawn directly as
/// pixel-integrated PSF stamps. Noise (sky + Poisson) is added with the
/// sigma of a 256 px image area-averaged to the output size, then the Legacy
/// Survey asinh RGB mapping is applied at the output size.
///
/// Determinism: all per-pixel and per-galaxy math uses the library's own
/// exp/log/sin/cos/atan2 (plain IEEE-754 +,-,*,/,sqrt, built with
/// -ffp-contract=off), no libm transcendental, so the same seed gives the
/// same bytes on any IEEE-754 machine with this build; the tests compare
/// bytes on one machine.
GalaxySet synthesize_galaxies(const SynthOptions &options);

} // namespace genc::zoo

#endif // GENC_ZOO_SYNTH_H

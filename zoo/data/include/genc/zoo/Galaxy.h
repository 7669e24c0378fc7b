// The in-memory galaxy data set (the Galaxy10 DECaLS layout), its class
// table, the error type and the load report shared by every reader.
// Thread safety: plain data; the functions here are pure.
#ifndef GENC_ZOO_GALAXY_H
#define GENC_ZOO_GALAXY_H

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace genc::zoo {

/// Every data problem (unreadable file, wrong layout, bad flag value of a
/// data function) is reported as one DataError whose message names the file
/// (or the function) and the problem, e.g. "galaxies.h5: dataset 'images'
/// has shape (10, 256, 256) but (N, H, W, 3) is required".
class DataError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// The Galaxy10 DECaLS layout in memory. Row i of every vector describes
/// image i. Images are RGB uint8, NHWC, rows top to bottom; R, G, B carry the
/// z, r, g bands (Legacy Survey colour mapping).
struct GalaxySet {
  int64_t count = 0, height = 0, width = 0; // channels always 3
  std::vector<uint8_t> images;              // count * height * width * 3
  std::vector<int32_t> labels;              // Galaxy10 class ('ans'), 0..9
  std::vector<float> redshift;              // spectroscopic/photometric z
  std::vector<float> ra, dec;               // degrees (J2000)
  /// Arcseconds per pixel *of the stored images*: 0.262 for native 256 px
  /// DECaLS cutouts; downsample() and the synthetic generator at size s use
  /// 0.262 * 256 / s. NaN when unknown (an image folder without the column).
  std::vector<float> pxscale;

  int64_t image_bytes() const { return height * width * 3; }
  const uint8_t *image(int64_t i) const {
    return images.data() + i * image_bytes();
  }
  uint8_t *image(int64_t i) { return images.data() + i * image_bytes(); }
};

constexpr int kGalaxyClasses = 10;
/// "Disturbed", "Merging", "Round Smooth", ... (label order).
extern const char *const kGalaxyClassNames[kGalaxyClasses];
/// Class sizes of the real Galaxy10 DECaLS file (17736 images).
extern const int kGalaxyClassCounts[kGalaxyClasses];
/// kGalaxyClassCounts / 17736.
double galaxy_class_frequency(int label);

/// What a reader did with the rows it saw. `reasons` holds one line per kind
/// of problem, e.g. "12 rows with NaN redshift skipped (first: row 40)".
struct LoadReport {
  int64_t read = 0, skipped = 0;
  std::vector<std::string> reasons;
};

/// Checks that every vector has the size count/height/width require; throws
/// DataError naming `what` otherwise.
void validate(const GalaxySet &set, const std::string &what = "galaxy set");

/// The rows `indices` of `set`, in that order (indices may repeat).
GalaxySet subset(const GalaxySet &set, const std::vector<int64_t> &indices);

/// Per-class image counts.
std::vector<int64_t> class_histogram(const GalaxySet &set);

} // namespace genc::zoo

#endif // GENC_ZOO_GALAXY_H

// Galaxy data on disk: the Galaxy10 DECaLS HDF5 layout, image folders
// (PNG/JPEG + labels.csv), and load_galaxies, which picks one of them or the
// synthetic generator from a spec string. Thread safety: every function is
// reentrant (HDF5 calls are serialised inside the library).
//
// Bad-data policy, shared by both readers:
//  - structural problems (missing dataset or column, wrong rank, dtype or
//    length, labels outside 0..9 in an HDF5 file, images of different sizes
//    in a folder, unreadable/truncated/non-HDF5 file) throw DataError naming
//    the file and the problem;
//  - bad rows are skipped and counted in LoadReport: NaN redshift or a
//    redshift below -0.001; in a folder also a missing or undecodable image,
//    an unparsable number or a label outside 0..9;
//  - a redshift in [-0.001, 0) (the real file holds -0.000124) is clamped to
//    0 and counted in LoadReport::reasons, not skipped;
//  - if no row survives, DataError.
#ifndef GENC_ZOO_GALAXYIO_H
#define GENC_ZOO_GALAXYIO_H

#include "genc/zoo/Galaxy.h"

#include <string>

namespace genc::zoo {

/// Writes the Galaxy10 DECaLS layout: `images` (N, H, W, 3) uint8, chunked
/// one image per chunk with gzip `gzip_level` (1..9; 0 = uncompressed; the
/// noisy images barely compress: level 4 saves ~1.5 % over 1 and is slower);
/// `ans` (N) uint8; `redshift`, `ra`, `dec`, `pxscale` (N) float64. The file
/// is written to "<path>.tmp-<pid>" and renamed, so `path` is either the old
/// file or the complete new one.
void write_galaxy_h5(const std::string &path, const GalaxySet &set,
                     int gzip_level = 1);

/// Reads that layout. `ans` may be any integer type and the four float
/// columns any integer or float type (HDF5 converts); images must be
/// unsigned 8-bit, rank 4, last dimension 3. Images are read in blocks of
/// whole chunks (at most ~64 MB at a time); with downsample_to > 0 each block
/// is area-averaged to downsample_to x downsample_to as it is read (the 2.5
/// GB real file at 64 px then needs ~220 MB), and pxscale is scaled to match.
GalaxySet read_galaxy_h5(const std::string &path, LoadReport *report = nullptr,
                         int downsample_to = 0);

/// read_galaxy_h5 without the pixels: count, height, width and every column
/// are filled (after the same row checks), `images` stays empty.
GalaxySet read_galaxy_h5_metadata(const std::string &path,
                                  LoadReport *report = nullptr);

/// An image folder: PNG/JPEG files (any mix, any colour type) of one size and
/// `labels.csv` with the header `filename,label,redshift` and optionally
/// `ra`, `dec`, `pxscale` (any column order, extra columns ignored, file
/// names relative to the folder). Missing optional columns become NaN.
/// Images are decoded on all hardware threads; downsample_to as above.
GalaxySet read_image_folder(const std::string &dir,
                            LoadReport *report = nullptr,
                            int downsample_to = 0);

/// Writes `dir`/000000.png ... and `dir`/labels.csv with all six columns
/// (creating `dir`; existing files of the same names are replaced).
void write_image_folder(const std::string &dir, const GalaxySet &set);

struct LoadOptions {
  /// Output size; 0 keeps a file's native size (and means 64 for synthetic).
  int image_size = 0;
  /// Only for "synthetic".
  int64_t count = 2000;
  uint64_t seed = 0;
  int threads = 0;
};

/// `spec` is "synthetic" (synthesize_galaxies with `options`), a folder
/// (read_image_folder) or a file (read_galaxy_h5). Images larger than
/// options.image_size are area-averaged to it once, up front.
GalaxySet load_galaxies(const std::string &spec,
                        const LoadOptions &options = {},
                        LoadReport *report = nullptr);

} // namespace genc::zoo

#endif // GENC_ZOO_GALAXYIO_H

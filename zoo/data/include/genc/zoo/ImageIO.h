// PNG (libpng) and JPEG (libjpeg) files as 8-bit RGB. Thread safety: every
// function is reentrant.
#ifndef GENC_ZOO_IMAGEIO_H
#define GENC_ZOO_IMAGEIO_H

#include <cstdint>
#include <string>
#include <vector>

namespace genc::zoo {

struct RgbImage {
  int height = 0, width = 0;
  std::vector<uint8_t> pixels; // height * width * 3, rows top to bottom
};

/// Reads a PNG or JPEG file (recognised by its signature, not its name).
/// Grayscale becomes R = G = B; an alpha channel is composited onto black;
/// 16-bit PNGs are reduced to 8 bits. Throws DataError naming the file.
RgbImage read_image(const std::string &path);

/// Writes 8-bit RGB (height * width * 3 bytes). Throws DataError.
void write_png(const std::string &path, int height, int width,
               const uint8_t *rgb);
void write_jpeg(const std::string &path, int height, int width,
                const uint8_t *rgb, int quality = 95);

} // namespace genc::zoo

#endif // GENC_ZOO_IMAGEIO_H

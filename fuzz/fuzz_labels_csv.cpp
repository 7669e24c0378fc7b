// Image folders: labels.csv (file,label,redshift) on arbitrary bytes, next
// to one valid image; bad rows are DataErrors or counted skips.
#include "FuzzUtil.h"
#include "genc/zoo/GalaxyIO.h"
#include "genc/zoo/ImageIO.h"

#include <filesystem>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const std::string dir = [] {
    std::string csv = writeTemp("labels.csv", nullptr, 0);
    std::string d = std::filesystem::path(csv).parent_path().string();
    std::vector<uint8_t> pixels(8 * 8 * 3, 128);
    genc::zoo::write_png(d + "/a.png", 8, 8, pixels.data());
    return d;
  }();
  writeTemp("labels.csv", data, size);
  try {
    genc::zoo::LoadReport report;
    genc::zoo::read_image_folder(dir, &report);
  } catch (const genc::zoo::DataError &) {
  }
  return 0;
}

// Image folders: the PNG/JPEG decoder wrapper on arbitrary bytes (both
// extensions); bad files must be a DataError.
#include "FuzzUtil.h"
#include "genc/zoo/Galaxy.h"
#include "genc/zoo/ImageIO.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  for (const char *name : {"image.png", "image.jpg"}) {
    std::string path = writeTemp(name, data, size);
    try {
      genc::zoo::read_image(path);
    } catch (const genc::zoo::DataError &) {
    }
  }
  return 0;
}

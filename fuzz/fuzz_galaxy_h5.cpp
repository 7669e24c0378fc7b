// genc-zoo --data FILE.h5: the Galaxy10 HDF5 reader on arbitrary files;
// bad files must be a DataError, never a crash.
#include "FuzzUtil.h"
#include "genc/zoo/GalaxyIO.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string path = writeTemp("galaxies.h5", data, size);
  try {
    genc::zoo::LoadReport report;
    genc::zoo::read_galaxy_h5(path, &report);
  } catch (const genc::zoo::DataError &) {
  }
  return 0;
}

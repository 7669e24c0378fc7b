// load_galaxies: "synthetic", an HDF5 file or an image folder.
#include "genc/zoo/GalaxyIO.h"

#include "genc/zoo/Loader.h"
#include "genc/zoo/Synth.h"

#include <filesystem>

namespace genc::zoo {

GalaxySet load_galaxies(const std::string &spec, const LoadOptions &options,
                        LoadReport *report) {
  if (spec == "synthetic") {
    SynthOptions synth;
    synth.count = options.count;
    synth.image_size = options.image_size > 0 ? options.image_size : 64;
    synth.seed = options.seed;
    synth.threads = options.threads;
    GalaxySet set = synthesize_galaxies(synth);
    if (report)
      report->read += set.count;
    return set;
  }
  std::error_code ec;
  if (!std::filesystem::exists(spec, ec))
    throw DataError(spec + ": no such file or directory (expected "
                           "'synthetic', an HDF5 file or an image folder)");
  if (std::filesystem::is_directory(spec, ec))
    return read_image_folder(spec, report, options.image_size);
  return read_galaxy_h5(spec, report, options.image_size);
}

} // namespace genc::zoo

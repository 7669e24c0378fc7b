// The AOT artifact loader's checks on untrusted files, before anything of
// the file runs: the seal (format version + checksum) and the metadata
// text. Printed metadata must parse back.
#include "FuzzUtil.h"
#include "genc/runtime/Artifact.h"
#include "genc/runtime/Seal.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string path = writeTemp("artifact.so", data, size);
  (void)genc::runtime::checkArtifactSeal(path);
  std::string_view text(reinterpret_cast<const char *>(data), size);
  auto sigs = genc::runtime::parseArtifactMetadata(text);
  if (sigs.ok()) {
    std::string printed = genc::runtime::printArtifactMetadata(*sigs);
    if (!genc::runtime::parseArtifactMetadata(printed).ok())
      std::abort();
  }
  return 0;
}

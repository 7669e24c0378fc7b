// genc-seal FILE...: writes the seal (format version + SHA-256) into
// hand-built artifacts that declare GENC_ARTIFACT_SEAL_BLOCK (genc compile
// seals its own output); `genc-seal --check FILE...` verifies seals.
#include "genc/runtime/Seal.h"

#include <cstdio>
#include <cstring>

int main(int argc, char **argv) {
  bool check = argc > 1 && !std::strcmp(argv[1], "--check");
  int first = check ? 2 : 1;
  if (argc <= first) {
    std::fprintf(stderr, "usage: genc-seal [--check] ARTIFACT.so...\n");
    return 2;
  }
  int rc = 0;
  for (int i = first; i < argc; ++i) {
    absl::Status s = check ? genc::runtime::checkArtifactSeal(argv[i])
                           : genc::runtime::sealArtifact(argv[i]);
    if (!s.ok()) {
      std::fprintf(stderr, "genc-seal: error: %s\n", std::string(s.message()).c_str());
      rc = 1;
    } else if (check) {
      std::printf("%s: sealed, intact\n", argv[i]);
    }
  }
  return rc;
}

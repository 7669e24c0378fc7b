// genc run --input=@FILE.npy: the .npy reader on arbitrary bytes; what it
// accepts must serialize and parse back.
#include "genc/runtime/TensorIO.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char *>(data), size);
  absl::StatusOr<genc::runtime::Buffer> b = genc::runtime::parseNpy(bytes, "fuzz.npy");
  if (!b.ok())
    return 0;
  absl::StatusOr<std::string> out = genc::runtime::serializeNpy(*b);
  if (!out.ok())
    return 0; // e.g. a dtype genc reads but does not write
  absl::StatusOr<genc::runtime::Buffer> again = genc::runtime::parseNpy(*out, "again.npy");
  if (!again.ok() || again->shape() != b->shape() || again->dtype() != b->dtype())
    std::abort();
  return 0;
}

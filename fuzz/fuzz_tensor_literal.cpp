// genc run --input=SPEC: the IREE-notation tensor literal parser; what it
// accepts must print and parse back to the same buffer.
#include "genc/runtime/TensorIO.h"

#include <cstdlib>
#include <cstring>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string_view text(reinterpret_cast<const char *>(data), size);
  absl::StatusOr<genc::runtime::Buffer> b = genc::runtime::parseTensorLiteral(text);
  if (!b.ok())
    return 0;
  std::string printed = genc::runtime::formatTensorLiteral(*b);
  absl::StatusOr<genc::runtime::Buffer> again = genc::runtime::parseTensorLiteral(printed);
  if (!again.ok() || again->dtype() != b->dtype() || again->shape() != b->shape())
    std::abort(); // a printed literal must parse back
  return 0;
}

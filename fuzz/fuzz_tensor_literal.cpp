// genc run --input=SPEC: the IREE-notation tensor literal parser; what it
// accepts must print and parse back to the same buffer.
#include "genc/runtime/TensorIO.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

/// Element count the literal's type claims ("2x3xf32=..." -> 6), saturated.
static uint64_t claimedElements(std::string_view text) {
  uint64_t n = 1, d = 0;
  bool digits = false;
  size_t start = text.find_first_not_of(" \t\n\r\f\v");
  if (start == std::string_view::npos)
    return 0;
  text.remove_prefix(start);
  for (char c : text.substr(0, text.find('='))) {
    if (c >= '0' && c <= '9') {
      d = std::min<uint64_t>(d * 10 + (c - '0'), 1ull << 40);
      digits = true;
    } else if (c == 'x' && digits) {
      n = std::min<uint64_t>(n * d, 1ull << 40);
      d = 0;
      digits = false;
    } else {
      break;
    }
  }
  return n;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string_view text(reinterpret_cast<const char *>(data), size);
  // A splat ("100000000xf32=1") legitimately fills and prints a huge
  // tensor; that is slow, not a bug. Keep the fuzzer on parsing.
  if (claimedElements(text) > (1u << 20))
    return 0;
  absl::StatusOr<genc::runtime::Buffer> b = genc::runtime::parseTensorLiteral(text);
  if (!b.ok())
    return 0;
  std::string printed = genc::runtime::formatTensorLiteral(*b);
  absl::StatusOr<genc::runtime::Buffer> again = genc::runtime::parseTensorLiteral(printed);
  if (!again.ok() || again->dtype() != b->dtype() || again->shape() != b->shape())
    std::abort(); // a printed literal must parse back
  return 0;
}

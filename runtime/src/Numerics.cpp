// genc_rt_check_numerics (genc_numerics.h): the first NaN/Inf of a call
// becomes the call's error.
#include "genc/runtime/genc_numerics.h"

#include "Spmd.h"

#include "absl/strings/str_cat.h"

#include <cmath>
#include <cstring>

namespace {

/// Index of the first non-finite element, or -1; `nan` says which kind.
template <class T> int64_t firstNonFinite(const T *p, int64_t n, bool &nan) {
  for (int64_t i = 0; i < n; ++i)
    if (!std::isfinite(p[i])) {
      nan = std::isnan(p[i]);
      return i;
    }
  return -1;
}

/// f16 / bf16: the exponent field all ones is Inf (mantissa 0) or NaN.
int64_t firstNonFinite16(const uint16_t *p, int64_t n, uint16_t exponent,
                         bool &nan) {
  uint16_t mantissa = static_cast<uint16_t>(~exponent & 0x7fff);
  for (int64_t i = 0; i < n; ++i)
    if ((p[i] & exponent) == exponent) {
      nan = (p[i] & mantissa) != 0;
      return i;
    }
  return -1;
}

} // namespace

extern "C" void genc_rt_check_numerics(const char *label, const void *data,
                                       int64_t count, int32_t dtype) {
  genc::runtime::detail::DeviceContext &context =
      genc::runtime::detail::currentDeviceContext();
  if (!context.pending.ok() || !data || count <= 0)
    return;
  bool nan = false;
  int64_t at = -1;
  switch (dtype) {
  case 0:
    at = firstNonFinite(static_cast<const float *>(data), count, nan);
    break;
  case 1:
    at = firstNonFinite(static_cast<const double *>(data), count, nan);
    break;
  case 2:
    at = firstNonFinite16(static_cast<const uint16_t *>(data), count, 0x7c00, nan);
    break;
  case 3:
    at = firstNonFinite16(static_cast<const uint16_t *>(data), count, 0x7f80, nan);
    break;
  default:
    return;
  }
  if (at < 0)
    return;
  std::string where = label ? label : "a kernel";
  if (context.deviceCount > 1)
    absl::StrAppend(&where, " on device ", context.device);
  context.pending = absl::InvalidArgumentError(
      absl::StrCat("check-numerics: ", nan ? "NaN" : "Inf", " in the output of ",
                   where, " (element ", at, " of ", count,
                   "; the first non-finite value of this call)"));
}

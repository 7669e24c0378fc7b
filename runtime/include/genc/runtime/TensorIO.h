// Tensor text literals (IREE notation) and NumPy .npy files to/from Buffers.
//
// Thread safety: all functions are safe to call concurrently. writeNpy to the
// same path from several threads or processes at once leaves one complete
// file (the last rename wins), never a torn one.
#ifndef GENC_RUNTIME_TENSORIO_H
#define GENC_RUNTIME_TENSORIO_H

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "genc/runtime/Buffer.h"

namespace genc::runtime {

/// Parses a tensor literal in IREE notation:
///   `2x3xf32=1 2 3 4 5 6`    values in row-major order
///   `2x3xf32=[1 2 3][4 5 6]` brackets and commas are separators too, so
///   `2x2xi32=[[1,2],[3,4]]`  works (brackets must balance)
///   `f32=3.5`                a scalar
///   `2x2xf32=0`              splat: one value fills every element
///   `4xi1=1 0 true false`    i1 takes 0/1/true/false
///   `@path.npy`              loads a .npy file (see readNpy)
/// Floats accept decimal/exponent notation, inf and nan; integers must be
/// in range for their dtype; f16/bf16 values that would round to infinity
/// are rejected (f32 ones beyond FLT_MAX too).
/// Errors: `2x3xf32: expected 6 values, got 5`,
/// `2x3xf32: '1.2.3' is not a number`, `unknown dtype 'f12'`.
absl::StatusOr<Buffer> parseTensorLiteral(std::string_view text);

/// Prints a buffer as IREE does: `2x3xf32=[1 2 3][4 5 6]` (rank >= 2 nests
/// one bracket pair per row, rank 1 is `3xf32=1 2 3`, a scalar `f32=3.5`).
/// Floats use enough digits to round-trip (%.9g f32, %.17g f64, %.5g f16,
/// %.4g bf16, independent of the C locale); i1 prints as 0/1.
/// parseTensorLiteral(formatTensorLiteral(b)) reproduces b exactly.
std::string formatTensorLiteral(const Buffer &buffer);

/// Reads a NumPy .npy file (format versions 1, 2 and 3). Supported dtypes:
/// <f4 <f8 <f2 <i4 <i8 |b1 |i1 |u1 (one-byte types with any byte-order
/// mark). Big-endian data is rejected. Fortran-order (column-major) arrays
/// are transposed into the row-major layout of a Buffer. Errors name the
/// file: bad magic, truncated header or data, header parse errors.
absl::StatusOr<Buffer> readNpy(const std::string &path);

/// readNpy on bytes already in memory; `name` is used in error messages.
absl::StatusOr<Buffer> parseNpy(std::string_view bytes,
                                std::string_view name = "<memory>");

/// The bytes of a .npy file (version 1.0, or 2.0 when the header needs it)
/// holding the buffer in C order. bf16 has no NumPy dtype and is rejected.
absl::StatusOr<std::string> serializeNpy(const Buffer &buffer);

/// Writes serializeNpy(buffer) to `path` atomically: to a temporary file
/// `path.tmp.<pid>.<n>` in the same directory, then renamed over `path`.
absl::Status writeNpy(const std::string &path, const Buffer &buffer);

} // namespace genc::runtime

#endif // GENC_RUNTIME_TENSORIO_H

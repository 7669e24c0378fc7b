// Element types of runtime tensors: sizes, names, parsing, f16/bf16 helpers.
//
// Thread safety: every function here is pure and safe to call concurrently.
#ifndef GENC_RUNTIME_DTYPE_H
#define GENC_RUNTIME_DTYPE_H

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "absl/status/statusor.h"

namespace genc::runtime {

/// Element type of a tensor. The numeric values are part of the C API
/// (genc_dtype_t in genc_runtime.h) and must not change.
enum class DType : uint8_t { F32, F64, F16, BF16, I1, I8, I32, I64, U8 };

/// Every DType, in enum order.
inline constexpr DType kAllDTypes[] = {DType::F32,  DType::F64, DType::F16,
                                       DType::BF16, DType::I1,  DType::I8,
                                       DType::I32,  DType::I64, DType::U8};

/// Size of one element in bytes. I1 is stored as one byte holding 0 or 1.
size_t dtypeSize(DType dtype);

/// MLIR spelling: "f32", "f64", "f16", "bf16", "i1", "i8", "i32", "i64",
/// "ui8".
std::string_view dtypeName(DType dtype);

/// Inverse of dtypeName; also accepts "bool" for i1.
/// Error: `unknown dtype 'f12'`.
absl::StatusOr<DType> parseDType(std::string_view name);

/// True for F32, F64, F16 and BF16.
bool isFloatDType(DType dtype);

/// IEEE 754 binary16 bits to float (exact).
float halfToFloat(uint16_t bits);
/// float to IEEE 754 binary16 bits, round to nearest even; overflow gives
/// infinity, NaN stays NaN.
uint16_t floatToHalf(float value);
/// bfloat16 bits to float (exact).
float bf16ToFloat(uint16_t bits);
/// float to bfloat16 bits, round to nearest even; NaN stays NaN.
uint16_t floatToBf16(float value);

} // namespace genc::runtime

#endif // GENC_RUNTIME_DTYPE_H

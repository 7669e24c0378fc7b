// Element type names, sizes and half/bfloat16 conversions.
#include "genc/runtime/DType.h"

#include <bit>
#include <cmath>
#include <string>

#include "absl/strings/str_cat.h"

namespace genc::runtime {

size_t dtypeSize(DType dtype) {
  switch (dtype) {
  case DType::F64:
  case DType::I64:
    return 8;
  case DType::F32:
  case DType::I32:
    return 4;
  case DType::F16:
  case DType::BF16:
    return 2;
  case DType::I1:
  case DType::I8:
  case DType::U8:
    return 1;
  }
  return 0;
}

std::string_view dtypeName(DType dtype) {
  switch (dtype) {
  case DType::F32:
    return "f32";
  case DType::F64:
    return "f64";
  case DType::F16:
    return "f16";
  case DType::BF16:
    return "bf16";
  case DType::I1:
    return "i1";
  case DType::I8:
    return "i8";
  case DType::I32:
    return "i32";
  case DType::I64:
    return "i64";
  case DType::U8:
    return "ui8";
  }
  return "<invalid dtype>";
}

absl::StatusOr<DType> parseDType(std::string_view name) {
  for (DType dtype : kAllDTypes)
    if (dtypeName(dtype) == name)
      return dtype;
  if (name == "bool")
    return DType::I1;
  return absl::InvalidArgumentError(
      absl::StrCat("unknown dtype '", std::string(name), "'"));
}

bool isFloatDType(DType dtype) {
  return dtype == DType::F32 || dtype == DType::F64 || dtype == DType::F16 ||
         dtype == DType::BF16;
}

float halfToFloat(uint16_t bits) {
  uint32_t sign = static_cast<uint32_t>(bits & 0x8000u) << 16;
  uint32_t exponent = (bits >> 10) & 0x1fu;
  uint32_t mantissa = bits & 0x3ffu;
  if (exponent == 0) {
    // Zero or subnormal: mantissa * 2^-24, exact in float.
    float magnitude = std::ldexp(static_cast<float>(mantissa), -24);
    return sign ? -magnitude : magnitude;
  }
  if (exponent == 0x1f) // Infinity or NaN; keep the payload.
    return std::bit_cast<float>(sign | 0x7f800000u | (mantissa << 13));
  return std::bit_cast<float>(sign | ((exponent + 112) << 23) |
                              (mantissa << 13));
}

uint16_t floatToHalf(float value) {
  uint32_t x = std::bit_cast<uint32_t>(value);
  uint32_t sign = x & 0x80000000u;
  x ^= sign;
  uint32_t result;
  if (x >= 0x47800000u) {
    // |value| >= 65536 (rounds to infinity), infinity or NaN.
    result = x > 0x7f800000u ? 0x7e00u : 0x7c00u;
  } else if (x < 0x38800000u) {
    // Result is subnormal or zero. Adding 0.5f aligns the ten mantissa bits
    // at the bottom of the float; the FPU rounds to nearest even for us.
    constexpr uint32_t kMagic = 126u << 23;
    float aligned = std::bit_cast<float>(x) + std::bit_cast<float>(kMagic);
    result = std::bit_cast<uint32_t>(aligned) - kMagic;
  } else {
    // Normal: rebias the exponent and round to nearest even. A carry out of
    // the mantissa correctly bumps the exponent (up to infinity).
    uint32_t mantissaOdd = (x >> 13) & 1u;
    x += (static_cast<uint32_t>(15 - 127) << 23) + 0xfffu + mantissaOdd;
    result = x >> 13;
  }
  return static_cast<uint16_t>(result | (sign >> 16));
}

float bf16ToFloat(uint16_t bits) {
  return std::bit_cast<float>(static_cast<uint32_t>(bits) << 16);
}

uint16_t floatToBf16(float value) {
  uint32_t x = std::bit_cast<uint32_t>(value);
  if ((x & 0x7fffffffu) > 0x7f800000u) // NaN: truncate and force quiet.
    return static_cast<uint16_t>((x >> 16) | 0x40u);
  uint32_t lsb = (x >> 16) & 1u;
  x += 0x7fffu + lsb;
  return static_cast<uint16_t>(x >> 16);
}

} // namespace genc::runtime

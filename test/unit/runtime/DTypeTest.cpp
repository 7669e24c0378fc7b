// Tests of DType names, sizes, parsing and the f16/bf16 conversions.
#include "genc/runtime/DType.h"

#include <bit>
#include <cmath>
#include <cstdint>

#include "TestUtil.h"
#include "gtest/gtest.h"

namespace genc::runtime {
namespace {

using testing::hasError;

TEST(DTypeTest, NamesMatchMlirSpelling) {
  EXPECT_EQ(dtypeName(DType::F32), "f32");
  EXPECT_EQ(dtypeName(DType::F64), "f64");
  EXPECT_EQ(dtypeName(DType::F16), "f16");
  EXPECT_EQ(dtypeName(DType::BF16), "bf16");
  EXPECT_EQ(dtypeName(DType::I1), "i1");
  EXPECT_EQ(dtypeName(DType::I8), "i8");
  EXPECT_EQ(dtypeName(DType::I32), "i32");
  EXPECT_EQ(dtypeName(DType::I64), "i64");
  EXPECT_EQ(dtypeName(DType::U8), "ui8");
}

TEST(DTypeTest, SizesInBytes) {
  EXPECT_EQ(dtypeSize(DType::F32), 4u);
  EXPECT_EQ(dtypeSize(DType::F64), 8u);
  EXPECT_EQ(dtypeSize(DType::F16), 2u);
  EXPECT_EQ(dtypeSize(DType::BF16), 2u);
  EXPECT_EQ(dtypeSize(DType::I1), 1u);
  EXPECT_EQ(dtypeSize(DType::I8), 1u);
  EXPECT_EQ(dtypeSize(DType::I32), 4u);
  EXPECT_EQ(dtypeSize(DType::I64), 8u);
  EXPECT_EQ(dtypeSize(DType::U8), 1u);
}

TEST(DTypeTest, ParseIsInverseOfName) {
  for (DType dtype : kAllDTypes) {
    absl::StatusOr<DType> parsed = parseDType(dtypeName(dtype));
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    EXPECT_EQ(*parsed, dtype);
  }
}

TEST(DTypeTest, ParseAcceptsBoolForI1) {
  absl::StatusOr<DType> parsed = parseDType("bool");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(*parsed, DType::I1);
}

TEST(DTypeTest, ParseRejectsUnknownNames) {
  EXPECT_TRUE(hasError(parseDType("f12"), "unknown dtype 'f12'"));
  EXPECT_TRUE(hasError(parseDType(""), "unknown dtype ''"));
  EXPECT_TRUE(hasError(parseDType("F32"), "unknown dtype 'F32'"));
  EXPECT_TRUE(hasError(parseDType("u8"), "unknown dtype 'u8'"));
}

TEST(DTypeTest, IsFloat) {
  EXPECT_TRUE(isFloatDType(DType::F32));
  EXPECT_TRUE(isFloatDType(DType::BF16));
  EXPECT_FALSE(isFloatDType(DType::I1));
  EXPECT_FALSE(isFloatDType(DType::U8));
}

TEST(HalfTest, KnownValues) {
  EXPECT_EQ(floatToHalf(1.0f), 0x3c00);
  EXPECT_EQ(floatToHalf(-2.0f), 0xc000);
  EXPECT_EQ(floatToHalf(65504.0f), 0x7bff);
  EXPECT_EQ(floatToHalf(0.1f), 0x2e66);
  EXPECT_EQ(floatToHalf(-0.0f), 0x8000);
  EXPECT_EQ(floatToHalf(std::ldexp(1.0f, -24)), 0x0001); // Min subnormal.
  EXPECT_EQ(floatToHalf(std::ldexp(1.0f, -14)), 0x0400); // Min normal.
  EXPECT_EQ(floatToHalf(INFINITY), 0x7c00);
  EXPECT_EQ(floatToHalf(-INFINITY), 0xfc00);
  EXPECT_EQ(floatToHalf(65520.0f), 0x7c00); // Rounds up to infinity.
  EXPECT_EQ(floatToHalf(65519.0f), 0x7bff);
  EXPECT_EQ(floatToHalf(1e10f), 0x7c00);
  EXPECT_EQ(floatToHalf(1e-10f), 0x0000);
  EXPECT_EQ(halfToFloat(0x3c00), 1.0f);
  EXPECT_EQ(halfToFloat(0x7bff), 65504.0f);
  EXPECT_EQ(halfToFloat(0x0001), std::ldexp(1.0f, -24));
  EXPECT_TRUE(std::signbit(halfToFloat(0x8000)));
  EXPECT_TRUE(std::isinf(halfToFloat(0x7c00)));
  EXPECT_TRUE(std::isnan(halfToFloat(0x7e00)));
  EXPECT_TRUE(std::isnan(halfToFloat(floatToHalf(NAN))));
}

TEST(HalfTest, RoundsToNearestEven) {
  // Ties between two halves go to the one with an even mantissa.
  EXPECT_EQ(floatToHalf(1.0f + std::ldexp(1.0f, -11)), 0x3c00);
  EXPECT_EQ(floatToHalf(1.0f + 3 * std::ldexp(1.0f, -11)), 0x3c02);
  // Just above a tie rounds up.
  EXPECT_EQ(floatToHalf(std::nextafter(1.0f + std::ldexp(1.0f, -11), 2.0f)),
            0x3c01);
  // The same among subnormals.
  EXPECT_EQ(floatToHalf(std::ldexp(1.0f, -25)), 0x0000);
  EXPECT_EQ(floatToHalf(3 * std::ldexp(1.0f, -25)), 0x0002);
}

TEST(HalfTest, EveryHalfRoundTripsThroughFloat) {
  for (uint32_t bits = 0; bits <= 0xffff; ++bits) {
    auto h = static_cast<uint16_t>(bits);
    float f = halfToFloat(h);
    if (std::isnan(f)) {
      EXPECT_TRUE(std::isnan(halfToFloat(floatToHalf(f)))) << bits;
      continue;
    }
    ASSERT_EQ(floatToHalf(f), h) << "bits 0x" << std::hex << bits;
  }
}

TEST(Bf16Test, KnownValuesAndRounding) {
  EXPECT_EQ(floatToBf16(1.0f), 0x3f80);
  EXPECT_EQ(floatToBf16(-2.0f), 0xc000);
  EXPECT_EQ(bf16ToFloat(0x3f80), 1.0f);
  EXPECT_EQ(floatToBf16(1.0f + std::ldexp(1.0f, -8)), 0x3f80); // Tie, even.
  EXPECT_EQ(floatToBf16(1.0f + 3 * std::ldexp(1.0f, -8)), 0x3f82);
  EXPECT_EQ(floatToBf16(std::nextafter(1.0f + std::ldexp(1.0f, -8), 2.0f)),
            0x3f81);
  EXPECT_EQ(floatToBf16(INFINITY), 0x7f80);
  EXPECT_EQ(floatToBf16(3.4e38f), 0x7f80); // Rounds past the largest bf16.
  EXPECT_TRUE(std::isnan(bf16ToFloat(floatToBf16(NAN))));
}

TEST(Bf16Test, EveryBf16RoundTripsThroughFloat) {
  for (uint32_t bits = 0; bits <= 0xffff; ++bits) {
    auto b = static_cast<uint16_t>(bits);
    float f = bf16ToFloat(b);
    if (std::isnan(f)) {
      EXPECT_TRUE(std::isnan(bf16ToFloat(floatToBf16(f)))) << bits;
      continue;
    }
    ASSERT_EQ(floatToBf16(f), b) << "bits 0x" << std::hex << bits;
  }
}

} // namespace
} // namespace genc::runtime

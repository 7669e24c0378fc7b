// Tests of IREE-notation tensor literal parsing and printing.
#include <bit>
#include <cmath>
#include <cstring>

#include "TestUtil.h"
#include "genc/runtime/TensorIO.h"
#include "gtest/gtest.h"

namespace genc::runtime {
namespace {

using testing::dataPath;
using testing::hasError;

Buffer parseOrDie(std::string_view text) {
  absl::StatusOr<Buffer> b = parseTensorLiteral(text);
  EXPECT_TRUE(b.ok()) << text << ": " << b.status();
  return b.ok() ? std::move(*b) : Buffer();
}

bool sameBytes(const Buffer &a, const Buffer &b) {
  return a.spec() == b.spec() && a.byteSize() == b.byteSize() &&
         (a.byteSize() == 0 ||
          std::memcmp(a.data(), b.data(), a.byteSize()) == 0);
}

TEST(TensorLiteralTest, ParsesRowMajorValues) {
  Buffer b = parseOrDie("2x3xf32=1 2 3 4 5 6");
  EXPECT_EQ(b.shapeString(), "2x3xf32");
  for (int i = 0; i < 6; ++i)
    EXPECT_EQ(b.dataAs<float>()[i], i + 1);
}

TEST(TensorLiteralTest, ParsesScalar) {
  Buffer b = parseOrDie("f32=3.5");
  EXPECT_EQ(b.rank(), 0u);
  EXPECT_EQ(b.dataAs<float>()[0], 3.5f);
  Buffer i = parseOrDie("i64=-9223372036854775808");
  EXPECT_EQ(i.dataAs<int64_t>()[0], INT64_MIN);
}

TEST(TensorLiteralTest, ParsesBooleans) {
  Buffer b = parseOrDie("4xi1=1 0 true false");
  const uint8_t expected[] = {1, 0, 1, 0};
  EXPECT_EQ(std::memcmp(b.data(), expected, 4), 0);
  Buffer c = parseOrDie("2xbool=TRUE False");
  EXPECT_EQ(c.dataAs<uint8_t>()[0], 1);
  EXPECT_EQ(c.dataAs<uint8_t>()[1], 0);
}

TEST(TensorLiteralTest, BracketsAndCommasAreSeparators) {
  Buffer b = parseOrDie("2x2xi32=[[1,2],[3,4]]");
  const int32_t expected[] = {1, 2, 3, 4};
  EXPECT_EQ(std::memcmp(b.data(), expected, sizeof(expected)), 0);
  Buffer c = parseOrDie("2x2xi32=[1 2][3 4]");
  EXPECT_TRUE(sameBytes(b, c));
  Buffer d = parseOrDie("  2x2xi32 = 1,2,\n3,  4 \n");
  EXPECT_TRUE(sameBytes(b, d));
}

TEST(TensorLiteralTest, OneValueIsASplat) {
  Buffer zeros = parseOrDie("2x2xf32=0");
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(zeros.dataAs<float>()[i], 0.0f);
  Buffer sevens = parseOrDie("3x5xi8=[7]");
  for (int i = 0; i < 15; ++i)
    EXPECT_EQ(sevens.dataAs<int8_t>()[i], 7);
  Buffer empty = parseOrDie("0x3xf64=1");
  EXPECT_EQ(empty.numElements(), 0);
}

TEST(TensorLiteralTest, AcceptsFloatSpellings) {
  Buffer b = parseOrDie("7xf32=+1.5 -2e3 .25 1. inf -inf nan");
  const float *v = b.dataAs<float>();
  EXPECT_EQ(v[0], 1.5f);
  EXPECT_EQ(v[1], -2000.0f);
  EXPECT_EQ(v[2], 0.25f);
  EXPECT_EQ(v[3], 1.0f);
  EXPECT_TRUE(std::isinf(v[4]) && v[4] > 0);
  EXPECT_TRUE(std::isinf(v[5]) && v[5] < 0);
  EXPECT_TRUE(std::isnan(v[6]));
  // Underflow gives zero (or a subnormal) rather than an error.
  Buffer tiny = parseOrDie("2xf32=1e-50 -1e-50");
  EXPECT_EQ(tiny.dataAs<float>()[0], 0.0f);
  EXPECT_TRUE(std::signbit(tiny.dataAs<float>()[1]));
  Buffer tinyDouble = parseOrDie("f64=1e-400");
  EXPECT_EQ(tinyDouble.dataAs<double>()[0], 0.0);
}

TEST(TensorLiteralTest, LoadsNpyFiles) {
  Buffer b = parseOrDie("@" + dataPath("f32_2x3.npy"));
  EXPECT_EQ(b.shapeString(), "2x3xf32");
  EXPECT_EQ(b.dataAs<float>()[5], 1.5f);
  EXPECT_TRUE(hasError(parseTensorLiteral("@/nonexistent/x.npy"),
                       "cannot read '/nonexistent/x.npy'"));
}

TEST(TensorLiteralTest, EmptyTensors) {
  Buffer a = parseOrDie("0x4xf32=");
  EXPECT_EQ(a.numElements(), 0);
  EXPECT_EQ(formatTensorLiteral(a), "0x4xf32=");
  Buffer b = parseOrDie("2x0xf32=[][]");
  EXPECT_EQ(formatTensorLiteral(b), "2x0xf32=[][]");
  // Regression (fuzz_tensor_literal): huge outer extents of an empty tensor
  // print no groups, at once, and parse back.
  Buffer c = parseOrDie("7777777777x0xf64=");
  EXPECT_EQ(formatTensorLiteral(c), "7777777777x0xf64=");
  EXPECT_EQ(parseOrDie(formatTensorLiteral(c)).shape(), c.shape());
}

TEST(TensorLiteralTest, FormatsLikeIree) {
  EXPECT_EQ(formatTensorLiteral(parseOrDie("2x3xf32=1 2 3 4 5 6")),
            "2x3xf32=[1 2 3][4 5 6]");
  EXPECT_EQ(formatTensorLiteral(parseOrDie("3xi32=1 -2 3")), "3xi32=1 -2 3");
  EXPECT_EQ(formatTensorLiteral(parseOrDie("f32=3.5")), "f32=3.5");
  EXPECT_EQ(formatTensorLiteral(parseOrDie("2x2x2xi8=1 2 3 4 5 6 7 8")),
            "2x2x2xi8=[[1 2][3 4]][[5 6][7 8]]");
  EXPECT_EQ(formatTensorLiteral(parseOrDie("4xi1=true false 1 0")),
            "4xi1=1 0 1 0");
  EXPECT_EQ(formatTensorLiteral(parseOrDie("2xui8=0 255")), "2xui8=0 255");
  EXPECT_EQ(formatTensorLiteral(parseOrDie("2xf32=0.1 1e20")),
            "2xf32=0.100000001 1.00000002e+20");
  EXPECT_EQ(formatTensorLiteral(parseOrDie("f64=0.1")),
            "f64=0.10000000000000001");
  EXPECT_EQ(formatTensorLiteral(parseOrDie("3xf32=inf -inf nan")),
            "3xf32=inf -inf nan");
  EXPECT_EQ(formatTensorLiteral(Buffer()), "0xf32=");
}

TEST(TensorLiteralTest, FormatsNonCanonicalBooleansAsOne) {
  absl::StatusOr<Buffer> b = Buffer::allocate(DType::I1, {2});
  ASSERT_TRUE(b.ok());
  b->dataAs<uint8_t>()[0] = 7; // Garbage written by foreign code.
  EXPECT_EQ(formatTensorLiteral(*b), "2xi1=1 0");
}

// One literal per dtype, covering its extremes; format must reproduce it
// and parsing the formatted text must reproduce the bytes.
struct DTypeCase {
  const char *name;
  const char *literal;
  const char *formatted;
};

void PrintTo(const DTypeCase &c, std::ostream *os) { *os << c.literal; }

class TensorLiteralRoundTripTest : public ::testing::TestWithParam<DTypeCase> {
};

TEST_P(TensorLiteralRoundTripTest, ParseFormatParse) {
  Buffer a = parseOrDie(GetParam().literal);
  std::string text = formatTensorLiteral(a);
  EXPECT_EQ(text, GetParam().formatted);
  Buffer b = parseOrDie(text);
  EXPECT_TRUE(sameBytes(a, b)) << text;
}

INSTANTIATE_TEST_SUITE_P(
    EveryDType, TensorLiteralRoundTripTest,
    ::testing::Values(
        DTypeCase{"f32", "2x2xf32=1.5 -0 3.40282347e+38 1e-45",
                  "2x2xf32=[1.5 -0][3.40282347e+38 1.40129846e-45]"},
        DTypeCase{"f64", "3xf64=0.5 -1e300 4.9e-324",
                  "3xf64=0.5 -1.0000000000000001e+300 "
                  "4.9406564584124654e-324"},
        DTypeCase{"f16", "4xf16=1 -2 65504 0.1", "4xf16=1 -2 65504 0.099976"},
        DTypeCase{"bf16", "3xbf16=1 -3.5 0.1", "3xbf16=1 -3.5 0.1001"},
        DTypeCase{"i1", "3xi1=1 0 1", "3xi1=1 0 1"},
        DTypeCase{"i8", "3xi8=-128 0 127", "3xi8=-128 0 127"},
        DTypeCase{"i32", "2xi32=-2147483648 2147483647",
                  "2xi32=-2147483648 2147483647"},
        DTypeCase{"i64", "2xi64=-9223372036854775808 9223372036854775807",
                  "2xi64=-9223372036854775808 9223372036854775807"},
        DTypeCase{"ui8", "1x3xui8=0 128 255", "1x3xui8=[0 128 255]"},
        DTypeCase{"scalar", "bf16=2", "bf16=2"}),
    [](const ::testing::TestParamInfo<DTypeCase> &info) {
      return std::string(info.param.name);
    });

TEST(TensorLiteralTest, FloatsRoundTripBitExactly) {
  // Every f16 and bf16 value, and a deterministic sample of f32/f64 bits.
  for (DType dtype : {DType::F16, DType::BF16}) {
    absl::StatusOr<Buffer> all = Buffer::allocate(dtype, {65536});
    ASSERT_TRUE(all.ok());
    for (uint32_t i = 0; i < 65536; ++i) {
      uint16_t bits = static_cast<uint16_t>(i);
      // Canonical quiet NaN only: payloads do not survive text.
      float f = dtype == DType::F16 ? halfToFloat(bits) : bf16ToFloat(bits);
      if (std::isnan(f))
        bits = dtype == DType::F16 ? 0x7e00 : 0x7fc0;
      all->dataAs<uint16_t>()[i] = bits;
    }
    absl::StatusOr<Buffer> back = parseTensorLiteral(formatTensorLiteral(*all));
    ASSERT_TRUE(back.ok()) << back.status();
    EXPECT_TRUE(sameBytes(*all, *back)) << dtypeName(dtype);
  }
  uint64_t state = 12345;
  auto next = [&] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return state;
  };
  absl::StatusOr<Buffer> f32 = Buffer::allocate(DType::F32, {5000});
  absl::StatusOr<Buffer> f64 = Buffer::allocate(DType::F64, {5000});
  ASSERT_TRUE(f32.ok() && f64.ok());
  for (int i = 0; i < 5000; ++i) {
    float f = std::bit_cast<float>(static_cast<uint32_t>(next() >> 32));
    double d = std::bit_cast<double>(next());
    f32->dataAs<float>()[i] = std::isnan(f) ? 1.0f : f;
    f64->dataAs<double>()[i] = std::isnan(d) ? 1.0 : d;
  }
  for (Buffer *b : {&*f32, &*f64}) {
    absl::StatusOr<Buffer> back = parseTensorLiteral(formatTensorLiteral(*b));
    ASSERT_TRUE(back.ok()) << back.status();
    EXPECT_TRUE(sameBytes(*b, *back)) << b->shapeString();
  }
}

TEST(TensorLiteralTest, ReportsCountMismatch) {
  EXPECT_TRUE(hasError(parseTensorLiteral("2x3xf32=1 2 3 4 5"),
                       "2x3xf32: expected 6 values, got 5"));
  EXPECT_TRUE(hasError(parseTensorLiteral("2x3xf32=1 2 3 4 5 6 7"),
                       "2x3xf32: expected 6 values, got 7"));
  EXPECT_TRUE(hasError(parseTensorLiteral("2xf32="),
                       "2xf32: expected 2 values, got 0"));
  EXPECT_TRUE(
      hasError(parseTensorLiteral("f32=1 2"), "f32: expected 1 value, got 2"));
}

TEST(TensorLiteralTest, ReportsBadNumbers) {
  EXPECT_TRUE(hasError(parseTensorLiteral("2xf32=1 1.2.3"),
                       "2xf32: '1.2.3' is not a number"));
  EXPECT_TRUE(hasError(parseTensorLiteral("f64=abc"), "'abc' is not a number"));
  EXPECT_TRUE(
      hasError(parseTensorLiteral("f32=0x10"), "'0x10' is not a number"));
  EXPECT_TRUE(
      hasError(parseTensorLiteral("i32=1.5"), "'1.5' is not an integer"));
  EXPECT_TRUE(hasError(parseTensorLiteral("i32=x"), "'x' is not a number"));
  EXPECT_TRUE(hasError(parseTensorLiteral("i1=2"),
                       "'2' is not a boolean (expected 0, 1, true or false)"));
}

TEST(TensorLiteralTest, ReportsOutOfRangeValues) {
  EXPECT_TRUE(
      hasError(parseTensorLiteral("i8=128"), "'128' is out of range for i8"));
  EXPECT_TRUE(
      hasError(parseTensorLiteral("ui8=-1"), "'-1' is out of range for ui8"));
  EXPECT_TRUE(
      hasError(parseTensorLiteral("i32=2147483648"), "out of range for i32"));
  EXPECT_TRUE(hasError(parseTensorLiteral("i64=9223372036854775808"),
                       "out of range for i64"));
  EXPECT_TRUE(hasError(parseTensorLiteral("f32=1e39"),
                       "'1e39' is out of range for f32"));
  EXPECT_TRUE(
      hasError(parseTensorLiteral("f64=1e400"), "out of range for f64"));
  EXPECT_TRUE(hasError(parseTensorLiteral("f16=70000"),
                       "'70000' is out of range for f16"));
}

TEST(TensorLiteralTest, ReportsMalformedLiterals) {
  EXPECT_TRUE(hasError(parseTensorLiteral("2x3xf12=1"), "unknown dtype 'f12'"));
  EXPECT_TRUE(hasError(parseTensorLiteral("1 2 3"),
                       "invalid tensor literal '1 2 3': expected TYPE=VALUES"));
  EXPECT_TRUE(hasError(parseTensorLiteral(""), "invalid tensor literal ''"));
  EXPECT_TRUE(
      hasError(parseTensorLiteral("2xf32=[1 2"), "2xf32: unbalanced brackets"));
  EXPECT_TRUE(
      hasError(parseTensorLiteral("2xf32=1 2]"), "2xf32: unbalanced brackets"));
  EXPECT_TRUE(hasError(parseTensorLiteral("-2xf32=1"), "bad dimension '-2'"));
  EXPECT_TRUE(
      hasError(parseTensorLiteral("99999999x99999999xf32=0"), "too large"));
}

} // namespace
} // namespace genc::runtime

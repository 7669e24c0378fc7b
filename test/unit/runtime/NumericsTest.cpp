// genc_rt_check_numerics: the first non-finite value of a call becomes its
// error (read here as the calling thread's pending error).
#include "genc/runtime/Collectives.h"
#include "genc/runtime/genc_numerics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using namespace genc::runtime;

namespace {

std::string check(const void *data, int64_t count, int32_t dtype,
                  const char *label = "linalg.generic 4xf32 (1 ops) [genc.log] at m.mlir:3:8") {
  genc_rt_check_numerics(label, data, count, dtype);
  return std::string(takePendingCollectiveError().message());
}

TEST(NumericsTest, FirstNonFiniteValueOfEachFloatType) {
  float f[4] = {1, 2, std::nanf(""), INFINITY};
  EXPECT_EQ(check(f, 4, 0),
            "check-numerics: NaN in the output of linalg.generic 4xf32 (1 ops) "
            "[genc.log] at m.mlir:3:8 (element 2 of 4; the first non-finite "
            "value of this call)");
  double d[3] = {0, -std::numeric_limits<double>::infinity(), 1};
  EXPECT_NE(check(d, 3, 1).find("Inf in the output of"), std::string::npos);
  uint16_t h[3] = {0x3c00, 0x7c00, 0}; // f16: 1, +Inf, 0
  EXPECT_NE(check(h, 3, 2).find("Inf in the output of linalg.generic 4xf32 (1 ops) "
                                "[genc.log] at m.mlir:3:8 (element 1 of 3"),
            std::string::npos);
  uint16_t b[2] = {0x3f80, 0x7fc0}; // bf16: 1, NaN
  EXPECT_NE(check(b, 2, 3).find("NaN in the output of"), std::string::npos);
}

TEST(NumericsTest, FiniteDataAndEmptyBuffersPass) {
  float f[3] = {1, -2, 3.4e38f}; // near the largest finite float
  EXPECT_EQ(check(f, 3, 0), "");
  uint16_t h[2] = {0x7bff, 0xfbff}; // the largest finite f16 values
  EXPECT_EQ(check(h, 2, 2), "");
  EXPECT_EQ(check(nullptr, 3, 0), "");
  EXPECT_EQ(check(f, 0, 0), "");
  int32_t i[1] = {-1}; // not a float type: never checked
  EXPECT_EQ(check(i, 1, 6), "");
}

TEST(NumericsTest, OnlyTheFirstFindingOfACallIsKept) {
  float a[1] = {std::nanf("")}, b[1] = {INFINITY};
  genc_rt_check_numerics("first", a, 1, 0);
  genc_rt_check_numerics("second", b, 1, 0);
  std::string message(takePendingCollectiveError().message());
  EXPECT_NE(message.find("NaN in the output of first"), std::string::npos) << message;
  EXPECT_EQ(message.find("second"), std::string::npos) << message;
}

} // namespace

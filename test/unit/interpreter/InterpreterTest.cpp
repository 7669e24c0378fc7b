//===- InterpreterTest.cpp - tests of the reference interpreter -----------===//
//
// Each test parses a small genc program, runs it through the interpreter and
// compares with hand-computed values.
//
//===----------------------------------------------------------------------===//

#include "InterpreterTestUtil.h"

#include <chrono>
#include <cmath>
#include <limits>

using namespace genc_test;
using mlir::genc::interp::threefry2x32;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

/// `func.func @main(%x: T) -> T { genc.<op> }` for a unary op.
std::string unaryModule(const std::string &op, const std::string &type) {
  return "func.func @main(%x: " + type + ") -> " + type + " {\n" +
         "  %r = genc." + op + " %x : " + type + "\n" +
         "  return %r : " + type + "\n}\n";
}

/// The same for a binary op.
std::string binaryModule(const std::string &op, const std::string &type) {
  return "func.func @main(%a: " + type + ", %b: " + type + ") -> " + type +
         " {\n" + "  %r = genc." + op + " %a, %b : " + type + "\n" +
         "  return %r : " + type + "\n}\n";
}

/// rng_bit_generator with an output of `n` words.
std::string rngModule(int n) {
  std::string out = "tensor<" + std::to_string(n) + "xi32>";
  return "func.func @main(%key: tensor<2xi32>) -> (tensor<2xi32>, " + out +
         ") {\n  %k2, %bits = genc.rng_bit_generator %key : (tensor<2xi32>) "
         "-> (tensor<2xi32>, " +
         out + ")\n  return %k2, %bits : tensor<2xi32>, " + out + "\n}\n";
}

int64_t asI32(uint32_t word) { return (int32_t)word; }

//===----------------------------------------------------------------------===//
// threefry2x32 and rng_bit_generator
//===----------------------------------------------------------------------===//

TEST(Threefry, Random123KnownAnswers) {
  auto [a0, a1] = threefry2x32(0, 0, 0, 0);
  EXPECT_EQ(a0, 0x6b200159u);
  EXPECT_EQ(a1, 0x99ba4efeu);
  auto [b0, b1] =
      threefry2x32(0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu);
  EXPECT_EQ(b0, 0x1cb996fcu);
  EXPECT_EQ(b1, 0xbb002be7u);
  auto [c0, c1] =
      threefry2x32(0x13198a2eu, 0x03707344u, 0x243f6a88u, 0x85a308d3u);
  EXPECT_EQ(c0, 0xc4923a9cu);
  EXPECT_EQ(c1, 0x483df7a0u);
}

TEST_F(InterpreterTest, RngBitGeneratorMatchesJaxSplitOfKeyZero) {
  // jax.random.split(jax.random.PRNGKey(0)) is threefry_2x32((0, 0),
  // iota(4)) = [[4146024105, 967050713], [2718843009, 1272950319]].
  auto results = run(R"mlir(
func.func @main(%key: tensor<2xi32>) -> (tensor<2xi32>, tensor<2x2xi32>) {
  %k2, %bits = genc.rng_bit_generator %key : (tensor<2xi32>) -> (tensor<2xi32>, tensor<2x2xi32>)
  return %k2, %bits : tensor<2xi32>, tensor<2x2xi32>
})mlir",
                     {ints(i(32), {2}, {0, 0})});
  ASSERT_EQ(results.size(), 2u);
  expectInts(results[1], {asI32(4146024105u), asI32(967050713u),
                          asI32(2718843009u), asI32(1272950319u)});
  auto [k0, k1] = threefry2x32(0, 0, 4, 5);
  expectInts(results[0], {asI32(k0), asI32(k1)});
}

TEST_F(InterpreterTest, RngBitGeneratorWordPairsAndOddSizes) {
  uint32_t key0 = 0x13198a2e, key1 = 0x03707344;
  RefTensor key = ints(i(32), {2}, {asI32(key0), asI32(key1)});

  // Two outputs: one word pair, hashing the counters (0, 1).
  auto two = run(rngModule(2), {key});
  ASSERT_EQ(two.size(), 2u);
  auto [p0, p1] = threefry2x32(key0, key1, 0, 1);
  expectInts(two[1], {asI32(p0), asI32(p1)});
  auto [n0, n1] = threefry2x32(key0, key1, 2, 3);
  expectInts(two[0], {asI32(n0), asI32(n1)});

  // Three outputs: counters [0, 1, 2] padded with 0 to [0, 1 | 2, 0].
  auto three = run(rngModule(3), {key});
  ASSERT_EQ(three.size(), 2u);
  auto [x0, y0] = threefry2x32(key0, key1, 0, 2);
  auto [x1, y1] = threefry2x32(key0, key1, 1, 0);
  (void)y1;
  expectInts(three[1], {asI32(x0), asI32(x1), asI32(y0)});
  auto [m0, m1] = threefry2x32(key0, key1, 4, 5);
  expectInts(three[0], {asI32(m0), asI32(m1)});
}

//===----------------------------------------------------------------------===//
// Elementwise ops
//===----------------------------------------------------------------------===//

TEST_F(InterpreterTest, FloatUnaryOpsRoundToF32) {
  std::vector<double> in = {0.5, 1.5, 2.0, 3.25};
  struct Case {
    const char *op;
    double (*fn)(double);
  } cases[] = {
      {"exp", [](double x) { return std::exp(x); }},
      {"log", [](double x) { return std::log(x); }},
      {"log1p", [](double x) { return std::log1p(x); }},
      {"expm1", [](double x) { return std::expm1(x); }},
      {"sqrt", [](double x) { return std::sqrt(x); }},
      {"rsqrt", [](double x) { return 1 / std::sqrt(x); }},
      {"tanh", [](double x) { return std::tanh(x); }},
      {"logistic", [](double x) { return 1 / (1 + std::exp(-x)); }},
      {"sin", [](double x) { return std::sin(x); }},
      {"cos", [](double x) { return std::cos(x); }},
      {"floor", [](double x) { return std::floor(x); }},
      {"neg", [](double x) { return -x; }},
      {"abs", [](double x) { return std::fabs(x); }},
  };
  for (const Case &c : cases) {
    SCOPED_TRACE(c.op);
    auto r = run(unaryModule(c.op, "tensor<4xf32>"), {floats(f32(), {4}, in)});
    ASSERT_EQ(r.size(), 1u);
    std::vector<double> expected;
    for (double x : in)
      expected.push_back((double)(float)c.fn(x));
    expectFloats(r[0], expected);
  }
}

TEST_F(InterpreterTest, SignKeepsNaNAndSignedZero) {
  auto r = run(unaryModule("sign", "tensor<6xf32>"),
               {floats(f32(), {6}, {-3.5, -0.0, 0.0, 2.0, kNaN, -kInf})});
  ASSERT_EQ(r.size(), 1u);
  expectFloats(r[0], {-1.0, -0.0, 0.0, 1.0, kNaN, -1.0});
  EXPECT_TRUE(std::signbit(r[0].floats[1]));
  EXPECT_FALSE(std::signbit(r[0].floats[2]));

  auto n =
      run(unaryModule("sign", "tensor<3xi32>"), {ints(i(32), {3}, {-7, 0, 9})});
  ASSERT_EQ(n.size(), 1u);
  expectInts(n[0], {-1, 0, 1});
}

TEST_F(InterpreterTest, MaxMinPropagateNaN) {
  RefTensor a = floats(f32(), {4}, {1.0, kNaN, 3.0, -0.0});
  RefTensor b = floats(f32(), {4}, {2.0, 5.0, kNaN, 0.0});
  auto mx = run(binaryModule("max", "tensor<4xf32>"), {a, b});
  ASSERT_EQ(mx.size(), 1u);
  expectFloats(mx[0], {2.0, kNaN, kNaN, 0.0});
  EXPECT_FALSE(std::signbit(mx[0].floats[3]));
  auto mn = run(binaryModule("min", "tensor<4xf32>"), {a, b});
  ASSERT_EQ(mn.size(), 1u);
  expectFloats(mn[0], {1.0, kNaN, kNaN, -0.0});
  EXPECT_TRUE(std::signbit(mn[0].floats[3]));
}

TEST_F(InterpreterTest, IntegerDivRemFollowStableHLO) {
  RefTensor a = ints(i(32), {6}, {7, -7, 7, 5, INT32_MIN, INT32_MIN});
  RefTensor b = ints(i(32), {6}, {2, 2, -2, 0, -1, 0});
  auto q = run(binaryModule("div", "tensor<6xi32>"), {a, b});
  ASSERT_EQ(q.size(), 1u);
  expectInts(q[0], {3, -3, -3, -1, INT32_MIN, -1});
  auto r = run(binaryModule("rem", "tensor<6xi32>"), {a, b});
  ASSERT_EQ(r.size(), 1u);
  expectInts(r[0], {1, -1, 1, 5, 0, INT32_MIN});

  // i64: INT64_MIN / -1 wraps to INT64_MIN instead of trapping.
  RefTensor c = ints(i(64), {2}, {INT64_MIN, 9});
  RefTensor d = ints(i(64), {2}, {-1, 0});
  auto q64 = run(binaryModule("div", "tensor<2xi64>"), {c, d});
  ASSERT_EQ(q64.size(), 1u);
  expectInts(q64[0], {INT64_MIN, -1});
}

TEST_F(InterpreterTest, IntegerArithmeticWraps) {
  auto add = run(binaryModule("add", "tensor<2xi8>"),
                 {ints(i(8), {2}, {100, -128}), ints(i(8), {2}, {100, -1})});
  ASSERT_EQ(add.size(), 1u);
  expectInts(add[0], {-56, 127});
  auto mul = run(binaryModule("mul", "tensor<1xi32>"),
                 {ints(i(32), {1}, {65536}), ints(i(32), {1}, {65536})});
  ASSERT_EQ(mul.size(), 1u);
  expectInts(mul[0], {0});
  auto neg =
      run(unaryModule("neg", "tensor<2xi8>"), {ints(i(8), {2}, {-128, 5})});
  ASSERT_EQ(neg.size(), 1u);
  expectInts(neg[0], {-128, -5});
  auto band =
      run(binaryModule("and", "tensor<4xi1>"),
          {ints(i(1), {4}, {0, 0, 1, 1}), ints(i(1), {4}, {0, 1, 0, 1})});
  ASSERT_EQ(band.size(), 1u);
  expectInts(band[0], {0, 0, 0, 1});
  auto bor =
      run(binaryModule("or", "tensor<4xi1>"),
          {ints(i(1), {4}, {0, 0, 1, 1}), ints(i(1), {4}, {0, 1, 0, 1})});
  ASSERT_EQ(bor.size(), 1u);
  expectInts(bor[0], {0, 1, 1, 1});
}

TEST_F(InterpreterTest, FloatsRoundToTheirType) {
  // 1e8 + 1 is not an f32: it rounds back to 1e8 (but not in f64).
  auto r32 = run(binaryModule("add", "tensor<1xf32>"),
                 {floats(f32(), {1}, {1e8}), floats(f32(), {1}, {1.0})});
  ASSERT_EQ(r32.size(), 1u);
  expectFloats(r32[0], {1e8});
  auto r64 = run(binaryModule("add", "tensor<1xf64>"),
                 {floats(f64(), {1}, {1e8}), floats(f64(), {1}, {1.0})});
  ASSERT_EQ(r64.size(), 1u);
  expectFloats(r64[0], {1e8 + 1});
  // f16: 2048 + 1 rounds to even (2048); 2048 + 3 rounds to 2052.
  auto r16 =
      run(binaryModule("add", "tensor<2xf16>"),
          {floats(f16(), {2}, {2048, 2048}), floats(f16(), {2}, {1, 3})});
  ASSERT_EQ(r16.size(), 1u);
  expectFloats(r16[0], {2048, 2052});
  // bf16 has 8 significant bits: 256 + 1 = 256, 1/3 rounds to 0x3EAB.
  auto rb = run(binaryModule("div", "tensor<2xbf16>"),
                {floats(bf16(), {2}, {257, 1}), floats(bf16(), {2}, {1, 3})});
  ASSERT_EQ(rb.size(), 1u);
  expectFloats(rb[0], {256, 0.333984375});
  // f32 overflow gives infinity.
  auto inf = run(binaryModule("mul", "tensor<1xf32>"),
                 {floats(f32(), {1}, {3e38}), floats(f32(), {1}, {10})});
  ASSERT_EQ(inf.size(), 1u);
  expectFloats(inf[0], {kInf});
}

TEST_F(InterpreterTest, FloatRemAndPow) {
  auto r = run(binaryModule("rem", "tensor<3xf32>"),
               {floats(f32(), {3}, {5.5, -5.5, 1.0}),
                floats(f32(), {3}, {2.0, 2.0, 0.0})});
  ASSERT_EQ(r.size(), 1u);
  expectFloats(r[0], {1.5, -1.5, kNaN});
  auto p = run(binaryModule("pow", "tensor<2xf32>"),
               {floats(f32(), {2}, {2.0, 9.0}), floats(f32(), {2}, {10, 0.5})});
  ASSERT_EQ(p.size(), 1u);
  expectFloats(p[0], {1024, 3});
}

TEST_F(InterpreterTest, CompareSelectClamp) {
  const char *source = R"mlir(
func.func @main(%a: tensor<4xf32>, %b: tensor<4xf32>) -> (tensor<4xi1>, tensor<4xi1>, tensor<4xf32>) {
  %ne = genc.compare NE, %a, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %lt = genc.compare LT, %a, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %s = genc.select %lt, %a, %b : tensor<4xi1>, tensor<4xf32>
  return %ne, %lt, %s : tensor<4xi1>, tensor<4xi1>, tensor<4xf32>
})mlir";
  auto r = run(source, {floats(f32(), {4}, {1, 2, kNaN, 4}),
                        floats(f32(), {4}, {1, 3, 0, 3})});
  ASSERT_EQ(r.size(), 3u);
  expectInts(r[0], {0, 1, 1, 1});
  expectInts(r[1], {0, 1, 0, 0});
  expectFloats(r[2], {1, 2, 0, 3});

  // i1 compares unsigned (true > false); integers compare signed.
  auto b = run(R"mlir(
func.func @main(%a: tensor<2xi1>, %b: tensor<2xi1>, %c: tensor<1xi8>, %d: tensor<1xi8>) -> (tensor<2xi1>, tensor<1xi1>) {
  %gt = genc.compare GT, %a, %b : (tensor<2xi1>, tensor<2xi1>) -> tensor<2xi1>
  %lt = genc.compare LT, %c, %d : (tensor<1xi8>, tensor<1xi8>) -> tensor<1xi1>
  return %gt, %lt : tensor<2xi1>, tensor<1xi1>
})mlir",
               {ints(i(1), {2}, {1, 0}), ints(i(1), {2}, {0, 1}),
                ints(i(8), {1}, {-1}), ints(i(8), {1}, {1})});
  ASSERT_EQ(b.size(), 2u);
  expectInts(b[0], {1, 0});
  expectInts(b[1], {1});

  auto c = run(R"mlir(
func.func @main(%lo: tensor<4xf32>, %x: tensor<4xf32>, %hi: tensor<4xf32>) -> tensor<4xf32> {
  %r = genc.clamp %lo, %x, %hi : tensor<4xf32>
  return %r : tensor<4xf32>
})mlir",
               {floats(f32(), {4}, {0, 0, 0, 0}),
                floats(f32(), {4}, {-1, 0.5, 7, kNaN}),
                floats(f32(), {4}, {1, 1, 1, 1})});
  ASSERT_EQ(c.size(), 1u);
  expectFloats(c[0], {0, 0.5, 1, kNaN});
}

TEST_F(InterpreterTest, Convert) {
  auto r = run(R"mlir(
func.func @main(%x: tensor<7xf32>) -> (tensor<7xi32>, tensor<7xi1>, tensor<7xi8>) {
  %a = genc.convert %x : (tensor<7xf32>) -> tensor<7xi32>
  %b = genc.convert %x : (tensor<7xf32>) -> tensor<7xi1>
  %c = genc.convert %x : (tensor<7xf32>) -> tensor<7xi8>
  return %a, %b, %c : tensor<7xi32>, tensor<7xi1>, tensor<7xi8>
})mlir",
               {floats(f32(), {7}, {2.9, -2.9, 0.0, 0.25, 1e10, -1e10, kNaN})});
  ASSERT_EQ(r.size(), 3u);
  // Truncation toward zero, saturation, NaN -> 0.
  expectInts(r[0], {2, -2, 0, 0, INT32_MAX, INT32_MIN, 0});
  // To i1: != 0 (NaN != 0).
  expectInts(r[1], {1, 1, 0, 1, 1, 1, 1});
  expectInts(r[2], {2, -2, 0, 0, 127, -128, 0});

  auto s = run(R"mlir(
func.func @main(%x: tensor<3xi32>, %p: tensor<2xi1>, %big: tensor<1xi64>, %h: tensor<1xf32>) -> (tensor<3xi1>, tensor<2xi32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf16>, tensor<3xi8>) {
  %a = genc.convert %x : (tensor<3xi32>) -> tensor<3xi1>
  %b = genc.convert %p : (tensor<2xi1>) -> tensor<2xi32>
  %c = genc.convert %p : (tensor<2xi1>) -> tensor<2xf32>
  %d = genc.convert %big : (tensor<1xi64>) -> tensor<1xf32>
  %e = genc.convert %h : (tensor<1xf32>) -> tensor<1xf16>
  %f = genc.convert %x : (tensor<3xi32>) -> tensor<3xi8>
  return %a, %b, %c, %d, %e, %f : tensor<3xi1>, tensor<2xi32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf16>, tensor<3xi8>
})mlir",
               {ints(i(32), {3}, {0, 2, -256}), ints(i(1), {2}, {1, 0}),
                // 2^60 + 2^36 + 1: just above the midpoint of two f32s. A
                // detour through double would round to the midpoint and then
                // to even (2^60); one rounding gives 2^60 + 2^37.
                ints(i(64), {1}, {(int64_t(1) << 60) + (int64_t(1) << 36) + 1}),
                floats(f32(), {1}, {1.0 + 1.0 / 2048})});
  ASSERT_EQ(s.size(), 6u);
  expectInts(s[0], {0, 1, 1});
  expectInts(s[1], {1, 0});
  expectFloats(s[2], {1, 0});
  expectFloats(s[3], {std::ldexp(1.0, 60) + std::ldexp(1.0, 37)});
  expectFloats(s[4], {1.0}); // The tie rounds to even.
  expectInts(s[5], {0, 2, 0});
}

//===----------------------------------------------------------------------===//
// Shape and layout ops
//===----------------------------------------------------------------------===//

TEST_F(InterpreterTest, IotaBroadcastReshapeTranspose) {
  auto r = run(R"mlir(
func.func @main(%v: tensor<3xf32>, %s: tensor<2x1xf32>) -> (tensor<2x3xi32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<3x2xi32>, tensor<6xi32>, tensor<2x3xf32>) {
  %i = genc.iota dim = 1 : tensor<2x3xi32>
  %f = genc.iota dim = 0 : tensor<2x3xf32>
  %b = genc.broadcast_in_dim %v, dims = [1] : (tensor<3xf32>) -> tensor<2x3xf32>
  %t = genc.transpose %i, dims = [1, 0] : (tensor<2x3xi32>) -> tensor<3x2xi32>
  %r = genc.reshape %t : (tensor<3x2xi32>) -> tensor<6xi32>
  %e = genc.broadcast_in_dim %s, dims = [0, 1] : (tensor<2x1xf32>) -> tensor<2x3xf32>
  return %i, %f, %b, %t, %r, %e : tensor<2x3xi32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<3x2xi32>, tensor<6xi32>, tensor<2x3xf32>
})mlir",
               {floats(f32(), {3}, {1, 2, 3}), floats(f32(), {2, 1}, {7, 8})});
  ASSERT_EQ(r.size(), 6u);
  expectInts(r[0], {0, 1, 2, 0, 1, 2});
  expectFloats(r[1], {0, 0, 0, 1, 1, 1});
  expectFloats(r[2], {1, 2, 3, 1, 2, 3});
  expectInts(r[3], {0, 0, 1, 1, 2, 2});
  expectInts(r[4], {0, 0, 1, 1, 2, 2});
  EXPECT_EQ(r[4].shape, llvm::SmallVector<int64_t>({6}));
  expectFloats(r[5], {7, 7, 7, 8, 8, 8});
}

TEST_F(InterpreterTest, Transpose3D) {
  // result[i, j, k] = x[j, k, i] for permutation [2, 0, 1].
  std::vector<int64_t> x(24);
  for (int k = 0; k < 24; ++k)
    x[k] = k;
  auto r = run(R"mlir(
func.func @main(%x: tensor<2x3x4xi32>) -> tensor<4x2x3xi32> {
  %t = genc.transpose %x, dims = [2, 0, 1] : (tensor<2x3x4xi32>) -> tensor<4x2x3xi32>
  return %t : tensor<4x2x3xi32>
})mlir",
               {ints(i(32), {2, 3, 4}, x)});
  ASSERT_EQ(r.size(), 1u);
  std::vector<int64_t> expected;
  for (int a = 0; a < 4; ++a)
    for (int b = 0; b < 2; ++b)
      for (int c = 0; c < 3; ++c)
        expected.push_back(b * 12 + c * 4 + a);
  expectInts(r[0], expected);
}

TEST_F(InterpreterTest, SliceAndDynamicSlice) {
  std::vector<int64_t> x(16);
  for (int k = 0; k < 16; ++k)
    x[k] = k;
  auto r = run(
      R"mlir(
func.func @main(%x: tensor<4x4xi32>, %i: tensor<i32>, %j: tensor<i64>) -> (tensor<2x2xi32>, tensor<2x3xi32>) {
  %s = genc.slice %x start = [0, 1] limit = [4, 4] strides = [2, 2] : (tensor<4x4xi32>) -> tensor<2x2xi32>
  %d = genc.dynamic_slice %x, %i, %j sizes = [2, 3] : (tensor<4x4xi32>, tensor<i32>, tensor<i64>) -> tensor<2x3xi32>
  return %s, %d : tensor<2x2xi32>, tensor<2x3xi32>
})mlir",
      {ints(i(32), {4, 4}, x), ints(i(32), {}, {3}), ints(i(64), {}, {-5})});
  ASSERT_EQ(r.size(), 2u);
  expectInts(r[0], {1, 3, 9, 11});
  // Starts clamp to (2, 0).
  expectInts(r[1], {8, 9, 10, 12, 13, 14});
}

TEST_F(InterpreterTest, ConcatenatePadReverse) {
  auto r =
      run(R"mlir(
func.func @main(%a: tensor<1x2xf32>, %b: tensor<2x2xf32>, %v: tensor<3xf32>, %z: tensor<f32>) -> (tensor<3x2xf32>, tensor<2x3xf32>, tensor<8xf32>, tensor<3xf32>, tensor<2x2xf32>) {
  %c = genc.concatenate %a, %b dim = 0 : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<3x2xf32>
  %c1 = genc.concatenate %a, %a, %a dim = 0 : (tensor<1x2xf32>, tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<3x2xf32>
  %t = genc.transpose %c1, dims = [1, 0] : (tensor<3x2xf32>) -> tensor<2x3xf32>
  %p = genc.pad %v, %z low = [1] high = [2] interior = [1] : (tensor<3xf32>, tensor<f32>) -> tensor<8xf32>
  %n = genc.pad %v, %z low = [-2] high = [0] interior = [1] : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
  %r = genc.reverse %b, dims = [0, 1] : tensor<2x2xf32>
  return %c, %t, %p, %n, %r : tensor<3x2xf32>, tensor<2x3xf32>, tensor<8xf32>, tensor<3xf32>, tensor<2x2xf32>
})mlir",
          {floats(f32(), {1, 2}, {1, 2}), floats(f32(), {2, 2}, {3, 4, 5, 6}),
           floats(f32(), {3}, {1, 2, 3}), floats(f32(), {}, {-1})});
  ASSERT_EQ(r.size(), 5u);
  expectFloats(r[0], {1, 2, 3, 4, 5, 6});
  expectFloats(r[1], {1, 1, 1, 2, 2, 2});
  // [_, 1, _, 2, _, 3, _, _] with _ = -1.
  expectFloats(r[2], {-1, 1, -1, 2, -1, 3, -1, -1});
  // Interior-padded [1, _, 2, _, 3] minus its first two elements.
  expectFloats(r[3], {2, -1, 3});
  expectFloats(r[4], {6, 5, 4, 3});
}

TEST_F(InterpreterTest, Pad2DWithNegativeHighEdge) {
  auto r = run(R"mlir(
func.func @main(%x: tensor<2x2xi32>, %z: tensor<i32>) -> tensor<4x3xi32> {
  %p = genc.pad %x, %z low = [1, 0] high = [0, -1] interior = [1, 2] : (tensor<2x2xi32>, tensor<i32>) -> tensor<4x3xi32>
  return %p : tensor<4x3xi32>
})mlir",
               {ints(i(32), {2, 2}, {1, 2, 3, 4}), ints(i(32), {}, {0})});
  ASSERT_EQ(r.size(), 1u);
  // Rows: pad, [1,0,0,2] cut to 3, pad, [3,0,0,4] cut to 3.
  expectInts(r[0], {0, 0, 0, 1, 0, 0, 0, 0, 0, 3, 0, 0});
}

//===----------------------------------------------------------------------===//
// Reductions and contractions
//===----------------------------------------------------------------------===//

TEST_F(InterpreterTest, ReduceWithMaxBody) {
  auto r = run(R"mlir(
func.func @main(%x: tensor<2x3xf32>, %init: tensor<f32>) -> (tensor<2xf32>, tensor<3xf32>) {
  %m = genc.reduce %x, %init dims = [1] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %t = genc.max %a, %b : tensor<f32>
    genc.return %t : tensor<f32>
  }
  %n = genc.reduce %x, %init dims = [0] : (tensor<2x3xf32>, tensor<f32>) -> tensor<3xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %t = genc.max %a, %b : tensor<f32>
    genc.return %t : tensor<f32>
  }
  return %m, %n : tensor<2xf32>, tensor<3xf32>
})mlir",
               {floats(f32(), {2, 3}, {1, 5, -2, 7, kNaN, 0}),
                floats(f32(), {}, {-kInf})});
  ASSERT_EQ(r.size(), 2u);
  expectFloats(r[0], {5, kNaN});
  expectFloats(r[1], {7, kNaN, 0});
}

TEST_F(InterpreterTest, ReduceVisitsElementsInRowMajorOrder) {
  // acc = acc * 10 + x spells the visiting order as decimal digits.
  auto r = run(
      R"mlir(
func.func @main(%x: tensor<2x2x2xi64>, %init: tensor<i64>) -> (tensor<i64>, tensor<2xi64>) {
  %all = genc.reduce %x, %init dims = [0, 1, 2] : (tensor<2x2x2xi64>, tensor<i64>) -> tensor<i64> {
  ^bb0(%a: tensor<i64>, %b: tensor<i64>):
    %ten = genc.constant dense<10> : tensor<i64>
    %s = genc.mul %a, %ten : tensor<i64>
    %t = genc.add %s, %b : tensor<i64>
    genc.return %t : tensor<i64>
  }
  %outer = genc.reduce %x, %init dims = [0, 2] : (tensor<2x2x2xi64>, tensor<i64>) -> tensor<2xi64> {
  ^bb0(%a: tensor<i64>, %b: tensor<i64>):
    %ten = genc.constant dense<10> : tensor<i64>
    %s = genc.mul %a, %ten : tensor<i64>
    %t = genc.add %s, %b : tensor<i64>
    genc.return %t : tensor<i64>
  }
  return %all, %outer : tensor<i64>, tensor<2xi64>
})mlir",
      {ints(i(64), {2, 2, 2}, {1, 2, 3, 4, 5, 6, 7, 8}), ints(i(64), {}, {0})});
  ASSERT_EQ(r.size(), 2u);
  expectInts(r[0], {12345678});
  expectInts(r[1], {1256, 3478});
}

TEST_F(InterpreterTest, ReduceSumOfAMillionElements) {
  std::vector<double> ones(1 << 20, 1.0);
  auto start = std::chrono::steady_clock::now();
  auto r = run(R"mlir(
func.func @main(%x: tensor<1024x1024xf32>, %init: tensor<f32>) -> tensor<f32> {
  %s = genc.reduce %x, %init dims = [0, 1] : (tensor<1024x1024xf32>, tensor<f32>) -> tensor<f32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %t = genc.add %a, %b : tensor<f32>
    genc.return %t : tensor<f32>
  }
  return %s : tensor<f32>
})mlir",
               {floats(f32(), {1024, 1024}, ones), floats(f32(), {}, {0})});
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  ASSERT_EQ(r.size(), 1u);
  expectFloats(r[0], {1 << 20});
  EXPECT_LT(seconds, 30.0) << "a 1M-element reduce should stay usable";
}

TEST_F(InterpreterTest, DotGeneralMatmulAndBatch) {
  auto r = run(R"mlir(
func.func @main(%a: tensor<2x3xf32>, %b: tensor<3x2xf32>, %x: tensor<2x2x3xf32>, %y: tensor<2x3x1xf32>) -> (tensor<2x2xf32>, tensor<2x2x1xf32>) {
  %m = genc.dot_general %a, %b, batch = [] x [], contract = [1] x [0] : (tensor<2x3xf32>, tensor<3x2xf32>) -> tensor<2x2xf32>
  %n = genc.dot_general %x, %y, batch = [0] x [0], contract = [2] x [1] : (tensor<2x2x3xf32>, tensor<2x3x1xf32>) -> tensor<2x2x1xf32>
  return %m, %n : tensor<2x2xf32>, tensor<2x2x1xf32>
})mlir",
               {floats(f32(), {2, 3}, {1, 2, 3, 4, 5, 6}),
                floats(f32(), {3, 2}, {7, 8, 9, 10, 11, 12}),
                floats(f32(), {2, 2, 3}, {1, 2, 3, 4, 5, 6, 1, 0, 0, 0, 1, 0}),
                floats(f32(), {2, 3, 1}, {1, 1, 1, 5, 6, 7})});
  ASSERT_EQ(r.size(), 2u);
  expectFloats(r[0], {58, 64, 139, 154});
  expectFloats(r[1], {6, 15, 5, 6});
}

TEST_F(InterpreterTest, DotGeneralContractsLeadingDimsAndWrapsIntegers) {
  // lhs 3x2 contracted over dim 0 with rhs 3x2 over dim 0: lhs^T rhs.
  auto r = run(R"mlir(
func.func @main(%a: tensor<3x2xi8>, %b: tensor<3x2xi8>) -> tensor<2x2xi8> {
  %m = genc.dot_general %a, %b, batch = [] x [], contract = [0] x [0] : (tensor<3x2xi8>, tensor<3x2xi8>) -> tensor<2x2xi8>
  return %m : tensor<2x2xi8>
})mlir",
               {ints(i(8), {3, 2}, {100, 1, 100, 2, 0, 3}),
                ints(i(8), {3, 2}, {1, 1, 1, 2, 1, 3})});
  ASSERT_EQ(r.size(), 1u);
  // [[200, 300], [6, 14]] wrapped to i8.
  expectInts(r[0], {-56, 44, 6, 14});
}

TEST_F(InterpreterTest, DotGeneralAccumulatesInDoubleAndRoundsOnce) {
  // 1e8 plus eight ones in f32 steps would stay 1e8 (1e8 + 1 rounds back);
  // accumulated in double it is 100000008, an f32.
  auto r = run(R"mlir(
func.func @main(%a: tensor<9xf32>, %b: tensor<9xf32>) -> tensor<f32> {
  %m = genc.dot_general %a, %b, batch = [] x [], contract = [0] x [0] : (tensor<9xf32>, tensor<9xf32>) -> tensor<f32>
  return %m : tensor<f32>
})mlir",
               {floats(f32(), {9}, {1e8, 1, 1, 1, 1, 1, 1, 1, 1}),
                floats(f32(), {9}, {1, 1, 1, 1, 1, 1, 1, 1, 1})});
  ASSERT_EQ(r.size(), 1u);
  expectFloats(r[0], {100000008});
}

//===----------------------------------------------------------------------===//
// Indexing
//===----------------------------------------------------------------------===//

TEST_F(InterpreterTest, GatherClampsIndices) {
  auto r = run(R"mlir(
func.func @main(%t: tensor<3x2xf32>, %i: tensor<2x2xi32>) -> (tensor<2x2x2xf32>, tensor<3x2x2xf32>) {
  %g = genc.gather %t, %i axis = 0 : (tensor<3x2xf32>, tensor<2x2xi32>) -> tensor<2x2x2xf32>
  %h = genc.gather %t, %i axis = 1 : (tensor<3x2xf32>, tensor<2x2xi32>) -> tensor<3x2x2xf32>
  return %g, %h : tensor<2x2x2xf32>, tensor<3x2x2xf32>
})mlir",
               {floats(f32(), {3, 2}, {0, 1, 10, 11, 20, 21}),
                ints(i(32), {2, 2}, {2, 0, -4, 9})});
  ASSERT_EQ(r.size(), 2u);
  // Rows 2, 0, 0 (clamped), 2 (clamped).
  expectFloats(r[0], {20, 21, 0, 1, 0, 1, 20, 21});
  // Columns 1 (clamped from 2), 0, 0, 1 for each row.
  expectFloats(r[1], {1, 0, 0, 1, 11, 10, 10, 11, 21, 20, 20, 21});
}

TEST_F(InterpreterTest, ScatterAddAccumulatesAndDropsOutOfRange) {
  auto r = run(R"mlir(
func.func @main(%acc: tensor<3x2xf32>, %i: tensor<4xi64>, %u: tensor<4x2xf32>) -> tensor<3x2xf32> {
  %s = genc.scatter_add %acc, %i, %u axis = 0 : (tensor<3x2xf32>, tensor<4xi64>, tensor<4x2xf32>) -> tensor<3x2xf32>
  return %s : tensor<3x2xf32>
})mlir",
               {floats(f32(), {3, 2}, {1, 1, 1, 1, 1, 1}),
                ints(i(64), {4}, {2, 0, 2, 3}),
                floats(f32(), {4, 2}, {1, 2, 10, 20, 100, 200, 1000, 2000})});
  ASSERT_EQ(r.size(), 1u);
  expectFloats(r[0], {11, 21, 1, 1, 102, 203});

  auto a = run(R"mlir(
func.func @main(%acc: tensor<2x3xi32>, %i: tensor<2xi32>, %u: tensor<2x2xi32>) -> tensor<2x3xi32> {
  %s = genc.scatter_add %acc, %i, %u axis = 1 : (tensor<2x3xi32>, tensor<2xi32>, tensor<2x2xi32>) -> tensor<2x3xi32>
  return %s : tensor<2x3xi32>
})mlir",
               {ints(i(32), {2, 3}, {0, 0, 0, 0, 0, 0}),
                ints(i(32), {2}, {1, -1}), ints(i(32), {2, 2}, {5, 6, 7, 8})});
  ASSERT_EQ(a.size(), 1u);
  expectInts(a[0], {0, 5, 0, 0, 7, 0});
}

//===----------------------------------------------------------------------===//
// Control flow, calls and constants
//===----------------------------------------------------------------------===//

TEST_F(InterpreterTest, WhileLoopSums) {
  // sum of 0..9, with the bound captured from above the loop.
  auto r = run(R"mlir(
func.func @main(%n: tensor<i32>) -> (tensor<i32>, tensor<i32>) {
  %zero = genc.constant dense<0> : tensor<i32>
  %one = genc.constant dense<1> : tensor<i32>
  %i, %s = genc.while (%i0 = %zero, %s0 = %zero) : tensor<i32>, tensor<i32> cond {
    %p = genc.compare LT, %i0, %n : (tensor<i32>, tensor<i32>) -> tensor<i1>
    genc.return %p : tensor<i1>
  } do {
  ^bb0(%i1: tensor<i32>, %s1: tensor<i32>):
    %s2 = genc.add %s1, %i1 : tensor<i32>
    %i2 = genc.add %i1, %one : tensor<i32>
    genc.return %i2, %s2 : tensor<i32>, tensor<i32>
  }
  return %i, %s : tensor<i32>, tensor<i32>
})mlir",
               {ints(i(32), {}, {10})});
  ASSERT_EQ(r.size(), 2u);
  expectInts(r[0], {10});
  expectInts(r[1], {45});
}

TEST_F(InterpreterTest, IfChoosesABranch) {
  const char *source = R"mlir(
func.func @main(%p: tensor<i1>, %a: tensor<2xf32>, %b: tensor<2xf32>) -> tensor<2xf32> {
  %r = genc.if %p : tensor<i1> -> tensor<2xf32> {
    %t = genc.add %a, %b : tensor<2xf32>
    genc.return %t : tensor<2xf32>
  } else {
    %t = genc.sub %a, %b : tensor<2xf32>
    genc.return %t : tensor<2xf32>
  }
  return %r : tensor<2xf32>
})mlir";
  RefTensor a = floats(f32(), {2}, {5, 6}), b = floats(f32(), {2}, {1, 2});
  auto t = run(source, {ints(i(1), {}, {1}), a, b});
  ASSERT_EQ(t.size(), 1u);
  expectFloats(t[0], {6, 8});
  auto e = run(source, {ints(i(1), {}, {0}), a, b});
  ASSERT_EQ(e.size(), 1u);
  expectFloats(e[0], {4, 4});
}

TEST_F(InterpreterTest, RecursiveCallsAndArithConstant) {
  // factorial(n) by recursion through genc.if.
  auto r = run(R"mlir(
func.func @fact(%n: tensor<i64>) -> tensor<i64> {
  %one = arith.constant dense<1> : tensor<i64>
  %p = genc.compare LE, %n, %one : (tensor<i64>, tensor<i64>) -> tensor<i1>
  %r = genc.if %p : tensor<i1> -> tensor<i64> {
    genc.return %one : tensor<i64>
  } else {
    %m = genc.sub %n, %one : tensor<i64>
    %f = func.call @fact(%m) : (tensor<i64>) -> tensor<i64>
    %t = genc.mul %n, %f : tensor<i64>
    genc.return %t : tensor<i64>
  }
  return %r : tensor<i64>
}
func.func @main(%n: tensor<i64>) -> tensor<i64> {
  %r = func.call @fact(%n) : (tensor<i64>) -> tensor<i64>
  return %r : tensor<i64>
})mlir",
               {ints(i(64), {}, {20})});
  ASSERT_EQ(r.size(), 1u);
  expectInts(r[0], {2432902008176640000});
}

TEST_F(InterpreterTest, ConstantsOfEveryKind) {
  auto r = run(R"mlir(
func.func @main() -> (tensor<2xbf16>, tensor<3xi1>, tensor<2x2xi8>, tensor<2xf16>) {
  %a = genc.constant dense<[1.5, -2.0]> : tensor<2xbf16>
  %b = genc.constant dense<[true, false, true]> : tensor<3xi1>
  %c = genc.constant dense<-3> : tensor<2x2xi8>
  %d = arith.constant dense<[0.1, 65504.0]> : tensor<2xf16>
  return %a, %b, %c, %d : tensor<2xbf16>, tensor<3xi1>, tensor<2x2xi8>, tensor<2xf16>
})mlir");
  ASSERT_EQ(r.size(), 4u);
  expectFloats(r[0], {1.5, -2.0});
  expectInts(r[1], {1, 0, 1});
  expectInts(r[2], {-3, -3, -3, -3});
  // 0.1 in f16 is 0x2E66 = 1638 / 16384.
  expectFloats(r[3], {1638.0 / 16384, 65504});
}

//===----------------------------------------------------------------------===//
// Diagnostics
//===----------------------------------------------------------------------===//

TEST_F(InterpreterTest, BadArgumentCountAndTypes) {
  const char *source = R"mlir(
func.func @main(%a: tensor<2xf32>, %b: tensor<2xi32>) -> tensor<2xf32> {
  return %a : tensor<2xf32>
})mlir";
  RefTensor a = floats(f32(), {2}, {1, 2});
  std::string count = runExpectingError(source, {a});
  EXPECT_NE(count.find("interpreter: function '@main' takes 2 argument(s), "
                       "got 1"),
            std::string::npos)
      << count;

  std::string type = runExpectingError(source, {a, floats(f32(), {2}, {1, 2})});
  EXPECT_NE(type.find("interpreter: argument #1 of '@main' has type "
                      "'tensor<2xf32>', expected 'tensor<2xi32>'"),
            std::string::npos)
      << type;

  std::string shape =
      runExpectingError(source, {a, ints(i(32), {3}, {1, 2, 3})});
  EXPECT_NE(shape.find("has type 'tensor<3xi32>', expected 'tensor<2xi32>'"),
            std::string::npos)
      << shape;

  RefTensor broken = a;
  broken.floats.pop_back();
  std::string held =
      runExpectingError(source, {broken, ints(i(32), {2}, {1, 2})});
  EXPECT_NE(held.find("argument #0 holds 1 element(s) but its shape needs 2"),
            std::string::npos)
      << held;
}

TEST_F(InterpreterTest, UnsupportedOpsAndRunawayRecursion) {
  std::string unsupported = runExpectingError(R"mlir(
func.func @main(%a: tensor<2xi32>) -> tensor<2xi32> {
  %lo, %hi = arith.mulsi_extended %a, %a : tensor<2xi32>
  return %lo : tensor<2xi32>
})mlir",
                                              {ints(i(32), {2}, {1, 2})});
  EXPECT_NE(
      unsupported.find("interpreter: unsupported op 'arith.mulsi_extended'"),
      std::string::npos)
      << unsupported;

  std::string recursion = runExpectingError(R"mlir(
func.func @main(%a: tensor<f32>) -> tensor<f32> {
  %r = func.call @main(%a) : (tensor<f32>) -> tensor<f32>
  return %r : tensor<f32>
})mlir",
                                            {floats(f32(), {}, {1})});
  EXPECT_NE(recursion.find("interpreter: call depth limit of 128 exceeded"),
            std::string::npos)
      << recursion;

  std::string external = runExpectingError(R"mlir(
func.func private @ext(tensor<f32>) -> tensor<f32>
func.func @main(%a: tensor<f32>) -> tensor<f32> {
  %r = func.call @ext(%a) : (tensor<f32>) -> tensor<f32>
  return %r : tensor<f32>
})mlir",
                                           {floats(f32(), {}, {1})});
  EXPECT_NE(external.find("interpreter: function '@ext' has no body"),
            std::string::npos)
      << external;
}

TEST(RefTensor, RoundTripsThroughAttributes) {
  mlir::MLIRContext context;
  auto f16 = mlir::Float16Type::get(&context);
  RefTensor t = RefTensor::fromFloats(f16, {3}, {0.1, 1.0, -70000});
  // 0.1 rounds to the nearest f16; -70000 overflows to -inf.
  EXPECT_EQ(t.floats[0], 1638.0 / 16384);
  EXPECT_EQ(t.floats[2], -kInf);
  auto back = RefTensor::fromAttr(llvm::cast<mlir::ElementsAttr>(t.toAttr()));
  ASSERT_TRUE(mlir::succeeded(back));
  EXPECT_EQ(back->floats, t.floats);
  EXPECT_EQ(back->shape, t.shape);

  auto i8 = mlir::IntegerType::get(&context, 8);
  RefTensor n = RefTensor::fromInts(i8, {2, 2}, {255, -129, 7, 128});
  EXPECT_EQ(n.ints, std::vector<int64_t>({-1, 127, 7, -128}));
  auto nBack = RefTensor::fromAttr(llvm::cast<mlir::ElementsAttr>(n.toAttr()));
  ASSERT_TRUE(mlir::succeeded(nBack));
  EXPECT_EQ(nBack->ints, n.ints);
}

} // namespace

//===- UpstreamOpsTest.cpp - interpreter tests: upstream dialects ---------===//
//
// The interpreter on tensor-level upstream MLIR (func, arith, math, tensor,
// linalg, scf): each test parses a small program, runs it and compares with
// hand-computed values (or, for the convolution, a hand-written loop).
//
//===----------------------------------------------------------------------===//

#include "InterpreterTestUtil.h"

#include <cmath>
#include <limits>

using namespace genc_test;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// f32 rounding of a double, as the interpreter stores f32 values.
double f32r(double x) { return (double)(float)x; }

class UpstreamOpsTest : public InterpreterTest {
protected:
  /// A 0-d tensor: how a scalar argument is passed.
  RefTensor scalarF(mlir::Type type, double v) { return floats(type, {}, {v}); }
  RefTensor scalarI(mlir::Type type, int64_t v) { return ints(type, {}, {v}); }
};

//===----------------------------------------------------------------------===//
// Scalars: arith and math
//===----------------------------------------------------------------------===//

TEST_F(UpstreamOpsTest, ScalarArithChainRoundsEveryOpToF32) {
  auto results = run(R"mlir(
func.func @main(%a: f32, %b: f32) -> (f32, f32, f32) {
  %one = arith.constant 1.0 : f32
  %s = arith.addf %a, %b : f32
  %m = arith.mulf %s, %a : f32
  %d = arith.subf %m, %one : f32
  %q = arith.divf %d, %b : f32
  %n = arith.negf %q : f32
  %tenth = arith.constant 0.1 : f32
  %fifth = arith.constant 0.2 : f32
  %sum = arith.addf %tenth, %fifth : f32
  %third = arith.divf %one, %b : f32
  %r = arith.remf %a, %b : f32
  %mx = arith.maximumf %n, %r : f32
  return %mx, %sum, %third : f32, f32, f32
})mlir",
                     {scalarF(f32(), 1.5), scalarF(f32(), 0.75)});
  ASSERT_EQ(results.size(), 3u);
  // ((1.5 + 0.75) * 1.5 - 1) / 0.75 = 2.375 / 0.75 = 3.1666...; negated it
  // loses to 1.5 rem 0.75 = 0.
  EXPECT_TRUE(results[0].shape.empty());
  expectFloats(results[0], {0.0});
  // 0.1f + 0.2f = 0.30000000447 in double, which rounds to 0.3f.
  expectFloats(results[1], {0.300000011920928955078125});
  // 1 / 0.75 rounded to f32.
  expectFloats(results[2], {1.33333337306976318359375});
}

TEST_F(UpstreamOpsTest, IntegerArithWrapsAndReadsSignedness) {
  auto results = run(R"mlir(
func.func @main(%a: i8, %b: i32) -> (i8, i32, i32, i32, i32, i8, i8, i32, i32, i8) {
  %c100 = arith.constant 100 : i8
  %c2 = arith.constant 2 : i32
  %c0 = arith.constant 0 : i32
  %c1_i8 = arith.constant 1 : i8
  %c9_i8 = arith.constant 9 : i8
  %wrap = arith.addi %a, %c100 : i8
  %div = arith.divsi %b, %c2 : i32
  %rem = arith.remsi %b, %c2 : i32
  %divu = arith.divui %b, %c2 : i32
  %fdiv = arith.floordivsi %b, %c2 : i32
  %m8 = arith.constant -8 : i8
  %shrs = arith.shrsi %m8, %c1_i8 : i8
  %shru = arith.shrui %m8, %c1_i8 : i8
  %div0 = arith.divsi %b, %c0 : i32
  %maxu = arith.maxui %b, %c2 : i32
  %shl9 = arith.shli %a, %c9_i8 : i8
  return %wrap, %div, %rem, %divu, %fdiv, %shrs, %shru, %div0, %maxu, %shl9
      : i8, i32, i32, i32, i32, i8, i8, i32, i32, i8
})mlir",
                     {scalarI(i(8), 100), scalarI(i(32), -7)});
  ASSERT_EQ(results.size(), 10u);
  expectInts(results[0], {-56});        // 200 wraps to -56
  expectInts(results[1], {-3});         // truncating division
  expectInts(results[2], {-1});         // sign of the dividend
  expectInts(results[3], {2147483644}); // 0xFFFFFFF9 / 2
  expectInts(results[4], {-4});         // floor(-3.5)
  expectInts(results[5], {-4});         // 0xF8 >> 1, sign-filled
  expectInts(results[6], {124});        // 0xF8 >> 1 = 0x7C
  expectInts(results[7], {-1});         // division by zero: all ones
  expectInts(results[8], {-7});         // 0xFFFFFFF9 is the larger unsigned
  expectInts(results[9], {0});          // shift by >= width: 0
}

TEST_F(UpstreamOpsTest, CmpfOrderedAndUnorderedWithNaN) {
  auto results = run(R"mlir(
func.func @main(%a: tensor<4xf32>, %b: tensor<4xf32>)
    -> (tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>,
        tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>) {
  %oeq = arith.cmpf oeq, %a, %b : tensor<4xf32>
  %ueq = arith.cmpf ueq, %a, %b : tensor<4xf32>
  %one = arith.cmpf one, %a, %b : tensor<4xf32>
  %une = arith.cmpf une, %a, %b : tensor<4xf32>
  %olt = arith.cmpf olt, %a, %b : tensor<4xf32>
  %ult = arith.cmpf ult, %a, %b : tensor<4xf32>
  %ord = arith.cmpf ord, %a, %b : tensor<4xf32>
  %uno = arith.cmpf uno, %a, %b : tensor<4xf32>
  return %oeq, %ueq, %one, %une, %olt, %ult, %ord, %uno
      : tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>,
        tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>
})mlir",
                     {floats(f32(), {4}, {1, kNaN, 2, kNaN}),
                      floats(f32(), {4}, {1, 1, 3, kNaN})});
  ASSERT_EQ(results.size(), 8u);
  expectInts(results[0], {1, 0, 0, 0}); // oeq
  expectInts(results[1], {1, 1, 0, 1}); // ueq
  expectInts(results[2], {0, 0, 1, 0}); // one
  expectInts(results[3], {0, 1, 1, 1}); // une
  expectInts(results[4], {0, 0, 1, 0}); // olt
  expectInts(results[5], {0, 1, 1, 1}); // ult
  expectInts(results[6], {1, 0, 1, 0}); // ord
  expectInts(results[7], {0, 1, 0, 1}); // uno
}

TEST_F(UpstreamOpsTest, IndexCastAndConversions) {
  auto results =
      run(R"mlir(
func.func @main(%x: i32, %t: i1, %f: f32) -> (i8, i64, index, i32, i32, i32, i32, f32, i32, f64) {
  %i = arith.index_cast %x : i32 to index
  %c1 = arith.constant 1 : index
  %j = arith.addi %i, %c1 : index
  %narrow = arith.index_cast %j : index to i8
  %m1 = arith.constant -1 : i32
  %u = arith.index_castui %m1 : i32 to index
  %u64 = arith.index_cast %u : index to i64
  %ext = arith.extsi %t : i1 to i32
  %extu = arith.extui %t : i1 to i32
  %fs = arith.fptosi %f : f32 to i32
  %big = arith.constant 1.0e10 : f32
  %sat = arith.fptoui %big : f32 to i32
  %m1_i8 = arith.constant -1 : i8
  %uf = arith.uitofp %m1_i8 : i8 to f32
  %one = arith.constant 1.0 : f32
  %bits = arith.bitcast %one : f32 to i32
  %wide = arith.extf %f : f32 to f64
  return %narrow, %u64, %j, %ext, %extu, %fs, %sat, %uf, %bits, %wide
      : i8, i64, index, i32, i32, i32, i32, f32, i32, f64
})mlir",
          {scalarI(i(32), 299), scalarI(i(1), 1), scalarF(f32(), -3.75)});
  ASSERT_EQ(results.size(), 10u);
  expectInts(results[0], {44});         // 300 mod 256
  expectInts(results[1], {4294967295}); // zero-extended
  expectInts(results[2], {300});        // index is held as i64
  EXPECT_EQ(results[2].elementType, i(64));
  expectInts(results[3], {-1}); // i1 true sign-extends to -1
  expectInts(results[4], {1});
  expectInts(results[5], {-3}); // truncated toward zero
  expectInts(results[6], {-1}); // saturated to 0xFFFFFFFF
  expectFloats(results[7], {255});
  expectInts(results[8], {0x3f800000});
  expectFloats(results[9], {-3.75});
}

TEST_F(UpstreamOpsTest, MathOpsOnScalarsAndTensors) {
  auto results = run(R"mlir(
func.func @main(%x: tensor<3xf32>, %n: i32) -> (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, i32) {
  %e = math.exp %x : tensor<3xf32>
  %r = math.rsqrt %x : tensor<3xf32>
  %er = math.erf %x : tensor<3xf32>
  %fl = math.floor %x : tensor<3xf32>
  %neg = arith.negf %x : tensor<3xf32>
  %cs = math.copysign %x, %neg : tensor<3xf32>
  %fma = math.fma %x, %x, %x : tensor<3xf32>
  %a = math.absi %n : i32
  return %e, %r, %er, %fl, %cs, %fma, %a : tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, i32
})mlir",
                     {floats(f32(), {3}, {0.5, 2, 6.25}), scalarI(i(32), -12)});
  ASSERT_EQ(results.size(), 7u);
  expectFloats(results[0], {f32r(std::exp(0.5)), f32r(std::exp(2.0)),
                            f32r(std::exp(6.25))});
  expectFloats(results[1],
               {f32r(1 / std::sqrt(0.5)), f32r(1 / std::sqrt(2.0)), f32r(0.4)});
  expectFloats(results[2], {f32r(std::erf(0.5)), f32r(std::erf(2.0)),
                            f32r(std::erf(6.25))});
  expectFloats(results[3], {0, 2, 6});
  expectFloats(results[4], {-0.5, -2, -6.25});
  expectFloats(results[5], {0.75, 6, 45.3125}); // x * x + x
  expectInts(results[6], {12});
}

//===----------------------------------------------------------------------===//
// tensor
//===----------------------------------------------------------------------===//

/// 0, 1, ..., n - 1.
std::vector<double> iota(int n) {
  std::vector<double> v;
  for (int k = 0; k < n; ++k)
    v.push_back(k);
  return v;
}

TEST_F(UpstreamOpsTest, TensorSlicingAndInsertion) {
  // x = [[0 1 2 3] [4 5 6 7] [8 9 10 11] [12 13 14 15]]
  auto results = run(R"mlir(
func.func @main(%x: tensor<4x4xf32>, %off: index) -> (tensor<2x2xf32>, tensor<2x2xf32>, tensor<4x4xf32>, f32, tensor<4x4xf32>, tensor<?xf32>, tensor<3xf32>) {
  %a = tensor.extract_slice %x[1, 1] [2, 2] [1, 1] : tensor<4x4xf32> to tensor<2x2xf32>
  %b = tensor.extract_slice %x[0, 0] [2, 2] [2, 2] : tensor<4x4xf32> to tensor<2x2xf32>
  %z = tensor.empty() : tensor<4x4xf32>
  %c = tensor.insert_slice %b into %z[%off, 1] [2, 2] [1, 2] : tensor<2x2xf32> into tensor<4x4xf32>
  %c3 = arith.constant 3 : index
  %c2 = arith.constant 2 : index
  %e = tensor.extract %x[%c3, %c2] : tensor<4x4xf32>
  %v = arith.constant 100.0 : f32
  %ins = tensor.insert %v into %x[%off, %c3] : tensor<4x4xf32>
  %dyn = tensor.extract_slice %x[%off, 0] [1, %c3] [1, 1] : tensor<4x4xf32> to tensor<?xf32>
  %row = tensor.extract_slice %x[3, 1] [1, 3] [1, 1] : tensor<4x4xf32> to tensor<3xf32>
  return %a, %b, %c, %e, %ins, %dyn, %row : tensor<2x2xf32>, tensor<2x2xf32>, tensor<4x4xf32>, f32, tensor<4x4xf32>, tensor<?xf32>, tensor<3xf32>
})mlir",
                     {floats(f32(), {4, 4}, iota(16)), scalarI(i(64), 2)});
  ASSERT_EQ(results.size(), 7u);
  expectFloats(results[0], {5, 6, 9, 10});
  expectFloats(results[1], {0, 2, 8, 10});
  expectFloats(results[2], {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 8, 0, 10});
  expectFloats(results[3], {14});
  std::vector<double> inserted = iota(16);
  inserted[2 * 4 + 3] = 100;
  expectFloats(results[4], inserted);
  EXPECT_EQ(results[5].shape, (llvm::SmallVector<int64_t>{3}));
  expectFloats(results[5], {8, 9, 10});
  expectFloats(results[6], {13, 14, 15}); // rank-reducing
}

TEST_F(UpstreamOpsTest, SliceOutOfBoundsIsAnError) {
  std::string error =
      runExpectingError(R"mlir(
func.func @main(%x: tensor<4xf32>, %off: index) -> tensor<2xf32> {
  %s = tensor.extract_slice %x[%off] [2] [1] : tensor<4xf32> to tensor<2xf32>
  return %s : tensor<2xf32>
})mlir",
                        {floats(f32(), {4}, iota(4)), scalarI(i(64), 3)});
  EXPECT_NE(error.find("interpreter: slice (offsets [3], sizes [2], strides "
                       "[1]) is out of bounds of a tensor of shape [4]"),
            std::string::npos)
      << error;
}

TEST_F(UpstreamOpsTest, CollapseExpandAndReshape) {
  auto results =
      run(R"mlir(
func.func @main(%x: tensor<2x3x2xi32>, %n: index) -> (tensor<6x2xi32>, tensor<3x2x2xi32>, tensor<?x4xi32>, tensor<12xi32>) {
  %c = tensor.collapse_shape %x [[0, 1], [2]] : tensor<2x3x2xi32> into tensor<6x2xi32>
  %e = tensor.expand_shape %c [[0, 1], [2]] output_shape [3, 2, 2] : tensor<6x2xi32> into tensor<3x2x2xi32>
  %flat = tensor.collapse_shape %x [[0, 1, 2]] : tensor<2x3x2xi32> into tensor<12xi32>
  %dynflat = tensor.cast %flat : tensor<12xi32> to tensor<?xi32>
  %d = tensor.expand_shape %dynflat [[0, 1]] output_shape [%n, 4] : tensor<?xi32> into tensor<?x4xi32>
  %shape = arith.constant dense<[12]> : tensor<1xindex>
  %r = tensor.reshape %e(%shape) : (tensor<3x2x2xi32>, tensor<1xindex>) -> tensor<12xi32>
  return %c, %e, %d, %r : tensor<6x2xi32>, tensor<3x2x2xi32>, tensor<?x4xi32>, tensor<12xi32>
})mlir",
          {ints(i(32), {2, 3, 2}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}),
           scalarI(i(64), 3)});
  ASSERT_EQ(results.size(), 4u);
  std::vector<int64_t> values = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
  EXPECT_EQ(results[0].shape, (llvm::SmallVector<int64_t>{6, 2}));
  EXPECT_EQ(results[1].shape, (llvm::SmallVector<int64_t>{3, 2, 2}));
  EXPECT_EQ(results[2].shape, (llvm::SmallVector<int64_t>{3, 4}));
  EXPECT_EQ(results[3].shape, (llvm::SmallVector<int64_t>{12}));
  for (const RefTensor &r : results)
    expectInts(r, values);
}

TEST_F(UpstreamOpsTest, PadWithConstantAndWithRegion) {
  auto results = run(R"mlir(
func.func @main(%x: tensor<2x2xf32>, %h: index) -> (tensor<3x4xf32>, tensor<?x3xf32>) {
  %nine = arith.constant 9.0 : f32
  %p = tensor.pad %x low[1, 0] high[0, 2] {
  ^bb0(%i: index, %j: index):
    tensor.yield %nine : f32
  } : tensor<2x2xf32> to tensor<3x4xf32>
  %q = tensor.pad %x low[0, 1] high[%h, 0] {
  ^bb0(%i: index, %j: index):
    %ij = arith.muli %i, %j : index
    %k = arith.index_cast %ij : index to i32
    %f = arith.sitofp %k : i32 to f32
    %g = arith.negf %f : f32
    tensor.yield %g : f32
  } : tensor<2x2xf32> to tensor<?x3xf32>
  return %p, %q : tensor<3x4xf32>, tensor<?x3xf32>
})mlir",
                     {floats(f32(), {2, 2}, {1, 2, 3, 4}), scalarI(i(64), 1)});
  ASSERT_EQ(results.size(), 2u);
  expectFloats(results[0], {9, 9, 9, 9, //
                            1, 2, 9, 9, //
                            3, 4, 9, 9});
  // Padded elements are -i*j: row 2 is [-0, -2, -4].
  EXPECT_EQ(results[1].shape, (llvm::SmallVector<int64_t>{3, 3}));
  expectFloats(results[1], {-0.0, 1, 2, //
                            -0.0, 3, 4, //
                            -0.0, -2, -4});
}

TEST_F(UpstreamOpsTest, ConcatFromElementsSplatDimCast) {
  auto results = run(R"mlir(
func.func @main(%a: tensor<1x2xf32>, %b: tensor<2x2xf32>, %s: f32) -> (tensor<3x2xf32>, tensor<2x2xf32>, tensor<?xf32>, index, tensor<2x2xf32>) {
  %c = tensor.concat dim(0) %a, %b : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<3x2xf32>
  %one = arith.constant 1.0 : f32
  %fe = tensor.from_elements %s, %one, %one, %s : tensor<2x2xf32>
  %c0 = arith.constant 0 : index
  %n = tensor.dim %c, %c0 : tensor<3x2xf32>
  %sp = tensor.splat %s[%n] : tensor<?xf32>
  %dyn = tensor.cast %b : tensor<2x2xf32> to tensor<?x2xf32>
  %back = tensor.cast %dyn : tensor<?x2xf32> to tensor<2x2xf32>
  return %c, %fe, %sp, %n, %back : tensor<3x2xf32>, tensor<2x2xf32>, tensor<?xf32>, index, tensor<2x2xf32>
})mlir",
                     {floats(f32(), {1, 2}, {1, 2}),
                      floats(f32(), {2, 2}, {3, 4, 5, 6}), scalarF(f32(), 7)});
  ASSERT_EQ(results.size(), 5u);
  expectFloats(results[0], {1, 2, 3, 4, 5, 6});
  expectFloats(results[1], {7, 1, 1, 7});
  expectFloats(results[2], {7, 7, 7});
  expectInts(results[3], {3});
  expectFloats(results[4], {3, 4, 5, 6});
}

//===----------------------------------------------------------------------===//
// linalg
//===----------------------------------------------------------------------===//

TEST_F(UpstreamOpsTest, LinalgGenericBroadcastMapAndReduction) {
  // out[i] = init[i] + sum_j x[i, j] * b[j], b broadcast along i.
  auto results =
      run(R"mlir(
#x = affine_map<(i, j) -> (i, j)>
#b = affine_map<(i, j) -> (j)>
#o = affine_map<(i, j) -> (i)>
func.func @main(%x: tensor<2x3xf32>, %b: tensor<3xf32>, %init: tensor<2xf32>) -> tensor<2xf32> {
  %r = linalg.generic {indexing_maps = [#x, #b, #o], iterator_types = ["parallel", "reduction"]}
      ins(%x, %b : tensor<2x3xf32>, tensor<3xf32>) outs(%init : tensor<2xf32>) {
  ^bb0(%xv: f32, %bv: f32, %acc: f32):
    %p = arith.mulf %xv, %bv : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<2xf32>
  return %r : tensor<2xf32>
})mlir",
          {floats(f32(), {2, 3}, {1, 2, 3, 4, 5, 6}),
           floats(f32(), {3}, {1, 10, 100}), floats(f32(), {2}, {0.5, -0.5})});
  ASSERT_EQ(results.size(), 1u);
  expectFloats(results[0], {321.5, 653.5});
}

TEST_F(UpstreamOpsTest, LinalgReductionAccumulatesInIterationOrderInF32) {
  // 1e8 + 1 rounds back to 1e8 in f32 (its ulp is 8), so the sum in
  // iteration order is 0 (in double it would be 1); reversed, it is 1.
  const char *source = R"mlir(
#id = affine_map<(i) -> (i)>
#sc = affine_map<(i) -> ()>
func.func @main(%x: tensor<3xf32>) -> tensor<f32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<f32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<f32>) -> tensor<f32>
  %r = linalg.generic {indexing_maps = [#id, #sc], iterator_types = ["reduction"]}
      ins(%x : tensor<3xf32>) outs(%init : tensor<f32>) {
  ^bb0(%v: f32, %acc: f32):
    %s = arith.addf %acc, %v : f32
    linalg.yield %s : f32
  } -> tensor<f32>
  return %r : tensor<f32>
})mlir";
  auto forward = run(source, {floats(f32(), {3}, {1e8, 1, -1e8})});
  ASSERT_EQ(forward.size(), 1u);
  expectFloats(forward[0], {0});
  auto backward = run(source, {floats(f32(), {3}, {-1e8, 1e8, 1})});
  ASSERT_EQ(backward.size(), 1u);
  expectFloats(backward[0], {1});
}

TEST_F(UpstreamOpsTest, LinalgMatmulBatchMatmulMatvec) {
  auto results = run(R"mlir(
func.func @main(%a: tensor<2x3xf32>, %b: tensor<3x2xf32>, %v: tensor<3xf32>)
    -> (tensor<2x2xf32>, tensor<2x2x2xf32>, tensor<2xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x2xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<2x2xf32>) -> tensor<2x2xf32>
  %m = linalg.matmul ins(%a, %b : tensor<2x3xf32>, tensor<3x2xf32>) outs(%acc : tensor<2x2xf32>) -> tensor<2x2xf32>
  %a3 = tensor.expand_shape %a [[0, 1], [2]] output_shape [1, 2, 3] : tensor<2x3xf32> into tensor<1x2x3xf32>
  %b3 = tensor.expand_shape %b [[0, 1], [2]] output_shape [1, 3, 2] : tensor<3x2xf32> into tensor<1x3x2xf32>
  %aa = tensor.concat dim(0) %a3, %a3 : (tensor<1x2x3xf32>, tensor<1x2x3xf32>) -> tensor<2x2x3xf32>
  %bneg = arith.negf %b3 : tensor<1x3x2xf32>
  %bb = tensor.concat dim(0) %b3, %bneg : (tensor<1x3x2xf32>, tensor<1x3x2xf32>) -> tensor<2x3x2xf32>
  %e3 = tensor.empty() : tensor<2x2x2xf32>
  %acc3 = linalg.fill ins(%zero : f32) outs(%e3 : tensor<2x2x2xf32>) -> tensor<2x2x2xf32>
  %bm = linalg.batch_matmul ins(%aa, %bb : tensor<2x2x3xf32>, tensor<2x3x2xf32>) outs(%acc3 : tensor<2x2x2xf32>) -> tensor<2x2x2xf32>
  %e1 = tensor.empty() : tensor<2xf32>
  %acc1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<2xf32>) -> tensor<2xf32>
  %mv = linalg.matvec ins(%a, %v : tensor<2x3xf32>, tensor<3xf32>) outs(%acc1 : tensor<2xf32>) -> tensor<2xf32>
  return %m, %bm, %mv : tensor<2x2xf32>, tensor<2x2x2xf32>, tensor<2xf32>
})mlir",
                     {floats(f32(), {2, 3}, {1, 2, 3, 4, 5, 6}),
                      floats(f32(), {3, 2}, {7, 8, 9, 10, 11, 12}),
                      floats(f32(), {3}, {1, 0, -1})});
  ASSERT_EQ(results.size(), 3u);
  // [1 2 3; 4 5 6] x [7 8; 9 10; 11 12] = [58 64; 139 154].
  expectFloats(results[0], {58, 64, 139, 154});
  expectFloats(results[1], {58, 64, 139, 154, -58, -64, -139, -154});
  expectFloats(results[2], {-2, -2});
}

TEST_F(UpstreamOpsTest, LinalgConv2dNhwcHwcfStride2MatchesHandLoop) {
  constexpr int N = 1, H = 7, W = 6, C = 2, KH = 3, KW = 2, F = 3, S = 2;
  constexpr int OH = (H - KH) / S + 1, OW = (W - KW) / S + 1; // 3, 3
  std::vector<double> in, filter;
  for (int k = 0; k < N * H * W * C; ++k)
    in.push_back((k * 7) % 11 - 5);
  for (int k = 0; k < KH * KW * C * F; ++k)
    filter.push_back((k * 5) % 7 - 3 + 0.5);
  // The hand loop: out[n, oh, ow, f] += in[n, oh*S + kh, ow*S + kw, c] *
  // filter[kh, kw, c, f], rounding every step to f32 in the loop order
  // n, oh, ow, f, kh, kw, c.
  std::vector<double> expected(N * OH * OW * F, 0.0);
  for (int n = 0; n < N; ++n)
    for (int oh = 0; oh < OH; ++oh)
      for (int ow = 0; ow < OW; ++ow)
        for (int f = 0; f < F; ++f) {
          double &acc = expected[((n * OH + oh) * OW + ow) * F + f];
          for (int kh = 0; kh < KH; ++kh)
            for (int kw = 0; kw < KW; ++kw)
              for (int c = 0; c < C; ++c) {
                double x =
                    in[((n * H + oh * S + kh) * W + ow * S + kw) * C + c];
                double w = filter[((kh * KW + kw) * C + c) * F + f];
                acc = f32r(acc + f32r(x * w));
              }
        }
  auto results = run(
      R"mlir(
func.func @main(%in: tensor<1x7x6x2xf32>, %f: tensor<3x2x2x3xf32>) -> tensor<1x3x3x3xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x3x3x3xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<1x3x3x3xf32>) -> tensor<1x3x3x3xf32>
  %r = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
      ins(%in, %f : tensor<1x7x6x2xf32>, tensor<3x2x2x3xf32>) outs(%acc : tensor<1x3x3x3xf32>) -> tensor<1x3x3x3xf32>
  return %r : tensor<1x3x3x3xf32>
})mlir",
      {floats(f32(), {N, H, W, C}, in), floats(f32(), {KH, KW, C, F}, filter)});
  ASSERT_EQ(results.size(), 1u);
  expectFloats(results[0], expected);
  // A spot check of the loop itself: out[0, 0, 0, 0].
  double first = 0;
  for (int kh = 0; kh < KH; ++kh)
    for (int kw = 0; kw < KW; ++kw)
      for (int c = 0; c < C; ++c)
        first +=
            in[(kh * W + kw) * C + c] * filter[((kh * KW + kw) * C + c) * F];
  EXPECT_EQ(expected[0], first);
}

TEST_F(UpstreamOpsTest, LinalgReduceTransposeBroadcastMapCopy) {
  auto results = run(R"mlir(
func.func @main(%x: tensor<2x3xf32>, %v: tensor<3xf32>)
    -> (tensor<2xf32>, tensor<3xf32>, tensor<3x2xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) {
  %zero = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %e2 = tensor.empty() : tensor<2xf32>
  %z2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<2xf32>) -> tensor<2xf32>
  %sum = linalg.reduce ins(%x : tensor<2x3xf32>) outs(%z2 : tensor<2xf32>) dimensions = [1]
    (%in: f32, %acc: f32) {
      %s = arith.addf %in, %acc : f32
      linalg.yield %s : f32
    }
  %e3 = tensor.empty() : tensor<3xf32>
  %m3 = linalg.fill ins(%ninf : f32) outs(%e3 : tensor<3xf32>) -> tensor<3xf32>
  %max = linalg.reduce { arith.maximumf } ins(%x : tensor<2x3xf32>) outs(%m3 : tensor<3xf32>) dimensions = [0]
  %et = tensor.empty() : tensor<3x2xf32>
  %t = linalg.transpose ins(%x : tensor<2x3xf32>) outs(%et : tensor<3x2xf32>) permutation = [1, 0]
  %eb = tensor.empty() : tensor<2x3xf32>
  %b = linalg.broadcast ins(%v : tensor<3xf32>) outs(%eb : tensor<2x3xf32>) dimensions = [0]
  %m = linalg.map { arith.mulf } ins(%x, %b : tensor<2x3xf32>, tensor<2x3xf32>) outs(%eb : tensor<2x3xf32>)
  %c = linalg.copy ins(%m : tensor<2x3xf32>) outs(%eb : tensor<2x3xf32>) -> tensor<2x3xf32>
  return %sum, %max, %t, %b, %m, %c : tensor<2xf32>, tensor<3xf32>, tensor<3x2xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>
})mlir",
                     {floats(f32(), {2, 3}, {1, 5, 3, 4, 2, 6}),
                      floats(f32(), {3}, {10, 100, 1000})});
  ASSERT_EQ(results.size(), 6u);
  expectFloats(results[0], {9, 12});
  expectFloats(results[1], {4, 5, 6});
  expectFloats(results[2], {1, 4, 5, 2, 3, 6});
  expectFloats(results[3], {10, 100, 1000, 10, 100, 1000});
  expectFloats(results[4], {10, 500, 3000, 40, 200, 6000});
  expectFloats(results[5], {10, 500, 3000, 40, 200, 6000});
}

TEST_F(UpstreamOpsTest, LinalgGenericWithIndexAndGeneralBody) {
  // Body 1 (compiled path): out[i, j] = 10 * i + j via linalg.index.
  // Body 2 (op-by-op path, it extracts from a captured tensor): a gather,
  // out[i] = table[idx[i]].
  auto results = run(
      R"mlir(
#id2 = affine_map<(i, j) -> (i, j)>
#id1 = affine_map<(i) -> (i)>
func.func @main(%table: tensor<4xf32>, %idx: tensor<3xi32>) -> (tensor<2x3xi64>, tensor<3xf32>) {
  %e = tensor.empty() : tensor<2x3xi64>
  %ten = arith.constant 10 : index
  %a = linalg.generic {indexing_maps = [#id2], iterator_types = ["parallel", "parallel"]}
      outs(%e : tensor<2x3xi64>) {
  ^bb0(%o: i64):
    %i = linalg.index 0 : index
    %j = linalg.index 1 : index
    %t = arith.muli %i, %ten : index
    %s = arith.addi %t, %j : index
    %r = arith.index_cast %s : index to i64
    linalg.yield %r : i64
  } -> tensor<2x3xi64>
  %e1 = tensor.empty() : tensor<3xf32>
  %g = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%idx : tensor<3xi32>) outs(%e1 : tensor<3xf32>) {
  ^bb0(%k: i32, %o: f32):
    %ki = arith.index_cast %k : i32 to index
    %v = tensor.extract %table[%ki] : tensor<4xf32>
    %i = linalg.index 0 : index
    %ii = arith.index_cast %i : index to i32
    %fi = arith.sitofp %ii : i32 to f32
    %w = arith.addf %v, %fi : f32
    linalg.yield %w : f32
  } -> tensor<3xf32>
  return %a, %g : tensor<2x3xi64>, tensor<3xf32>
})mlir",
      {floats(f32(), {4}, {0.5, 1.5, 2.5, 3.5}), ints(i(32), {3}, {3, 0, 2})});
  ASSERT_EQ(results.size(), 2u);
  expectInts(results[0], {0, 1, 2, 10, 11, 12});
  expectFloats(results[1], {3.5, 1.5, 4.5});
}

TEST_F(UpstreamOpsTest, LinalgGenericRoundsToF16EveryStep) {
  // 2048 + 1 is not an f16 (its ulp there is 2): ties to even gives 2048,
  // so adding 1 three times to 2048 stays at 2048.
  auto results =
      run(R"mlir(
#id = affine_map<(i) -> (i)>
#sc = affine_map<(i) -> ()>
func.func @main(%x: tensor<3xf16>, %init: tensor<f16>) -> tensor<f16> {
  %r = linalg.generic {indexing_maps = [#id, #sc], iterator_types = ["reduction"]}
      ins(%x : tensor<3xf16>) outs(%init : tensor<f16>) {
  ^bb0(%v: f16, %acc: f16):
    %s = arith.addf %acc, %v : f16
    linalg.yield %s : f16
  } -> tensor<f16>
  return %r : tensor<f16>
})mlir",
          {floats(f16(), {3}, {1, 1, 1}), floats(f16(), {}, {2048})});
  ASSERT_EQ(results.size(), 1u);
  expectFloats(results[0], {2048});
}

//===----------------------------------------------------------------------===//
// scf
//===----------------------------------------------------------------------===//

TEST_F(UpstreamOpsTest, ScfForWithIterArgsSums) {
  // sum_{i=0}^{9} i = 45 as a scalar, and a tensor carried through the
  // loop: t[i] = i * i for i in 0, 2, 4 (step 2).
  auto results = run(R"mlir(
func.func @main(%n: index) -> (i64, tensor<6xi32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %z = arith.constant 0 : i64
  %sum = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %z) -> (i64) {
    %ii = arith.index_cast %i : index to i64
    %next = arith.addi %acc, %ii : i64
    scf.yield %next : i64
  }
  %t0 = arith.constant dense<-1> : tensor<6xi32>
  %t = scf.for %i = %c0 to %c2 step %c2 iter_args(%acc = %t0) -> (tensor<6xi32>) {
    %sq = arith.muli %i, %i : index
    %v = arith.index_cast %sq : index to i32
    %u = tensor.insert %v into %acc[%i] : tensor<6xi32>
    scf.yield %u : tensor<6xi32>
  }
  %c6 = arith.constant 6 : index
  %t2 = scf.for %i = %c2 to %c6 step %c2 iter_args(%acc = %t) -> (tensor<6xi32>) {
    %sq = arith.muli %i, %i : index
    %v = arith.index_cast %sq : index to i32
    %u = tensor.insert %v into %acc[%i] : tensor<6xi32>
    scf.yield %u : tensor<6xi32>
  }
  return %sum, %t2 : i64, tensor<6xi32>
})mlir",
                     {scalarI(i(64), 10)});
  ASSERT_EQ(results.size(), 2u);
  expectInts(results[0], {45});
  expectInts(results[1], {0, -1, 4, -1, 16, -1});
}

TEST_F(UpstreamOpsTest, ScfWhileCountsCollatzSteps) {
  // 6 -> 3 -> 10 -> 5 -> 16 -> 8 -> 4 -> 2 -> 1: 8 steps.
  auto results = run(R"mlir(
func.func @main(%n: i32) -> (i32, i32) {
  %zero = arith.constant 0 : i32
  %one = arith.constant 1 : i32
  %two = arith.constant 2 : i32
  %three = arith.constant 3 : i32
  %r:2 = scf.while (%x = %n, %steps = %zero) : (i32, i32) -> (i32, i32) {
    %more = arith.cmpi sgt, %x, %one : i32
    scf.condition(%more) %x, %steps : i32, i32
  } do {
  ^bb0(%x: i32, %steps: i32):
    %rem = arith.remui %x, %two : i32
    %odd = arith.cmpi eq, %rem, %one : i32
    %next = scf.if %odd -> (i32) {
      %m = arith.muli %x, %three : i32
      %p = arith.addi %m, %one : i32
      scf.yield %p : i32
    } else {
      %h = arith.divui %x, %two : i32
      scf.yield %h : i32
    }
    %s = arith.addi %steps, %one : i32
    scf.yield %next, %s : i32, i32
  }
  return %r#0, %r#1 : i32, i32
})mlir",
                     {scalarI(i(32), 6)});
  ASSERT_EQ(results.size(), 2u);
  expectInts(results[0], {1});
  expectInts(results[1], {8});
}

TEST_F(UpstreamOpsTest, ScfIfGenerateIndexSwitchAndTruncfModes) {
  // 1 + 2^-30 is between the f32 neighbours 1 and 1 + 2^-23: to nearest it
  // is 1, upward 1 + 2^-23. generate: t[i, j] = i - j, then if/else on a
  // scalar flag and an index_switch on an index.
  auto results = run(R"mlir(
func.func @main(%x: f64, %flag: i1, %k: index) -> (f32, f32, f32, tensor<2x3xi32>, i32, i32) {
  %near = arith.truncf %x : f64 to f32
  %up = arith.truncf %x upward : f64 to f32
  %down = arith.truncf %x downward : f64 to f32
  %g = tensor.generate {
  ^bb0(%i: index, %j: index):
    %d = arith.subi %i, %j : index
    %v = arith.index_cast %d : index to i32
    tensor.yield %v : i32
  } : tensor<2x3xi32>
  %r = scf.if %flag -> (i32) {
    %c = arith.constant 10 : i32
    scf.yield %c : i32
  } else {
    %c = arith.constant 20 : i32
    scf.yield %c : i32
  }
  %s = scf.index_switch %k -> i32
  case 1 {
    %c = arith.constant 100 : i32
    scf.yield %c : i32
  }
  case 2 {
    %c = arith.constant 200 : i32
    scf.yield %c : i32
  }
  default {
    %c = arith.constant -1 : i32
    scf.yield %c : i32
  }
  return %near, %up, %down, %g, %r, %s : f32, f32, f32, tensor<2x3xi32>, i32, i32
})mlir",
                     {scalarF(f64(), 1 + std::ldexp(1.0, -30)),
                      scalarI(i(1), 0), scalarI(i(64), 2)});
  ASSERT_EQ(results.size(), 6u);
  expectFloats(results[0], {1});
  expectFloats(results[1], {1 + std::ldexp(1.0, -23)});
  expectFloats(results[2], {1});
  expectInts(results[3], {0, -1, -2, 1, 0, -1});
  expectInts(results[4], {20});
  expectInts(results[5], {200});
}

//===----------------------------------------------------------------------===//
// Mixed programs and diagnostics
//===----------------------------------------------------------------------===//

TEST_F(UpstreamOpsTest, MixesGencAndLinalgOps) {
  // relu((a + b) x w) - 1 with genc add/max/sub around a linalg.matmul and
  // an arith.select on the result.
  auto results = run(R"mlir(
func.func @helper(%x: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %one = genc.constant dense<1.0> : tensor<2x2xf32>
  %r = genc.sub %x, %one : tensor<2x2xf32>
  return %r : tensor<2x2xf32>
}
func.func @main(%a: tensor<2x2xf32>, %b: tensor<2x2xf32>, %w: tensor<2x2xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>) {
  %s = genc.add %a, %b : tensor<2x2xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x2xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<2x2xf32>) -> tensor<2x2xf32>
  %m = linalg.matmul ins(%s, %w : tensor<2x2xf32>, tensor<2x2xf32>) outs(%acc : tensor<2x2xf32>) -> tensor<2x2xf32>
  %z = genc.constant dense<0.0> : tensor<2x2xf32>
  %relu = genc.max %m, %z : tensor<2x2xf32>
  %r = func.call @helper(%relu) : (tensor<2x2xf32>) -> tensor<2x2xf32>
  %pos = arith.cmpf ogt, %m, %z : tensor<2x2xf32>
  %sel = arith.select %pos, %m, %r : tensor<2x2xi1>, tensor<2x2xf32>
  return %r, %sel : tensor<2x2xf32>, tensor<2x2xf32>
})mlir",
                     {floats(f32(), {2, 2}, {1, 0, 0, 1}),
                      floats(f32(), {2, 2}, {0, 1, -1, 0}),
                      floats(f32(), {2, 2}, {2, -3, 1, 4})});
  ASSERT_EQ(results.size(), 2u);
  // a + b = [1 1; -1 1]; x w = [3 1; -1 7]; relu - 1 = [2 0; -1 6].
  expectFloats(results[0], {2, 0, -1, 6});
  // Where m > 0 keep m, else relu(m) - 1.
  expectFloats(results[1], {3, 1, -1, 7});
}

TEST_F(UpstreamOpsTest, UnsupportedUpstreamOpsAreNamed) {
  std::string error = runExpectingError(R"mlir(
func.func @main(%a: tensor<2xi32>) -> tensor<2xf32> {
  %r = tensor.bitcast %a : tensor<2xi32> to tensor<2xf32>
  return %r : tensor<2xf32>
})mlir",
                                        {ints(i(32), {2}, {1, 2})});
  EXPECT_NE(error.find("interpreter: unsupported op 'tensor.bitcast'"),
            std::string::npos)
      << error;
}

TEST_F(UpstreamOpsTest, ScalarArgumentsAreChecked) {
  const char *source = R"mlir(
func.func @main(%a: f32) -> f32 {
  return %a : f32
})mlir";
  std::string error = runExpectingError(source, {scalarI(i(32), 1)});
  EXPECT_NE(error.find("interpreter: argument #0 of '@main' has type 'i32', "
                       "expected 'f32'"),
            std::string::npos)
      << error;
  auto ok = run(source, {scalarF(f32(), 0.1)});
  ASSERT_EQ(ok.size(), 1u);
  expectFloats(ok[0], {f32r(0.1)});
}

} // namespace

// genc.dot_general: matmul, batch matmul, vector dot, outer product,
// contraction on the lhs' first dimension, and a batch dimension that is
// not leading.
// RUN: genc run %s --backend=interp --input='2x3xf32=[1 2 3][4 5 6]' --input='3x2xf32=[7 8][9 10][11 12]' | FileCheck %s --check-prefix=MATMUL --match-full-lines
// RUN: genc run %s --backend=cpu --input='2x3xf32=[1 2 3][4 5 6]' --input='3x2xf32=[7 8][9 10][11 12]' | FileCheck %s --check-prefix=MATMUL --match-full-lines
// RUN: genc run %s --function=batch --backend=interp --input='2x2x2xf64=1 2 3 4 1 0 0 1' --input='2x2x2xf64=5 6 7 8 2 3 4 5' | FileCheck %s --check-prefix=BATCH --match-full-lines
// RUN: genc run %s --function=batch --backend=cpu --input='2x2x2xf64=1 2 3 4 1 0 0 1' --input='2x2x2xf64=5 6 7 8 2 3 4 5' | FileCheck %s --check-prefix=BATCH --match-full-lines
// RUN: genc run %s --function=vectors --backend=interp --input='3xi32=1 2 3' --input='3xi32=4 5 -6' | FileCheck %s --check-prefix=VEC --match-full-lines
// RUN: genc run %s --function=vectors --backend=cpu --input='3xi32=1 2 3' --input='3xi32=4 5 -6' | FileCheck %s --check-prefix=VEC --match-full-lines
// RUN: genc run %s --function=batch_middle --backend=interp --input='3x2x4xf32=0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23' --input='4x5x2xf32=0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39' | FileCheck %s --check-prefix=MIDDLE --match-full-lines
// RUN: genc run %s --function=batch_middle --backend=cpu --input='3x2x4xf32=0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23' --input='4x5x2xf32=0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39' | FileCheck %s --check-prefix=MIDDLE --match-full-lines

// MATMUL: 2x2xf32=[58 64][139 154]
// MATMUL-NEXT: 3x3xf32=[39 49 59][54 68 82][69 87 105]
func.func @main(%a: tensor<2x3xf32>, %b: tensor<3x2xf32>) -> (tensor<2x2xf32>, tensor<3x3xf32>) {
  %0 = genc.dot_general %a, %b, batch = [] x [], contract = [1] x [0] : (tensor<2x3xf32>, tensor<3x2xf32>) -> tensor<2x2xf32>
  // Contract the lhs' dimension 0 with the rhs' dimension 1: r[i, j] = sum_k a[k, i] * b[j, k].
  %1 = genc.dot_general %a, %b, batch = [] x [], contract = [0] x [1] : (tensor<2x3xf32>, tensor<3x2xf32>) -> tensor<3x3xf32>
  return %0, %1 : tensor<2x2xf32>, tensor<3x3xf32>
}

// BATCH: 2x2x2xf64={{\[\[}}19 22][43 50]]{{\[\[}}2 3][4 5]]
func.func @batch(%a: tensor<2x2x2xf64>, %b: tensor<2x2x2xf64>) -> tensor<2x2x2xf64> {
  %r = genc.dot_general %a, %b, batch = [0] x [0], contract = [2] x [1] : (tensor<2x2x2xf64>, tensor<2x2x2xf64>) -> tensor<2x2x2xf64>
  return %r : tensor<2x2x2xf64>
}

// VEC: i32=-4
// VEC-NEXT: 3x3xi32=[4 5 -6][8 10 -12][12 15 -18]
func.func @vectors(%a: tensor<3xi32>, %b: tensor<3xi32>) -> (tensor<i32>, tensor<3x3xi32>) {
  %0 = genc.dot_general %a, %b, batch = [] x [], contract = [0] x [0] : (tensor<3xi32>, tensor<3xi32>) -> tensor<i32>
  %1 = genc.dot_general %a, %b, batch = [] x [], contract = [] x [] : (tensor<3xi32>, tensor<3xi32>) -> tensor<3x3xi32>
  return %0, %1 : tensor<i32>, tensor<3x3xi32>
}

// result[b, i, j] = sum_k a[i, b, k] * c[k, j, b], checked against NumPy's
// einsum('ibk,kjb->bij').
// MIDDLE: 2x3x5xf32={{\[\[}}140 152 164 176 188][620 696 772 848 924][1100 1240 1380 1520 1660]]{{\[\[}}402 446 490 534 578][914 1022 1130 1238 1346][1426 1598 1770 1942 2114]]
func.func @batch_middle(%a: tensor<3x2x4xf32>, %c: tensor<4x5x2xf32>) -> tensor<2x3x5xf32> {
  %r = genc.dot_general %a, %c, batch = [1] x [2], contract = [2] x [0] : (tensor<3x2x4xf32>, tensor<4x5x2xf32>) -> tensor<2x3x5xf32>
  return %r : tensor<2x3x5xf32>
}

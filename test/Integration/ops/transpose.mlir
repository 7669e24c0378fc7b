// genc.transpose: result dimension i is operand dimension perm[i].
// RUN: genc run %s --backend=interp --input='2x3xf32=[1 2 3][4 5 6]' --input='2x3x4xi32=0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23' | FileCheck %s --match-full-lines
// RUN: genc run %s --backend=cpu --input='2x3xf32=[1 2 3][4 5 6]' --input='2x3x4xi32=0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23' | FileCheck %s --match-full-lines

// x[a, b, c] = 12a + 4b + c, so result[i, j, k] = x[j, k, i] = 12j + 4k + i.
// CHECK: 3x2xf32=[1 4][2 5][3 6]
// CHECK-NEXT: 4x2x3xi32={{\[\[}}0 4 8][12 16 20]]{{\[\[}}1 5 9][13 17 21]]{{\[\[}}2 6 10][14 18 22]]{{\[\[}}3 7 11][15 19 23]]
// CHECK-NEXT: 3x4x2xi32={{\[\[}}0 12][1 13][2 14][3 15]]{{\[\[}}4 16][5 17][6 18][7 19]]{{\[\[}}8 20][9 21][10 22][11 23]]
func.func @main(%x: tensor<2x3xf32>, %y: tensor<2x3x4xi32>) -> (tensor<3x2xf32>, tensor<4x2x3xi32>, tensor<3x4x2xi32>) {
  %0 = genc.transpose %x, dims = [1, 0] : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %1 = genc.transpose %y, dims = [2, 0, 1] : (tensor<2x3x4xi32>) -> tensor<4x2x3xi32>
  %2 = genc.transpose %y, dims = [1, 2, 0] : (tensor<2x3x4xi32>) -> tensor<3x4x2xi32>
  return %0, %1, %2 : tensor<3x2xf32>, tensor<4x2x3xi32>, tensor<3x4x2xi32>
}

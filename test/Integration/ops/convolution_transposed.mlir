// A transposed convolution: lhs_dilation 2 spreads x = [[1 2] [3 4]] to
// [[1 0 2] [0 0 0] [3 0 4]], padding 1 surrounds it with zeros, and the
// 2x2 kernel [[1 10] [100 1000]] slides over the 5x5 result.
// RUN: genc run %s --backend=interp --input='1x2x2x1xf32=1 2 3 4' --input='2x2x1x1xf32=1 10 100 1000' | FileCheck %s --match-full-lines
// RUN: genc run %s --backend=cpu --input='1x2x2x1xf32=1 2 3 4' --input='2x2x1x1xf32=1 10 100 1000' | FileCheck %s --match-full-lines
// RUN: genc run %s --function=dilated_kernel --backend=interp --input='1x5x5x1xf32=1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25' --input='2x2x1x1xf32=1 2 3 4' | FileCheck %s --check-prefix=RHSDIL --match-full-lines
// RUN: genc run %s --function=dilated_kernel --backend=cpu --input='1x5x5x1xf32=1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25' --input='2x2x1x1xf32=1 2 3 4' | FileCheck %s --check-prefix=RHSDIL --match-full-lines

// CHECK: 1x4x4x1xf32={{\[\[\[}}1000][100][2000][200]]{{\[\[}}10][1][20][2]]{{\[\[}}3000][300][4000][400]]{{\[\[}}30][3][40][4]]]
func.func @main(%x: tensor<1x2x2x1xf32>, %w: tensor<2x2x1x1xf32>) -> tensor<1x4x4x1xf32> {
  %y = genc.convolution %x, %w {lhs_dilation = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>} : (tensor<1x2x2x1xf32>, tensor<2x2x1x1xf32>) -> tensor<1x4x4x1xf32>
  return %y : tensor<1x4x4x1xf32>
}

// rhs_dilation 2: out[i, j] = x[i, j] + 2x[i, j+2] + 3x[i+2, j] + 4x[i+2, j+2]
// with x[h, w] = 5h + w + 1.
// RHSDIL: 1x3x3x1xf32={{\[\[\[}}92][102][112]]{{\[\[}}142][152][162]]{{\[\[}}192][202][212]]]
func.func @dilated_kernel(%x: tensor<1x5x5x1xf32>, %w: tensor<2x2x1x1xf32>) -> tensor<1x3x3x1xf32> {
  %y = genc.convolution %x, %w {rhs_dilation = array<i64: 2, 2>} : (tensor<1x5x5x1xf32>, tensor<2x2x1x1xf32>) -> tensor<1x3x3x1xf32>
  return %y : tensor<1x3x3x1xf32>
}

// Transposed convolutions lowered by one GEMM + col2im (genc-to-linalg's
// TransposedConvolutionByCol2Im): a 4x4 stride-2 decoder layer with 3
// output channels, mixed dilation (2 in H, 1 in W) with asymmetric
// padding, dilation 3 with a negative padding (cropping) and an empty
// phase. Small integers: both backends print exact, identical sums.
// RUN: genc run %s --function=decoder --backend=interp --input='1x2x2x2xf32=[[[1 2][3 -1]][[0 2][-2 1]]]' --input='4x4x2x3xf32=-2 0 2 -1 1 -2 0 2 -1 1 -2 0 2 -1 1 -2 0 2 -1 1 -2 0 2 -1 1 -2 0 2 -1 1 -2 0 2 -1 1 -2 0 2 -1 1 -2 0 2 -1 1 -2 0 2 -1 1 -2 0 2 -1 1 -2 0 2 -1 1 -2 0 2 -1 1 -2 0 2 -1 1 -2 0 2 -1 1 -2 0 2 -1 1 -2 0 2 -1 1 -2 0 2 -1 1 -2 0 2 -1 1 -2' | FileCheck %s --check-prefix=DEC --match-full-lines
// RUN: genc run %s --function=decoder --backend=cpu --input='1x2x2x2xf32=[[[1 2][3 -1]][[0 2][-2 1]]]' --input='4x4x2x3xf32=-2 0 2 -1 1 -2 0 2 -1 1 -2 0 2 -1 1 -2 0 2 -1 1 -2 0 2 -1 1 -2 0 2 -1 1 -2 0 2 -1 1 -2 0 2 -1 1 -2 0 2 -1 1 -2 0 2 -1 1 -2 0 2 -1 1 -2 0 2 -1 1 -2 0 2 -1 1 -2 0 2 -1 1 -2 0 2 -1 1 -2 0 2 -1 1 -2 0 2 -1 1 -2 0 2 -1 1 -2 0 2 -1 1 -2' | FileCheck %s --check-prefix=DEC --match-full-lines
// RUN: genc run %s --function=mixed --backend=interp --input='1x3x2x1xf32=1 2 3 4 5 6' --input='3x2x1x2xf32=1 -1 2 0 3 1 -2 1 0 2 1 1' | FileCheck %s --check-prefix=MIX --match-full-lines
// RUN: genc run %s --function=mixed --backend=cpu --input='1x3x2x1xf32=1 2 3 4 5 6' --input='3x2x1x2xf32=1 -1 2 0 3 1 -2 1 0 2 1 1' | FileCheck %s --check-prefix=MIX --match-full-lines
// RUN: genc run %s --function=cropped --backend=interp --input='1x3x1xf32=1 2 3' --input='2x1x1xf32=10 1' | FileCheck %s --check-prefix=CROP --match-full-lines
// RUN: genc run %s --function=cropped --backend=cpu --input='1x3x1xf32=1 2 3' --input='2x1x1xf32=10 1' | FileCheck %s --check-prefix=CROP --match-full-lines

// DEC: 1x4x4x3xf32={{\[\[\[}}-4 2 -2][4 4 -1][-6 4 4][1 -5 -1]]{{\[\[}}6 -4 1][7 4 -9][0 7 4][-3 -1 11]]{{\[\[}}-4 1 1][4 -9 -2][7 4 -9][-1 11 -2]]{{\[\[}}2 -4 0][-8 4 -4][5 -8 4][3 1 -6]]]
func.func @decoder(%x: tensor<1x2x2x2xf32>, %w: tensor<4x4x2x3xf32>) -> tensor<1x4x4x3xf32> {
  %y = genc.convolution %x, %w {lhs_dilation = array<i64: 2, 2>, padding = array<i64: 2, 2, 2, 2>} : (tensor<1x2x2x2xf32>, tensor<4x4x2x3xf32>) -> tensor<1x4x4x3xf32>
  return %y : tensor<1x4x4x3xf32>
}

// MIX: 1x6x2x2xf32={{\[\[\[}}-1 3][6 2]]{{\[\[}}9 9][2 6]]{{\[\[}}1 7][12 4]]{{\[\[}}17 13][4 8]]{{\[\[}}3 11][18 6]]{{\[\[}}17 -5][6 -6]]]
func.func @mixed(%x: tensor<1x3x2x1xf32>, %w: tensor<3x2x1x2xf32>) -> tensor<1x6x2x2xf32> {
  %y = genc.convolution %x, %w {lhs_dilation = array<i64: 2, 1>, padding = array<i64: 1, 2, 0, 1>} : (tensor<1x3x2x1xf32>, tensor<3x2x1x2xf32>) -> tensor<1x6x2x2xf32>
  return %y : tensor<1x6x2x2xf32>
}

// x dilated by 3, cropped by 1, padded by 3: [0 0 2 0 0 3 0 0 0]; out[o] = 10 a[o] + a[o+1].
// CROP: 1x8x1xf32={{\[\[}}0][2][20][0][3][30][0][0]]
func.func @cropped(%x: tensor<1x3x1xf32>, %w: tensor<2x1x1xf32>) -> tensor<1x8x1xf32> {
  %y = genc.convolution %x, %w {lhs_dilation = array<i64: 3>, padding = array<i64: -1, 3>} : (tensor<1x3x1xf32>, tensor<2x1x1xf32>) -> tensor<1x8x1xf32>
  return %y : tensor<1x8x1xf32>
}

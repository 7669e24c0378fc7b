// genc.convolution, 2-D NHWC input / HWIO kernel (the defaults): plain,
// stride 2, and asymmetric padding. x[h, w] = 4h + w + 1; the kernel's two
// output features are [[1 2] [3 4]] and [[0 1] [0 -1]].
// RUN: genc run %s --backend=interp --input='1x4x4x1xf32=1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16' --input='2x2x1x2xf32=1 0 2 1 3 0 4 -1' | FileCheck %s --match-full-lines
// RUN: genc run %s --backend=cpu --input='1x4x4x1xf32=1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16' --input='2x2x1x2xf32=1 0 2 1 3 0 4 -1' | FileCheck %s --match-full-lines

// out[i, j, 0] = x[i, j] + 2x[i, j+1] + 3x[i+1, j] + 4x[i+1, j+1], out[.., 1] = x[i, j+1] - x[i+1, j+1].
// CHECK: 1x3x3x2xf32={{\[\[\[}}44 -4][54 -4][64 -4]]{{\[\[}}84 -4][94 -4][104 -4]]{{\[\[}}124 -4][134 -4][144 -4]]]
// CHECK-NEXT: 1x2x2x2xf32={{\[\[\[}}44 -4][64 -4]]{{\[\[}}124 -4][144 -4]]]
// CHECK-NEXT: 1x4x4x2xf32={{\[\[\[}}22 -4][44 -4][54 -4][64 -4]]{{\[\[}}46 -4][84 -4][94 -4][104 -4]]{{\[\[}}70 -4][124 -4][134 -4][144 -4]]{{\[\[}}26 13][41 14][44 15][47 16]]]
func.func @main(%x: tensor<1x4x4x1xf32>, %w: tensor<2x2x1x2xf32>) -> (tensor<1x3x3x2xf32>, tensor<1x2x2x2xf32>, tensor<1x4x4x2xf32>) {
  %0 = genc.convolution %x, %w : (tensor<1x4x4x1xf32>, tensor<2x2x1x2xf32>) -> tensor<1x3x3x2xf32>
  %1 = genc.convolution %x, %w {window_strides = array<i64: 2, 2>} : (tensor<1x4x4x1xf32>, tensor<2x2x1x2xf32>) -> tensor<1x2x2x2xf32>
  // Padding: none above, one row below, one column left, none right.
  %2 = genc.convolution %x, %w {padding = array<i64: 0, 1, 1, 0>} : (tensor<1x4x4x1xf32>, tensor<2x2x1x2xf32>) -> tensor<1x4x4x2xf32>
  return %0, %1, %2 : tensor<1x3x3x2xf32>, tensor<1x2x2x2xf32>, tensor<1x4x4x2xf32>
}

// 1-D convolutions (NWC input, WIO kernel) with feature groups.
// RUN: genc run %s --backend=interp --input='1x4x4xf32=1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16' --input='2x2x4xf32=1 0 0 1 0 1 1 0 1 1 0 0 0 0 1 1' | FileCheck %s --match-full-lines
// RUN: genc run %s --backend=cpu --input='1x4x4xf32=1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16' --input='2x2x4xf32=1 0 0 1 0 1 1 0 1 1 0 0 0 0 1 1' | FileCheck %s --match-full-lines
// RUN: genc run %s --function=depthwise --backend=interp --input='1x5x2xf32=1 2 3 4 5 6 7 8 9 10' --input='3x1x2xf32=1 10 2 20 3 30' | FileCheck %s --check-prefix=DEPTH --match-full-lines
// RUN: genc run %s --function=depthwise --backend=cpu --input='1x5x2xf32=1 2 3 4 5 6 7 8 9 10' --input='3x1x2xf32=1 10 2 20 3 30' | FileCheck %s --check-prefix=DEPTH --match-full-lines
// RUN: genc run %s --function=negative_padding --backend=interp --input='1x5x1xf32=1 2 3 4 5' --input='2x1x1xf32=1 10' | FileCheck %s --check-prefix=NEGPAD --match-full-lines
// RUN: genc run %s --function=negative_padding --backend=cpu --input='1x5x1xf32=1 2 3 4 5' --input='2x1x1xf32=1 10' | FileCheck %s --check-prefix=NEGPAD --match-full-lines

// Two groups of two input and two output features: outputs 0, 1 read input
// features 0, 1 and outputs 2, 3 read features 2, 3.
// CHECK: 1x3x4xf32={{\[\[}}6 7 12 11][14 15 20 19][22 23 28 27]]
func.func @main(%x: tensor<1x4x4xf32>, %w: tensor<2x2x4xf32>) -> tensor<1x3x4xf32> {
  %y = genc.convolution %x, %w {feature_group_count = 2 : i64} : (tensor<1x4x4xf32>, tensor<2x2x4xf32>) -> tensor<1x3x4xf32>
  return %y : tensor<1x3x4xf32>
}

// Depthwise (one group per feature), stride 2: out[p, c] = sum_k x[2p + k, c] * w[k, c].
// DEPTH: 1x2x2xf32={{\[\[}}22 280][46 520]]
func.func @depthwise(%x: tensor<1x5x2xf32>, %w: tensor<3x1x2xf32>) -> tensor<1x2x2xf32> {
  %y = genc.convolution %x, %w {feature_group_count = 2 : i64, window_strides = array<i64: 2>} : (tensor<1x5x2xf32>, tensor<3x1x2xf32>) -> tensor<1x2x2xf32>
  return %y : tensor<1x2x2xf32>
}

// Padding -1 on both sides drops the first and last input element.
// NEGPAD: 1x2x1xf32={{\[\[}}32][43]]
func.func @negative_padding(%x: tensor<1x5x1xf32>, %w: tensor<2x1x1xf32>) -> tensor<1x2x1xf32> {
  %y = genc.convolution %x, %w {padding = array<i64: -1, -1>} : (tensor<1x5x1xf32>, tensor<2x1x1xf32>) -> tensor<1x2x1xf32>
  return %y : tensor<1x2x1xf32>
}

// genc.convolution with explicit dimension numbers: NCHW input, OIHW
// kernel, NCHW output. The kernel picks x[0, i, j] + x[1, i+1, j+1].
// RUN: genc run %s --backend=interp --input='1x2x3x3xf32=1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18' --input='1x2x2x2xf32=1 0 0 0 0 0 0 1' | FileCheck %s --match-full-lines
// RUN: genc run %s --backend=cpu --input='1x2x3x3xf32=1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18' --input='1x2x2x2xf32=1 0 0 0 0 0 0 1' | FileCheck %s --match-full-lines
// RUN: genc run %s --function=batch_last --backend=interp --input='3x2x1xf32=1 2 3 4 5 6' --input='2x1x1xf32=1 -1' | FileCheck %s --check-prefix=CWN --match-full-lines
// RUN: genc run %s --function=batch_last --backend=cpu --input='3x2x1xf32=1 2 3 4 5 6' --input='2x1x1xf32=1 -1' | FileCheck %s --check-prefix=CWN --match-full-lines

// CHECK: 1x1x2x2xf32={{\[\[\[}}15 17][21 23]]]
func.func @main(%x: tensor<1x2x3x3xf32>, %w: tensor<1x2x2x2xf32>) -> tensor<1x1x2x2xf32> {
  %y = genc.convolution %x, %w {
      input_batch_dimension = 0 : i64, input_feature_dimension = 1 : i64,
      input_spatial_dimensions = array<i64: 2, 3>,
      kernel_input_feature_dimension = 1 : i64, kernel_output_feature_dimension = 0 : i64,
      kernel_spatial_dimensions = array<i64: 2, 3>,
      output_batch_dimension = 0 : i64, output_feature_dimension = 1 : i64,
      output_spatial_dimensions = array<i64: 2, 3>}
    : (tensor<1x2x3x3xf32>, tensor<1x2x2x2xf32>) -> tensor<1x1x2x2xf32>
  return %y : tensor<1x1x2x2xf32>
}

// Input [W, N, C] (batch in the middle), output [N, W, C]: two 1-D signals
// 1 3 5 and 2 4 6, differenced: out[n, p] = x[p, n] - x[p+1, n].
// CWN: 2x2x1xf32={{\[\[}}-2][-2]]{{\[\[}}-2][-2]]
func.func @batch_last(%x: tensor<3x2x1xf32>, %w: tensor<2x1x1xf32>) -> tensor<2x2x1xf32> {
  %y = genc.convolution %x, %w {
      input_batch_dimension = 1 : i64, input_feature_dimension = 2 : i64,
      input_spatial_dimensions = array<i64: 0>,
      output_batch_dimension = 0 : i64, output_feature_dimension = 2 : i64,
      output_spatial_dimensions = array<i64: 1>}
    : (tensor<3x2x1xf32>, tensor<2x1x1xf32>) -> tensor<2x2x1xf32>
  return %y : tensor<2x2x1xf32>
}

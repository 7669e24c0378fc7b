// RUN: genc-opt %s | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | genc-opt | FileCheck %s

// Default dimension numbers (NHWC input, HWIO kernel, NHWC output): the
// defaulted attributes are not printed back.
// CHECK-LABEL: func.func @conv_default
// CHECK-SAME: (%[[X:.*]]: tensor<1x8x8x3xf32>, %[[W:.*]]: tensor<3x3x3x16xf32>)
func.func @conv_default(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x16xf32>) -> tensor<1x8x8x16xf32> {
  // CHECK: %[[Y:.*]] = genc.convolution %[[X]], %[[W]] {padding = array<i64: 1, 1, 1, 1>, window_strides = array<i64: 1, 1>} : (tensor<1x8x8x3xf32>, tensor<3x3x3x16xf32>) -> tensor<1x8x8x16xf32>
  // CHECK: return %[[Y]]
  %y = genc.convolution %x, %w {window_strides = array<i64: 1, 1>, padding = array<i64: 1, 1, 1, 1>} : (tensor<1x8x8x3xf32>, tensor<3x3x3x16xf32>) -> tensor<1x8x8x16xf32>
  return %y : tensor<1x8x8x16xf32>
}

// CHECK-LABEL: func.func @conv_no_attrs
func.func @conv_no_attrs(%x: tensor<2x5x5x1xf32>, %w: tensor<2x2x1x4xf32>) -> tensor<2x4x4x4xf32> {
  // CHECK: genc.convolution %{{.*}}, %{{.*}} : (tensor<2x5x5x1xf32>, tensor<2x2x1x4xf32>) -> tensor<2x4x4x4xf32>
  %y = genc.convolution %x, %w : (tensor<2x5x5x1xf32>, tensor<2x2x1x4xf32>) -> tensor<2x4x4x4xf32>
  return %y : tensor<2x4x4x4xf32>
}

// NCHW input, OIHW kernel, NCHW output, with dilations and groups.
// CHECK-LABEL: func.func @conv_explicit_dims
func.func @conv_explicit_dims(%x: tensor<1x4x9x9xf32>, %w: tensor<6x2x3x3xf32>) -> tensor<1x6x7x7xf32> {
  // CHECK: genc.convolution %{{.*}}, %{{.*}} {
  // CHECK-SAME: feature_group_count = 2
  // CHECK-SAME: input_feature_dimension = 1
  // CHECK-SAME: input_spatial_dimensions = array<i64: 2, 3>
  // CHECK-SAME: kernel_input_feature_dimension = 1
  // CHECK-SAME: kernel_output_feature_dimension = 0
  // CHECK-SAME: kernel_spatial_dimensions = array<i64: 2, 3>
  // CHECK-SAME: lhs_dilation = array<i64: 1, 1>
  // CHECK-SAME: output_feature_dimension = 1
  // CHECK-SAME: output_spatial_dimensions = array<i64: 2, 3>
  // CHECK-SAME: padding = array<i64: 1, 1, 1, 1>
  // CHECK-SAME: rhs_dilation = array<i64: 2, 2>
  // CHECK-SAME: window_strides = array<i64: 1, 1>
  // CHECK-SAME: : (tensor<1x4x9x9xf32>, tensor<6x2x3x3xf32>) -> tensor<1x6x7x7xf32>
  %y = genc.convolution %x, %w {
      window_strides = array<i64: 1, 1>, padding = array<i64: 1, 1, 1, 1>,
      lhs_dilation = array<i64: 1, 1>, rhs_dilation = array<i64: 2, 2>,
      feature_group_count = 2 : i64,
      input_batch_dimension = 0 : i64, input_feature_dimension = 1 : i64,
      input_spatial_dimensions = array<i64: 2, 3>,
      kernel_input_feature_dimension = 1 : i64,
      kernel_output_feature_dimension = 0 : i64,
      kernel_spatial_dimensions = array<i64: 2, 3>,
      output_batch_dimension = 0 : i64, output_feature_dimension = 1 : i64,
      output_spatial_dimensions = array<i64: 2, 3>}
    : (tensor<1x4x9x9xf32>, tensor<6x2x3x3xf32>) -> tensor<1x6x7x7xf32>
  return %y : tensor<1x6x7x7xf32>
}

// 1-D convolution (NWC, WIO) with lhs dilation: a transposed convolution.
// CHECK-LABEL: func.func @conv_1d_transposed
func.func @conv_1d_transposed(%x: tensor<1x3x2xf64>, %w: tensor<2x2x1xf64>) -> tensor<1x6x1xf64> {
  // CHECK: genc.convolution %{{.*}}, %{{.*}} {lhs_dilation = array<i64: 2>, padding = array<i64: 1, 1>} : (tensor<1x3x2xf64>, tensor<2x2x1xf64>) -> tensor<1x6x1xf64>
  %y = genc.convolution %x, %w {lhs_dilation = array<i64: 2>, padding = array<i64: 1, 1>} : (tensor<1x3x2xf64>, tensor<2x2x1xf64>) -> tensor<1x6x1xf64>
  return %y : tensor<1x6x1xf64>
}

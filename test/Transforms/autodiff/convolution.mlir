// RUN: genc-opt %s --split-input-file --genc-autodiff | FileCheck %s

// NHWC / HWIO with stride 2, asymmetric padding and rhs dilation 2.
// Input cotangent: the cotangent, dilated by the strides (lhs_dilation),
// convolved with the spatially reversed kernel whose input and output
// features swap roles; padding (k_dilated - 1 - lo, rest) per dimension.
// Kernel cotangent: the input (batch and features exchanged) convolved
// with the cotangent as kernel, strides and rhs dilation exchanged; the
// negative high padding drops the input row the strides never reached.
// CHECK-LABEL: func.func private @conv__vjp_0_1
// CHECK-SAME: (%[[X:.*]]: tensor<1x9x7x2xf32>, %[[W:.*]]: tensor<3x2x2x3xf32>, %[[CT:.*]]: tensor<1x3x4x3xf32>)
// CHECK: %[[WR:.*]] = genc.reverse %[[W]], dims = [0, 1] : tensor<3x2x2x3xf32>
// CHECK: %[[DX:.*]] = genc.convolution %[[CT]], %[[WR]]
// CHECK-SAME: input_feature_dimension = 3
// CHECK-SAME: kernel_input_feature_dimension = 3 : i64, kernel_output_feature_dimension = 2 : i64
// CHECK-SAME: lhs_dilation = array<i64: 2, 2>
// CHECK-SAME: padding = array<i64: 3, 5, 0, 2>, rhs_dilation = array<i64: 2, 2>, window_strides = array<i64: 1, 1>
// CHECK-SAME: (tensor<1x3x4x3xf32>, tensor<3x2x2x3xf32>) -> tensor<1x9x7x2xf32>
// CHECK: %[[DW:.*]] = genc.convolution %[[X]], %[[CT]]
// CHECK-SAME: input_batch_dimension = 3 : i64, input_feature_dimension = 0 : i64
// CHECK-SAME: kernel_input_feature_dimension = 0 : i64, kernel_output_feature_dimension = 3 : i64
// CHECK-SAME: output_batch_dimension = 2 : i64, output_feature_dimension = 3 : i64, output_spatial_dimensions = array<i64: 0, 1>
// CHECK-SAME: padding = array<i64: 1, -1, 2, 0>, rhs_dilation = array<i64: 2, 2>, window_strides = array<i64: 2, 2>
// CHECK-SAME: (tensor<1x9x7x2xf32>, tensor<1x3x4x3xf32>) -> tensor<3x2x2x3xf32>
// CHECK: return %{{.*}}, %[[DX]], %[[DW]]
func.func @conv(%x: tensor<1x9x7x2xf32>, %w: tensor<3x2x2x3xf32>) -> tensor<1x3x4x3xf32> {
  %y = genc.convolution %x, %w {window_strides = array<i64: 2, 2>, padding = array<i64: 1, 0, 2, 1>, rhs_dilation = array<i64: 2, 2>} : (tensor<1x9x7x2xf32>, tensor<3x2x2x3xf32>) -> tensor<1x3x4x3xf32>
  return %y : tensor<1x3x4x3xf32>
}
func.func @main(%x: tensor<1x9x7x2xf32>, %w: tensor<3x2x2x3xf32>, %ct: tensor<1x3x4x3xf32>) -> (tensor<1x9x7x2xf32>, tensor<3x2x2x3xf32>) {
  %y, %dx, %dw = genc.vjp @conv(%x, %w) cotangents(%ct) argnums = [0, 1] : (tensor<1x9x7x2xf32>, tensor<3x2x2x3xf32>, tensor<1x3x4x3xf32>) -> (tensor<1x3x4x3xf32>, tensor<1x9x7x2xf32>, tensor<3x2x2x3xf32>)
  return %dx, %dw : tensor<1x9x7x2xf32>, tensor<3x2x2x3xf32>
}

// -----

// A transposed convolution (lhs dilation 2): its input cotangent is a
// strided convolution (window_strides = the lhs dilation).
// CHECK-LABEL: func.func private @tconv__vjp_0_1
// CHECK: genc.reverse
// CHECK: genc.convolution
// CHECK-SAME: padding = array<i64: 0, 0, 0, 0>
// CHECK-SAME: window_strides = array<i64: 2, 2>
// CHECK-SAME: -> tensor<1x3x3x2xf32>
// CHECK: genc.convolution
// CHECK-SAME: lhs_dilation = array<i64: 2, 2>
// CHECK-SAME: -> tensor<3x3x2x4xf32>
func.func @tconv(%x: tensor<1x3x3x2xf32>, %w: tensor<3x3x2x4xf32>) -> tensor<1x7x7x4xf32> {
  %y = genc.convolution %x, %w {padding = array<i64: 2, 2, 2, 2>, lhs_dilation = array<i64: 2, 2>} : (tensor<1x3x3x2xf32>, tensor<3x3x2x4xf32>) -> tensor<1x7x7x4xf32>
  return %y : tensor<1x7x7x4xf32>
}
func.func @main(%x: tensor<1x3x3x2xf32>, %w: tensor<3x3x2x4xf32>, %ct: tensor<1x7x7x4xf32>) -> (tensor<1x3x3x2xf32>, tensor<3x3x2x4xf32>) {
  %y, %dx, %dw = genc.vjp @tconv(%x, %w) cotangents(%ct) argnums = [0, 1] : (tensor<1x3x3x2xf32>, tensor<3x3x2x4xf32>, tensor<1x7x7x4xf32>) -> (tensor<1x7x7x4xf32>, tensor<1x3x3x2xf32>, tensor<3x3x2x4xf32>)
  return %dx, %dw : tensor<1x3x3x2xf32>, tensor<3x3x2x4xf32>
}

// -----

// Feature groups (2): the kernel's output-feature groups move into its
// input features for the input cotangent ([I, G*O'] -> [G*I, O']), and the
// input's feature groups move into its batch for the kernel cotangent
// ([N, G*I] -> [G*N, I]); both transposed convolutions keep
// feature_group_count = 2.
// CHECK-LABEL: func.func private @gconv__vjp_0_1
// CHECK-SAME: (%[[X:.*]]: tensor<2x5x5x4xf32>, %[[W:.*]]: tensor<2x3x2x6xf32>, %[[CT:.*]]: tensor<2x6x2x6xf32>)
// CHECK: %[[W1:.*]] = genc.transpose %[[W]], dims = [2, 3, 0, 1] : (tensor<2x3x2x6xf32>) -> tensor<2x6x2x3xf32>
// CHECK: %[[W2:.*]] = genc.reshape %[[W1]] : (tensor<2x6x2x3xf32>) -> tensor<2x2x3x2x3xf32>
// CHECK: %[[W3:.*]] = genc.transpose %[[W2]], dims = [1, 0, 2, 3, 4]
// CHECK: %[[W4:.*]] = genc.reshape %[[W3]] : (tensor<2x2x3x2x3xf32>) -> tensor<4x3x2x3xf32>
// CHECK: %[[WR:.*]] = genc.reverse %[[W4]], dims = [2, 3]
// CHECK: %[[DX:.*]] = genc.convolution %[[CT]], %[[WR]] {feature_group_count = 2 : i64
// CHECK-SAME: kernel_input_feature_dimension = 1 : i64, kernel_output_feature_dimension = 0 : i64
// CHECK-SAME: -> tensor<2x5x5x4xf32>
// CHECK: %[[X1:.*]] = genc.transpose %[[X]], dims = [0, 3, 1, 2] : (tensor<2x5x5x4xf32>) -> tensor<2x4x5x5xf32>
// CHECK: %[[X2:.*]] = genc.reshape %[[X1]] : (tensor<2x4x5x5xf32>) -> tensor<2x2x2x5x5xf32>
// CHECK: %[[X3:.*]] = genc.transpose %[[X2]], dims = [1, 0, 2, 3, 4]
// CHECK: %[[X4:.*]] = genc.reshape %[[X3]] : (tensor<2x2x2x5x5xf32>) -> tensor<4x2x5x5xf32>
// CHECK: %[[DW:.*]] = genc.convolution %[[X4]], %[[CT]] {feature_group_count = 2 : i64, input_batch_dimension = 1 : i64, input_feature_dimension = 0 : i64
// CHECK-SAME: -> tensor<2x3x2x6xf32>
// CHECK: return %{{.*}}, %[[DX]], %[[DW]]
func.func @gconv(%x: tensor<2x5x5x4xf32>, %w: tensor<2x3x2x6xf32>) -> tensor<2x6x2x6xf32> {
  %y = genc.convolution %x, %w {window_strides = array<i64: 1, 2>, padding = array<i64: 1, 1, 0, 1>, feature_group_count = 2} : (tensor<2x5x5x4xf32>, tensor<2x3x2x6xf32>) -> tensor<2x6x2x6xf32>
  return %y : tensor<2x6x2x6xf32>
}
func.func @main(%x: tensor<2x5x5x4xf32>, %w: tensor<2x3x2x6xf32>, %ct: tensor<2x6x2x6xf32>) -> (tensor<2x5x5x4xf32>, tensor<2x3x2x6xf32>) {
  %y, %dx, %dw = genc.vjp @gconv(%x, %w) cotangents(%ct) argnums = [0, 1] : (tensor<2x5x5x4xf32>, tensor<2x3x2x6xf32>, tensor<2x6x2x6xf32>) -> (tensor<2x6x2x6xf32>, tensor<2x5x5x4xf32>, tensor<2x3x2x6xf32>)
  return %dx, %dw : tensor<2x5x5x4xf32>, tensor<2x3x2x6xf32>
}

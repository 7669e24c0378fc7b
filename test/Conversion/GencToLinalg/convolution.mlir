// RUN: genc-opt %s --genc-convert-to-linalg --split-input-file | FileCheck %s

// Ungrouped: pad, im2col gather, one matmul [N*OH*OW, KH*KW*C] x [KH*KW*C, O].
// The gather reads the input as [N, H, W*C]: a kernel row's KW*C = 9 values
// are one contiguous run (the innermost loop).
// CHECK-DAG: #[[PATCH:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1 * 2 + d3, d2 * 6 + d4)>
// CHECK-LABEL: func.func @conv2d
// CHECK-SAME: (%[[X:.*]]: tensor<1x8x8x3xf32>, %[[W:.*]]: tensor<3x3x3x16xf32>)
// CHECK: %[[P:.*]] = tensor.pad %[[X]] low[0, 1, 1, 0] high[0, 1, 1, 0]
// CHECK: } : tensor<1x8x8x3xf32> to tensor<1x10x10x3xf32>
// CHECK: %[[ROWS:.*]] = tensor.expand_shape %{{.*}} output_shape [1, 10, 30]
// CHECK: %[[COLS:.*]] = linalg.generic {indexing_maps = [#[[PATCH]], #{{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%[[ROWS]] : tensor<1x10x30xf32>) outs(%{{.*}} : tensor<1x4x4x3x9xf32>)
// CHECK: tensor.expand_shape %{{.*}} output_shape [16, 27]
// CHECK: tensor.expand_shape %{{.*}} output_shape [27, 16]
// CHECK: %[[C:.*]] = linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<16x27xf32>, tensor<27x16xf32>) outs(%{{.*}} : tensor<16x16xf32>)
// CHECK: %[[Y:.*]] = tensor.expand_shape %{{.*}} output_shape [1, 4, 4, 16]
// CHECK: return %[[Y]]
func.func @conv2d(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x16xf32>) -> tensor<1x4x4x16xf32> {
  %y = genc.convolution %x, %w {window_strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>} : (tensor<1x8x8x3xf32>, tensor<3x3x3x16xf32>) -> tensor<1x4x4x16xf32>
  return %y : tensor<1x4x4x16xf32>
}

// -----

// Kernel dilation goes to the dilations attribute.
// CHECK-LABEL: func.func @conv2d_dilated
// Kernel dilation (2, 1) appears in the gather map.
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #{{.*}}]
// CHECK: linalg.matmul
func.func @conv2d_dilated(%x: tensor<1x7x7x2xf32>, %w: tensor<3x3x2x4xf32>) -> tensor<1x3x5x4xf32> {
  %y = genc.convolution %x, %w {rhs_dilation = array<i64: 2, 1>} : (tensor<1x7x7x2xf32>, tensor<3x3x2x4xf32>) -> tensor<1x3x5x4xf32>
  return %y : tensor<1x3x5x4xf32>
}

// -----

// NCHW/OIHW/NCHW: transposes to NHWC/HWIO around the named op.
// CHECK-LABEL: func.func @conv2d_nchw
// CHECK-SAME: (%[[X:.*]]: tensor<1x3x5x5xf32>, %[[W:.*]]: tensor<4x3x3x3xf32>)
// CHECK: %[[XT:.*]] = linalg.transpose ins(%[[X]] : tensor<1x3x5x5xf32>) outs(%{{.*}} : tensor<1x5x5x3xf32>) permutation = [0, 2, 3, 1]
// CHECK: %[[WT:.*]] = linalg.transpose ins(%[[W]] : tensor<4x3x3x3xf32>) outs(%{{.*}} : tensor<3x3x3x4xf32>) permutation = [2, 3, 1, 0]
// CHECK: linalg.matmul
// CHECK: %[[C:.*]] = tensor.expand_shape %{{.*}} output_shape [1, 3, 3, 4]
// CHECK: %[[Y:.*]] = linalg.transpose ins(%[[C]] : tensor<1x3x3x4xf32>) outs(%{{.*}} : tensor<1x4x3x3xf32>) permutation = [0, 3, 1, 2]
// CHECK: return %[[Y]]
func.func @conv2d_nchw(%x: tensor<1x3x5x5xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x3x3xf32> {
  %y = genc.convolution %x, %w {input_feature_dimension = 1 : i64, kernel_input_feature_dimension = 1 : i64, kernel_output_feature_dimension = 0 : i64, output_feature_dimension = 1 : i64} : (tensor<1x3x5x5xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x3x3xf32>
  return %y : tensor<1x4x3x3xf32>
}

// -----

// Input dilation (a transposed convolution, e.g. the input gradient of a
// stride-2 convolution), ungrouped: the input zero-padded by the one row
// and column the phases read outside it, one matmul with the kernel as
// [Cin, KH*KW*Cout] (P = [25, 32]: every input position times every tap),
// then col2im: output phase (p, q) = out[:, p::2, q::2, :] sums its 2x2
// taps' slices of P in one parallel generic written into its strided view
// of the result. No zero-stuffed input, no gathers, no per-phase matmuls.
// CHECK-DAG: #[[TAP:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, 0, 0, d3)>
// CHECK-LABEL: func.func @conv2d_lhs_dilation
// CHECK: tensor.pad %{{.*}} low[0, 1, 1, 0] high[0, 1, 1, 0]
// CHECK: linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<25x1xf32>, tensor<1x32xf32>)
// CHECK-NOT: linalg.matmul
// CHECK: %[[P:.*]] = tensor.expand_shape %{{.*}} output_shape [1, 5, 5, 4, 4, 2]
// CHECK: %[[E:.*]] = tensor.empty() : tensor<1x6x6x2xf32>
// CHECK: %[[T0:.*]] = tensor.extract_slice %[[P]][0, 0, 0, 0, 0, 0] [1, 3, 3, 1, 1, 2]
// CHECK: %[[T1:.*]] = tensor.extract_slice %[[P]][0, 0, 1, 0, 2, 0] [1, 3, 3, 1, 1, 2]
// CHECK: %[[T2:.*]] = tensor.extract_slice %[[P]][0, 1, 0, 2, 0, 0] [1, 3, 3, 1, 1, 2]
// CHECK: %[[T3:.*]] = tensor.extract_slice %[[P]][0, 1, 1, 2, 2, 0] [1, 3, 3, 1, 1, 2]
// CHECK: %[[V0:.*]] = tensor.extract_slice %[[E]][0, 0, 0, 0] [1, 3, 3, 2] [1, 2, 2, 1]
// CHECK: %[[G0:.*]] = linalg.generic {indexing_maps = [#[[TAP]], #[[TAP]], #[[TAP]], #[[TAP]], #{{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%[[T0]], %[[T1]], %[[T2]], %[[T3]] : {{.*}}) outs(%[[V0]] :
// CHECK-COUNT-3: arith.addf
// CHECK: %[[I0:.*]] = tensor.insert_slice %[[G0]] into %[[E]][0, 0, 0, 0] [1, 3, 3, 2] [1, 2, 2, 1]
// CHECK: %[[I1:.*]] = tensor.insert_slice %{{.*}} into %[[I0]][0, 0, 1, 0] [1, 3, 3, 2] [1, 2, 2, 1]
// CHECK: %[[I2:.*]] = tensor.insert_slice %{{.*}} into %[[I1]][0, 1, 0, 0] [1, 3, 3, 2] [1, 2, 2, 1]
// CHECK: %[[I3:.*]] = tensor.insert_slice %{{.*}} into %[[I2]][0, 1, 1, 0] [1, 3, 3, 2] [1, 2, 2, 1]
// CHECK: return %[[I3]]
func.func @conv2d_lhs_dilation(%x: tensor<1x3x3x1xf32>, %w: tensor<4x4x1x2xf32>) -> tensor<1x6x6x2xf32> {
  %y = genc.convolution %x, %w {lhs_dilation = array<i64: 2, 2>, padding = array<i64: 2, 2, 2, 2>} : (tensor<1x3x3x1xf32>, tensor<4x4x1x2xf32>) -> tensor<1x6x6x2xf32>
  return %y : tensor<1x6x6x2xf32>
}

// -----

// Grouped and input-dilated: phase decomposition, one undilated grouped
// convolution per output phase (p, q) with the sub-kernel w[k0::2, k1::2],
// each written into out[:, p::2, q::2, :] by a strided insert_slice.
// CHECK-LABEL: func.func @grouped_lhs_dilation
// CHECK: tensor.extract_slice %[[W:.*]][1, 1, 0, 0] [1, 1, 1, 2] [2, 2, 1, 1]
// CHECK: linalg.generic
// CHECK: tensor.extract_slice %[[W]][1, 0, 0, 0] [1, 1, 1, 2] [2, 2, 1, 1]
// CHECK: linalg.generic
// CHECK: tensor.extract_slice %[[W]][0, 1, 0, 0] [1, 1, 1, 2] [2, 2, 1, 1]
// CHECK: linalg.generic
// CHECK: tensor.extract_slice %[[W]][0, 0, 0, 0] [1, 1, 1, 2] [2, 2, 1, 1]
// CHECK: linalg.generic
// CHECK: %[[E:.*]] = tensor.empty() : tensor<1x6x6x2xf32>
// CHECK: %[[I0:.*]] = tensor.insert_slice %{{.*}} into %[[E]][0, 0, 0, 0] [1, 3, 3, 2] [1, 2, 2, 1]
// CHECK: %[[I1:.*]] = tensor.insert_slice %{{.*}} into %[[I0]][0, 0, 1, 0] [1, 3, 3, 2] [1, 2, 2, 1]
// CHECK: %[[I2:.*]] = tensor.insert_slice %{{.*}} into %[[I1]][0, 1, 0, 0] [1, 3, 3, 2] [1, 2, 2, 1]
// CHECK: %[[I3:.*]] = tensor.insert_slice %{{.*}} into %[[I2]][0, 1, 1, 0] [1, 3, 3, 2] [1, 2, 2, 1]
// CHECK: return %[[I3]]
func.func @grouped_lhs_dilation(%x: tensor<1x3x3x2xf32>, %w: tensor<2x2x1x2xf32>) -> tensor<1x6x6x2xf32> {
  %y = genc.convolution %x, %w {lhs_dilation = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>, feature_group_count = 2 : i64} : (tensor<1x3x3x2xf32>, tensor<2x2x1x2xf32>) -> tensor<1x6x6x2xf32>
  return %y : tensor<1x6x6x2xf32>
}

// -----

// 1-D with feature groups: a linalg.generic over
// (n, o, g, fo, k, c) with k and c reductions.
// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1 + d4, d2, d5)>
// CHECK-DAG: #[[KER:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d4, d5, d2, d3)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @conv1d_groups
// CHECK: tensor.expand_shape %{{.*}} output_shape [1, 5, 2, 2]
// CHECK: tensor.expand_shape %{{.*}} output_shape [3, 2, 2, 3]
// CHECK: %[[G:.*]] = linalg.generic {indexing_maps = [#[[IN]], #[[KER]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]}
// CHECK-NEXT: ^bb0(%[[A:.*]]: f32, %[[B:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK-NEXT: %[[M:.*]] = arith.mulf %[[A]], %[[B]] : f32
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[ACC]], %[[M]] : f32
// CHECK-NEXT: linalg.yield %[[S]] : f32
// CHECK: tensor.expand_shape %{{.*}} output_shape [1, 3, 6]
func.func @conv1d_groups(%x: tensor<1x5x4xf32>, %w: tensor<3x2x6xf32>) -> tensor<1x3x6xf32> {
  %y = genc.convolution %x, %w {feature_group_count = 2 : i64} : (tensor<1x5x4xf32>, tensor<3x2x6xf32>) -> tensor<1x3x6xf32>
  return %y : tensor<1x3x6xf32>
}

// -----

// Strides and kernel dilation go into the im2col gather map
// (loops n, o, k, c).
// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1 * 2 + d2 * 3, d3)>
// CHECK-LABEL: func.func @conv1d_strided_dilated
// CHECK: linalg.generic {indexing_maps = [#[[IN]],
func.func @conv1d_strided_dilated(%x: tensor<1x10x1xf32>, %w: tensor<2x1x1xf32>) -> tensor<1x4x1xf32> {
  %y = genc.convolution %x, %w {window_strides = array<i64: 2>, rhs_dilation = array<i64: 3>} : (tensor<1x10x1xf32>, tensor<2x1x1xf32>) -> tensor<1x4x1xf32>
  return %y : tensor<1x4x1xf32>
}

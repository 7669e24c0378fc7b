// RUN: genc-opt %s --genc-convert-to-linalg --split-input-file | FileCheck %s

// CHECK-LABEL: func.func @matmul
// CHECK-SAME: (%[[A:.*]]: tensor<2x3xf32>, %[[B:.*]]: tensor<3x4xf32>)
// CHECK: %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2x4xf32>
// CHECK: %[[ACC:.*]] = linalg.fill ins(%[[Z]] : f32) outs(%[[E]] : tensor<2x4xf32>)
// CHECK: %[[R:.*]] = linalg.matmul ins(%[[A]], %[[B]] : tensor<2x3xf32>, tensor<3x4xf32>) outs(%[[ACC]] : tensor<2x4xf32>)
// CHECK: return %[[R]]
func.func @matmul(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %r = genc.dot_general %a, %b, batch = [] x [], contract = [1] x [0] : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return %r : tensor<2x4xf32>
}

// -----

// rhs contracted on its last dimension: transposed first.
// CHECK-LABEL: func.func @batch_matmul
// CHECK-SAME: (%[[A:.*]]: tensor<5x2x3xf32>, %[[B:.*]]: tensor<5x4x3xf32>)
// The rhs is already [batch, N, K]: no transpose, the _transpose_b form.
// CHECK-NOT: linalg.transpose
// CHECK: %[[R:.*]] = linalg.batch_matmul_transpose_b ins(%[[A]], %[[B]] : tensor<5x2x3xf32>, tensor<5x4x3xf32>) outs(%{{.*}} : tensor<5x2x4xf32>)
// CHECK: return %[[R]]
func.func @batch_matmul(%a: tensor<5x2x3xf32>, %b: tensor<5x4x3xf32>) -> tensor<5x2x4xf32> {
  %r = genc.dot_general %a, %b, batch = [0] x [0], contract = [2] x [2] : (tensor<5x2x3xf32>, tensor<5x4x3xf32>) -> tensor<5x2x4xf32>
  return %r : tensor<5x2x4xf32>
}

// -----

// A vector dot product is a 1x3 by 3x1 matmul, reshaped to a scalar.
// CHECK-LABEL: func.func @vector_dot
// CHECK: %[[L:.*]] = tensor.expand_shape %{{.*}} {{\[}}[0, 1]] output_shape [1, 3] : tensor<3xi32> into tensor<1x3xi32>
// CHECK: %[[R:.*]] = tensor.expand_shape %{{.*}} {{\[}}[0, 1]] output_shape [3, 1] : tensor<3xi32> into tensor<3x1xi32>
// CHECK: %[[Z:.*]] = arith.constant 0 : i32
// CHECK: %[[M:.*]] = linalg.matmul ins(%[[L]], %[[R]] : tensor<1x3xi32>, tensor<3x1xi32>)
// CHECK: %[[F:.*]] = tensor.collapse_shape %[[M]] {{\[}}[0, 1]] : tensor<1x1xi32> into tensor<1xi32>
// CHECK: tensor.collapse_shape %[[F]] [] : tensor<1xi32> into tensor<i32>
func.func @vector_dot(%a: tensor<3xi32>, %b: tensor<3xi32>) -> tensor<i32> {
  %r = genc.dot_general %a, %b, batch = [] x [], contract = [0] x [0] : (tensor<3xi32>, tensor<3xi32>) -> tensor<i32>
  return %r : tensor<i32>
}

// -----

// Several batch and free dimensions are flattened around a batch_matmul.
// CHECK-LABEL: func.func @multi_batch
// CHECK-NOT: linalg.transpose
// CHECK: tensor.expand_shape %{{.*}} output_shape [6, 4, 5]
// CHECK: tensor.expand_shape %{{.*}} output_shape [6, 5, 7]
// CHECK: linalg.batch_matmul ins(%{{.*}}, %{{.*}} : tensor<6x4x5xf64>, tensor<6x5x7xf64>) outs(%{{.*}} : tensor<6x4x7xf64>)
// CHECK: tensor.expand_shape %{{.*}} output_shape [2, 3, 4, 7]
func.func @multi_batch(%a: tensor<2x3x4x5xf64>, %b: tensor<2x3x5x7xf64>) -> tensor<2x3x4x7xf64> {
  %r = genc.dot_general %a, %b, batch = [0, 1] x [0, 1], contract = [3] x [2] : (tensor<2x3x4x5xf64>, tensor<2x3x5x7xf64>) -> tensor<2x3x4x7xf64>
  return %r : tensor<2x3x4x7xf64>
}

// -----

// lhs contracted on dimension 0: transposed to [M, K].
// CHECK-LABEL: func.func @lhs_transposed
// CHECK-SAME: (%[[A:.*]]: tensor<3x2xf32>, %[[B:.*]]: tensor<3x4xf32>)
// The lhs is stored [K, M]: matmul_transpose_a reads it as is.
// CHECK-NOT: linalg.transpose
// CHECK: linalg.matmul_transpose_a ins(%[[A]], %[[B]] : tensor<3x2xf32>, tensor<3x4xf32>)
func.func @lhs_transposed(%a: tensor<3x2xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %r = genc.dot_general %a, %b, batch = [] x [], contract = [0] x [0] : (tensor<3x2xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return %r : tensor<2x4xf32>
}

// RUN: genc-opt %s | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// CHECK-LABEL: func.func @matmul
// CHECK-SAME: (%[[A:.*]]: tensor<2x3xf32>, %[[B:.*]]: tensor<3x4xf32>)
func.func @matmul(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  // CHECK: %[[R:.*]] = genc.dot_general %[[A]], %[[B]], batch = [] x [], contract = [1] x [0] : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  // CHECK: return %[[R]]
  // GENERIC: "genc.dot_general"(%{{.*}}, %{{.*}}) <{lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>}>
  %r = genc.dot_general %a, %b, batch = [] x [], contract = [1] x [0] : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return %r : tensor<2x4xf32>
}

// CHECK-LABEL: func.func @batch_matmul
func.func @batch_matmul(%a: tensor<5x2x3xf64>, %b: tensor<5x4x3xf64>) -> tensor<5x2x4xf64> {
  // CHECK: genc.dot_general %{{.*}}, %{{.*}}, batch = [0] x [0], contract = [2] x [2] : (tensor<5x2x3xf64>, tensor<5x4x3xf64>) -> tensor<5x2x4xf64>
  %r = genc.dot_general %a, %b, batch = [0] x [0], contract = [2] x [2] : (tensor<5x2x3xf64>, tensor<5x4x3xf64>) -> tensor<5x2x4xf64>
  return %r : tensor<5x2x4xf64>
}

// CHECK-LABEL: func.func @vector_dot
func.func @vector_dot(%a: tensor<3xi32>, %b: tensor<3xi32>) -> tensor<i32> {
  // CHECK: genc.dot_general %{{.*}}, %{{.*}}, batch = [] x [], contract = [0] x [0] : (tensor<3xi32>, tensor<3xi32>) -> tensor<i32>
  %r = genc.dot_general %a, %b, batch = [] x [], contract = [0] x [0] : (tensor<3xi32>, tensor<3xi32>) -> tensor<i32>
  return %r : tensor<i32>
}

// CHECK-LABEL: func.func @outer_product
func.func @outer_product(%a: tensor<2xf32>, %b: tensor<3xf32>) -> tensor<2x3xf32> {
  // CHECK: genc.dot_general %{{.*}}, %{{.*}}, batch = [] x [], contract = [] x [] : (tensor<2xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %r = genc.dot_general %a, %b, batch = [] x [], contract = [] x [] : (tensor<2xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

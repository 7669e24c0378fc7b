// RUN: genc-opt %s | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | genc-opt | FileCheck %s

// CHECK-LABEL: func.func @reshape
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>)
func.func @reshape(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // CHECK: %[[A:.*]] = genc.reshape %[[X]] : (tensor<2x3xf32>) -> tensor<6xf32>
  // CHECK: %[[B:.*]] = genc.reshape %[[A]] : (tensor<6xf32>) -> tensor<3x2xf32>
  // CHECK: return %[[B]]
  %a = genc.reshape %x : (tensor<2x3xf32>) -> tensor<6xf32>
  %b = genc.reshape %a : (tensor<6xf32>) -> tensor<3x2xf32>
  return %b : tensor<3x2xf32>
}

// CHECK-LABEL: func.func @reshape_scalar
func.func @reshape_scalar(%x: tensor<1x1xi32>) -> tensor<i32> {
  // CHECK: genc.reshape %{{.*}} : (tensor<1x1xi32>) -> tensor<i32>
  %a = genc.reshape %x : (tensor<1x1xi32>) -> tensor<i32>
  return %a : tensor<i32>
}

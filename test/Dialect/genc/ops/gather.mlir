// RUN: genc-opt %s | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | genc-opt | FileCheck %s

// CHECK-LABEL: func.func @gather
// CHECK-SAME: (%[[T:.*]]: tensor<10x4xf32>, %[[I:.*]]: tensor<3xi32>)
func.func @gather(%table: tensor<10x4xf32>, %idx: tensor<3xi32>) -> tensor<3x4xf32> {
  // CHECK: %[[R:.*]] = genc.gather %[[T]], %[[I]] axis = 0 : (tensor<10x4xf32>, tensor<3xi32>) -> tensor<3x4xf32>
  // CHECK: return %[[R]]
  %r = genc.gather %table, %idx axis = 0 : (tensor<10x4xf32>, tensor<3xi32>) -> tensor<3x4xf32>
  return %r : tensor<3x4xf32>
}

// CHECK-LABEL: func.func @gather_axis1_2d_indices
func.func @gather_axis1_2d_indices(%x: tensor<2x5x3xi32>, %idx: tensor<2x2xi64>) -> tensor<2x2x2x3xi32> {
  // CHECK: genc.gather %{{.*}}, %{{.*}} axis = 1 : (tensor<2x5x3xi32>, tensor<2x2xi64>) -> tensor<2x2x2x3xi32>
  %r = genc.gather %x, %idx axis = 1 : (tensor<2x5x3xi32>, tensor<2x2xi64>) -> tensor<2x2x2x3xi32>
  return %r : tensor<2x2x2x3xi32>
}

// CHECK-LABEL: func.func @gather_scalar_index
func.func @gather_scalar_index(%x: tensor<4x3xf32>, %i: tensor<i32>) -> tensor<3xf32> {
  // CHECK: genc.gather %{{.*}}, %{{.*}} axis = 0 : (tensor<4x3xf32>, tensor<i32>) -> tensor<3xf32>
  %r = genc.gather %x, %i axis = 0 : (tensor<4x3xf32>, tensor<i32>) -> tensor<3xf32>
  return %r : tensor<3xf32>
}

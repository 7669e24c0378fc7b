// RUN: genc-opt %s | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | genc-opt | FileCheck %s

// CHECK-LABEL: func.func @dynamic_slice
// CHECK-SAME: (%[[X:.*]]: tensor<4x4xf32>, %[[I:.*]]: tensor<i32>, %[[J:.*]]: tensor<i64>)
func.func @dynamic_slice(%x: tensor<4x4xf32>, %i: tensor<i32>, %j: tensor<i64>) -> tensor<2x3xf32> {
  // CHECK: %[[R:.*]] = genc.dynamic_slice %[[X]], %[[I]], %[[J]] sizes = [2, 3] : (tensor<4x4xf32>, tensor<i32>, tensor<i64>) -> tensor<2x3xf32>
  // CHECK: return %[[R]]
  %r = genc.dynamic_slice %x, %i, %j sizes = [2, 3] : (tensor<4x4xf32>, tensor<i32>, tensor<i64>) -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @dynamic_slice_1d
func.func @dynamic_slice_1d(%x: tensor<5xi8>, %i: tensor<i32>) -> tensor<5xi8> {
  // CHECK: genc.dynamic_slice %{{.*}}, %{{.*}} sizes = [5] : (tensor<5xi8>, tensor<i32>) -> tensor<5xi8>
  %r = genc.dynamic_slice %x, %i sizes = [5] : (tensor<5xi8>, tensor<i32>) -> tensor<5xi8>
  return %r : tensor<5xi8>
}

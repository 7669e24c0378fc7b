// RUN: genc-opt %s | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// CHECK-LABEL: func.func @broadcast_row
// CHECK-SAME: (%[[X:.*]]: tensor<3xf32>)
func.func @broadcast_row(%x: tensor<3xf32>) -> tensor<2x3xf32> {
  // CHECK: %[[R:.*]] = genc.broadcast_in_dim %[[X]], dims = [1] : (tensor<3xf32>) -> tensor<2x3xf32>
  // CHECK: return %[[R]]
  // GENERIC: "genc.broadcast_in_dim"(%{{.*}}) <{broadcast_dimensions = array<i64: 1>}>
  %r = genc.broadcast_in_dim %x, dims = [1] : (tensor<3xf32>) -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @broadcast_scalar
func.func @broadcast_scalar(%x: tensor<i32>) -> tensor<2x2xi32> {
  // CHECK: genc.broadcast_in_dim %{{.*}}, dims = [] : (tensor<i32>) -> tensor<2x2xi32>
  %r = genc.broadcast_in_dim %x, dims = [] : (tensor<i32>) -> tensor<2x2xi32>
  return %r : tensor<2x2xi32>
}

// CHECK-LABEL: func.func @broadcast_size_one
func.func @broadcast_size_one(%x: tensor<1x3xf32>) -> tensor<3x4x3xf32> {
  // CHECK: genc.broadcast_in_dim %{{.*}}, dims = [1, 2] : (tensor<1x3xf32>) -> tensor<3x4x3xf32>
  %r = genc.broadcast_in_dim %x, dims = [1, 2] : (tensor<1x3xf32>) -> tensor<3x4x3xf32>
  return %r : tensor<3x4x3xf32>
}

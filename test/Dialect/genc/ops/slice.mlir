// RUN: genc-opt %s | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// CHECK-LABEL: func.func @slice
// CHECK-SAME: (%[[X:.*]]: tensor<4x4xf32>)
func.func @slice(%x: tensor<4x4xf32>) -> tensor<2x2xf32> {
  // CHECK: %[[R:.*]] = genc.slice %[[X]] start = [0, 1] limit = [2, 3] strides = [1, 1] : (tensor<4x4xf32>) -> tensor<2x2xf32>
  // CHECK: return %[[R]]
  // GENERIC: "genc.slice"(%{{.*}}) <{limit_indices = array<i64: 2, 3>, start_indices = array<i64: 0, 1>, strides = array<i64: 1, 1>}>
  %r = genc.slice %x start = [0, 1] limit = [2, 3] strides = [1, 1] : (tensor<4x4xf32>) -> tensor<2x2xf32>
  return %r : tensor<2x2xf32>
}

// CHECK-LABEL: func.func @slice_strided
func.func @slice_strided(%x: tensor<7xi32>) -> tensor<3xi32> {
  // CHECK: genc.slice %{{.*}} start = [1] limit = [7] strides = [2] : (tensor<7xi32>) -> tensor<3xi32>
  %r = genc.slice %x start = [1] limit = [7] strides = [2] : (tensor<7xi32>) -> tensor<3xi32>
  return %r : tensor<3xi32>
}

// CHECK-LABEL: func.func @slice_empty
func.func @slice_empty(%x: tensor<3xf32>) -> tensor<0xf32> {
  // CHECK: genc.slice %{{.*}} start = [2] limit = [2] strides = [1] : (tensor<3xf32>) -> tensor<0xf32>
  %r = genc.slice %x start = [2] limit = [2] strides = [1] : (tensor<3xf32>) -> tensor<0xf32>
  return %r : tensor<0xf32>
}

// RUN: genc-opt %s | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// CHECK-LABEL: func.func @pad
// CHECK-SAME: (%[[X:.*]]: tensor<3xf32>, %[[V:.*]]: tensor<f32>)
func.func @pad(%x: tensor<3xf32>, %v: tensor<f32>) -> tensor<6xf32> {
  // CHECK: %[[R:.*]] = genc.pad %[[X]], %[[V]] low = [1] high = [2] interior = [0] : (tensor<3xf32>, tensor<f32>) -> tensor<6xf32>
  // CHECK: return %[[R]]
  // GENERIC: "genc.pad"(%{{.*}}, %{{.*}}) <{edge_padding_high = array<i64: 2>, edge_padding_low = array<i64: 1>, interior_padding = array<i64: 0>}>
  %r = genc.pad %x, %v low = [1] high = [2] interior = [0] : (tensor<3xf32>, tensor<f32>) -> tensor<6xf32>
  return %r : tensor<6xf32>
}

// CHECK-LABEL: func.func @pad_interior_negative
func.func @pad_interior_negative(%x: tensor<2x3xi32>, %v: tensor<i32>) -> tensor<3x4xi32> {
  // CHECK: genc.pad %{{.*}}, %{{.*}} low = [0, -1] high = [0, 0] interior = [1, 1] : (tensor<2x3xi32>, tensor<i32>) -> tensor<3x4xi32>
  %r = genc.pad %x, %v low = [0, -1] high = [0, 0] interior = [1, 1] : (tensor<2x3xi32>, tensor<i32>) -> tensor<3x4xi32>
  return %r : tensor<3x4xi32>
}

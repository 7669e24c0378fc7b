// RUN: genc-opt %s | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | genc-opt | FileCheck %s

// CHECK-LABEL: func.func @reverse
// CHECK-SAME: (%[[X:.*]]: tensor<4x3xf32>)
func.func @reverse(%x: tensor<4x3xf32>) -> tensor<4x3xf32> {
  // CHECK: %[[R:.*]] = genc.reverse %[[X]], dims = [0] : tensor<4x3xf32>
  // CHECK: return %[[R]]
  %r = genc.reverse %x, dims = [0] : tensor<4x3xf32>
  return %r : tensor<4x3xf32>
}

// CHECK-LABEL: func.func @reverse_both
func.func @reverse_both(%x: tensor<2x2xi32>) -> tensor<2x2xi32> {
  // CHECK: genc.reverse %{{.*}}, dims = [1, 0] : tensor<2x2xi32>
  %r = genc.reverse %x, dims = [1, 0] : tensor<2x2xi32>
  return %r : tensor<2x2xi32>
}

// CHECK-LABEL: func.func @reverse_none
func.func @reverse_none(%x: tensor<3xf32>) -> tensor<3xf32> {
  // CHECK: genc.reverse %{{.*}}, dims = [] : tensor<3xf32>
  %r = genc.reverse %x, dims = [] : tensor<3xf32>
  return %r : tensor<3xf32>
}

// RUN: genc-opt %s | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | genc-opt | FileCheck %s

// CHECK-LABEL: func.func @clamp
// CHECK-SAME: (%[[LO:.*]]: tensor<4xf32>, %[[X:.*]]: tensor<4xf32>, %[[HI:.*]]: tensor<4xf32>)
func.func @clamp(%lo: tensor<4xf32>, %x: tensor<4xf32>, %hi: tensor<4xf32>) -> tensor<4xf32> {
  // CHECK: %[[R:.*]] = genc.clamp %[[LO]], %[[X]], %[[HI]] : tensor<4xf32>
  // CHECK: return %[[R]]
  %r = genc.clamp %lo, %x, %hi : tensor<4xf32>
  return %r : tensor<4xf32>
}

// CHECK-LABEL: func.func @clamp_i8
func.func @clamp_i8(%x: tensor<2xi8>) -> tensor<2xi8> {
  // CHECK: genc.clamp %{{.*}}, %{{.*}}, %{{.*}} : tensor<2xi8>
  %r = genc.clamp %x, %x, %x : tensor<2xi8>
  return %r : tensor<2xi8>
}

// RUN: genc-opt %s | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// CHECK-LABEL: func.func @transpose2d
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>)
func.func @transpose2d(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // CHECK: %[[R:.*]] = genc.transpose %[[X]], dims = [1, 0] : (tensor<2x3xf32>) -> tensor<3x2xf32>
  // CHECK: return %[[R]]
  // GENERIC: "genc.transpose"(%{{.*}}) <{permutation = array<i64: 1, 0>}>
  %r = genc.transpose %x, dims = [1, 0] : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %r : tensor<3x2xf32>
}

// CHECK-LABEL: func.func @transpose3d
func.func @transpose3d(%x: tensor<2x3x4xi8>) -> tensor<4x2x3xi8> {
  // CHECK: genc.transpose %{{.*}}, dims = [2, 0, 1] : (tensor<2x3x4xi8>) -> tensor<4x2x3xi8>
  %r = genc.transpose %x, dims = [2, 0, 1] : (tensor<2x3x4xi8>) -> tensor<4x2x3xi8>
  return %r : tensor<4x2x3xi8>
}

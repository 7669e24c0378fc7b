// RUN: genc-opt %s | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | genc-opt | FileCheck %s

// CHECK-LABEL: func.func @neg
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>, %[[I:.*]]: tensor<2x2xi32>)
func.func @neg(%x: tensor<4xf32>, %i: tensor<2x2xi32>) -> (tensor<4xf32>, tensor<2x2xi32>) {
  // CHECK: %[[A:.*]] = genc.neg %[[X]] : tensor<4xf32>
  // CHECK: %[[B:.*]] = genc.neg %[[I]] : tensor<2x2xi32>
  // CHECK: return %[[A]], %[[B]]
  %a = genc.neg %x : tensor<4xf32>
  %b = genc.neg %i : tensor<2x2xi32>
  return %a, %b : tensor<4xf32>, tensor<2x2xi32>
}

// CHECK-LABEL: func.func @abs
// CHECK-SAME: (%[[X:.*]]: tensor<4xf64>, %[[I:.*]]: tensor<i8>)
func.func @abs(%x: tensor<4xf64>, %i: tensor<i8>) -> (tensor<4xf64>, tensor<i8>) {
  // CHECK: genc.abs %[[X]] : tensor<4xf64>
  // CHECK: genc.abs %[[I]] : tensor<i8>
  %a = genc.abs %x : tensor<4xf64>
  %b = genc.abs %i : tensor<i8>
  return %a, %b : tensor<4xf64>, tensor<i8>
}

// CHECK-LABEL: func.func @sign
// CHECK-SAME: (%[[X:.*]]: tensor<3xbf16>, %[[I:.*]]: tensor<3xi64>)
func.func @sign(%x: tensor<3xbf16>, %i: tensor<3xi64>) -> (tensor<3xbf16>, tensor<3xi64>) {
  // CHECK: genc.sign %[[X]] : tensor<3xbf16>
  // CHECK: genc.sign %[[I]] : tensor<3xi64>
  %a = genc.sign %x : tensor<3xbf16>
  %b = genc.sign %i : tensor<3xi64>
  return %a, %b : tensor<3xbf16>, tensor<3xi64>
}

// RUN: genc-opt %s -canonicalize | FileCheck %s

// CHECK-LABEL: func.func @convert_identity
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
// CHECK-NEXT: return %[[X]]
func.func @convert_identity(%x: tensor<4xf32>) -> tensor<4xf32> {
  %r = genc.convert %x : (tensor<4xf32>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// A round trip through a narrower type is not an identity.
// CHECK-LABEL: func.func @convert_round_trip
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
// CHECK-NEXT: %[[H:.*]] = genc.convert %[[X]] : (tensor<4xf32>) -> tensor<4xf16>
// CHECK-NEXT: %[[F:.*]] = genc.convert %[[H]] : (tensor<4xf16>) -> tensor<4xf32>
// CHECK-NEXT: return %[[F]]
func.func @convert_round_trip(%x: tensor<4xf32>) -> tensor<4xf32> {
  %h = genc.convert %x : (tensor<4xf32>) -> tensor<4xf16>
  %f = genc.convert %h : (tensor<4xf16>) -> tensor<4xf32>
  return %f : tensor<4xf32>
}

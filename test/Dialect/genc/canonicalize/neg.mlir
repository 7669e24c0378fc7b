// RUN: genc-opt %s -canonicalize | FileCheck %s

// CHECK-LABEL: func.func @neg_neg
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
// CHECK-NEXT: return %[[X]]
func.func @neg_neg(%x: tensor<4xf32>) -> tensor<4xf32> {
  %a = genc.neg %x : tensor<4xf32>
  %b = genc.neg %a : tensor<4xf32>
  return %b : tensor<4xf32>
}

// CHECK-LABEL: func.func @neg_neg_neg
// CHECK-SAME: (%[[X:.*]]: tensor<2xi32>)
// CHECK-NEXT: %[[N:.*]] = genc.neg %[[X]] : tensor<2xi32>
// CHECK-NEXT: return %[[N]]
func.func @neg_neg_neg(%x: tensor<2xi32>) -> tensor<2xi32> {
  %a = genc.neg %x : tensor<2xi32>
  %b = genc.neg %a : tensor<2xi32>
  %c = genc.neg %b : tensor<2xi32>
  return %c : tensor<2xi32>
}

// The inner neg stays when it has another use.
// CHECK-LABEL: func.func @neg_neg_other_use
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
// CHECK-NEXT: %[[N:.*]] = genc.neg %[[X]]
// CHECK-NEXT: return %[[X]], %[[N]]
func.func @neg_neg_other_use(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %a = genc.neg %x : tensor<4xf32>
  %b = genc.neg %a : tensor<4xf32>
  return %b, %a : tensor<4xf32>, tensor<4xf32>
}

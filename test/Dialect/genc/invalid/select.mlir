// RUN: genc-opt %s -split-input-file -verify-diagnostics

func.func @select_branch_types(%p: tensor<4xi1>, %a: tensor<4xf32>, %b: tensor<4xf64>) -> tensor<4xf32> {
  // expected-error@+1 {{'genc.select' op failed to verify that all of {on_true, on_false, result} have same type}}
  %r = "genc.select"(%p, %a, %b) : (tensor<4xi1>, tensor<4xf32>, tensor<4xf64>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

func.func @select_pred_shape(%p: tensor<2xi1>, %a: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error@+1 {{'genc.select' op failed to verify that all of {pred, on_true} have same shape}}
  %r = genc.select %p, %a, %a : tensor<2xi1>, tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

func.func @select_pred_not_i1(%p: tensor<4xi32>, %a: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error@+1 {{'genc.select' op operand #0 must be ranked tensor of 1-bit signless integer values, but got 'tensor<4xi32>'}}
  %r = genc.select %p, %a, %a : tensor<4xi32>, tensor<4xf32>
  return %r : tensor<4xf32>
}

// RUN: genc-opt %s -split-input-file -verify-diagnostics

func.func @compare_operand_types(%a: tensor<4xf32>, %b: tensor<4xf64>) -> tensor<4xi1> {
  // expected-error@+1 {{'genc.compare' op requires all operands to have the same type}}
  %r = genc.compare LT, %a, %b : (tensor<4xf32>, tensor<4xf64>) -> tensor<4xi1>
  return %r : tensor<4xi1>
}

// -----

func.func @compare_result_shape(%a: tensor<4xf32>) -> tensor<2xi1> {
  // expected-error@+1 {{'genc.compare' op all non-scalar operands/results must have the same shape and base type}}
  %r = genc.compare LT, %a, %a : (tensor<4xf32>, tensor<4xf32>) -> tensor<2xi1>
  return %r : tensor<2xi1>
}

// -----

func.func @compare_result_not_i1(%a: tensor<4xf32>) -> tensor<4xi32> {
  // expected-error@+1 {{'genc.compare' op result #0 must be ranked tensor of 1-bit signless integer values, but got 'tensor<4xi32>'}}
  %r = genc.compare LT, %a, %a : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi32>
  return %r : tensor<4xi32>
}

// -----

func.func @compare_bad_direction(%a: tensor<4xf32>) -> tensor<4xi1> {
  // expected-error@+1 {{expected string or keyword containing one of the following enum values for attribute 'comparison_direction' [EQ, NE, LT, LE, GT, GE]}}
  %r = genc.compare 7, %a, %a : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  return %r : tensor<4xi1>
}

// -----

func.func @compare_unknown_direction(%a: tensor<4xf32>) -> tensor<4xi1> {
  // expected-error@+1 {{expected string or keyword containing one of the following enum values for attribute 'comparison_direction'}}
  %r = genc.compare LTE, %a, %a : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  return %r : tensor<4xi1>
}

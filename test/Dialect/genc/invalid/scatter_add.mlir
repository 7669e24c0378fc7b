// RUN: genc-opt %s -split-input-file -verify-diagnostics

func.func @scatter_axis_range(%a: tensor<10x4xf32>, %i: tensor<3xi32>, %u: tensor<3x4xf32>) -> tensor<10x4xf32> {
  // expected-error@+1 {{'genc.scatter_add' op axis 2 is out of range for rank 2}}
  %r = genc.scatter_add %a, %i, %u axis = 2 : (tensor<10x4xf32>, tensor<3xi32>, tensor<3x4xf32>) -> tensor<10x4xf32>
  return %r : tensor<10x4xf32>
}

// -----

func.func @scatter_updates_shape(%a: tensor<10x4xf32>, %i: tensor<3xi32>, %u: tensor<4x3xf32>) -> tensor<10x4xf32> {
  // expected-error@+1 {{'genc.scatter_add' op updates shape should be 3x4, got 4x3}}
  %r = genc.scatter_add %a, %i, %u axis = 0 : (tensor<10x4xf32>, tensor<3xi32>, tensor<4x3xf32>) -> tensor<10x4xf32>
  return %r : tensor<10x4xf32>
}

// -----

func.func @scatter_updates_scalar_index(%a: tensor<10x4xf32>, %i: tensor<i32>, %u: tensor<1x4xf32>) -> tensor<10x4xf32> {
  // expected-error@+1 {{'genc.scatter_add' op updates shape should be 4, got 1x4}}
  %r = genc.scatter_add %a, %i, %u axis = 0 : (tensor<10x4xf32>, tensor<i32>, tensor<1x4xf32>) -> tensor<10x4xf32>
  return %r : tensor<10x4xf32>
}

// -----

func.func @scatter_result_type(%a: tensor<10x4xf32>, %i: tensor<3xi32>, %u: tensor<3x4xf32>) -> tensor<10x5xf32> {
  // expected-error@+1 {{'genc.scatter_add' op failed to verify that all of {operand, result} have same type}}
  %r = genc.scatter_add %a, %i, %u axis = 0 : (tensor<10x4xf32>, tensor<3xi32>, tensor<3x4xf32>) -> tensor<10x5xf32>
  return %r : tensor<10x5xf32>
}

// -----

func.func @scatter_updates_element(%a: tensor<10x4xf32>, %i: tensor<3xi32>, %u: tensor<3x4xf64>) -> tensor<10x4xf32> {
  // expected-error@+1 {{'genc.scatter_add' op failed to verify that all of {operand, updates} have same element type}}
  %r = genc.scatter_add %a, %i, %u axis = 0 : (tensor<10x4xf32>, tensor<3xi32>, tensor<3x4xf64>) -> tensor<10x4xf32>
  return %r : tensor<10x4xf32>
}

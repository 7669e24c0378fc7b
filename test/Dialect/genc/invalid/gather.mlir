// RUN: genc-opt %s -split-input-file -verify-diagnostics

func.func @gather_axis_range(%t: tensor<10x4xf32>, %i: tensor<3xi32>) -> tensor<10x3xf32> {
  // expected-error@+1 {{'genc.gather' op axis 2 is out of range for rank 2}}
  %r = genc.gather %t, %i axis = 2 : (tensor<10x4xf32>, tensor<3xi32>) -> tensor<10x3xf32>
  return %r : tensor<10x3xf32>
}

// -----

func.func @gather_result_shape(%t: tensor<10x4xf32>, %i: tensor<3xi32>) -> tensor<4x3xf32> {
  // expected-error@+1 {{'genc.gather' op result shape should be 3x4, got 4x3}}
  %r = genc.gather %t, %i axis = 0 : (tensor<10x4xf32>, tensor<3xi32>) -> tensor<4x3xf32>
  return %r : tensor<4x3xf32>
}

// -----

func.func @gather_result_shape_axis1(%t: tensor<10x4xf32>, %i: tensor<2x2xi64>) -> tensor<10x4xf32> {
  // expected-error@+1 {{'genc.gather' op result shape should be 10x2x2, got 10x4}}
  %r = genc.gather %t, %i axis = 1 : (tensor<10x4xf32>, tensor<2x2xi64>) -> tensor<10x4xf32>
  return %r : tensor<10x4xf32>
}

// -----

func.func @gather_float_indices(%t: tensor<10x4xf32>, %i: tensor<3xf32>) -> tensor<3x4xf32> {
  // expected-error@+1 {{'genc.gather' op operand #1 must be ranked tensor of 32-bit signless integer or 64-bit signless integer values, but got 'tensor<3xf32>'}}
  %r = genc.gather %t, %i axis = 0 : (tensor<10x4xf32>, tensor<3xf32>) -> tensor<3x4xf32>
  return %r : tensor<3x4xf32>
}

// -----

func.func @gather_i8_indices(%t: tensor<10x4xf32>, %i: tensor<3xi8>) -> tensor<3x4xf32> {
  // expected-error@+1 {{'genc.gather' op operand #1 must be ranked tensor of 32-bit signless integer or 64-bit signless integer values, but got 'tensor<3xi8>'}}
  %r = genc.gather %t, %i axis = 0 : (tensor<10x4xf32>, tensor<3xi8>) -> tensor<3x4xf32>
  return %r : tensor<3x4xf32>
}

// -----

func.func @gather_element_type(%t: tensor<10x4xf32>, %i: tensor<3xi32>) -> tensor<3x4xi32> {
  // expected-error@+1 {{'genc.gather' op failed to verify that all of {operand, result} have same element type}}
  %r = genc.gather %t, %i axis = 0 : (tensor<10x4xf32>, tensor<3xi32>) -> tensor<3x4xi32>
  return %r : tensor<3x4xi32>
}

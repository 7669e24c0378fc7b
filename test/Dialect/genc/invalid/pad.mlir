// RUN: genc-opt %s -split-input-file -verify-diagnostics

func.func @pad_entry_count(%x: tensor<2x3xf32>, %v: tensor<f32>) -> tensor<3x3xf32> {
  // expected-error@+1 {{'genc.pad' op low, high and interior padding need 2 entries each (the operand's rank)}}
  %r = genc.pad %x, %v low = [1] high = [0, 0] interior = [0, 0] : (tensor<2x3xf32>, tensor<f32>) -> tensor<3x3xf32>
  return %r : tensor<3x3xf32>
}

// -----

func.func @pad_negative_interior(%x: tensor<3xf32>, %v: tensor<f32>) -> tensor<3xf32> {
  // expected-error@+1 {{'genc.pad' op interior padding in dimension 0 must not be negative}}
  %r = genc.pad %x, %v low = [0] high = [0] interior = [-1] : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
  return %r : tensor<3xf32>
}

// -----

func.func @pad_removes_too_much(%x: tensor<3xf32>, %v: tensor<f32>) -> tensor<0xf32> {
  // expected-error@+1 {{'genc.pad' op padding removes more than dimension 0 holds}}
  %r = genc.pad %x, %v low = [-2] high = [-2] interior = [0] : (tensor<3xf32>, tensor<f32>) -> tensor<0xf32>
  return %r : tensor<0xf32>
}

// -----

func.func @pad_result_size(%x: tensor<3xf32>, %v: tensor<f32>) -> tensor<6xf32> {
  // expected-error@+1 {{'genc.pad' op result dimension 0 should be 7, got 6}}
  %r = genc.pad %x, %v low = [1] high = [1] interior = [1] : (tensor<3xf32>, tensor<f32>) -> tensor<6xf32>
  return %r : tensor<6xf32>
}

// -----

func.func @pad_value_not_scalar(%x: tensor<3xf32>, %v: tensor<1xf32>) -> tensor<3xf32> {
  // expected-error@+1 {{'genc.pad' op operand #1 must be 0D tensor of}}
  %r = genc.pad %x, %v low = [0] high = [0] interior = [0] : (tensor<3xf32>, tensor<1xf32>) -> tensor<3xf32>
  return %r : tensor<3xf32>
}

// -----

func.func @pad_value_type(%x: tensor<3xf32>, %v: tensor<f64>) -> tensor<3xf32> {
  // expected-error@+1 {{'genc.pad' op failed to verify that all of {operand, padding_value, result} have same element type}}
  %r = genc.pad %x, %v low = [0] high = [0] interior = [0] : (tensor<3xf32>, tensor<f64>) -> tensor<3xf32>
  return %r : tensor<3xf32>
}

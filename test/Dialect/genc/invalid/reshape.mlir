// RUN: genc-opt %s -split-input-file -verify-diagnostics

func.func @reshape_count(%x: tensor<2x3xf32>) -> tensor<5xf32> {
  // expected-error@+1 {{'genc.reshape' op cannot reshape 2x3 (6 elements) to 5 (5 elements)}}
  %r = genc.reshape %x : (tensor<2x3xf32>) -> tensor<5xf32>
  return %r : tensor<5xf32>
}

// -----

func.func @reshape_to_scalar(%x: tensor<2xi32>) -> tensor<i32> {
  // expected-error@+1 {{'genc.reshape' op cannot reshape 2 (2 elements) to scalar (1 elements)}}
  %r = genc.reshape %x : (tensor<2xi32>) -> tensor<i32>
  return %r : tensor<i32>
}

// -----

func.func @reshape_element_type(%x: tensor<2x3xf32>) -> tensor<6xi32> {
  // expected-error@+1 {{'genc.reshape' op failed to verify that all of {operand, result} have same element type}}
  %r = genc.reshape %x : (tensor<2x3xf32>) -> tensor<6xi32>
  return %r : tensor<6xi32>
}

// RUN: genc-opt %s -split-input-file -verify-diagnostics

func.func @reverse_out_of_range(%x: tensor<4x3xf32>) -> tensor<4x3xf32> {
  // expected-error@+1 {{'genc.reverse' op reverse dimension 2 is out of range for rank 2}}
  %r = genc.reverse %x, dims = [2] : tensor<4x3xf32>
  return %r : tensor<4x3xf32>
}

// -----

func.func @reverse_negative(%x: tensor<4x3xf32>) -> tensor<4x3xf32> {
  // expected-error@+1 {{'genc.reverse' op reverse dimension -1 is out of range for rank 2}}
  %r = genc.reverse %x, dims = [-1] : tensor<4x3xf32>
  return %r : tensor<4x3xf32>
}

// -----

func.func @reverse_twice(%x: tensor<4x3xf32>) -> tensor<4x3xf32> {
  // expected-error@+1 {{'genc.reverse' op reverse dimension 0 appears twice}}
  %r = genc.reverse %x, dims = [0, 0] : tensor<4x3xf32>
  return %r : tensor<4x3xf32>
}

// -----

func.func @reverse_type(%x: tensor<4x3xf32>) -> tensor<3x4xf32> {
  // expected-error@+1 {{'genc.reverse' op requires the same type for all operands and results}}
  %r = "genc.reverse"(%x) {dimensions = array<i64: 0>} : (tensor<4x3xf32>) -> tensor<3x4xf32>
  return %r : tensor<3x4xf32>
}

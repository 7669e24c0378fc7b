// RUN: genc-opt %s -split-input-file -verify-diagnostics

func.func @broadcast_dims_count(%x: tensor<3xf32>) -> tensor<2x3xf32> {
  // expected-error@+1 {{'genc.broadcast_in_dim' op broadcast_dimensions has 2 entries but the operand has rank 1}}
  %r = genc.broadcast_in_dim %x, dims = [0, 1] : (tensor<3xf32>) -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// -----

func.func @broadcast_dim_out_of_range(%x: tensor<3xf32>) -> tensor<2x3xf32> {
  // expected-error@+1 {{'genc.broadcast_in_dim' op broadcast dimension 2 is out of range for rank 2}}
  %r = genc.broadcast_in_dim %x, dims = [2] : (tensor<3xf32>) -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// -----

func.func @broadcast_dim_negative(%x: tensor<3xf32>) -> tensor<2x3xf32> {
  // expected-error@+1 {{'genc.broadcast_in_dim' op broadcast dimension -1 is out of range for rank 2}}
  %r = genc.broadcast_in_dim %x, dims = [-1] : (tensor<3xf32>) -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// -----

func.func @broadcast_dim_twice(%x: tensor<3x3xf32>) -> tensor<3x3xf32> {
  // expected-error@+1 {{'genc.broadcast_in_dim' op broadcast dimension 1 appears twice}}
  %r = genc.broadcast_in_dim %x, dims = [1, 1] : (tensor<3x3xf32>) -> tensor<3x3xf32>
  return %r : tensor<3x3xf32>
}

// -----

func.func @broadcast_size_mismatch(%x: tensor<3xf32>) -> tensor<3x4xf32> {
  // expected-error@+1 {{'genc.broadcast_in_dim' op operand dimension 0 of size 3 cannot broadcast to result dimension 1 of size 4}}
  %r = genc.broadcast_in_dim %x, dims = [1] : (tensor<3xf32>) -> tensor<3x4xf32>
  return %r : tensor<3x4xf32>
}

// -----

func.func @broadcast_element_type(%x: tensor<3xf32>) -> tensor<2x3xf64> {
  // expected-error@+1 {{'genc.broadcast_in_dim' op failed to verify that all of {operand, result} have same element type}}
  %r = genc.broadcast_in_dim %x, dims = [1] : (tensor<3xf32>) -> tensor<2x3xf64>
  return %r : tensor<2x3xf64>
}

// RUN: genc-opt %s -split-input-file -verify-diagnostics

func.func @transpose_perm_size(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error@+1 {{'genc.transpose' op permutation has 3 entries but the operand has rank 2}}
  %r = genc.transpose %x, dims = [1, 0, 2] : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %r : tensor<3x2xf32>
}

// -----

func.func @transpose_entry_out_of_range(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error@+1 {{'genc.transpose' op permutation entry 2 is out of range for rank 2}}
  %r = genc.transpose %x, dims = [2, 0] : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %r : tensor<3x2xf32>
}

// -----

func.func @transpose_entry_twice(%x: tensor<2x3xf32>) -> tensor<3x3xf32> {
  // expected-error@+1 {{'genc.transpose' op permutation entry 1 appears twice}}
  %r = genc.transpose %x, dims = [1, 1] : (tensor<2x3xf32>) -> tensor<3x3xf32>
  return %r : tensor<3x3xf32>
}

// -----

func.func @transpose_result_shape(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error@+1 {{'genc.transpose' op result dimension 0 has size 2 but operand dimension 1 has size 3}}
  %r = genc.transpose %x, dims = [1, 0] : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// -----

func.func @transpose_element_type(%x: tensor<2x3xf32>) -> tensor<3x2xf16> {
  // expected-error@+1 {{'genc.transpose' op failed to verify that all of {operand, result} have same element type}}
  %r = genc.transpose %x, dims = [1, 0] : (tensor<2x3xf32>) -> tensor<3x2xf16>
  return %r : tensor<3x2xf16>
}

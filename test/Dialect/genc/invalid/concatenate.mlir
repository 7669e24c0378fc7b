// RUN: genc-opt %s -split-input-file -verify-diagnostics

// The trait rejects an empty input list before the op verifier runs.
func.func @concatenate_no_inputs() -> tensor<0xf32> {
  // expected-error@+1 {{'genc.concatenate' op expected 1 or more operands, but found 0}}
  %r = "genc.concatenate"() {dimension = 0 : i64} : () -> tensor<0xf32>
  return %r : tensor<0xf32>
}

// -----

func.func @concatenate_dim_out_of_range(%a: tensor<2x3xf32>) -> tensor<2x6xf32> {
  // expected-error@+1 {{'genc.concatenate' op dimension 2 is out of range for rank 2}}
  %r = genc.concatenate %a, %a dim = 2 : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x6xf32>
  return %r : tensor<2x6xf32>
}

// -----

func.func @concatenate_dim_negative(%a: tensor<2x3xf32>) -> tensor<2x6xf32> {
  // expected-error@+1 {{'genc.concatenate' op dimension -1 is out of range for rank 2}}
  %r = genc.concatenate %a, %a dim = -1 : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x6xf32>
  return %r : tensor<2x6xf32>
}

// -----

func.func @concatenate_rank(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<5x3xf32> {
  // expected-error@+1 {{'genc.concatenate' op input 1 has rank 1, expected 2}}
  %r = genc.concatenate %a, %b dim = 0 : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<5x3xf32>
  return %r : tensor<5x3xf32>
}

// -----

func.func @concatenate_other_dim(%a: tensor<2x3xf32>, %b: tensor<2x4xf32>) -> tensor<4x3xf32> {
  // expected-error@+1 {{'genc.concatenate' op input 1 has size 4 in dimension 1, expected 3}}
  %r = genc.concatenate %a, %b dim = 0 : (tensor<2x3xf32>, tensor<2x4xf32>) -> tensor<4x3xf32>
  return %r : tensor<4x3xf32>
}

// -----

func.func @concatenate_result_size(%a: tensor<2x3xf32>, %b: tensor<1x3xf32>) -> tensor<4x3xf32> {
  // expected-error@+1 {{'genc.concatenate' op result shape should have size 3 in dimension 0}}
  %r = genc.concatenate %a, %b dim = 0 : (tensor<2x3xf32>, tensor<1x3xf32>) -> tensor<4x3xf32>
  return %r : tensor<4x3xf32>
}

// -----

func.func @concatenate_result_rank(%a: tensor<3xf32>) -> tensor<6x1xf32> {
  // expected-error@+1 {{'genc.concatenate' op result shape should have size 6 in dimension 0}}
  %r = genc.concatenate %a, %a dim = 0 : (tensor<3xf32>, tensor<3xf32>) -> tensor<6x1xf32>
  return %r : tensor<6x1xf32>
}

// -----

func.func @concatenate_element_type(%a: tensor<3xf32>, %b: tensor<3xi32>) -> tensor<6xf32> {
  // expected-error@+1 {{'genc.concatenate' op requires the same element type for all operands and results}}
  %r = genc.concatenate %a, %b dim = 0 : (tensor<3xf32>, tensor<3xi32>) -> tensor<6xf32>
  return %r : tensor<6xf32>
}

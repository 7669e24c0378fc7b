// RUN: genc-opt %s -split-input-file -verify-diagnostics

func.func @iota_rank0() -> tensor<i32> {
  // expected-error@+1 {{'genc.iota' op result must have rank at least 1}}
  %i = genc.iota dim = 0 : tensor<i32>
  return %i : tensor<i32>
}

// -----

func.func @iota_dim_too_large() -> tensor<2x3xi32> {
  // expected-error@+1 {{'genc.iota' op iota dimension 2 is out of range for rank 2}}
  %i = genc.iota dim = 2 : tensor<2x3xi32>
  return %i : tensor<2x3xi32>
}

// -----

func.func @iota_bad_element() -> tensor<4xui32> {
  // expected-error@+1 {{op result #0 must be ranked tensor of}}
  %i = genc.iota dim = 0 : tensor<4xui32>
  return %i : tensor<4xui32>
}

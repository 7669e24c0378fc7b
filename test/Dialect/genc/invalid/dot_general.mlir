// RUN: genc-opt %s -split-input-file -verify-diagnostics

func.func @dot_batch_count(%a: tensor<5x2x3xf32>, %b: tensor<5x3x4xf32>) -> tensor<5x2x4xf32> {
  // expected-error@+1 {{'genc.dot_general' op lhs has 1 batching dimensions but rhs has 0}}
  %r = genc.dot_general %a, %b, batch = [0] x [], contract = [2] x [1] : (tensor<5x2x3xf32>, tensor<5x3x4xf32>) -> tensor<5x2x4xf32>
  return %r : tensor<5x2x4xf32>
}

// -----

func.func @dot_contract_count(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  // expected-error@+1 {{'genc.dot_general' op lhs has 1 contracting dimensions but rhs has 2}}
  %r = genc.dot_general %a, %b, batch = [] x [], contract = [1] x [0, 1] : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return %r : tensor<2x4xf32>
}

// -----

func.func @dot_lhs_dim_range(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  // expected-error@+1 {{'genc.dot_general' op lhs dimension 2 is out of range for rank 2}}
  %r = genc.dot_general %a, %b, batch = [] x [], contract = [2] x [0] : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return %r : tensor<2x4xf32>
}

// -----

func.func @dot_rhs_dim_range(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  // expected-error@+1 {{'genc.dot_general' op rhs dimension -1 is out of range for rank 2}}
  %r = genc.dot_general %a, %b, batch = [] x [], contract = [1] x [-1] : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return %r : tensor<2x4xf32>
}

// -----

func.func @dot_lhs_dim_reused(%a: tensor<3x3xf32>, %b: tensor<3x3xf32>) -> tensor<3xf32> {
  // expected-error@+1 {{'genc.dot_general' op lhs dimension 0 appears twice}}
  %r = genc.dot_general %a, %b, batch = [0] x [0], contract = [0] x [1] : (tensor<3x3xf32>, tensor<3x3xf32>) -> tensor<3xf32>
  return %r : tensor<3xf32>
}

// -----

func.func @dot_batch_size(%a: tensor<5x2x3xf32>, %b: tensor<6x3x4xf32>) -> tensor<5x2x4xf32> {
  // expected-error@+1 {{'genc.dot_general' op batching dimensions 0 (size 5) and 0 (size 6) differ}}
  %r = genc.dot_general %a, %b, batch = [0] x [0], contract = [2] x [1] : (tensor<5x2x3xf32>, tensor<6x3x4xf32>) -> tensor<5x2x4xf32>
  return %r : tensor<5x2x4xf32>
}

// -----

func.func @dot_contract_size(%a: tensor<2x3xf32>, %b: tensor<4x4xf32>) -> tensor<2x4xf32> {
  // expected-error@+1 {{'genc.dot_general' op contracting dimensions 1 (size 3) and 0 (size 4) differ}}
  %r = genc.dot_general %a, %b, batch = [] x [], contract = [1] x [0] : (tensor<2x3xf32>, tensor<4x4xf32>) -> tensor<2x4xf32>
  return %r : tensor<2x4xf32>
}

// -----

func.func @dot_result_shape(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<4x2xf32> {
  // expected-error@+1 {{'genc.dot_general' op result shape should be 2x4, got 4x2}}
  %r = genc.dot_general %a, %b, batch = [] x [], contract = [1] x [0] : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<4x2xf32>
  return %r : tensor<4x2xf32>
}

// -----

func.func @dot_result_scalar(%a: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<1xf32> {
  // expected-error@+1 {{'genc.dot_general' op result shape should be scalar, got 1}}
  %r = genc.dot_general %a, %b, batch = [] x [], contract = [0] x [0] : (tensor<3xf32>, tensor<3xf32>) -> tensor<1xf32>
  return %r : tensor<1xf32>
}

// -----

func.func @dot_element_types(%a: tensor<2x3xf32>, %b: tensor<3x4xf16>) -> tensor<2x4xf32> {
  // expected-error@+1 {{'genc.dot_general' op requires the same element type for all operands and results}}
  %r = genc.dot_general %a, %b, batch = [] x [], contract = [1] x [0] : (tensor<2x3xf32>, tensor<3x4xf16>) -> tensor<2x4xf32>
  return %r : tensor<2x4xf32>
}

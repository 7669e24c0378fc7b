// RUN: genc-opt %s -split-input-file -verify-diagnostics

func.func @rng_bad_initial_state(%key: tensor<3xi32>) {
  // expected-error@+1 {{'genc.rng_bit_generator' op initial state must be tensor<2xi32>, got 'tensor<3xi32>'}}
  %k2, %bits = genc.rng_bit_generator %key : (tensor<3xi32>) -> (tensor<2xi32>, tensor<4xi32>)
  return
}

// -----

func.func @rng_bad_output_state(%key: tensor<2xi32>) {
  // expected-error@+1 {{'genc.rng_bit_generator' op output state must be tensor<2xi32>, got 'tensor<1x2xi32>'}}
  %k2, %bits = genc.rng_bit_generator %key : (tensor<2xi32>) -> (tensor<1x2xi32>, tensor<4xi32>)
  return
}

// -----

func.func @rng_unranked_output(%key: tensor<2xi32>) {
  // expected-error@+1 {{'genc.rng_bit_generator' op output must be a ranked tensor}}
  %k2, %bits = genc.rng_bit_generator %key : (tensor<2xi32>) -> (tensor<2xi32>, tensor<*xi32>)
  return
}

// -----

func.func @rng_unranked_state(%key: tensor<*xi32>) {
  // expected-error@+1 {{'genc.rng_bit_generator' op initial state must be tensor<2xi32>, got 'tensor<*xi32>'}}
  %k2, %bits = genc.rng_bit_generator %key : (tensor<*xi32>) -> (tensor<2xi32>, tensor<4xi32>)
  return
}

// -----

func.func @rng_float_output(%key: tensor<2xi32>) {
  // expected-error@+1 {{op result #1 must be tensor of 32-bit signless integer values}}
  %k2, %bits = genc.rng_bit_generator %key : (tensor<2xi32>) -> (tensor<2xi32>, tensor<4xf32>)
  return
}

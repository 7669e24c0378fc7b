// RUN: genc-opt %s -split-input-file -verify-diagnostics

func.func @tanh_int(%x: tensor<4xi32>) -> tensor<4xi32> {
  // expected-error@+1 {{'genc.tanh' op operand #0 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<4xi32>'}}
  %r = genc.tanh %x : tensor<4xi32>
  return %r : tensor<4xi32>
}

// -----

func.func @exp_i1(%x: tensor<i1>) -> tensor<i1> {
  // expected-error@+1 {{'genc.exp' op operand #0 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %r = genc.exp %x : tensor<i1>
  return %r : tensor<i1>
}

// -----

func.func @floor_int(%x: tensor<2xi8>) -> tensor<2xi8> {
  // expected-error@+1 {{'genc.floor' op operand #0 must be ranked tensor of}}
  %r = genc.floor %x : tensor<2xi8>
  return %r : tensor<2xi8>
}

// -----

func.func @neg_type_mismatch(%x: tensor<4xf32>) -> tensor<4xf64> {
  // expected-error@+1 {{'genc.neg' op requires the same type for all operands and results}}
  %r = "genc.neg"(%x) : (tensor<4xf32>) -> tensor<4xf64>
  return %r : tensor<4xf64>
}

// -----

func.func @abs_shape_mismatch(%x: tensor<4xf32>) -> tensor<2x2xf32> {
  // expected-error@+1 {{'genc.abs' op all non-scalar operands/results must have the same shape and base type}}
  %r = "genc.abs"(%x) : (tensor<4xf32>) -> tensor<2x2xf32>
  return %r : tensor<2x2xf32>
}

// -----

func.func @sign_unsigned(%x: tensor<4xui8>) -> tensor<4xui8> {
  // expected-error@+1 {{'genc.sign' op operand #0 must be ranked tensor of}}
  %r = genc.sign %x : tensor<4xui8>
  return %r : tensor<4xui8>
}

// -----

func.func @sqrt_unranked(%x: tensor<*xf32>) -> tensor<*xf32> {
  // expected-error@+1 {{'genc.sqrt' op operand #0 must be ranked tensor of}}
  %r = "genc.sqrt"(%x) : (tensor<*xf32>) -> tensor<*xf32>
  return %r : tensor<*xf32>
}

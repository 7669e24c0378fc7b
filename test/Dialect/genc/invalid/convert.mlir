// RUN: genc-opt %s -split-input-file -verify-diagnostics

func.func @convert_shape(%x: tensor<4xf32>) -> tensor<2x2xi32> {
  // expected-error@+1 {{'genc.convert' op all non-scalar operands/results must have the same shape and base type}}
  %r = genc.convert %x : (tensor<4xf32>) -> tensor<2x2xi32>
  return %r : tensor<2x2xi32>
}

// -----

func.func @convert_to_unsupported(%x: tensor<4xf32>) -> tensor<4xi16> {
  // expected-error@+1 {{'genc.convert' op result #0 must be ranked tensor of}}
  %r = genc.convert %x : (tensor<4xf32>) -> tensor<4xi16>
  return %r : tensor<4xi16>
}

// -----

func.func @convert_from_unsupported(%x: tensor<4xf8E4M3FN>) -> tensor<4xf32> {
  // expected-error@+1 {{'genc.convert' op operand #0 must be ranked tensor of}}
  %r = genc.convert %x : (tensor<4xf8E4M3FN>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}

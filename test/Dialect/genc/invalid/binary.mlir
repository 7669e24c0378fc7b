// RUN: genc-opt %s -split-input-file -verify-diagnostics

func.func @add_type_mismatch(%a: tensor<4xf32>, %b: tensor<4xf64>) -> tensor<4xf32> {
  // expected-error@+1 {{'genc.add' op requires the same type for all operands and results}}
  %r = "genc.add"(%a, %b) : (tensor<4xf32>, tensor<4xf64>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

func.func @mul_implicit_broadcast(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<2x3xf32> {
  // expected-error@+1 {{'genc.mul' op all non-scalar operands/results must have the same shape and base type}}
  %r = "genc.mul"(%a, %b) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// -----

func.func @pow_int(%a: tensor<4xi32>) -> tensor<4xi32> {
  // expected-error@+1 {{'genc.pow' op operand #0 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<4xi32>'}}
  %r = genc.pow %a, %a : tensor<4xi32>
  return %r : tensor<4xi32>
}

// -----

func.func @and_float(%a: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error@+1 {{'genc.and' op operand #0 must be ranked tensor of 1-bit signless integer or 8-bit signless integer or 32-bit signless integer or 64-bit signless integer values, but got 'tensor<4xf32>'}}
  %r = genc.and %a, %a : tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

func.func @or_bf16(%a: tensor<bf16>) -> tensor<bf16> {
  // expected-error@+1 {{'genc.or' op operand #0 must be ranked tensor of 1-bit signless integer}}
  %r = genc.or %a, %a : tensor<bf16>
  return %r : tensor<bf16>
}

// -----

func.func @div_result_mismatch(%a: tensor<4xi32>) -> tensor<4xi64> {
  // expected-error@+1 {{'genc.div' op requires the same type for all operands and results}}
  %r = "genc.div"(%a, %a) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi64>
  return %r : tensor<4xi64>
}

// -----

func.func @max_i16(%a: tensor<4xi16>) -> tensor<4xi16> {
  // expected-error@+1 {{'genc.max' op operand #0 must be ranked tensor of}}
  %r = genc.max %a, %a : tensor<4xi16>
  return %r : tensor<4xi16>
}

// -----

func.func @sub_one_operand(%a: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error@+1 {{'genc.sub' op expected 2 operands, but found 1}}
  %r = "genc.sub"(%a) : (tensor<4xf32>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}

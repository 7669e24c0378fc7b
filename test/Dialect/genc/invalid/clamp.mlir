// RUN: genc-opt %s -split-input-file -verify-diagnostics

func.func @clamp_scalar_bounds(%lo: tensor<f32>, %x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error@+1 {{'genc.clamp' op failed to verify that all of {min, operand, max, result} have same type}}
  %r = "genc.clamp"(%lo, %x, %lo) : (tensor<f32>, tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

func.func @clamp_result_type(%x: tensor<4xf32>) -> tensor<4xf16> {
  // expected-error@+1 {{'genc.clamp' op failed to verify that all of {min, operand, max, result} have same type}}
  %r = "genc.clamp"(%x, %x, %x) : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf16>
  return %r : tensor<4xf16>
}

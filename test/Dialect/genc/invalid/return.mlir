// RUN: genc-opt %s -split-input-file -verify-diagnostics

func.func @return_in_func(%a: tensor<f32>) -> tensor<f32> {
  // expected-error@+1 {{'genc.return' op expects parent op to be one of 'genc.reduce, genc.while, genc.if'}}
  genc.return %a : tensor<f32>
}

// -----

func.func @return_missing_types(%p: tensor<i1>, %a: tensor<f32>) -> tensor<f32> {
  %r = genc.if %p : tensor<i1> -> tensor<f32> {
    // expected-error@+1 {{expected ':'}}
    genc.return %a
  } else {
    genc.return %a : tensor<f32>
  }
  return %r : tensor<f32>
}

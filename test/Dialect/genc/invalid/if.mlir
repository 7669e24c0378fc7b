// RUN: genc-opt %s -split-input-file -verify-diagnostics

func.func @if_then_returns(%p: tensor<i1>, %a: tensor<f32>) -> tensor<f32> {
  // expected-error@+1 {{'genc.if' op then region returns 0 value(s) of the wrong types}}
  %r = genc.if %p : tensor<i1> -> tensor<f32> {
    genc.return
  } else {
    genc.return %a : tensor<f32>
  }
  return %r : tensor<f32>
}

// -----

func.func @if_else_returns(%p: tensor<i1>, %a: tensor<f32>, %b: tensor<f64>) -> tensor<f32> {
  // expected-error@+1 {{'genc.if' op else region returns 1 value(s) of the wrong types}}
  %r = genc.if %p : tensor<i1> -> tensor<f32> {
    genc.return %a : tensor<f32>
  } else {
    genc.return %b : tensor<f64>
  }
  return %r : tensor<f32>
}

// -----

func.func @if_block_args(%p: tensor<i1>, %a: tensor<f32>) -> tensor<f32> {
  // expected-error@+1 {{'genc.if' op then region must take the loop-carried types}}
  %r = genc.if %p : tensor<i1> -> tensor<f32> {
  ^bb0(%x: tensor<f32>):
    genc.return %x : tensor<f32>
  } else {
    genc.return %a : tensor<f32>
  }
  return %r : tensor<f32>
}

// -----

func.func @if_else_terminator(%p: tensor<i1>, %a: tensor<f32>) -> tensor<f32> {
  // expected-error@+1 {{'genc.if' op else region must end in genc.return}}
  %r = genc.if %p : tensor<i1> -> tensor<f32> {
    genc.return %a : tensor<f32>
  } else {
    func.return %a : tensor<f32>
  }
  return %r : tensor<f32>
}

// -----

func.func @if_pred_vector(%p: tensor<2xi1>, %a: tensor<f32>) -> tensor<f32> {
  // expected-error@+1 {{'genc.if' op operand #0 must be 0D tensor of 1-bit signless integer values, but got 'tensor<2xi1>'}}
  %r = genc.if %p : tensor<2xi1> -> tensor<f32> {
    genc.return %a : tensor<f32>
  } else {
    genc.return %a : tensor<f32>
  }
  return %r : tensor<f32>
}

// -----

func.func @if_pred_int(%p: tensor<i32>, %a: tensor<f32>) -> tensor<f32> {
  // expected-error@+1 {{'genc.if' op operand #0 must be 0D tensor of 1-bit signless integer values, but got 'tensor<i32>'}}
  %r = genc.if %p : tensor<i32> -> tensor<f32> {
    genc.return %a : tensor<f32>
  } else {
    genc.return %a : tensor<f32>
  }
  return %r : tensor<f32>
}

// -----

func.func @if_then_terminator(%p: tensor<i1>, %a: tensor<f32>) -> tensor<f32> {
  // expected-error@+1 {{'genc.if' op then region must end in genc.return}}
  %r = genc.if %p : tensor<i1> -> tensor<f32> {
    func.return %a : tensor<f32>
  } else {
    genc.return %a : tensor<f32>
  }
  return %r : tensor<f32>
}

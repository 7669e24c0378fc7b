// RUN: genc-opt %s -split-input-file -verify-diagnostics

func.func @while_cond_args(%a: tensor<i32>) -> tensor<i32> {
  // expected-error@+1 {{'genc.while' op cond region must take the loop-carried types}}
  %r = "genc.while"(%a) ({
  ^bb0(%x: tensor<i64>):
    %p = genc.constant dense<true> : tensor<i1>
    genc.return %p : tensor<i1>
  }, {
  ^bb0(%x: tensor<i32>):
    genc.return %x : tensor<i32>
  }) : (tensor<i32>) -> tensor<i32>
  return %r : tensor<i32>
}

// -----

func.func @while_cond_returns_vector(%a: tensor<i32>) -> tensor<i32> {
  // expected-error@+1 {{'genc.while' op cond region returns 1 value(s) of the wrong types}}
  %r = genc.while (%x = %a) : tensor<i32> cond {
    %p = genc.constant dense<true> : tensor<1xi1>
    genc.return %p : tensor<1xi1>
  } do {
  ^bb0(%y: tensor<i32>):
    genc.return %y : tensor<i32>
  }
  return %r : tensor<i32>
}

// -----

func.func @while_cond_returns_carried(%a: tensor<i32>) -> tensor<i32> {
  // expected-error@+1 {{'genc.while' op cond region returns 1 value(s) of the wrong types}}
  %r = genc.while (%x = %a) : tensor<i32> cond {
    genc.return %x : tensor<i32>
  } do {
  ^bb0(%y: tensor<i32>):
    genc.return %y : tensor<i32>
  }
  return %r : tensor<i32>
}

// -----

func.func @while_cond_terminator(%a: tensor<i32>) -> tensor<i32> {
  // expected-error@+1 {{'genc.while' op cond region must end in genc.return}}
  %r = genc.while (%x = %a) : tensor<i32> cond {
    %p = genc.constant dense<true> : tensor<i1>
    func.return %p : tensor<i1>
  } do {
  ^bb0(%y: tensor<i32>):
    genc.return %y : tensor<i32>
  }
  return %r : tensor<i32>
}

// -----

func.func @while_body_args(%a: tensor<i32>) -> tensor<i32> {
  // expected-error@+1 {{'genc.while' op body region must take the loop-carried types}}
  %r = genc.while (%x = %a) : tensor<i32> cond {
    %p = genc.constant dense<true> : tensor<i1>
    genc.return %p : tensor<i1>
  } do {
  ^bb0(%y: tensor<i32>, %z: tensor<i32>):
    genc.return %y : tensor<i32>
  }
  return %r : tensor<i32>
}

// -----

func.func @while_body_returns(%a: tensor<i32>) -> tensor<i32> {
  // expected-error@+1 {{'genc.while' op body region returns 2 value(s) of the wrong types}}
  %r = genc.while (%x = %a) : tensor<i32> cond {
    %p = genc.constant dense<true> : tensor<i1>
    genc.return %p : tensor<i1>
  } do {
  ^bb0(%y: tensor<i32>):
    genc.return %y, %y : tensor<i32>, tensor<i32>
  }
  return %r : tensor<i32>
}

// -----

func.func @while_body_terminator(%a: tensor<i32>) -> tensor<i32> {
  // expected-error@+1 {{'genc.while' op body region must end in genc.return}}
  %r = genc.while (%x = %a) : tensor<i32> cond {
    %p = genc.constant dense<true> : tensor<i1>
    genc.return %p : tensor<i1>
  } do {
  ^bb0(%y: tensor<i32>):
    func.return %y : tensor<i32>
  }
  return %r : tensor<i32>
}

// -----

func.func @while_result_types(%a: tensor<i32>) -> tensor<i64> {
  // expected-error@+1 {{'genc.while' op failed to verify that all of {operands, results} have same type}}
  %r = "genc.while"(%a) ({
  ^bb0(%x: tensor<i32>):
    %p = genc.constant dense<true> : tensor<i1>
    genc.return %p : tensor<i1>
  }, {
  ^bb0(%x: tensor<i32>):
    genc.return %x : tensor<i32>
  }) : (tensor<i32>) -> tensor<i64>
  return %r : tensor<i64>
}

// -----

func.func @while_parse_type_count(%a: tensor<i32>) -> tensor<i32> {
  // expected-error@+1 {{expected one type per loop-carried value}}
  %r = genc.while (%x = %a) : tensor<i32>, tensor<i32> cond {
    %p = genc.constant dense<true> : tensor<i1>
    genc.return %p : tensor<i1>
  } do {
  ^bb0(%y: tensor<i32>):
    genc.return %y : tensor<i32>
  }
  return %r : tensor<i32>
}

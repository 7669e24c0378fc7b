// RUN: genc-opt %s -split-input-file -verify-diagnostics

func.func @reduce_dim_out_of_range(%x: tensor<2x3xf32>, %z: tensor<f32>) -> tensor<2xf32> {
  // expected-error@+1 {{'genc.reduce' op reduce dimension 2 is out of range for rank 2}}
  %s = genc.reduce %x, %z dims = [2] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %t = genc.add %a, %b : tensor<f32>
    genc.return %t : tensor<f32>
  }
  return %s : tensor<2xf32>
}

// -----

func.func @reduce_dim_twice(%x: tensor<2x3xf32>, %z: tensor<f32>) -> tensor<2xf32> {
  // expected-error@+1 {{'genc.reduce' op reduce dimension 1 appears twice}}
  %s = genc.reduce %x, %z dims = [1, 1] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %t = genc.add %a, %b : tensor<f32>
    genc.return %t : tensor<f32>
  }
  return %s : tensor<2xf32>
}

// -----

func.func @reduce_result_shape(%x: tensor<2x3xf32>, %z: tensor<f32>) -> tensor<3xf32> {
  // expected-error@+1 {{'genc.reduce' op result shape should be 2, got 3}}
  %s = genc.reduce %x, %z dims = [1] : (tensor<2x3xf32>, tensor<f32>) -> tensor<3xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %t = genc.add %a, %b : tensor<f32>
    genc.return %t : tensor<f32>
  }
  return %s : tensor<3xf32>
}

// -----

func.func @reduce_result_scalar(%x: tensor<2x3xf32>, %z: tensor<f32>) -> tensor<1xf32> {
  // expected-error@+1 {{'genc.reduce' op result shape should be scalar, got 1}}
  %s = genc.reduce %x, %z dims = [0, 1] : (tensor<2x3xf32>, tensor<f32>) -> tensor<1xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %t = genc.add %a, %b : tensor<f32>
    genc.return %t : tensor<f32>
  }
  return %s : tensor<1xf32>
}

// -----

func.func @reduce_body_arg_count(%x: tensor<2x3xf32>, %z: tensor<f32>) -> tensor<2xf32> {
  // expected-error@+1 {{'genc.reduce' op body must take two arguments of type 'tensor<f32>'}}
  %s = genc.reduce %x, %z dims = [1] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2xf32> {
  ^bb0(%a: tensor<f32>):
    genc.return %a : tensor<f32>
  }
  return %s : tensor<2xf32>
}

// -----

func.func @reduce_body_arg_type(%x: tensor<2x3xf32>, %z: tensor<f32>) -> tensor<2xf32> {
  // expected-error@+1 {{'genc.reduce' op body must take two arguments of type 'tensor<f32>'}}
  %s = genc.reduce %x, %z dims = [1] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2xf32> {
  ^bb0(%a: tensor<f64>, %b: tensor<f64>):
    %t = genc.add %a, %b : tensor<f64>
    genc.return %t : tensor<f64>
  }
  return %s : tensor<2xf32>
}

// -----

func.func @reduce_body_returns_two(%x: tensor<2x3xf32>, %z: tensor<f32>) -> tensor<2xf32> {
  // expected-error@+1 {{'genc.reduce' op body must return one value of type 'tensor<f32>'}}
  %s = genc.reduce %x, %z dims = [1] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    genc.return %a, %b : tensor<f32>, tensor<f32>
  }
  return %s : tensor<2xf32>
}

// -----

func.func @reduce_body_return_type(%x: tensor<2x3xf32>, %z: tensor<f32>) -> tensor<2xf32> {
  // expected-error@+1 {{'genc.reduce' op body must return one value of type 'tensor<f32>'}}
  %s = genc.reduce %x, %z dims = [1] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %c = genc.compare LT, %a, %b : (tensor<f32>, tensor<f32>) -> tensor<i1>
    genc.return %c : tensor<i1>
  }
  return %s : tensor<2xf32>
}

// -----

func.func @reduce_body_wrong_terminator(%x: tensor<2x3xf32>, %z: tensor<f32>) -> tensor<2xf32> {
  // expected-error@+1 {{'genc.reduce' op body must return one value of type 'tensor<f32>'}}
  %s = genc.reduce %x, %z dims = [1] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    func.return %a : tensor<f32>
  }
  return %s : tensor<2xf32>
}

// -----

func.func @reduce_init_not_scalar(%x: tensor<2x3xf32>, %z: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error@+1 {{'genc.reduce' op operand #1 must be 0D tensor of}}
  %s = genc.reduce %x, %z dims = [1] : (tensor<2x3xf32>, tensor<2xf32>) -> tensor<2xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %t = genc.add %a, %b : tensor<f32>
    genc.return %t : tensor<f32>
  }
  return %s : tensor<2xf32>
}

// -----

func.func @reduce_init_type(%x: tensor<2x3xf32>, %z: tensor<i32>) -> tensor<2xf32> {
  // expected-error@+1 {{'genc.reduce' op failed to verify that all of {operand, init_value, result} have same element type}}
  %s = genc.reduce %x, %z dims = [1] : (tensor<2x3xf32>, tensor<i32>) -> tensor<2xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %t = genc.add %a, %b : tensor<f32>
    genc.return %t : tensor<f32>
  }
  return %s : tensor<2xf32>
}

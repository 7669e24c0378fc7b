// RUN: genc-opt %s --genc-convert-to-linalg --split-input-file -verify-diagnostics

// Only elementwise genc ops can be scalarized into a reduction body.
func.func @reduce_body_not_elementwise(%x: tensor<4xf32>, %z: tensor<f32>) -> tensor<f32> {
  // expected-error@+1 {{failed to legalize operation 'genc.reduce' that was explicitly marked illegal}}
  %s = genc.reduce %x, %z dims = [0] : (tensor<4xf32>, tensor<f32>) -> tensor<f32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    // expected-error@+1 {{cannot lower 'genc.reshape' inside a reduction body: only elementwise genc ops are supported there}}
    %r = genc.reshape %b : (tensor<f32>) -> tensor<1xf32>
    %q = genc.reshape %r : (tensor<1xf32>) -> tensor<f32>
    %t = genc.add %a, %q : tensor<f32>
    genc.return %t : tensor<f32>
  }
  return %s : tensor<f32>
}

// -----

func.func @reduce_body_outside_value(%x: tensor<4xf32>, %z: tensor<f32>) -> tensor<f32> {
  // expected-error@+1 {{failed to legalize operation 'genc.reduce' that was explicitly marked illegal}}
  %s = genc.reduce %x, %z dims = [0] : (tensor<4xf32>, tensor<f32>) -> tensor<f32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    // expected-error@+1 {{reduction body uses a value defined outside it}}
    %t = genc.add %a, %z : tensor<f32>
    genc.return %t : tensor<f32>
  }
  return %s : tensor<f32>
}

// -----

func.func @reduce_body_returns_outside_value(%x: tensor<4xf32>, %z: tensor<f32>) -> tensor<f32> {
  // expected-error@+1 {{failed to legalize operation 'genc.reduce' that was explicitly marked illegal}}
  %s = genc.reduce %x, %z dims = [0] : (tensor<4xf32>, tensor<f32>) -> tensor<f32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    // expected-error@+1 {{region returns a value defined outside it}}
    genc.return %z : tensor<f32>
  }
  return %s : tensor<f32>
}

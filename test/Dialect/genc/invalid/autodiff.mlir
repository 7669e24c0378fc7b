// RUN: genc-opt %s -split-input-file -verify-diagnostics

func.func private @f(%x: tensor<4xf32>) -> tensor<f32>
func.func @bad_argnum(%x: tensor<4xf32>, %ct: tensor<f32>) {
  // expected-error @+1 {{argnum 1 is out of range for 1 primal(s)}}
  %y, %dx = genc.vjp @f(%x) cotangents(%ct) argnums = [1] : (tensor<4xf32>, tensor<f32>) -> (tensor<f32>, tensor<4xf32>)
  return
}

// -----

func.func @no_callee(%x: tensor<4xf32>, %ct: tensor<f32>) {
  // expected-error @+1 {{'nope' is not a function}}
  %y, %dx = genc.vjp @nope(%x) cotangents(%ct) argnums = [0] : (tensor<4xf32>, tensor<f32>) -> (tensor<f32>, tensor<4xf32>)
  return
}

// -----

func.func private @f(%x: tensor<4xf32>) -> tensor<f32>
func.func @bad_cotangent(%x: tensor<4xf32>, %ct: tensor<2xf32>) {
  // expected-error @+1 {{cotangents must match the results of 'f'}}
  %y, %dx = genc.vjp @f(%x) cotangents(%ct) argnums = [0] : (tensor<4xf32>, tensor<2xf32>) -> (tensor<f32>, tensor<4xf32>)
  return
}

// -----

func.func private @f(%x: tensor<4xf32>) -> tensor<f32>
func.func @bad_tangent(%x: tensor<4xf32>, %t: tensor<3xf32>) {
  // expected-error @+1 {{tangents must match the inputs of 'f'}}
  %y, %dy = genc.jvp @f(%x) tangents(%t) : (tensor<4xf32>, tensor<3xf32>) -> (tensor<f32>, tensor<f32>)
  return
}

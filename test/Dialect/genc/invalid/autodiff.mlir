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

// -----

func.func private @g(%x: tensor<3xf32>) -> tensor<3xf32>
func.func @empty_axis_name(%xs: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{axis names must not be empty}}
  %y = genc.vmap @g(%xs) in_axes = [0] out_axes = [0] axis_size = 2 {axis_name = ""} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

func.func private @leaf(%x: tensor<f32>) -> tensor<f32>
func.func private @inner(%x: tensor<3xf32>) -> tensor<3xf32> {
  %y = genc.vmap @leaf(%x) in_axes = [0] out_axes = [0] axis_size = 3 {axis_name = "i"} : (tensor<3xf32>) -> tensor<3xf32>
  return %y : tensor<3xf32>
}
func.func @reused_axis_name(%xs: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{axis_name 'i' is reused by a vmap nested in 'inner'}}
  %y = genc.vmap @inner(%xs) in_axes = [0] out_axes = [0] axis_size = 2 {axis_name = "i"} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

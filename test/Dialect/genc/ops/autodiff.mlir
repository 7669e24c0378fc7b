// RUN: genc-opt %s | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | genc-opt | FileCheck %s

func.func private @f(%x: tensor<4xf32>, %n: tensor<i32>) -> tensor<f32> {
  %z = genc.constant dense<0.0> : tensor<f32>
  return %z : tensor<f32>
}
// CHECK-LABEL: func.func @transforms
// CHECK: %{{.*}}:2 = genc.vjp @f(%arg0, %arg1) cotangents(%arg2) argnums = [0] : (tensor<4xf32>, tensor<i32>, tensor<f32>) -> (tensor<f32>, tensor<4xf32>)
// CHECK: %{{.*}}:2 = genc.jvp @f(%arg0, %arg1) tangents(%arg0, %arg1) : (tensor<4xf32>, tensor<i32>, tensor<4xf32>, tensor<i32>) -> (tensor<f32>, tensor<f32>)
// CHECK: genc.stop_gradient %arg0 : tensor<4xf32>
func.func @transforms(%x: tensor<4xf32>, %n: tensor<i32>, %ct: tensor<f32>) -> (tensor<4xf32>, tensor<f32>, tensor<4xf32>) {
  %y, %dx = genc.vjp @f(%x, %n) cotangents(%ct) argnums = [0] : (tensor<4xf32>, tensor<i32>, tensor<f32>) -> (tensor<f32>, tensor<4xf32>)
  %y2, %dy = genc.jvp @f(%x, %n) tangents(%x, %n) : (tensor<4xf32>, tensor<i32>, tensor<4xf32>, tensor<i32>) -> (tensor<f32>, tensor<f32>)
  %s = genc.stop_gradient %x : tensor<4xf32>
  return %dx, %dy, %s : tensor<4xf32>, tensor<f32>, tensor<4xf32>
}

// Reserved axis names of vmap round-trip.
// CHECK-LABEL: func.func @named_vmap
// CHECK: genc.vmap @named_leaf(%{{.*}}) in_axes = [0] out_axes = [0] axis_size = 2 {axis_name = "batch", spmd_axis_name = "data"}
func.func private @named_leaf(%x: tensor<3xf32>) -> tensor<3xf32>
func.func @named_vmap(%xs: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %y = genc.vmap @named_leaf(%xs) in_axes = [0] out_axes = [0] axis_size = 2 {axis_name = "batch", spmd_axis_name = "data"} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

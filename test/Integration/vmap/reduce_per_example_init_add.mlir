// vmap of genc.reduce (add) with a per-example init value and a shared
// operand: reduce from the identity, then combine with each init.
// RUN: genc run %s --backend=interp | FileCheck %s
// RUN: genc run %s --backend=cpu | FileCheck %s

// vmap(f)(X) and the stack of f(x_i) print identically; the third line
// (vmap again) is checked against known values.
// CHECK: 3x3xf32=[[R:.*]]
// CHECK-NEXT: 3x3xf32=[[R]]
// CHECK-NEXT: 3x3xf32=[6.5 22.5 38.5][4 20 36][106 122 138]
func.func private @f(%x: tensor<3x4xf32>, %v: tensor<f32>) -> tensor<3xf32> {
  %r = genc.reduce %x, %v dims = [1] : (tensor<3x4xf32>, tensor<f32>) -> tensor<3xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %t = genc.add %a, %b : tensor<f32>
    genc.return %t : tensor<f32>
  }
  return %r : tensor<3xf32>
}
func.func @main() -> (tensor<3x3xf32>, tensor<3x3xf32>, tensor<3x3xf32>) {
  %a = genc.iota dim = 0 : tensor<12xf32>
  %x = genc.reshape %a : (tensor<12xf32>) -> tensor<3x4xf32>
  %vs = genc.constant dense<[0.5, -2.0, 100.0]> : tensor<3xf32>
  %v = genc.vmap @f(%x, %vs) in_axes = [-1, 0] out_axes = [0] axis_size = 3 : (tensor<3x4xf32>, tensor<3xf32>) -> tensor<3x3xf32>
  %s1_0 = genc.slice %vs start = [0] limit = [1] strides = [1] : (tensor<3xf32>) -> tensor<1xf32>
  %r1_0 = genc.reshape %s1_0 : (tensor<1xf32>) -> tensor<f32>
  %y_0 = call @f(%x, %r1_0) : (tensor<3x4xf32>, tensor<f32>) -> tensor<3xf32>
  %e_0 = genc.reshape %y_0 : (tensor<3xf32>) -> tensor<1x3xf32>
  %s1_1 = genc.slice %vs start = [1] limit = [2] strides = [1] : (tensor<3xf32>) -> tensor<1xf32>
  %r1_1 = genc.reshape %s1_1 : (tensor<1xf32>) -> tensor<f32>
  %y_1 = call @f(%x, %r1_1) : (tensor<3x4xf32>, tensor<f32>) -> tensor<3xf32>
  %e_1 = genc.reshape %y_1 : (tensor<3xf32>) -> tensor<1x3xf32>
  %s1_2 = genc.slice %vs start = [2] limit = [3] strides = [1] : (tensor<3xf32>) -> tensor<1xf32>
  %r1_2 = genc.reshape %s1_2 : (tensor<1xf32>) -> tensor<f32>
  %y_2 = call @f(%x, %r1_2) : (tensor<3x4xf32>, tensor<f32>) -> tensor<3xf32>
  %e_2 = genc.reshape %y_2 : (tensor<3xf32>) -> tensor<1x3xf32>
  %stacked = genc.concatenate %e_0, %e_1, %e_2 dim = 0 : (tensor<1x3xf32>, tensor<1x3xf32>, tensor<1x3xf32>) -> tensor<3x3xf32>
  return %v, %stacked, %v : tensor<3x3xf32>, tensor<3x3xf32>, tensor<3x3xf32>
}

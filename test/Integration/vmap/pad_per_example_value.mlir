// vmap of genc.pad with a per-example padding value (edge and interior
// padding) and a shared operand: equals one pad per example.
// RUN: genc run %s --backend=interp | FileCheck %s
// RUN: genc run %s --backend=cpu | FileCheck %s

// vmap(f)(X) and the stack of f(x_i) print identically; the third line
// (vmap again) is checked against known values.
// CHECK: 3x4x6xf32=[[R:.*]]
// CHECK-NEXT: 3x4x6xf32=[[R]]
// CHECK-NEXT: 3x4x6xf32={{\[\[}}-1 -1 -1 -1 -1 -1][0 -1 1 -1 2 -1][-1 -1 -1 -1 -1 -1][3 -1 4 -1 5 -1]]{{\[\[}}7.5 7.5{{.*}}[100 100 100 100 100 100][3 100 4 100 5 100]]
func.func private @f(%x: tensor<2x3xf32>, %v: tensor<f32>) -> tensor<4x6xf32> {
  %r = genc.pad %x, %v low = [1, 0] high = [0, 1] interior = [1, 1] : (tensor<2x3xf32>, tensor<f32>) -> tensor<4x6xf32>
  return %r : tensor<4x6xf32>
}
func.func @main() -> (tensor<3x4x6xf32>, tensor<3x4x6xf32>, tensor<3x4x6xf32>) {
  %a = genc.iota dim = 0 : tensor<6xf32>
  %x = genc.reshape %a : (tensor<6xf32>) -> tensor<2x3xf32>
  %vs = genc.constant dense<[-1.0, 7.5, 100.0]> : tensor<3xf32>
  %v = genc.vmap @f(%x, %vs) in_axes = [-1, 0] out_axes = [0] axis_size = 3 : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<3x4x6xf32>
  %s1_0 = genc.slice %vs start = [0] limit = [1] strides = [1] : (tensor<3xf32>) -> tensor<1xf32>
  %r1_0 = genc.reshape %s1_0 : (tensor<1xf32>) -> tensor<f32>
  %y_0 = call @f(%x, %r1_0) : (tensor<2x3xf32>, tensor<f32>) -> tensor<4x6xf32>
  %e_0 = genc.reshape %y_0 : (tensor<4x6xf32>) -> tensor<1x4x6xf32>
  %s1_1 = genc.slice %vs start = [1] limit = [2] strides = [1] : (tensor<3xf32>) -> tensor<1xf32>
  %r1_1 = genc.reshape %s1_1 : (tensor<1xf32>) -> tensor<f32>
  %y_1 = call @f(%x, %r1_1) : (tensor<2x3xf32>, tensor<f32>) -> tensor<4x6xf32>
  %e_1 = genc.reshape %y_1 : (tensor<4x6xf32>) -> tensor<1x4x6xf32>
  %s1_2 = genc.slice %vs start = [2] limit = [3] strides = [1] : (tensor<3xf32>) -> tensor<1xf32>
  %r1_2 = genc.reshape %s1_2 : (tensor<1xf32>) -> tensor<f32>
  %y_2 = call @f(%x, %r1_2) : (tensor<2x3xf32>, tensor<f32>) -> tensor<4x6xf32>
  %e_2 = genc.reshape %y_2 : (tensor<4x6xf32>) -> tensor<1x4x6xf32>
  %stacked = genc.concatenate %e_0, %e_1, %e_2 dim = 0 : (tensor<1x4x6xf32>, tensor<1x4x6xf32>, tensor<1x4x6xf32>) -> tensor<3x4x6xf32>
  return %v, %stacked, %v : tensor<3x4x6xf32>, tensor<3x4x6xf32>, tensor<3x4x6xf32>
}

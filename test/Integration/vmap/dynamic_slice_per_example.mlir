// vmap of genc.dynamic_slice with per-example starts (clamped per example,
// including starts past either end) in both dimensions.
// RUN: genc run %s --backend=interp | FileCheck %s
// RUN: genc run %s --backend=cpu | FileCheck %s

// vmap(f)(X) and the stack of f(x_i), printed identically.
// CHECK: 3x2x3xf32=[[R:.*]]
// CHECK-NEXT: 3x2x3xf32=[[R]]
// Example 1: rows 2..3 (start 3 clamped to 2), columns 3..5 (9 clamped to 3);
// example 2: rows 0..1 (-2 clamped to 0), columns 2..4.
// CHECK-NEXT: 3x2x3xf32={{.*}}[39 40 41][45 46 47]]{{\[\[}}50 51 52][56 57 58{{.*}}
func.func private @f(%x: tensor<4x6xf32>, %i: tensor<i32>, %j: tensor<i32>) -> tensor<2x3xf32> {
  %r = genc.dynamic_slice %x, %i, %j sizes = [2, 3] : (tensor<4x6xf32>, tensor<i32>, tensor<i32>) -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}
func.func @main() -> (tensor<3x2x3xf32>, tensor<3x2x3xf32>, tensor<3x2x3xf32>) {
  %a = genc.iota dim = 0 : tensor<72xf32>
  %xs = genc.reshape %a : (tensor<72xf32>) -> tensor<3x4x6xf32>
  %is = genc.constant dense<[0, 3, -2]> : tensor<3xi32>
  %js = genc.constant dense<[1, 9, 2]> : tensor<3xi32>
  %v = genc.vmap @f(%xs, %is, %js) in_axes = [0, 0, 0] out_axes = [0] axis_size = 3 : (tensor<3x4x6xf32>, tensor<3xi32>, tensor<3xi32>) -> tensor<3x2x3xf32>
  %s0_0 = genc.slice %xs start = [0, 0, 0] limit = [1, 4, 6] strides = [1, 1, 1] : (tensor<3x4x6xf32>) -> tensor<1x4x6xf32>
  %r0_0 = genc.reshape %s0_0 : (tensor<1x4x6xf32>) -> tensor<4x6xf32>
  %s1_0 = genc.slice %is start = [0] limit = [1] strides = [1] : (tensor<3xi32>) -> tensor<1xi32>
  %r1_0 = genc.reshape %s1_0 : (tensor<1xi32>) -> tensor<i32>
  %s2_0 = genc.slice %js start = [0] limit = [1] strides = [1] : (tensor<3xi32>) -> tensor<1xi32>
  %r2_0 = genc.reshape %s2_0 : (tensor<1xi32>) -> tensor<i32>
  %y_0 = call @f(%r0_0, %r1_0, %r2_0) : (tensor<4x6xf32>, tensor<i32>, tensor<i32>) -> tensor<2x3xf32>
  %e_0 = genc.reshape %y_0 : (tensor<2x3xf32>) -> tensor<1x2x3xf32>
  %s0_1 = genc.slice %xs start = [1, 0, 0] limit = [2, 4, 6] strides = [1, 1, 1] : (tensor<3x4x6xf32>) -> tensor<1x4x6xf32>
  %r0_1 = genc.reshape %s0_1 : (tensor<1x4x6xf32>) -> tensor<4x6xf32>
  %s1_1 = genc.slice %is start = [1] limit = [2] strides = [1] : (tensor<3xi32>) -> tensor<1xi32>
  %r1_1 = genc.reshape %s1_1 : (tensor<1xi32>) -> tensor<i32>
  %s2_1 = genc.slice %js start = [1] limit = [2] strides = [1] : (tensor<3xi32>) -> tensor<1xi32>
  %r2_1 = genc.reshape %s2_1 : (tensor<1xi32>) -> tensor<i32>
  %y_1 = call @f(%r0_1, %r1_1, %r2_1) : (tensor<4x6xf32>, tensor<i32>, tensor<i32>) -> tensor<2x3xf32>
  %e_1 = genc.reshape %y_1 : (tensor<2x3xf32>) -> tensor<1x2x3xf32>
  %s0_2 = genc.slice %xs start = [2, 0, 0] limit = [3, 4, 6] strides = [1, 1, 1] : (tensor<3x4x6xf32>) -> tensor<1x4x6xf32>
  %r0_2 = genc.reshape %s0_2 : (tensor<1x4x6xf32>) -> tensor<4x6xf32>
  %s1_2 = genc.slice %is start = [2] limit = [3] strides = [1] : (tensor<3xi32>) -> tensor<1xi32>
  %r1_2 = genc.reshape %s1_2 : (tensor<1xi32>) -> tensor<i32>
  %s2_2 = genc.slice %js start = [2] limit = [3] strides = [1] : (tensor<3xi32>) -> tensor<1xi32>
  %r2_2 = genc.reshape %s2_2 : (tensor<1xi32>) -> tensor<i32>
  %y_2 = call @f(%r0_2, %r1_2, %r2_2) : (tensor<4x6xf32>, tensor<i32>, tensor<i32>) -> tensor<2x3xf32>
  %e_2 = genc.reshape %y_2 : (tensor<2x3xf32>) -> tensor<1x2x3xf32>
  %stacked = genc.concatenate %e_0, %e_1, %e_2 dim = 0 : (tensor<1x2x3xf32>, tensor<1x2x3xf32>, tensor<1x2x3xf32>) -> tensor<3x2x3xf32>
  return %v, %stacked, %v : tensor<3x2x3xf32>, tensor<3x2x3xf32>, tensor<3x2x3xf32>
}

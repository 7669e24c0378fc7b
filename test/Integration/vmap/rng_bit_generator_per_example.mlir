// vmap of genc.rng_bit_generator with per-example keys: each example gets
// the new key and the bits (odd count: padded counters) of its own call.
// RUN: genc run %s --backend=interp | FileCheck %s
// RUN: genc run %s --backend=cpu | FileCheck %s

// vmap(f)(X) and the stack of f(x_i) print identically; the third line
// (vmap again) is checked against known values.
// CHECK: 3x7xi32=[[R:.*]]
// CHECK-NEXT: 3x7xi32=[[R]]
// CHECK-NEXT: 3x7xi32=[{{-?[0-9]+}} {{-?[0-9]+}} {{-?[0-9]+}} {{-?[0-9]+}} {{-?[0-9]+}} {{-?[0-9]+}} {{-?[0-9]+}}]{{.*}}
func.func private @f(%key: tensor<2xi32>) -> tensor<7xi32> {
  %k, %bits = genc.rng_bit_generator %key : (tensor<2xi32>) -> (tensor<2xi32>, tensor<5xi32>)
  %r = genc.concatenate %k, %bits dim = 0 : (tensor<2xi32>, tensor<5xi32>) -> tensor<7xi32>
  return %r : tensor<7xi32>
}
func.func @main() -> (tensor<3x7xi32>, tensor<3x7xi32>, tensor<3x7xi32>) {
  %keys = genc.constant dense<[[0, 42], [1, 2], [-7, 123456]]> : tensor<3x2xi32>
  %v = genc.vmap @f(%keys) in_axes = [0] out_axes = [0] axis_size = 3 : (tensor<3x2xi32>) -> tensor<3x7xi32>
  %s0_0 = genc.slice %keys start = [0, 0] limit = [1, 2] strides = [1, 1] : (tensor<3x2xi32>) -> tensor<1x2xi32>
  %r0_0 = genc.reshape %s0_0 : (tensor<1x2xi32>) -> tensor<2xi32>
  %y_0 = call @f(%r0_0) : (tensor<2xi32>) -> tensor<7xi32>
  %e_0 = genc.reshape %y_0 : (tensor<7xi32>) -> tensor<1x7xi32>
  %s0_1 = genc.slice %keys start = [1, 0] limit = [2, 2] strides = [1, 1] : (tensor<3x2xi32>) -> tensor<1x2xi32>
  %r0_1 = genc.reshape %s0_1 : (tensor<1x2xi32>) -> tensor<2xi32>
  %y_1 = call @f(%r0_1) : (tensor<2xi32>) -> tensor<7xi32>
  %e_1 = genc.reshape %y_1 : (tensor<7xi32>) -> tensor<1x7xi32>
  %s0_2 = genc.slice %keys start = [2, 0] limit = [3, 2] strides = [1, 1] : (tensor<3x2xi32>) -> tensor<1x2xi32>
  %r0_2 = genc.reshape %s0_2 : (tensor<1x2xi32>) -> tensor<2xi32>
  %y_2 = call @f(%r0_2) : (tensor<2xi32>) -> tensor<7xi32>
  %e_2 = genc.reshape %y_2 : (tensor<7xi32>) -> tensor<1x7xi32>
  %stacked = genc.concatenate %e_0, %e_1, %e_2 dim = 0 : (tensor<1x7xi32>, tensor<1x7xi32>, tensor<1x7xi32>) -> tensor<3x7xi32>
  return %v, %stacked, %v : tensor<3x7xi32>, tensor<3x7xi32>, tensor<3x7xi32>
}

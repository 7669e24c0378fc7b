// vmap of genc.convolution with per-example kernels (feature groups) and a
// per-example input too, stride 2 and padding: equals one convolution per
// example.
// RUN: genc run %s --backend=interp | FileCheck %s
// RUN: genc run %s --backend=cpu | FileCheck %s

// vmap(f)(X) and the stack of f(x_i) print identically; the third line
// (vmap again) is checked against known values.
// CHECK: 3x2x3x3x2xf32=[[R:.*]]
// CHECK-NEXT: 3x2x3x3x2xf32=[[R]]
// CHECK-NEXT: 3x2x3x3x2xf32={{.*}}[3.50397682 3.74639559][-5.16693{{[0-9]+}} -4.56902027]{{.*}}
func.func private @f(%x: tensor<2x5x5x3xf32>, %w: tensor<3x3x3x2xf32>) -> tensor<2x3x3x2xf32> {
  %y = genc.convolution %x, %w {window_strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>} : (tensor<2x5x5x3xf32>, tensor<3x3x3x2xf32>) -> tensor<2x3x3x2xf32>
  return %y : tensor<2x3x3x2xf32>
}
func.func @main() -> (tensor<3x2x3x3x2xf32>, tensor<3x2x3x3x2xf32>, tensor<3x2x3x3x2xf32>) {
  %a = genc.iota dim = 0 : tensor<450xf32>
  %sa = genc.constant dense<0.37> : tensor<450xf32>
  %xa = genc.mul %a, %sa : tensor<450xf32>
  %xf = genc.sin %xa : tensor<450xf32>
  %xs = genc.reshape %xf : (tensor<450xf32>) -> tensor<3x2x5x5x3xf32>
  %b = genc.iota dim = 0 : tensor<162xf32>
  %sb = genc.constant dense<0.21> : tensor<162xf32>
  %wb = genc.mul %b, %sb : tensor<162xf32>
  %wf = genc.cos %wb : tensor<162xf32>
  %ws = genc.reshape %wf : (tensor<162xf32>) -> tensor<3x3x3x3x2xf32>
  %v = genc.vmap @f(%xs, %ws) in_axes = [0, 0] out_axes = [0] axis_size = 3 : (tensor<3x2x5x5x3xf32>, tensor<3x3x3x3x2xf32>) -> tensor<3x2x3x3x2xf32>
  %s0_0 = genc.slice %xs start = [0, 0, 0, 0, 0] limit = [1, 2, 5, 5, 3] strides = [1, 1, 1, 1, 1] : (tensor<3x2x5x5x3xf32>) -> tensor<1x2x5x5x3xf32>
  %r0_0 = genc.reshape %s0_0 : (tensor<1x2x5x5x3xf32>) -> tensor<2x5x5x3xf32>
  %s1_0 = genc.slice %ws start = [0, 0, 0, 0, 0] limit = [1, 3, 3, 3, 2] strides = [1, 1, 1, 1, 1] : (tensor<3x3x3x3x2xf32>) -> tensor<1x3x3x3x2xf32>
  %r1_0 = genc.reshape %s1_0 : (tensor<1x3x3x3x2xf32>) -> tensor<3x3x3x2xf32>
  %y_0 = call @f(%r0_0, %r1_0) : (tensor<2x5x5x3xf32>, tensor<3x3x3x2xf32>) -> tensor<2x3x3x2xf32>
  %e_0 = genc.reshape %y_0 : (tensor<2x3x3x2xf32>) -> tensor<1x2x3x3x2xf32>
  %s0_1 = genc.slice %xs start = [1, 0, 0, 0, 0] limit = [2, 2, 5, 5, 3] strides = [1, 1, 1, 1, 1] : (tensor<3x2x5x5x3xf32>) -> tensor<1x2x5x5x3xf32>
  %r0_1 = genc.reshape %s0_1 : (tensor<1x2x5x5x3xf32>) -> tensor<2x5x5x3xf32>
  %s1_1 = genc.slice %ws start = [1, 0, 0, 0, 0] limit = [2, 3, 3, 3, 2] strides = [1, 1, 1, 1, 1] : (tensor<3x3x3x3x2xf32>) -> tensor<1x3x3x3x2xf32>
  %r1_1 = genc.reshape %s1_1 : (tensor<1x3x3x3x2xf32>) -> tensor<3x3x3x2xf32>
  %y_1 = call @f(%r0_1, %r1_1) : (tensor<2x5x5x3xf32>, tensor<3x3x3x2xf32>) -> tensor<2x3x3x2xf32>
  %e_1 = genc.reshape %y_1 : (tensor<2x3x3x2xf32>) -> tensor<1x2x3x3x2xf32>
  %s0_2 = genc.slice %xs start = [2, 0, 0, 0, 0] limit = [3, 2, 5, 5, 3] strides = [1, 1, 1, 1, 1] : (tensor<3x2x5x5x3xf32>) -> tensor<1x2x5x5x3xf32>
  %r0_2 = genc.reshape %s0_2 : (tensor<1x2x5x5x3xf32>) -> tensor<2x5x5x3xf32>
  %s1_2 = genc.slice %ws start = [2, 0, 0, 0, 0] limit = [3, 3, 3, 3, 2] strides = [1, 1, 1, 1, 1] : (tensor<3x3x3x3x2xf32>) -> tensor<1x3x3x3x2xf32>
  %r1_2 = genc.reshape %s1_2 : (tensor<1x3x3x3x2xf32>) -> tensor<3x3x3x2xf32>
  %y_2 = call @f(%r0_2, %r1_2) : (tensor<2x5x5x3xf32>, tensor<3x3x3x2xf32>) -> tensor<2x3x3x2xf32>
  %e_2 = genc.reshape %y_2 : (tensor<2x3x3x2xf32>) -> tensor<1x2x3x3x2xf32>
  %stacked = genc.concatenate %e_0, %e_1, %e_2 dim = 0 : (tensor<1x2x3x3x2xf32>, tensor<1x2x3x3x2xf32>, tensor<1x2x3x3x2xf32>) -> tensor<3x2x3x3x2xf32>
  return %v, %stacked, %v : tensor<3x2x3x3x2xf32>, tensor<3x2x3x3x2xf32>, tensor<3x2x3x3x2xf32>
}

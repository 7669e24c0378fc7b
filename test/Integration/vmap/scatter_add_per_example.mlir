// vmap of genc.scatter_add with per-example indices: repeated indices
// accumulate and out-of-range ones (-1, 5) are dropped in each example
// without touching the neighbouring examples.
// RUN: genc run %s --backend=interp | FileCheck %s
// RUN: genc run %s --backend=cpu | FileCheck %s

// vmap(f)(X) and the stack of f(x_i) print identically; the third line
// (vmap again) is checked against known values.
// CHECK: 3x5x2xf32=[[R:.*]]
// CHECK-NEXT: 3x5x2xf32=[[R]]
// CHECK-NEXT: 3x5x2xf32={{.*}}[0.5 1.5]{{.*}}[6.5 8.5]][{{.*}}[8.5 9.5]{{.*}}[0.5 0.5]]{{\[\[}}0.5 0.5][42.5 45.5]{{.*}}
func.func private @f(%acc: tensor<5x2xf32>, %idx: tensor<3xi32>, %upd: tensor<3x2xf32>) -> tensor<5x2xf32> {
  %r = genc.scatter_add %acc, %idx, %upd axis = 0 : (tensor<5x2xf32>, tensor<3xi32>, tensor<3x2xf32>) -> tensor<5x2xf32>
  return %r : tensor<5x2xf32>
}
func.func @main() -> (tensor<3x5x2xf32>, tensor<3x5x2xf32>, tensor<3x5x2xf32>) {
  %acc = genc.constant dense<0.5> : tensor<5x2xf32>
  %idx = genc.constant dense<[[0, 4, 4], [-1, 2, 5], [1, 1, 1]]> : tensor<3x3xi32>
  %a = genc.iota dim = 0 : tensor<18xf32>
  %upd = genc.reshape %a : (tensor<18xf32>) -> tensor<3x3x2xf32>
  %v = genc.vmap @f(%acc, %idx, %upd) in_axes = [-1, 0, 0] out_axes = [0] axis_size = 3 : (tensor<5x2xf32>, tensor<3x3xi32>, tensor<3x3x2xf32>) -> tensor<3x5x2xf32>
  %s1_0 = genc.slice %idx start = [0, 0] limit = [1, 3] strides = [1, 1] : (tensor<3x3xi32>) -> tensor<1x3xi32>
  %r1_0 = genc.reshape %s1_0 : (tensor<1x3xi32>) -> tensor<3xi32>
  %s2_0 = genc.slice %upd start = [0, 0, 0] limit = [1, 3, 2] strides = [1, 1, 1] : (tensor<3x3x2xf32>) -> tensor<1x3x2xf32>
  %r2_0 = genc.reshape %s2_0 : (tensor<1x3x2xf32>) -> tensor<3x2xf32>
  %y_0 = call @f(%acc, %r1_0, %r2_0) : (tensor<5x2xf32>, tensor<3xi32>, tensor<3x2xf32>) -> tensor<5x2xf32>
  %e_0 = genc.reshape %y_0 : (tensor<5x2xf32>) -> tensor<1x5x2xf32>
  %s1_1 = genc.slice %idx start = [1, 0] limit = [2, 3] strides = [1, 1] : (tensor<3x3xi32>) -> tensor<1x3xi32>
  %r1_1 = genc.reshape %s1_1 : (tensor<1x3xi32>) -> tensor<3xi32>
  %s2_1 = genc.slice %upd start = [1, 0, 0] limit = [2, 3, 2] strides = [1, 1, 1] : (tensor<3x3x2xf32>) -> tensor<1x3x2xf32>
  %r2_1 = genc.reshape %s2_1 : (tensor<1x3x2xf32>) -> tensor<3x2xf32>
  %y_1 = call @f(%acc, %r1_1, %r2_1) : (tensor<5x2xf32>, tensor<3xi32>, tensor<3x2xf32>) -> tensor<5x2xf32>
  %e_1 = genc.reshape %y_1 : (tensor<5x2xf32>) -> tensor<1x5x2xf32>
  %s1_2 = genc.slice %idx start = [2, 0] limit = [3, 3] strides = [1, 1] : (tensor<3x3xi32>) -> tensor<1x3xi32>
  %r1_2 = genc.reshape %s1_2 : (tensor<1x3xi32>) -> tensor<3xi32>
  %s2_2 = genc.slice %upd start = [2, 0, 0] limit = [3, 3, 2] strides = [1, 1, 1] : (tensor<3x3x2xf32>) -> tensor<1x3x2xf32>
  %r2_2 = genc.reshape %s2_2 : (tensor<1x3x2xf32>) -> tensor<3x2xf32>
  %y_2 = call @f(%acc, %r1_2, %r2_2) : (tensor<5x2xf32>, tensor<3xi32>, tensor<3x2xf32>) -> tensor<5x2xf32>
  %e_2 = genc.reshape %y_2 : (tensor<5x2xf32>) -> tensor<1x5x2xf32>
  %stacked = genc.concatenate %e_0, %e_1, %e_2 dim = 0 : (tensor<1x5x2xf32>, tensor<1x5x2xf32>, tensor<1x5x2xf32>) -> tensor<3x5x2xf32>
  return %v, %stacked, %v : tensor<3x5x2xf32>, tensor<3x5x2xf32>, tensor<3x5x2xf32>
}

// RUN: genc-opt %s --split-input-file --genc-autodiff --verify-diagnostics | FileCheck %s

// Transposes of the collectives: psum <-> broadcast (the cotangent passes
// through), all_gather <-> reduce_scatter, all_to_all with split and concat
// swapped, collective_permute with the inverse pairs.
// CHECK-LABEL: func.func private @f__vjp_0
// CHECK-SAME: (%{{.*}}: tensor<2x4xf32>, %[[CT:.*]]: tensor<8x4xf32>)
// CHECK: %[[P:.*]] = genc.collective_permute %[[CT]] {axes = ["data"], pairs = dense<{{\[\[}}1, 0], [2, 1], [3, 2], [0, 3]]> : tensor<4x2xi64>}
// CHECK: %[[B:.*]] = genc.reshape %[[P]] : (tensor<8x4xf32>) -> tensor<2x16xf32>
// CHECK: %[[A:.*]] = genc.all_to_all %[[B]], split_dim = 1, concat_dim = 0 {axes = ["data"]} : (tensor<2x16xf32>) -> tensor<8x4xf32>
// CHECK: %[[R:.*]] = genc.reduce_scatter sum, %[[A]], dim = 0 {axes = ["data"]} : (tensor<8x4xf32>) -> tensor<2x4xf32>
// CHECK-NOT: genc.all_reduce
// CHECK: return %{{.*}}, %[[R]]
func.func @f(%x: tensor<2x4xf32>) -> tensor<8x4xf32> {
  %s = genc.all_reduce sum, %x {axes = ["data"]} : (tensor<2x4xf32>) -> tensor<2x4xf32>
  %g = genc.all_gather %s, dim = 0 {axes = ["data"]} : (tensor<2x4xf32>) -> tensor<8x4xf32>
  %a = genc.all_to_all %g, split_dim = 0, concat_dim = 1 {axes = ["data"]} : (tensor<8x4xf32>) -> tensor<2x16xf32>
  %b = genc.reshape %a : (tensor<2x16xf32>) -> tensor<8x4xf32>
  %p = genc.collective_permute %b {axes = ["data"], pairs = dense<[[0, 1], [1, 2], [2, 3], [3, 0]]> : tensor<4x2xi64>} : (tensor<8x4xf32>) -> tensor<8x4xf32>
  return %p : tensor<8x4xf32>
}
func.func @main(%x: tensor<2x4xf32>, %ct: tensor<8x4xf32>) -> (tensor<8x4xf32>, tensor<2x4xf32>) {
  %y, %dx = genc.vjp @f(%x) cotangents(%ct) argnums = [0] : (tensor<2x4xf32>, tensor<8x4xf32>) -> (tensor<8x4xf32>, tensor<2x4xf32>)
  return %y, %dx : tensor<8x4xf32>, tensor<2x4xf32>
}

// -----

func.func @g(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+2 {{'genc.all_reduce' has no gradient: only the sum of an all_reduce is differentiable}}
  // expected-error @+1 {{no gradient rule for this use of 'genc.all_reduce'}}
  %m = genc.all_reduce max, %x {axes = ["data"]} : (tensor<4xf32>) -> tensor<4xf32>
  return %m : tensor<4xf32>
}
func.func @main2(%x: tensor<4xf32>, %ct: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %y, %dx = genc.vjp @g(%x) cotangents(%ct) argnums = [0] : (tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %y, %dx : tensor<4xf32>, tensor<4xf32>
}

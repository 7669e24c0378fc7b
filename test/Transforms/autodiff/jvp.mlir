// RUN: genc-opt %s --genc-autodiff | FileCheck %s

// genc.jvp becomes the primal call plus the VJP (w.r.t. the cotangent u, at
// u = 0) of the function u -> J^T u; both VJPs are expanded.
// CHECK-LABEL: func.func @main
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>, %[[T:.*]]: tensor<4xf32>)
// CHECK: %[[Y:.*]] = call @f(%[[X]])
// CHECK: %[[Z:.*]] = genc.constant dense<0.000000e+00> : tensor<f32>
// CHECK: %[[R:.*]]:2 = call @f__vjp_linear__vjp_1(%[[X]], %[[Z]], %[[T]])
// CHECK: return %[[Y]], %[[R]]#1
// CHECK-NOT: genc.jvp
// CHECK-NOT: genc.vjp
// CHECK: func.func private @f__vjp_linear(
func.func private @f(%x: tensor<4xf32>) -> tensor<f32> {
  %e = genc.exp %x : tensor<4xf32>
  %z = genc.constant dense<0.0> : tensor<f32>
  %r = genc.reduce %e, %z dims = [0] : (tensor<4xf32>, tensor<f32>) -> tensor<f32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %t = genc.add %a, %b : tensor<f32>
    genc.return %t : tensor<f32>
  }
  return %r : tensor<f32>
}
func.func @main(%x: tensor<4xf32>, %t: tensor<4xf32>) -> (tensor<f32>, tensor<f32>) {
  %y, %dy = genc.jvp @f(%x) tangents(%t) : (tensor<4xf32>, tensor<4xf32>) -> (tensor<f32>, tensor<f32>)
  return %y, %dy : tensor<f32>, tensor<f32>
}

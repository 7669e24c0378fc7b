// RUN: genc-opt %s -canonicalize | FileCheck %s

// CHECK-LABEL: func.func @broadcast_identity
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>)
// CHECK-NEXT: return %[[X]]
func.func @broadcast_identity(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %r = genc.broadcast_in_dim %x, dims = [0, 1] : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// Same type but a permuted mapping is not an identity.
// CHECK-LABEL: func.func @broadcast_permuted
// CHECK: genc.broadcast_in_dim %{{.*}}, dims = [1, 0] : (tensor<3x3xf32>) -> tensor<3x3xf32>
func.func @broadcast_permuted(%x: tensor<3x3xf32>) -> tensor<3x3xf32> {
  %r = genc.broadcast_in_dim %x, dims = [1, 0] : (tensor<3x3xf32>) -> tensor<3x3xf32>
  return %r : tensor<3x3xf32>
}

// CHECK-LABEL: func.func @broadcast_splat
// CHECK-NEXT: %[[C:.*]] = genc.constant dense<2.500000e+00> : tensor<4x2x3xf32>
// CHECK-NEXT: return %[[C]]
func.func @broadcast_splat() -> tensor<4x2x3xf32> {
  %c = genc.constant dense<2.5> : tensor<f32>
  %r = genc.broadcast_in_dim %c, dims = [] : (tensor<f32>) -> tensor<4x2x3xf32>
  return %r : tensor<4x2x3xf32>
}

// A non-splat constant is not expanded.
// CHECK-LABEL: func.func @broadcast_nonsplat
// CHECK: genc.broadcast_in_dim
func.func @broadcast_nonsplat() -> tensor<2x2xi32> {
  %c = genc.constant dense<[1, 2]> : tensor<2xi32>
  %r = genc.broadcast_in_dim %c, dims = [1] : (tensor<2xi32>) -> tensor<2x2xi32>
  return %r : tensor<2x2xi32>
}

// RUN: genc-opt %s --split-input-file --genc-autodiff | FileCheck %s

// gather: scatter_add of the cotangent into zeros, at indices clamped as
// gather clamps them (the scatter would drop out-of-range ones).
// CHECK-LABEL: func.func private @take__vjp_0
// CHECK-SAME: (%{{.*}}: tensor<5x3xf32>, %[[I:.*]]: tensor<4xi32>, %[[CT:.*]]: tensor<4x3xf32>)
// CHECK: %[[LO:.*]] = genc.constant dense<0> : tensor<4xi32>
// CHECK: %[[HI:.*]] = genc.constant dense<4> : tensor<4xi32>
// CHECK: %[[C:.*]] = genc.clamp %[[LO]], %[[I]], %[[HI]] : tensor<4xi32>
// CHECK: %[[Z:.*]] = genc.constant dense<0.000000e+00> : tensor<5x3xf32>
// CHECK: %[[D:.*]] = genc.scatter_add %[[Z]], %[[C]], %[[CT]] axis = 0 : (tensor<5x3xf32>, tensor<4xi32>, tensor<4x3xf32>) -> tensor<5x3xf32>
// CHECK: return %{{.*}}, %[[D]]
func.func @take(%x: tensor<5x3xf32>, %i: tensor<4xi32>) -> tensor<4x3xf32> {
  %y = genc.gather %x, %i axis = 0 : (tensor<5x3xf32>, tensor<4xi32>) -> tensor<4x3xf32>
  return %y : tensor<4x3xf32>
}
func.func @main(%x: tensor<5x3xf32>, %i: tensor<4xi32>, %ct: tensor<4x3xf32>) -> tensor<5x3xf32> {
  %y, %dx = genc.vjp @take(%x, %i) cotangents(%ct) argnums = [0] : (tensor<5x3xf32>, tensor<4xi32>, tensor<4x3xf32>) -> (tensor<4x3xf32>, tensor<5x3xf32>)
  return %dx : tensor<5x3xf32>
}

// -----

// Constant indices known to be in range need no clamp.
// CHECK-LABEL: func.func private @takec__vjp_0
// CHECK-NOT: genc.clamp
// CHECK: genc.scatter_add %{{.*}} axis = 1
// CHECK-NOT: genc.clamp
// CHECK: return
func.func @takec(%x: tensor<3x5xf32>) -> tensor<3x2xf32> {
  %i = genc.constant dense<[4, 0]> : tensor<2xi32>
  %y = genc.gather %x, %i axis = 1 : (tensor<3x5xf32>, tensor<2xi32>) -> tensor<3x2xf32>
  return %y : tensor<3x2xf32>
}
func.func @main(%x: tensor<3x5xf32>, %ct: tensor<3x2xf32>) -> tensor<3x5xf32> {
  %y, %dx = genc.vjp @takec(%x) cotangents(%ct) argnums = [0] : (tensor<3x5xf32>, tensor<3x2xf32>) -> (tensor<3x2xf32>, tensor<3x5xf32>)
  return %dx : tensor<3x5xf32>
}

// -----

// scatter_add: the operand gets the cotangent; the updates get a gather of
// it, zeroed where the scatter dropped an out-of-range index.
// CHECK-LABEL: func.func private @scat__vjp_0_2
// CHECK-SAME: (%{{.*}}: tensor<5x3xf32>, %[[I:.*]]: tensor<4xi32>, %{{.*}}: tensor<4x3xf32>, %[[CT:.*]]: tensor<5x3xf32>)
// CHECK: %[[G:.*]] = genc.gather %[[CT]], %[[I]] axis = 0 : (tensor<5x3xf32>, tensor<4xi32>) -> tensor<4x3xf32>
// CHECK: %[[GE:.*]] = genc.compare GE, %[[I]]
// CHECK: %[[LT:.*]] = genc.compare LT, %[[I]]
// CHECK: %[[IN:.*]] = genc.and %[[GE]], %[[LT]] : tensor<4xi1>
// CHECK: %[[M:.*]] = genc.broadcast_in_dim %[[IN]], dims = [0] : (tensor<4xi1>) -> tensor<4x3xi1>
// CHECK: %[[DU:.*]] = genc.select %[[M]], %[[G]], %{{.*}} : tensor<4x3xi1>, tensor<4x3xf32>
// CHECK: return %{{.*}}, %[[CT]], %[[DU]]
func.func @scat(%x: tensor<5x3xf32>, %i: tensor<4xi32>, %u: tensor<4x3xf32>) -> tensor<5x3xf32> {
  %y = genc.scatter_add %x, %i, %u axis = 0 : (tensor<5x3xf32>, tensor<4xi32>, tensor<4x3xf32>) -> tensor<5x3xf32>
  return %y : tensor<5x3xf32>
}
func.func @main(%x: tensor<5x3xf32>, %i: tensor<4xi32>, %u: tensor<4x3xf32>, %ct: tensor<5x3xf32>) -> (tensor<5x3xf32>, tensor<4x3xf32>) {
  %y, %dx, %du = genc.vjp @scat(%x, %i, %u) cotangents(%ct) argnums = [0, 2] : (tensor<5x3xf32>, tensor<4xi32>, tensor<4x3xf32>, tensor<5x3xf32>) -> (tensor<5x3xf32>, tensor<5x3xf32>, tensor<4x3xf32>)
  return %dx, %du : tensor<5x3xf32>, tensor<4x3xf32>
}

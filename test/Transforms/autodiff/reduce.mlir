// RUN: genc-opt %s --split-input-file --genc-autodiff --verify-diagnostics | FileCheck %s

// reduce by add: the operand's cotangent is the broadcast cotangent; the
// init (an argument here) gets the sum of the cotangent.
// CHECK-LABEL: func.func private @rsum__vjp_0_1
// CHECK-SAME: %[[CT:[^:]*]]: tensor<2xf32>)
// CHECK: %[[DX:.*]] = genc.broadcast_in_dim %[[CT]], dims = [0] : (tensor<2xf32>) -> tensor<2x3xf32>
// CHECK: %[[DI:.*]] = genc.reduce %[[CT]], %{{.*}} dims = [0] : (tensor<2xf32>, tensor<f32>) -> tensor<f32>
// CHECK: genc.add
// CHECK: return %{{.*}}, %[[DX]], %[[DI]]
func.func @rsum(%x: tensor<2x3xf32>, %i: tensor<f32>) -> tensor<2xf32> {
  %y = genc.reduce %x, %i dims = [1] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %t = genc.add %a, %b : tensor<f32>
    genc.return %t : tensor<f32>
  }
  return %y : tensor<2xf32>
}
func.func @main(%x: tensor<2x3xf32>, %i: tensor<f32>, %ct: tensor<2xf32>) -> (tensor<2x3xf32>, tensor<f32>) {
  %y, %dx, %di = genc.vjp @rsum(%x, %i) cotangents(%ct) argnums = [0, 1] : (tensor<2x3xf32>, tensor<f32>, tensor<2xf32>) -> (tensor<2xf32>, tensor<2x3xf32>, tensor<f32>)
  return %dx, %di : tensor<2x3xf32>, tensor<f32>
}

// -----

// reduce by max from -inf: the cotangent is split over the positions equal
// to the result (divided by their count); the constant init gets nothing.
// CHECK-LABEL: func.func private @rmax__vjp_0
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>, %[[CT:.*]]: tensor<2xf32>)
// CHECK: %[[Y:.*]] = genc.reduce %[[X]]
// CHECK: genc.max
// CHECK: %[[YB:.*]] = genc.broadcast_in_dim %[[Y]], dims = [0] : (tensor<2xf32>) -> tensor<2x3xf32>
// CHECK: %[[EQ:.*]] = genc.compare EQ, %[[X]], %[[YB]]
// CHECK: %[[HITS:.*]] = genc.select %[[EQ]]
// CHECK: %[[COUNT:.*]] = genc.reduce %[[HITS]], %{{.*}} dims = [1]
// CHECK: genc.add
// CHECK: %[[SHARE:.*]] = genc.div %[[CT]], %[[COUNT]] : tensor<2xf32>
// CHECK: %[[SB:.*]] = genc.broadcast_in_dim %[[SHARE]], dims = [0]
// CHECK: %[[DX:.*]] = genc.mul %[[SB]], %[[HITS]] : tensor<2x3xf32>
// CHECK-NEXT: return %[[Y]], %[[DX]]
func.func @rmax(%x: tensor<2x3xf32>) -> tensor<2xf32> {
  %i = genc.constant dense<0xFF800000> : tensor<f32>
  %y = genc.reduce %x, %i dims = [1] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %t = genc.max %a, %b : tensor<f32>
    genc.return %t : tensor<f32>
  }
  return %y : tensor<2xf32>
}
func.func @main(%x: tensor<2x3xf32>, %ct: tensor<2xf32>) -> tensor<2x3xf32> {
  %y, %dx = genc.vjp @rmax(%x) cotangents(%ct) argnums = [0] : (tensor<2x3xf32>, tensor<2xf32>) -> (tensor<2xf32>, tensor<2x3xf32>)
  return %dx : tensor<2x3xf32>
}

// -----

// reduce by min from an argument: the init competes like an element.
// CHECK-LABEL: func.func private @rmin__vjp_0_1
// CHECK: genc.min
// CHECK: %[[IB:.*]] = genc.broadcast_in_dim %{{.*}}, dims = [] : (tensor<f32>) -> tensor<2xf32>
// CHECK: genc.compare EQ, %[[IB]]
// CHECK: genc.div
// CHECK: genc.reduce %{{.*}} dims = [0] : (tensor<2xf32>, tensor<f32>) -> tensor<f32>
func.func @rmin(%x: tensor<2x3xf32>, %i: tensor<f32>) -> tensor<2xf32> {
  %y = genc.reduce %x, %i dims = [1] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %t = genc.min %a, %b : tensor<f32>
    genc.return %t : tensor<f32>
  }
  return %y : tensor<2xf32>
}
func.func @main(%x: tensor<2x3xf32>, %i: tensor<f32>, %ct: tensor<2xf32>) -> (tensor<2x3xf32>, tensor<f32>) {
  %y, %dx, %di = genc.vjp @rmin(%x, %i) cotangents(%ct) argnums = [0, 1] : (tensor<2x3xf32>, tensor<f32>, tensor<2xf32>) -> (tensor<2xf32>, tensor<2x3xf32>, tensor<f32>)
  return %dx, %di : tensor<2x3xf32>, tensor<f32>
}

// -----

// reduce by mul (body operands swapped): exact with zeros. The product of
// the nonzero elements, and the number of zeros, pick p / x, p or 0.
// CHECK-LABEL: func.func private @rmul__vjp_0
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>, %[[CT:.*]]: tensor<2xf32>)
// CHECK: %[[ISZ:.*]] = genc.compare EQ, %[[X]], %{{.*}}
// CHECK: %[[SAFE:.*]] = genc.select %[[ISZ]], %{{.*}}, %[[X]]
// CHECK: %[[P:.*]] = genc.reduce %[[SAFE]]
// CHECK: genc.mul
// CHECK: genc.div %{{.*}}, %[[SAFE]]
// CHECK: %[[PART:.*]] = genc.select %[[ISZ]]
// CHECK: %[[CTB:.*]] = genc.broadcast_in_dim %[[CT]], dims = [0]
// CHECK: %[[DX:.*]] = genc.mul %[[CTB]], %[[PART]]
// CHECK-NEXT: return %{{.*}}, %[[DX]]
func.func @rmul(%x: tensor<2x3xf32>) -> tensor<2xf32> {
  %i = genc.constant dense<1.0> : tensor<f32>
  %y = genc.reduce %x, %i dims = [1] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %t = genc.mul %b, %a : tensor<f32>
    genc.return %t : tensor<f32>
  }
  return %y : tensor<2xf32>
}
func.func @main(%x: tensor<2x3xf32>, %ct: tensor<2xf32>) -> tensor<2x3xf32> {
  %y, %dx = genc.vjp @rmul(%x) cotangents(%ct) argnums = [0] : (tensor<2x3xf32>, tensor<2xf32>) -> (tensor<2xf32>, tensor<2x3xf32>)
  return %dx : tensor<2x3xf32>
}

// -----

// Other bodies have no rule.
func.func @rsub(%x: tensor<2x3xf32>, %i: tensor<f32>) -> tensor<2xf32> {
  // expected-error @+1 {{'genc.reduce'}}
  %y = genc.reduce %x, %i dims = [1] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %t = genc.sub %a, %b : tensor<f32>
    genc.return %t : tensor<f32>
  }
  return %y : tensor<2xf32>
}
func.func @main(%x: tensor<2x3xf32>, %i: tensor<f32>, %ct: tensor<2xf32>) -> tensor<2x3xf32> {
  %y, %dx = genc.vjp @rsub(%x, %i) cotangents(%ct) argnums = [0] : (tensor<2x3xf32>, tensor<f32>, tensor<2xf32>) -> (tensor<2xf32>, tensor<2x3xf32>)
  return %dx : tensor<2x3xf32>
}

// RUN: genc-opt %s --split-input-file --genc-autodiff | FileCheck %s

// broadcast_in_dim: sum over the new dimension and the stretched size-1
// dimension, then reshape back.
// CHECK-LABEL: func.func private @bcast__vjp_0
// CHECK-SAME: %[[CT:[^:]*]]: tensor<2x3x4xf32>)
// CHECK: %[[S:.*]] = genc.reduce %[[CT]], %{{.*}} dims = [0, 2] : (tensor<2x3x4xf32>, tensor<f32>) -> tensor<3xf32>
// CHECK: genc.add
// CHECK: %[[R:.*]] = genc.reshape %[[S]] : (tensor<3xf32>) -> tensor<3x1xf32>
// CHECK: return %{{.*}}, %[[R]]
func.func @bcast(%x: tensor<3x1xf32>) -> tensor<2x3x4xf32> {
  %y = genc.broadcast_in_dim %x, dims = [1, 2] : (tensor<3x1xf32>) -> tensor<2x3x4xf32>
  return %y : tensor<2x3x4xf32>
}
func.func @main(%x: tensor<3x1xf32>, %ct: tensor<2x3x4xf32>) -> tensor<3x1xf32> {
  %y, %dx = genc.vjp @bcast(%x) cotangents(%ct) argnums = [0] : (tensor<3x1xf32>, tensor<2x3x4xf32>) -> (tensor<2x3x4xf32>, tensor<3x1xf32>)
  return %dx : tensor<3x1xf32>
}

// -----

// A broadcast that also permutes: the summed cotangent is transposed back
// into operand order.
// CHECK-LABEL: func.func private @bcastperm__vjp_0
// CHECK: %[[S:.*]] = genc.reduce %{{.*}} dims = [1] : (tensor<2x4x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK: %[[T:.*]] = genc.transpose %[[S]], dims = [1, 0] : (tensor<2x3xf32>) -> tensor<3x2xf32>
// CHECK: return %{{.*}}, %[[T]]
func.func @bcastperm(%x: tensor<3x2xf32>) -> tensor<2x4x3xf32> {
  %y = genc.broadcast_in_dim %x, dims = [2, 0] : (tensor<3x2xf32>) -> tensor<2x4x3xf32>
  return %y : tensor<2x4x3xf32>
}
func.func @main(%x: tensor<3x2xf32>, %ct: tensor<2x4x3xf32>) -> tensor<3x2xf32> {
  %y, %dx = genc.vjp @bcastperm(%x) cotangents(%ct) argnums = [0] : (tensor<3x2xf32>, tensor<2x4x3xf32>) -> (tensor<2x4x3xf32>, tensor<3x2xf32>)
  return %dx : tensor<3x2xf32>
}

// -----

// reshape and transpose (inverse permutation).
// CHECK-LABEL: func.func private @shape__vjp_0
// CHECK-SAME: %[[CT:[^:]*]]: tensor<4x6xf32>)
// CHECK: %[[T:.*]] = genc.transpose %[[CT]], dims = [1, 0] : (tensor<4x6xf32>) -> tensor<6x4xf32>
// CHECK: %[[R:.*]] = genc.reshape %[[T]] : (tensor<6x4xf32>) -> tensor<2x3x4xf32>
// CHECK: return %{{.*}}, %[[R]]
func.func @shape(%x: tensor<2x3x4xf32>) -> tensor<4x6xf32> {
  %r = genc.reshape %x : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
  %t = genc.transpose %r, dims = [1, 0] : (tensor<6x4xf32>) -> tensor<4x6xf32>
  return %t : tensor<4x6xf32>
}
func.func @main(%x: tensor<2x3x4xf32>, %ct: tensor<4x6xf32>) -> tensor<2x3x4xf32> {
  %y, %dx = genc.vjp @shape(%x) cotangents(%ct) argnums = [0] : (tensor<2x3x4xf32>, tensor<4x6xf32>) -> (tensor<4x6xf32>, tensor<2x3x4xf32>)
  return %dx : tensor<2x3x4xf32>
}

// -----

// transpose with a 3-cycle: the inverse permutation.
// CHECK-LABEL: func.func private @cycle__vjp_0
// CHECK: genc.transpose %{{.*}}, dims = [1, 2, 0] : (tensor<4x2x3xf32>) -> tensor<2x3x4xf32>
func.func @cycle(%x: tensor<2x3x4xf32>) -> tensor<4x2x3xf32> {
  %t = genc.transpose %x, dims = [2, 0, 1] : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
  return %t : tensor<4x2x3xf32>
}
func.func @main(%x: tensor<2x3x4xf32>, %ct: tensor<4x2x3xf32>) -> tensor<2x3x4xf32> {
  %y, %dx = genc.vjp @cycle(%x) cotangents(%ct) argnums = [0] : (tensor<2x3x4xf32>, tensor<4x2x3xf32>) -> (tensor<4x2x3xf32>, tensor<2x3x4xf32>)
  return %dx : tensor<2x3x4xf32>
}

// -----

// slice with strides: pad the cotangent with zeros, strides - 1 between
// elements.
// CHECK-LABEL: func.func private @slice__vjp_0
// CHECK-SAME: %[[CT:[^:]*]]: tensor<2x2xf32>)
// CHECK: %[[Z:.*]] = genc.constant dense<0.000000e+00> : tensor<f32>
// CHECK: %[[P:.*]] = genc.pad %[[CT]], %[[Z]] low = [1, 0] high = [1, 3] interior = [1, 2] : (tensor<2x2xf32>, tensor<f32>) -> tensor<5x7xf32>
// CHECK: return %{{.*}}, %[[P]]
func.func @slice(%x: tensor<5x7xf32>) -> tensor<2x2xf32> {
  %y = genc.slice %x start = [1, 0] limit = [5, 5] strides = [2, 3] : (tensor<5x7xf32>) -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}
func.func @main(%x: tensor<5x7xf32>, %ct: tensor<2x2xf32>) -> tensor<5x7xf32> {
  %y, %dx = genc.vjp @slice(%x) cotangents(%ct) argnums = [0] : (tensor<5x7xf32>, tensor<2x2xf32>) -> (tensor<2x2xf32>, tensor<5x7xf32>)
  return %dx : tensor<5x7xf32>
}

// -----

// pad: the operand's cotangent undoes the edge padding (negated) and takes
// every (interior + 1)-th element; the padding value's is the sum over the
// padded positions.
// CHECK-LABEL: func.func private @pad__vjp_0_1
// CHECK-SAME: %[[CT:[^:]*]]: tensor<8x9xf32>)
// CHECK: %[[U:.*]] = genc.pad %[[CT]], %{{.*}} low = [-1, 1] high = [-2, 0] interior = [0, 0] : (tensor<8x9xf32>, tensor<f32>) -> tensor<5x10xf32>
// CHECK: %[[DX:.*]] = genc.slice %[[U]] start = [0, 0] limit = [5, 10] strides = [2, 3] : (tensor<5x10xf32>) -> tensor<3x4xf32>
// CHECK: %[[ZX:.*]] = genc.constant dense<0.000000e+00> : tensor<3x4xf32>
// CHECK: %[[ONE:.*]] = genc.constant dense<1.000000e+00> : tensor<f32>
// CHECK: %[[MASK:.*]] = genc.pad %[[ZX]], %[[ONE]] low = [1, -1] high = [2, 0] interior = [1, 2]
// CHECK: %[[M:.*]] = genc.mul %[[CT]], %[[MASK]] : tensor<8x9xf32>
// CHECK: %[[DV:.*]] = genc.reduce %[[M]], %{{.*}} dims = [0, 1] : (tensor<8x9xf32>, tensor<f32>) -> tensor<f32>
// CHECK: return %{{.*}}, %[[DX]], %[[DV]]
func.func @pad(%x: tensor<3x4xf32>, %v: tensor<f32>) -> tensor<8x9xf32> {
  %y = genc.pad %x, %v low = [1, -1] high = [2, 0] interior = [1, 2] : (tensor<3x4xf32>, tensor<f32>) -> tensor<8x9xf32>
  return %y : tensor<8x9xf32>
}
func.func @main(%x: tensor<3x4xf32>, %v: tensor<f32>, %ct: tensor<8x9xf32>) -> (tensor<3x4xf32>, tensor<f32>) {
  %y, %dx, %dv = genc.vjp @pad(%x, %v) cotangents(%ct) argnums = [0, 1] : (tensor<3x4xf32>, tensor<f32>, tensor<8x9xf32>) -> (tensor<8x9xf32>, tensor<3x4xf32>, tensor<f32>)
  return %dx, %dv : tensor<3x4xf32>, tensor<f32>
}

// -----

// concatenate: one slice per input.
// CHECK-LABEL: func.func private @cat__vjp_0_1
// CHECK-SAME: %[[CT:[^:]*]]: tensor<2x5xf32>)
// CHECK: %[[A:.*]] = genc.slice %[[CT]] start = [0, 0] limit = [2, 2] strides = [1, 1] : (tensor<2x5xf32>) -> tensor<2x2xf32>
// CHECK: %[[B:.*]] = genc.slice %[[CT]] start = [0, 2] limit = [2, 5] strides = [1, 1] : (tensor<2x5xf32>) -> tensor<2x3xf32>
// CHECK: return %{{.*}}, %[[A]], %[[B]]
func.func @cat(%a: tensor<2x2xf32>, %b: tensor<2x3xf32>) -> tensor<2x5xf32> {
  %y = genc.concatenate %a, %b dim = 1 : (tensor<2x2xf32>, tensor<2x3xf32>) -> tensor<2x5xf32>
  return %y : tensor<2x5xf32>
}
func.func @main(%a: tensor<2x2xf32>, %b: tensor<2x3xf32>, %ct: tensor<2x5xf32>) -> (tensor<2x2xf32>, tensor<2x3xf32>) {
  %y, %da, %db = genc.vjp @cat(%a, %b) cotangents(%ct) argnums = [0, 1] : (tensor<2x2xf32>, tensor<2x3xf32>, tensor<2x5xf32>) -> (tensor<2x5xf32>, tensor<2x2xf32>, tensor<2x3xf32>)
  return %da, %db : tensor<2x2xf32>, tensor<2x3xf32>
}

// -----

// reverse: reverse the cotangent.
// CHECK-LABEL: func.func private @rev__vjp_0
// CHECK-SAME: %[[CT:[^:]*]]: tensor<3x4xf32>)
// CHECK: %[[R:.*]] = genc.reverse %[[CT]], dims = [1] : tensor<3x4xf32>
// CHECK: return %{{.*}}, %[[R]]
func.func @rev(%x: tensor<3x4xf32>) -> tensor<3x4xf32> {
  %y = genc.reverse %x, dims = [1] : tensor<3x4xf32>
  return %y : tensor<3x4xf32>
}
func.func @main(%x: tensor<3x4xf32>, %ct: tensor<3x4xf32>) -> tensor<3x4xf32> {
  %y, %dx = genc.vjp @rev(%x) cotangents(%ct) argnums = [0] : (tensor<3x4xf32>, tensor<3x4xf32>) -> (tensor<3x4xf32>, tensor<3x4xf32>)
  return %dx : tensor<3x4xf32>
}

// -----

// dynamic_slice: a scatter_add into zeros per sliced dimension, at the
// clamped start plus an iota; the dimension taken whole needs nothing.
// CHECK-LABEL: func.func private @dslice__vjp_0
// CHECK-SAME: (%{{.*}}: tensor<5x6xf32>, %{{.*}}: tensor<i32>, %[[J:.*]]: tensor<i64>, %[[CT:.*]]: tensor<5x2xf32>)
// CHECK: %[[LO:.*]] = genc.constant dense<0> : tensor<i64>
// CHECK: %[[HI:.*]] = genc.constant dense<4> : tensor<i64>
// CHECK: %[[S:.*]] = genc.clamp %[[LO]], %[[J]], %[[HI]] : tensor<i64>
// CHECK: %[[IOTA:.*]] = genc.iota dim = 0 : tensor<2xi64>
// CHECK: %[[SB:.*]] = genc.broadcast_in_dim %[[S]], dims = [] : (tensor<i64>) -> tensor<2xi64>
// CHECK: %[[IDX:.*]] = genc.add %[[IOTA]], %[[SB]] : tensor<2xi64>
// CHECK: %[[Z:.*]] = genc.constant dense<0.000000e+00> : tensor<5x6xf32>
// CHECK: %[[D:.*]] = genc.scatter_add %[[Z]], %[[IDX]], %[[CT]] axis = 1 : (tensor<5x6xf32>, tensor<2xi64>, tensor<5x2xf32>) -> tensor<5x6xf32>
// CHECK: return %{{.*}}, %[[D]]
func.func @dslice(%x: tensor<5x6xf32>, %i: tensor<i32>, %j: tensor<i64>) -> tensor<5x2xf32> {
  %y = genc.dynamic_slice %x, %i, %j sizes = [5, 2] : (tensor<5x6xf32>, tensor<i32>, tensor<i64>) -> tensor<5x2xf32>
  return %y : tensor<5x2xf32>
}
func.func @main(%x: tensor<5x6xf32>, %i: tensor<i32>, %j: tensor<i64>, %ct: tensor<5x2xf32>) -> tensor<5x6xf32> {
  %y, %dx = genc.vjp @dslice(%x, %i, %j) cotangents(%ct) argnums = [0] : (tensor<5x6xf32>, tensor<i32>, tensor<i64>, tensor<5x2xf32>) -> (tensor<5x2xf32>, tensor<5x6xf32>)
  return %dx : tensor<5x6xf32>
}

// RUN: genc-opt --canonicalize %s | FileCheck %s

// x + scatter_add(0, idx, upd) accumulates into x directly (the adjoint of
// a gather in a loop no longer adds a whole zero-filled tensor per step).
// CHECK-LABEL: func.func @accumulate
// CHECK-SAME: (%[[X:.*]]: tensor<5x3xf32>, %[[I:.*]]: tensor<i32>, %[[U:.*]]: tensor<3xf32>)
// CHECK-NEXT: %[[R:.*]] = genc.scatter_add %[[X]], %[[I]], %[[U]] axis = 0
// CHECK-NEXT: return %[[R]]
func.func @accumulate(%x: tensor<5x3xf32>, %i: tensor<i32>, %u: tensor<3xf32>) -> tensor<5x3xf32> {
  %z = genc.constant dense<0.0> : tensor<5x3xf32>
  %s = genc.scatter_add %z, %i, %u axis = 0 : (tensor<5x3xf32>, tensor<i32>, tensor<3xf32>) -> tensor<5x3xf32>
  %r = genc.add %s, %x : tensor<5x3xf32>
  return %r : tensor<5x3xf32>
}

// Not when the scatter starts from a non-zero tensor, or has another use.
// CHECK-LABEL: func.func @keep
// CHECK: genc.scatter_add %arg0
// CHECK: genc.add
// CHECK: genc.scatter_add
// CHECK: genc.add
func.func @keep(%x: tensor<5x3xf32>, %i: tensor<i32>, %u: tensor<3xf32>) -> (tensor<5x3xf32>, tensor<5x3xf32>, tensor<5x3xf32>) {
  %s = genc.scatter_add %x, %i, %u axis = 0 : (tensor<5x3xf32>, tensor<i32>, tensor<3xf32>) -> tensor<5x3xf32>
  %r = genc.add %s, %x : tensor<5x3xf32>
  %z = genc.constant dense<0.0> : tensor<5x3xf32>
  %t = genc.scatter_add %z, %i, %u axis = 0 : (tensor<5x3xf32>, tensor<i32>, tensor<3xf32>) -> tensor<5x3xf32>
  %q = genc.add %t, %x : tensor<5x3xf32>
  return %r, %q, %t : tensor<5x3xf32>, tensor<5x3xf32>, tensor<5x3xf32>
}

// Two gathers of one weight: their adjoints' sum s1 + s2 becomes a chain,
// which then accumulates into x; each scatter moves only its updates.
// CHECK-LABEL: func.func @two_gathers
// CHECK-SAME: (%[[X:.*]]: tensor<4x6xf32>, %[[I:.*]]: tensor<1xi32>, %[[J:.*]]: tensor<1xi32>, %[[U:.*]]: tensor<4x1xf32>, %[[V:.*]]: tensor<4x1xf32>)
// CHECK-NEXT: %[[A:.*]] = genc.scatter_add %[[X]], %[[I]], %[[U]] axis = 1
// CHECK-NEXT: %[[B:.*]] = genc.scatter_add %[[A]], %[[J]], %[[V]] axis = 1
// CHECK-NEXT: return %[[B]]
func.func @two_gathers(%x: tensor<4x6xf32>, %i: tensor<1xi32>, %j: tensor<1xi32>, %u: tensor<4x1xf32>, %v: tensor<4x1xf32>) -> tensor<4x6xf32> {
  %z = genc.constant dense<0.0> : tensor<4x6xf32>
  %s1 = genc.scatter_add %z, %i, %u axis = 1 : (tensor<4x6xf32>, tensor<1xi32>, tensor<4x1xf32>) -> tensor<4x6xf32>
  %s2 = genc.scatter_add %z, %j, %v axis = 1 : (tensor<4x6xf32>, tensor<1xi32>, tensor<4x1xf32>) -> tensor<4x6xf32>
  %s = genc.add %s1, %s2 : tensor<4x6xf32>
  %r = genc.add %x, %s : tensor<4x6xf32>
  return %r : tensor<4x6xf32>
}

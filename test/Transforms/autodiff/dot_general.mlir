// RUN: genc-opt %s --split-input-file --genc-autodiff | FileCheck %s

// matmul: dA = ct . B^T, dB = (ct^T . A)^T as JAX's transpose rules write
// them (a dot_general then a transpose into the operand's layout).
// CHECK-LABEL: func.func private @mm__vjp_0_1
// CHECK-SAME: (%[[A:.*]]: tensor<2x3xf32>, %[[B:.*]]: tensor<3x4xf32>, %[[CT:.*]]: tensor<2x4xf32>)
// CHECK: %[[DA:.*]] = genc.dot_general %[[CT]], %[[B]], batch = [] x [], contract = [1] x [1] : (tensor<2x4xf32>, tensor<3x4xf32>) -> tensor<2x3xf32>
// CHECK: %[[T:.*]] = genc.dot_general %[[CT]], %[[A]], batch = [] x [], contract = [0] x [0] : (tensor<2x4xf32>, tensor<2x3xf32>) -> tensor<4x3xf32>
// CHECK: %[[DB:.*]] = genc.transpose %[[T]], dims = [1, 0] : (tensor<4x3xf32>) -> tensor<3x4xf32>
// CHECK: return %{{.*}}, %[[DA]], %[[DB]]
func.func @mm(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %y = genc.dot_general %a, %b, batch = [] x [], contract = [1] x [0] : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}
func.func @main(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>, %ct: tensor<2x4xf32>) -> (tensor<2x3xf32>, tensor<3x4xf32>) {
  %y, %da, %db = genc.vjp @mm(%a, %b) cotangents(%ct) argnums = [0, 1] : (tensor<2x3xf32>, tensor<3x4xf32>, tensor<2x4xf32>) -> (tensor<2x4xf32>, tensor<2x3xf32>, tensor<3x4xf32>)
  return %da, %db : tensor<2x3xf32>, tensor<3x4xf32>
}

// -----

// Batched, with the rhs batch dimension in the middle.
// CHECK-LABEL: func.func private @bmm__vjp_0_1
// CHECK-SAME: (%[[A:.*]]: tensor<2x3x4xf32>, %[[B:.*]]: tensor<4x2x5xf32>, %[[CT:.*]]: tensor<2x3x5xf32>)
// CHECK: %[[DA:.*]] = genc.dot_general %[[CT]], %[[B]], batch = [0] x [1], contract = [2] x [2] : (tensor<2x3x5xf32>, tensor<4x2x5xf32>) -> tensor<2x3x4xf32>
// CHECK: %[[T:.*]] = genc.dot_general %[[CT]], %[[A]], batch = [0] x [0], contract = [1] x [1] : (tensor<2x3x5xf32>, tensor<2x3x4xf32>) -> tensor<2x5x4xf32>
// CHECK: %[[DB:.*]] = genc.transpose %[[T]], dims = [2, 0, 1] : (tensor<2x5x4xf32>) -> tensor<4x2x5xf32>
// CHECK: return %{{.*}}, %[[DA]], %[[DB]]
func.func @bmm(%a: tensor<2x3x4xf32>, %b: tensor<4x2x5xf32>) -> tensor<2x3x5xf32> {
  %y = genc.dot_general %a, %b, batch = [0] x [1], contract = [2] x [0] : (tensor<2x3x4xf32>, tensor<4x2x5xf32>) -> tensor<2x3x5xf32>
  return %y : tensor<2x3x5xf32>
}
func.func @main(%a: tensor<2x3x4xf32>, %b: tensor<4x2x5xf32>, %ct: tensor<2x3x5xf32>) -> (tensor<2x3x4xf32>, tensor<4x2x5xf32>) {
  %y, %da, %db = genc.vjp @bmm(%a, %b) cotangents(%ct) argnums = [0, 1] : (tensor<2x3x4xf32>, tensor<4x2x5xf32>, tensor<2x3x5xf32>) -> (tensor<2x3x5xf32>, tensor<2x3x4xf32>, tensor<4x2x5xf32>)
  return %da, %db : tensor<2x3x4xf32>, tensor<4x2x5xf32>
}

// -----

// Two contracting dimensions paired out of order: the lhs cotangent's
// contracting dimensions come out in the rhs's order and are transposed
// back.
// CHECK-LABEL: func.func private @multi__vjp_0_1
// CHECK-SAME: (%[[A:.*]]: tensor<3x4x5xf32>, %[[B:.*]]: tensor<5x6x4xf32>, %[[CT:.*]]: tensor<3x6xf32>)
// CHECK: %[[T:.*]] = genc.dot_general %[[CT]], %[[B]], batch = [] x [], contract = [1] x [1] : (tensor<3x6xf32>, tensor<5x6x4xf32>) -> tensor<3x5x4xf32>
// CHECK: %[[DA:.*]] = genc.transpose %[[T]], dims = [0, 2, 1] : (tensor<3x5x4xf32>) -> tensor<3x4x5xf32>
// CHECK: %[[U:.*]] = genc.dot_general %[[CT]], %[[A]], batch = [] x [], contract = [0] x [0] : (tensor<3x6xf32>, tensor<3x4x5xf32>) -> tensor<6x4x5xf32>
// CHECK: %[[DB:.*]] = genc.transpose %[[U]], dims = [2, 0, 1] : (tensor<6x4x5xf32>) -> tensor<5x6x4xf32>
// CHECK: return %{{.*}}, %[[DA]], %[[DB]]
func.func @multi(%a: tensor<3x4x5xf32>, %b: tensor<5x6x4xf32>) -> tensor<3x6xf32> {
  %y = genc.dot_general %a, %b, batch = [] x [], contract = [1, 2] x [2, 0] : (tensor<3x4x5xf32>, tensor<5x6x4xf32>) -> tensor<3x6xf32>
  return %y : tensor<3x6xf32>
}
func.func @main(%a: tensor<3x4x5xf32>, %b: tensor<5x6x4xf32>, %ct: tensor<3x6xf32>) -> (tensor<3x4x5xf32>, tensor<5x6x4xf32>) {
  %y, %da, %db = genc.vjp @multi(%a, %b) cotangents(%ct) argnums = [0, 1] : (tensor<3x4x5xf32>, tensor<5x6x4xf32>, tensor<3x6xf32>) -> (tensor<3x6xf32>, tensor<3x4x5xf32>, tensor<5x6x4xf32>)
  return %da, %db : tensor<3x4x5xf32>, tensor<5x6x4xf32>
}

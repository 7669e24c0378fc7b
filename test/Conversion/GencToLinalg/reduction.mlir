// RUN: genc-opt %s --genc-convert-to-linalg --split-input-file | FileCheck %s

// CHECK-LABEL: func.func @reduce_sum
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>, %[[Z:.*]]: tensor<f32>)
// CHECK: %[[INIT:.*]] = tensor.extract %[[Z]][] : tensor<f32>
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2xf32>
// CHECK: %[[ACC:.*]] = linalg.fill ins(%[[INIT]] : f32) outs(%[[E]] : tensor<2xf32>) -> tensor<2xf32>
// CHECK: %[[R:.*]] = linalg.reduce { arith.addf } ins(%[[X]] : tensor<2x3xf32>) outs(%[[ACC]] : tensor<2xf32>) dimensions = [1]
// CHECK: return %[[R]]
func.func @reduce_sum(%x: tensor<2x3xf32>, %z: tensor<f32>) -> tensor<2xf32> {
  %s = genc.reduce %x, %z dims = [1] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %t = genc.add %a, %b : tensor<f32>
    genc.return %t : tensor<f32>
  }
  return %s : tensor<2xf32>
}

// -----

// CHECK-LABEL: func.func @reduce_max_two_dims
// CHECK: linalg.reduce { arith.maxsi } ins(%{{.*}} : tensor<2x3x4xi32>) outs(%{{.*}} : tensor<3xi32>) dimensions = [0, 2]
func.func @reduce_max_two_dims(%x: tensor<2x3x4xi32>, %z: tensor<i32>) -> tensor<3xi32> {
  %s = genc.reduce %x, %z dims = [0, 2] : (tensor<2x3x4xi32>, tensor<i32>) -> tensor<3xi32> {
  ^bb0(%a: tensor<i32>, %b: tensor<i32>):
    %t = genc.max %a, %b : tensor<i32>
    genc.return %t : tensor<i32>
  }
  return %s : tensor<3xi32>
}

// -----

// A body of several ops, with a scalar constant, becomes the reduce body;
// the genc body takes (accumulator, element) and linalg (element, accumulator).
// CHECK-LABEL: func.func @reduce_sum_of_squares
// CHECK: linalg.reduce ins(%{{.*}} : tensor<4xf32>) outs(%{{.*}} : tensor<f32>) dimensions = [0]
// CHECK-NEXT: (%[[IN:.*]]: f32, %[[ACC:.*]]: f32) {
// CHECK-NEXT: %[[H:.*]] = arith.constant 5.000000e-01 : f32
// CHECK-NEXT: %[[SQ:.*]] = arith.mulf %[[IN]], %[[IN]] : f32
// CHECK-NEXT: %[[W:.*]] = arith.mulf %[[SQ]], %[[H]] : f32
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[ACC]], %[[W]] : f32
// CHECK-NEXT: linalg.yield %[[S]] : f32
func.func @reduce_sum_of_squares(%x: tensor<4xf32>, %z: tensor<f32>) -> tensor<f32> {
  %s = genc.reduce %x, %z dims = [0] : (tensor<4xf32>, tensor<f32>) -> tensor<f32> {
  ^bb0(%acc: tensor<f32>, %e: tensor<f32>):
    %h = genc.constant dense<0.5> : tensor<f32>
    %sq = genc.mul %e, %e : tensor<f32>
    %w = genc.mul %sq, %h : tensor<f32>
    %t = genc.add %acc, %w : tensor<f32>
    genc.return %t : tensor<f32>
  }
  return %s : tensor<f32>
}

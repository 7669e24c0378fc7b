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

// -----

// A long reduction over leading dims with a commutative single-op body is
// split into 16 interleaved partials (independent dependence chains, one
// vector each): [1024, 16, 16] -> [16, 16] (starting from the first block,
// so no identity is needed) -> [16] (from the init value).
// CHECK-LABEL: func.func @reduce_split_leading
// CHECK-SAME: (%[[X:.*]]: tensor<16x32x32x16xf32>, %[[Z:.*]]: tensor<f32>)
// CHECK: %[[ACC:.*]] = linalg.fill
// CHECK: %[[E:.*]] = tensor.expand_shape %{{.*}} {{\[\[}}0, 1, 2]] output_shape [1024, 16, 16]
// CHECK: %[[FIRST:.*]] = tensor.extract_slice %[[E]][0, 0, 0] [1, 16, 16] [1, 1, 1] : tensor<1024x16x16xf32> to tensor<16x16xf32>
// CHECK: %[[REST:.*]] = tensor.extract_slice %[[E]][1, 0, 0] [1023, 16, 16] [1, 1, 1]
// CHECK: %[[P:.*]] = linalg.reduce { arith.addf } ins(%[[REST]] : tensor<1023x16x16xf32>) outs(%[[FIRST]] : tensor<16x16xf32>) dimensions = [0]
// CHECK: %[[R:.*]] = linalg.reduce { arith.addf } ins(%[[P]] : tensor<16x16xf32>) outs(%[[ACC]] : tensor<16xf32>) dimensions = [0]
// CHECK: return %[[R]]
func.func @reduce_split_leading(%x: tensor<16x32x32x16xf32>, %z: tensor<f32>) -> tensor<16xf32> {
  %s = genc.reduce %x, %z dims = [0, 1, 2] : (tensor<16x32x32x16xf32>, tensor<f32>) -> tensor<16xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %t = genc.add %a, %b : tensor<f32>
    genc.return %t : tensor<f32>
  }
  return %s : tensor<16xf32>
}

// -----

// Over trailing dims: each row into 8 lanes ([64, 125, 8] -> [64, 8]),
// then the lanes (1000 = 125 * 8; 16 does not divide it).
// CHECK-LABEL: func.func @reduce_split_trailing
// CHECK: tensor.expand_shape %{{.*}} output_shape [64, 125, 8]
// CHECK: %[[P:.*]] = linalg.reduce { arith.maximumf } ins(%{{.*}} : tensor<64x124x8xf32>) outs(%{{.*}} : tensor<64x8xf32>) dimensions = [1]
// CHECK: linalg.reduce { arith.maximumf } ins(%[[P]] : tensor<64x8xf32>) outs(%{{.*}} : tensor<64xf32>) dimensions = [1]
func.func @reduce_split_trailing(%x: tensor<64x1000xf32>, %z: tensor<f32>) -> tensor<64xf32> {
  %s = genc.reduce %x, %z dims = [1] : (tensor<64x1000xf32>, tensor<f32>) -> tensor<64xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %t = genc.max %a, %b : tensor<f32>
    genc.return %t : tensor<f32>
  }
  return %s : tensor<64xf32>
}

// -----

// Not split: a body that is not one commutative op (subtraction), a short
// reduction, and reduced dims in the middle.
// CHECK-LABEL: func.func @reduce_not_split
// CHECK-NOT: tensor.extract_slice
// CHECK: linalg.reduce { arith.subf } ins(%{{.*}} : tensor<4096x16xf32>) outs(%{{.*}} : tensor<16xf32>) dimensions = [0]
// CHECK: linalg.reduce { arith.addf } ins(%{{.*}} : tensor<64x16xf32>) outs(%{{.*}} : tensor<16xf32>) dimensions = [0]
// CHECK: linalg.reduce { arith.addf } ins(%{{.*}} : tensor<4x1024x4xf32>) outs(%{{.*}} : tensor<4x4xf32>) dimensions = [1]
func.func @reduce_not_split(%x: tensor<4096x16xf32>, %y: tensor<64x16xf32>, %w: tensor<4x1024x4xf32>, %z: tensor<f32>) -> (tensor<16xf32>, tensor<16xf32>, tensor<4x4xf32>) {
  %s = genc.reduce %x, %z dims = [0] : (tensor<4096x16xf32>, tensor<f32>) -> tensor<16xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %t = genc.sub %a, %b : tensor<f32>
    genc.return %t : tensor<f32>
  }
  %u = genc.reduce %y, %z dims = [0] : (tensor<64x16xf32>, tensor<f32>) -> tensor<16xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %t = genc.add %a, %b : tensor<f32>
    genc.return %t : tensor<f32>
  }
  %v = genc.reduce %w, %z dims = [1] : (tensor<4x1024x4xf32>, tensor<f32>) -> tensor<4x4xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %t = genc.add %a, %b : tensor<f32>
    genc.return %t : tensor<f32>
  }
  return %s, %u, %v : tensor<16xf32>, tensor<16xf32>, tensor<4x4xf32>
}

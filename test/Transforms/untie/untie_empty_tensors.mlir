// RUN: genc-opt %s --genc-untie-empty-tensors | FileCheck %s

// One tensor.empty shared (after CSE) by the destinations of two phases
// written into strided views of one result: each use gets its own empty,
// placed before its user, so that eliminate-empty-tensors can turn each
// into the view it is inserted into.
// CHECK-LABEL: func.func @phases
// CHECK-NOT: tensor.empty() : tensor<2x4xf32>
// CHECK: %[[E0:.*]] = tensor.empty() : tensor<2x4xf32>
// CHECK-NEXT: %[[A:.*]] = linalg.generic {{.*}} outs(%[[E0]] :
// CHECK: %[[E1:.*]] = tensor.empty() : tensor<2x4xf32>
// CHECK-NEXT: %[[B:.*]] = linalg.generic {{.*}} outs(%[[E1]] :

// (test/Codegen/CPU/transposed_conv_in_place.mlir checks the effect.)
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @phases(%x: tensor<2x4xf32>, %y: tensor<2x4xf32>) -> tensor<2x8xf32> {
  %e = tensor.empty() : tensor<2x4xf32>
  %r = tensor.empty() : tensor<2x8xf32>
  %a = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<2x4xf32>) outs(%e : tensor<2x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.mulf %in, %in : f32
    linalg.yield %s : f32
  } -> tensor<2x4xf32>
  %r1 = tensor.insert_slice %a into %r[0, 0] [2, 4] [1, 2] : tensor<2x4xf32> into tensor<2x8xf32>
  %b = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%y : tensor<2x4xf32>) outs(%e : tensor<2x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %in, %in : f32
    linalg.yield %s : f32
  } -> tensor<2x4xf32>
  %r2 = tensor.insert_slice %b into %r1[0, 1] [2, 4] [1, 2] : tensor<2x4xf32> into tensor<2x8xf32>
  return %r2 : tensor<2x8xf32>
}

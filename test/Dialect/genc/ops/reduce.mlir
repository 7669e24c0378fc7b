// RUN: genc-opt %s | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | genc-opt | FileCheck %s

// CHECK-LABEL: func.func @reduce_sum
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>, %[[Z:.*]]: tensor<f32>)
func.func @reduce_sum(%x: tensor<2x3xf32>, %zero: tensor<f32>) -> tensor<2xf32> {
  // CHECK: %[[S:.*]] = genc.reduce %[[X]], %[[Z]] dims = [1] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2xf32> {
  // CHECK-NEXT: ^bb0(%[[A:.*]]: tensor<f32>, %[[B:.*]]: tensor<f32>):
  // CHECK-NEXT: %[[T:.*]] = genc.add %[[A]], %[[B]] : tensor<f32>
  // CHECK-NEXT: genc.return %[[T]] : tensor<f32>
  // CHECK-NEXT: }
  // CHECK: return %[[S]]
  %s = genc.reduce %x, %zero dims = [1] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %t = genc.add %a, %b : tensor<f32>
    genc.return %t : tensor<f32>
  }
  return %s : tensor<2xf32>
}

// CHECK-LABEL: func.func @reduce_all_max
func.func @reduce_all_max(%x: tensor<2x3x4xi32>, %init: tensor<i32>) -> tensor<i32> {
  // CHECK: genc.reduce %{{.*}}, %{{.*}} dims = [0, 1, 2] : (tensor<2x3x4xi32>, tensor<i32>) -> tensor<i32>
  // CHECK: genc.max
  %s = genc.reduce %x, %init dims = [0, 1, 2] : (tensor<2x3x4xi32>, tensor<i32>) -> tensor<i32> {
  ^bb0(%a: tensor<i32>, %b: tensor<i32>):
    %t = genc.max %a, %b : tensor<i32>
    genc.return %t : tensor<i32>
  }
  return %s : tensor<i32>
}

// CHECK-LABEL: func.func @reduce_no_dims
func.func @reduce_no_dims(%x: tensor<3xf32>, %init: tensor<f32>) -> tensor<3xf32> {
  // CHECK: genc.reduce %{{.*}}, %{{.*}} dims = [] : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
  %s = genc.reduce %x, %init dims = [] : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %t = genc.mul %a, %b : tensor<f32>
    genc.return %t : tensor<f32>
  }
  return %s : tensor<3xf32>
}

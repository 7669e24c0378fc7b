// RUN: genc-opt %s | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | genc-opt | FileCheck %s

// CHECK-LABEL: func.func @max_min
// CHECK-SAME: (%[[A:.*]]: tensor<2x2xf32>, %[[B:.*]]: tensor<2x2xf32>)
func.func @max_min(%a: tensor<2x2xf32>, %b: tensor<2x2xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>) {
  // CHECK: %[[MAX:.*]] = genc.max %[[A]], %[[B]] : tensor<2x2xf32>
  // CHECK: %[[MIN:.*]] = genc.min %[[A]], %[[B]] : tensor<2x2xf32>
  // CHECK: return %[[MAX]], %[[MIN]]
  %0 = genc.max %a, %b : tensor<2x2xf32>
  %1 = genc.min %a, %b : tensor<2x2xf32>
  return %0, %1 : tensor<2x2xf32>, tensor<2x2xf32>
}

// CHECK-LABEL: func.func @max_min_int
func.func @max_min_int(%a: tensor<3xi32>, %b: tensor<3xi32>) -> tensor<3xi32> {
  // CHECK: %[[MAX:.*]] = genc.max %{{.*}}, %{{.*}} : tensor<3xi32>
  // CHECK: genc.min %[[MAX]], %{{.*}} : tensor<3xi32>
  %0 = genc.max %a, %b : tensor<3xi32>
  %1 = genc.min %0, %b : tensor<3xi32>
  return %1 : tensor<3xi32>
}

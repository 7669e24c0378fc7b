// RUN: genc-opt %s | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | genc-opt | FileCheck %s

// CHECK-LABEL: func.func @float_ops
// CHECK-SAME: (%[[A:.*]]: tensor<2x3xf32>, %[[B:.*]]: tensor<2x3xf32>)
func.func @float_ops(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // CHECK: %[[ADD:.*]] = genc.add %[[A]], %[[B]] : tensor<2x3xf32>
  // CHECK: %[[SUB:.*]] = genc.sub %[[ADD]], %[[B]] : tensor<2x3xf32>
  // CHECK: %[[MUL:.*]] = genc.mul %[[SUB]], %[[A]] : tensor<2x3xf32>
  // CHECK: return %[[MUL]]
  %0 = genc.add %a, %b : tensor<2x3xf32>
  %1 = genc.sub %0, %b : tensor<2x3xf32>
  %2 = genc.mul %1, %a : tensor<2x3xf32>
  return %2 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @int_ops
// CHECK-SAME: (%[[A:.*]]: tensor<4xi64>, %[[B:.*]]: tensor<4xi64>)
func.func @int_ops(%a: tensor<4xi64>, %b: tensor<4xi64>) -> tensor<4xi64> {
  // CHECK: %[[ADD:.*]] = genc.add %[[A]], %[[B]] : tensor<4xi64>
  // CHECK: %[[SUB:.*]] = genc.sub %[[ADD]], %[[A]] : tensor<4xi64>
  // CHECK: genc.mul %[[SUB]], %[[SUB]] : tensor<4xi64>
  %0 = genc.add %a, %b : tensor<4xi64>
  %1 = genc.sub %0, %a : tensor<4xi64>
  %2 = genc.mul %1, %1 : tensor<4xi64>
  return %2 : tensor<4xi64>
}

// CHECK-LABEL: func.func @bool_add
func.func @bool_add(%a: tensor<i1>, %b: tensor<i1>) -> tensor<i1> {
  // CHECK: genc.add %{{.*}}, %{{.*}} : tensor<i1>
  %0 = genc.add %a, %b : tensor<i1>
  return %0 : tensor<i1>
}

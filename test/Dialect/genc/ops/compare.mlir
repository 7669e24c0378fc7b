// RUN: genc-opt %s | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// CHECK-LABEL: func.func @compare_all
// CHECK-SAME: (%[[A:.*]]: tensor<4xf32>, %[[B:.*]]: tensor<4xf32>)
func.func @compare_all(%a: tensor<4xf32>, %b: tensor<4xf32>) -> (tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>) {
  // CHECK: genc.compare EQ, %[[A]], %[[B]] : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  // CHECK: genc.compare NE, %[[A]], %[[B]]
  // CHECK: genc.compare LT, %[[A]], %[[B]]
  // CHECK: genc.compare LE, %[[A]], %[[B]]
  // CHECK: genc.compare GT, %[[A]], %[[B]]
  // CHECK: genc.compare GE, %[[A]], %[[B]]
  // GENERIC: "genc.compare"(%{{.*}}, %{{.*}}) <{comparison_direction = 0 : i32}>
  // GENERIC: <{comparison_direction = 5 : i32}>
  %0 = genc.compare EQ, %a, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %1 = genc.compare NE, %a, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %2 = genc.compare LT, %a, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %3 = genc.compare LE, %a, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %4 = genc.compare GT, %a, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %5 = genc.compare GE, %a, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  return %0, %1, %2, %3, %4, %5 : tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>
}

// CHECK-LABEL: func.func @compare_int_scalar
func.func @compare_int_scalar(%a: tensor<i32>, %b: tensor<i32>) -> tensor<i1> {
  // CHECK: %[[P:.*]] = genc.compare GT, %{{.*}}, %{{.*}} : (tensor<i32>, tensor<i32>) -> tensor<i1>
  // CHECK: return %[[P]]
  %0 = genc.compare GT, %a, %b : (tensor<i32>, tensor<i32>) -> tensor<i1>
  return %0 : tensor<i1>
}

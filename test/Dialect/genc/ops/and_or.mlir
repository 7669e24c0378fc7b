// RUN: genc-opt %s | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | genc-opt | FileCheck %s

// CHECK-LABEL: func.func @and_or_i1
// CHECK-SAME: (%[[A:.*]]: tensor<4xi1>, %[[B:.*]]: tensor<4xi1>)
func.func @and_or_i1(%a: tensor<4xi1>, %b: tensor<4xi1>) -> (tensor<4xi1>, tensor<4xi1>) {
  // CHECK: %[[AND:.*]] = genc.and %[[A]], %[[B]] : tensor<4xi1>
  // CHECK: %[[OR:.*]] = genc.or %[[A]], %[[B]] : tensor<4xi1>
  // CHECK: return %[[AND]], %[[OR]]
  %0 = genc.and %a, %b : tensor<4xi1>
  %1 = genc.or %a, %b : tensor<4xi1>
  return %0, %1 : tensor<4xi1>, tensor<4xi1>
}

// CHECK-LABEL: func.func @and_or_i32
func.func @and_or_i32(%a: tensor<2x2xi32>, %b: tensor<2x2xi32>) -> tensor<2x2xi32> {
  // CHECK: %[[AND:.*]] = genc.and %{{.*}}, %{{.*}} : tensor<2x2xi32>
  // CHECK: genc.or %[[AND]], %{{.*}} : tensor<2x2xi32>
  %0 = genc.and %a, %b : tensor<2x2xi32>
  %1 = genc.or %0, %b : tensor<2x2xi32>
  return %1 : tensor<2x2xi32>
}

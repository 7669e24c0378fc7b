// RUN: genc-opt %s | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | genc-opt | FileCheck %s

// CHECK-LABEL: func.func @select
// CHECK-SAME: (%[[P:.*]]: tensor<2x2xi1>, %[[A:.*]]: tensor<2x2xf32>, %[[B:.*]]: tensor<2x2xf32>)
func.func @select(%p: tensor<2x2xi1>, %a: tensor<2x2xf32>, %b: tensor<2x2xf32>) -> tensor<2x2xf32> {
  // CHECK: %[[R:.*]] = genc.select %[[P]], %[[A]], %[[B]] : tensor<2x2xi1>, tensor<2x2xf32>
  // CHECK: return %[[R]]
  %r = genc.select %p, %a, %b : tensor<2x2xi1>, tensor<2x2xf32>
  return %r : tensor<2x2xf32>
}

// CHECK-LABEL: func.func @select_i64
func.func @select_i64(%p: tensor<3xi1>, %a: tensor<3xi64>) -> tensor<3xi64> {
  // CHECK: genc.select %{{.*}}, %{{.*}}, %{{.*}} : tensor<3xi1>, tensor<3xi64>
  %r = genc.select %p, %a, %a : tensor<3xi1>, tensor<3xi64>
  return %r : tensor<3xi64>
}

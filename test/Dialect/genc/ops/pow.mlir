// RUN: genc-opt %s | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// CHECK-LABEL: func.func @pow
// CHECK-SAME: (%[[A:.*]]: tensor<4xf32>, %[[B:.*]]: tensor<4xf32>)
func.func @pow(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  // CHECK: %[[P:.*]] = genc.pow %[[A]], %[[B]] : tensor<4xf32>
  // CHECK: return %[[P]]
  // GENERIC: "genc.pow"(%{{.*}}, %{{.*}}) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %p = genc.pow %a, %b : tensor<4xf32>
  return %p : tensor<4xf32>
}

// CHECK-LABEL: func.func @pow_f64
func.func @pow_f64(%a: tensor<f64>) -> tensor<f64> {
  // CHECK: genc.pow %{{.*}}, %{{.*}} : tensor<f64>
  %p = genc.pow %a, %a : tensor<f64>
  return %p : tensor<f64>
}

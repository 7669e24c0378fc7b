// RUN: genc-opt %s | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | genc-opt | FileCheck %s

// CHECK-LABEL: func.func @concatenate
// CHECK-SAME: (%[[A:.*]]: tensor<1x3xf32>, %[[B:.*]]: tensor<2x3xf32>)
func.func @concatenate(%a: tensor<1x3xf32>, %b: tensor<2x3xf32>) -> tensor<3x3xf32> {
  // CHECK: %[[R:.*]] = genc.concatenate %[[A]], %[[B]] dim = 0 : (tensor<1x3xf32>, tensor<2x3xf32>) -> tensor<3x3xf32>
  // CHECK: return %[[R]]
  %r = genc.concatenate %a, %b dim = 0 : (tensor<1x3xf32>, tensor<2x3xf32>) -> tensor<3x3xf32>
  return %r : tensor<3x3xf32>
}

// CHECK-LABEL: func.func @concatenate_three
func.func @concatenate_three(%a: tensor<2x1xi32>, %b: tensor<2x2xi32>) -> tensor<2x4xi32> {
  // CHECK: genc.concatenate %{{.*}}, %{{.*}}, %{{.*}} dim = 1 : (tensor<2x1xi32>, tensor<2x2xi32>, tensor<2x1xi32>) -> tensor<2x4xi32>
  %r = genc.concatenate %a, %b, %a dim = 1 : (tensor<2x1xi32>, tensor<2x2xi32>, tensor<2x1xi32>) -> tensor<2x4xi32>
  return %r : tensor<2x4xi32>
}

// CHECK-LABEL: func.func @concatenate_one
func.func @concatenate_one(%a: tensor<3xf32>) -> tensor<3xf32> {
  // CHECK: genc.concatenate %{{.*}} dim = 0 : (tensor<3xf32>) -> tensor<3xf32>
  %r = genc.concatenate %a dim = 0 : (tensor<3xf32>) -> tensor<3xf32>
  return %r : tensor<3xf32>
}

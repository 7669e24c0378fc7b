// RUN: genc-opt %s | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | genc-opt | FileCheck %s

// CHECK-LABEL: func.func @scatter_add
// CHECK-SAME: (%[[ACC:.*]]: tensor<10x4xf32>, %[[I:.*]]: tensor<3xi32>, %[[U:.*]]: tensor<3x4xf32>)
func.func @scatter_add(%acc: tensor<10x4xf32>, %idx: tensor<3xi32>, %upd: tensor<3x4xf32>) -> tensor<10x4xf32> {
  // CHECK: %[[R:.*]] = genc.scatter_add %[[ACC]], %[[I]], %[[U]] axis = 0 : (tensor<10x4xf32>, tensor<3xi32>, tensor<3x4xf32>) -> tensor<10x4xf32>
  // CHECK: return %[[R]]
  %r = genc.scatter_add %acc, %idx, %upd axis = 0 : (tensor<10x4xf32>, tensor<3xi32>, tensor<3x4xf32>) -> tensor<10x4xf32>
  return %r : tensor<10x4xf32>
}

// CHECK-LABEL: func.func @scatter_add_axis1
func.func @scatter_add_axis1(%acc: tensor<2x5xi64>, %idx: tensor<2x2xi64>, %upd: tensor<2x2x2xi64>) -> tensor<2x5xi64> {
  // CHECK: genc.scatter_add %{{.*}}, %{{.*}}, %{{.*}} axis = 1 : (tensor<2x5xi64>, tensor<2x2xi64>, tensor<2x2x2xi64>) -> tensor<2x5xi64>
  %r = genc.scatter_add %acc, %idx, %upd axis = 1 : (tensor<2x5xi64>, tensor<2x2xi64>, tensor<2x2x2xi64>) -> tensor<2x5xi64>
  return %r : tensor<2x5xi64>
}

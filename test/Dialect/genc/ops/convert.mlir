// RUN: genc-opt %s | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | genc-opt | FileCheck %s

// CHECK-LABEL: func.func @convert
// CHECK-SAME: (%[[X:.*]]: tensor<4xi32>)
func.func @convert(%x: tensor<4xi32>) -> (tensor<4xf32>, tensor<4xi1>, tensor<4xbf16>) {
  // CHECK: %[[F:.*]] = genc.convert %[[X]] : (tensor<4xi32>) -> tensor<4xf32>
  // CHECK: %[[B:.*]] = genc.convert %[[F]] : (tensor<4xf32>) -> tensor<4xi1>
  // CHECK: %[[H:.*]] = genc.convert %[[F]] : (tensor<4xf32>) -> tensor<4xbf16>
  // CHECK: return %[[F]], %[[B]], %[[H]]
  %f = genc.convert %x : (tensor<4xi32>) -> tensor<4xf32>
  %b = genc.convert %f : (tensor<4xf32>) -> tensor<4xi1>
  %h = genc.convert %f : (tensor<4xf32>) -> tensor<4xbf16>
  return %f, %b, %h : tensor<4xf32>, tensor<4xi1>, tensor<4xbf16>
}

// CHECK-LABEL: func.func @convert_scalar
func.func @convert_scalar(%x: tensor<f64>) -> tensor<i8> {
  // CHECK: genc.convert %{{.*}} : (tensor<f64>) -> tensor<i8>
  %r = genc.convert %x : (tensor<f64>) -> tensor<i8>
  return %r : tensor<i8>
}

// RUN: genc-opt %s | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | genc-opt | FileCheck %s

// CHECK-LABEL: func.func @div_rem_f16
// CHECK-SAME: (%[[A:.*]]: tensor<3xf16>, %[[B:.*]]: tensor<3xf16>)
func.func @div_rem_f16(%a: tensor<3xf16>, %b: tensor<3xf16>) -> (tensor<3xf16>, tensor<3xf16>) {
  // CHECK: %[[D:.*]] = genc.div %[[A]], %[[B]] : tensor<3xf16>
  // CHECK: %[[R:.*]] = genc.rem %[[A]], %[[B]] : tensor<3xf16>
  // CHECK: return %[[D]], %[[R]]
  %d = genc.div %a, %b : tensor<3xf16>
  %r = genc.rem %a, %b : tensor<3xf16>
  return %d, %r : tensor<3xf16>, tensor<3xf16>
}

// CHECK-LABEL: func.func @div_rem_i8
// CHECK-SAME: (%[[A:.*]]: tensor<2x2xi8>, %[[B:.*]]: tensor<2x2xi8>)
func.func @div_rem_i8(%a: tensor<2x2xi8>, %b: tensor<2x2xi8>) -> (tensor<2x2xi8>, tensor<2x2xi8>) {
  // CHECK: genc.div %[[B]], %[[A]] : tensor<2x2xi8>
  // CHECK: genc.rem %[[B]], %[[A]] : tensor<2x2xi8>
  %d = genc.div %b, %a : tensor<2x2xi8>
  %r = genc.rem %b, %a : tensor<2x2xi8>
  return %d, %r : tensor<2x2xi8>, tensor<2x2xi8>
}

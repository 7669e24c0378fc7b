// RUN: genc-opt %s -canonicalize -split-input-file | FileCheck %s

// CHECK-LABEL: func.func @sub_zero
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>, %[[I:.*]]: tensor<2x2xi8>)
// CHECK-NEXT: return %[[X]], %[[I]]
func.func @sub_zero(%x: tensor<4xf32>, %i: tensor<2x2xi8>) -> (tensor<4xf32>, tensor<2x2xi8>) {
  %z = genc.constant dense<0.0> : tensor<4xf32>
  %a = genc.sub %x, %z : tensor<4xf32>
  %iz = genc.constant dense<0> : tensor<2x2xi8>
  %b = genc.sub %i, %iz : tensor<2x2xi8>
  return %a, %b : tensor<4xf32>, tensor<2x2xi8>
}

// -----

// 0 - x is a negation, not x.
// CHECK-LABEL: func.func @zero_sub
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
// CHECK: %[[Z:.*]] = genc.constant dense<0.000000e+00>
// CHECK: %[[R:.*]] = genc.sub %[[Z]], %[[X]]
// CHECK: return %[[R]]
func.func @zero_sub(%x: tensor<4xf32>) -> tensor<4xf32> {
  %z = genc.constant dense<0.0> : tensor<4xf32>
  %a = genc.sub %z, %x : tensor<4xf32>
  return %a : tensor<4xf32>
}

// -----

// x - (-0.0) is not folded to x (it differs for x = -0.0).
// CHECK-LABEL: func.func @sub_negative_zero
// CHECK: genc.sub
func.func @sub_negative_zero(%x: tensor<4xf32>) -> tensor<4xf32> {
  %z = genc.constant dense<-0.0> : tensor<4xf32>
  %a = genc.sub %x, %z : tensor<4xf32>
  return %a : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @sub_constants
// CHECK-DAG: genc.constant dense<[-1.500000e+00, 1.000000e+00]> : tensor<2xf64>
// CHECK-DAG: genc.constant dense<[-2147483648, 5]> : tensor<2xi32>
// CHECK-NOT: genc.sub
func.func @sub_constants() -> (tensor<2xf64>, tensor<2xi32>) {
  %a = genc.constant dense<[1.0, 3.0]> : tensor<2xf64>
  %b = genc.constant dense<[2.5, 2.0]> : tensor<2xf64>
  %r = genc.sub %a, %b : tensor<2xf64>
  %i = genc.constant dense<[2147483647, 7]> : tensor<2xi32>
  %j = genc.constant dense<[-1, 2]> : tensor<2xi32>
  %s = genc.sub %i, %j : tensor<2xi32>
  return %r, %s : tensor<2xf64>, tensor<2xi32>
}

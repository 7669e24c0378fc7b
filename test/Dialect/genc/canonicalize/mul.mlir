// RUN: genc-opt %s -canonicalize -split-input-file | FileCheck %s

// CHECK-LABEL: func.func @mul_one
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>, %[[H:.*]]: tensor<4xf16>, %[[B:.*]]: tensor<4xbf16>, %[[D:.*]]: tensor<f64>)
// CHECK-NOT: genc.mul
// CHECK: return %[[X]], %[[X]], %[[H]], %[[B]], %[[D]]
func.func @mul_one(%x: tensor<2x3xf32>, %h: tensor<4xf16>, %b: tensor<4xbf16>, %d: tensor<f64>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<4xf16>, tensor<4xbf16>, tensor<f64>) {
  %one = genc.constant dense<1.0> : tensor<2x3xf32>
  %r0 = genc.mul %x, %one : tensor<2x3xf32>
  %r1 = genc.mul %one, %x : tensor<2x3xf32>
  %h1 = genc.constant dense<1.0> : tensor<4xf16>
  %r2 = genc.mul %h, %h1 : tensor<4xf16>
  %b1 = genc.constant dense<1.0> : tensor<4xbf16>
  %r3 = genc.mul %b1, %b : tensor<4xbf16>
  %d1 = genc.constant dense<1.0> : tensor<f64>
  %r4 = genc.mul %d, %d1 : tensor<f64>
  return %r0, %r1, %r2, %r3, %r4 : tensor<2x3xf32>, tensor<2x3xf32>, tensor<4xf16>, tensor<4xbf16>, tensor<f64>
}

// -----

// CHECK-LABEL: func.func @mul_one_int
// CHECK-SAME: (%[[X:.*]]: tensor<3xi64>, %[[P:.*]]: tensor<3xi1>)
// CHECK-NEXT: return %[[X]], %[[P]]
func.func @mul_one_int(%x: tensor<3xi64>, %p: tensor<3xi1>) -> (tensor<3xi64>, tensor<3xi1>) {
  %one = genc.constant dense<1> : tensor<3xi64>
  %r = genc.mul %one, %x : tensor<3xi64>
  %t = genc.constant dense<true> : tensor<3xi1>
  %s = genc.mul %p, %t : tensor<3xi1>
  return %r, %s : tensor<3xi64>, tensor<3xi1>
}

// -----

// Multiplying by zero is not folded (NaN * 0 is NaN).
// CHECK-LABEL: func.func @mul_zero
// CHECK: %[[R:.*]] = genc.mul
// CHECK: return %[[R]]
func.func @mul_zero(%x: tensor<4xf32>) -> tensor<4xf32> {
  %z = genc.constant dense<0.0> : tensor<4xf32>
  %r = genc.mul %x, %z : tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @mul_two
// CHECK: genc.mul
func.func @mul_two(%x: tensor<4xf32>) -> tensor<4xf32> {
  %c = genc.constant dense<2.0> : tensor<4xf32>
  %r = genc.mul %x, %c : tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @mul_constants
// CHECK-DAG: genc.constant dense<[5.000000e-01, -6.000000e+00]> : tensor<2xf32>
// CHECK-DAG: genc.constant dense<[0, 1]> : tensor<2xi8>
// CHECK-NOT: genc.mul
func.func @mul_constants() -> (tensor<2xf32>, tensor<2xi8>) {
  %a = genc.constant dense<[0.25, 3.0]> : tensor<2xf32>
  %b = genc.constant dense<[2.0, -2.0]> : tensor<2xf32>
  %r = genc.mul %a, %b : tensor<2xf32>
  %i = genc.constant dense<[16, 127]> : tensor<2xi8>
  %s = genc.mul %i, %i : tensor<2xi8>
  return %r, %s : tensor<2xf32>, tensor<2xi8>
}

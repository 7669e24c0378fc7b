// RUN: genc-opt %s -canonicalize -split-input-file | FileCheck %s

// CHECK-LABEL: func.func @add_zero_int
// CHECK-SAME: (%[[X:.*]]: tensor<4xi32>)
// CHECK-NOT: genc.add
// CHECK: return %[[X]], %[[X]]
func.func @add_zero_int(%x: tensor<4xi32>) -> (tensor<4xi32>, tensor<4xi32>) {
  %z = genc.constant dense<0> : tensor<4xi32>
  %a = genc.add %x, %z : tensor<4xi32>
  %b = genc.add %z, %x : tensor<4xi32>
  return %a, %b : tensor<4xi32>, tensor<4xi32>
}

// -----

// x + false is x for i1 (add is logical or).
// CHECK-LABEL: func.func @add_false_i1
// CHECK-SAME: (%[[X:.*]]: tensor<4xi1>)
// CHECK-NEXT: return %[[X]]
func.func @add_false_i1(%x: tensor<4xi1>) -> tensor<4xi1> {
  %z = genc.constant dense<false> : tensor<4xi1>
  %a = genc.add %x, %z : tensor<4xi1>
  return %a : tensor<4xi1>
}

// -----

// A non-zero splat or a non-splat zero-containing constant does not fold.
// CHECK-LABEL: func.func @add_nonzero
// CHECK-SAME: (%[[X:.*]]: tensor<2xi32>)
// CHECK-DAG: %[[C1:.*]] = genc.constant dense<1> : tensor<2xi32>
// CHECK-DAG: %[[C2:.*]] = genc.constant dense<[0, 1]> : tensor<2xi32>
// CHECK: %[[A:.*]] = genc.add %[[X]], %[[C1]]
// CHECK: %[[B:.*]] = genc.add %[[X]], %[[C2]]
// CHECK: return %[[A]], %[[B]]
func.func @add_nonzero(%x: tensor<2xi32>) -> (tensor<2xi32>, tensor<2xi32>) {
  %c1 = genc.constant dense<1> : tensor<2xi32>
  %c2 = genc.constant dense<[0, 1]> : tensor<2xi32>
  %a = genc.add %x, %c1 : tensor<2xi32>
  %b = genc.add %x, %c2 : tensor<2xi32>
  return %a, %b : tensor<2xi32>, tensor<2xi32>
}

// -----

// CHECK-LABEL: func.func @add_constants_f32
// CHECK-NEXT: %[[C:.*]] = genc.constant dense<[1.500000e+00, 2.250000e+00]> : tensor<2xf32>
// CHECK-NEXT: return %[[C]]
func.func @add_constants_f32() -> tensor<2xf32> {
  %a = genc.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %b = genc.constant dense<[0.5, 0.25]> : tensor<2xf32>
  %r = genc.add %a, %b : tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

// Integer folding wraps around; f16 overflows to infinity.
// CHECK-LABEL: func.func @add_constants_wrap
// CHECK-DAG: genc.constant dense<[-56, 0, 14]> : tensor<3xi8>
// CHECK-DAG: genc.constant dense<[2.000000e+00, 0x7C00]> : tensor<2xf16>
// CHECK-NOT: genc.add
func.func @add_constants_wrap() -> (tensor<3xi8>, tensor<2xf16>) {
  %a = genc.constant dense<[100, -128, 7]> : tensor<3xi8>
  %r = genc.add %a, %a : tensor<3xi8>
  %h = genc.constant dense<[1.0, 65504.0]> : tensor<2xf16>
  %s = genc.add %h, %h : tensor<2xf16>
  return %r, %s : tensor<3xi8>, tensor<2xf16>
}

// -----

// Splat + splat stays a splat.
// CHECK-LABEL: func.func @add_splats
// CHECK-NEXT: %[[C:.*]] = genc.constant dense<5> : tensor<2x3xi64>
// CHECK-NEXT: return %[[C]]
func.func @add_splats() -> tensor<2x3xi64> {
  %a = genc.constant dense<2> : tensor<2x3xi64>
  %b = genc.constant dense<3> : tensor<2x3xi64>
  %r = genc.add %a, %b : tensor<2x3xi64>
  return %r : tensor<2x3xi64>
}

// -----

// i1 constants are not folded (add is logical or there).
// CHECK-LABEL: func.func @add_constants_i1
// CHECK: genc.add
func.func @add_constants_i1() -> tensor<2xi1> {
  %a = genc.constant dense<[true, false]> : tensor<2xi1>
  %r = genc.add %a, %a : tensor<2xi1>
  return %r : tensor<2xi1>
}

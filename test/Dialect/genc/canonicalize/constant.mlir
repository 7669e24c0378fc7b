// RUN: genc-opt %s -canonicalize | FileCheck %s

// Equal constants are uniqued and unused ones erased.
// CHECK-LABEL: func.func @constants_unique
// CHECK-NEXT: %[[C:.*]] = genc.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK-NEXT: return %[[C]], %[[C]]
func.func @constants_unique() -> (tensor<2xf32>, tensor<2xf32>) {
  %a = genc.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %b = genc.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %unused = genc.constant dense<3> : tensor<i32>
  return %a, %b : tensor<2xf32>, tensor<2xf32>
}

// A chain of foldable ops collapses into one constant.
// CHECK-LABEL: func.func @fold_chain
// CHECK-NEXT: %[[C:.*]] = genc.constant dense<[9, 15]> : tensor<2xi32>
// CHECK-NEXT: return %[[C]]
func.func @fold_chain() -> tensor<2xi32> {
  %a = genc.constant dense<[1, 2]> : tensor<2xi32>
  %b = genc.constant dense<[2, 2]> : tensor<2xi32>
  %s = genc.add %a, %b : tensor<2xi32>
  %m = genc.mul %s, %s : tensor<2xi32>
  %r = genc.sub %m, %a : tensor<2xi32>
  %o = genc.constant dense<1> : tensor<2xi32>
  %t = genc.add %r, %o : tensor<2xi32>
  return %t : tensor<2xi32>
}

// Unused pure ops are removed.
// CHECK-LABEL: func.func @dead_code
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
// CHECK-NEXT: return %[[X]]
func.func @dead_code(%x: tensor<4xf32>) -> tensor<4xf32> {
  %a = genc.exp %x : tensor<4xf32>
  %b = genc.iota dim = 0 : tensor<4xf32>
  return %x : tensor<4xf32>
}

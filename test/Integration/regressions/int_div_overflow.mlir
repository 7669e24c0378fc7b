// INT_MIN / -1 and INT_MIN % -1 are defined (StableHLO), never a trap.
// RUN: genc run %s --input='2xi32=-2147483648 7' --input='2xi32=-1 0' | FileCheck %s
// RUN: genc run %s --backend=interp --input='2xi32=-2147483648 7' --input='2xi32=-1 0' | FileCheck %s
// CHECK: 2xi32=-2147483648 -1
// CHECK: 2xi32=0 7
func.func @main(%a: tensor<2xi32>, %b: tensor<2xi32>) -> (tensor<2xi32>, tensor<2xi32>) {
  %q = genc.div %a, %b : tensor<2xi32>
  %r = genc.rem %a, %b : tensor<2xi32>
  return %q, %r : tensor<2xi32>, tensor<2xi32>
}

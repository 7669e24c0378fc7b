// add on i1 is logical or (StableHLO) on both backends.
// RUN: genc run %s --input='4xi1=1 1 0 0' --input='4xi1=1 0 1 0' | FileCheck %s
// RUN: genc run %s --backend=interp --input='4xi1=1 1 0 0' --input='4xi1=1 0 1 0' | FileCheck %s
// CHECK: 4xi1=1 1 1 0
func.func @main(%a: tensor<4xi1>, %b: tensor<4xi1>) -> tensor<4xi1> {
  %r = genc.add %a, %b : tensor<4xi1>
  return %r : tensor<4xi1>
}

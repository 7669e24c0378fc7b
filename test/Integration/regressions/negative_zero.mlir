// x + 0.0 is not folded away: -0.0 + 0.0 = +0.0.
// RUN: genc run %s --input='2xf32=-0 1' | FileCheck %s
// RUN: genc run %s --backend=interp --input='2xf32=-0 1' | FileCheck %s
// CHECK: 2xf32=0 1
func.func @main(%x: tensor<2xf32>) -> tensor<2xf32> {
  %z = genc.constant dense<0.0> : tensor<2xf32>
  %r = genc.add %x, %z : tensor<2xf32>
  return %r : tensor<2xf32>
}

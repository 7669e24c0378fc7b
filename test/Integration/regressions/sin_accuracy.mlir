// f32 sin/cos stay accurate away from zero (computed through libm).
// RUN: genc run %s --input='3xf32=1000 3.14159274 -0.5' | FileCheck %s
// RUN: genc run %s --backend=interp --input='3xf32=1000 3.14159274 -0.5' | FileCheck %s
// CHECK: 3xf32=0.826879561 -8.74227766e-08 -0.47942555
func.func @main(%x: tensor<3xf32>) -> tensor<3xf32> {
  %r = genc.sin %x : tensor<3xf32>
  return %r : tensor<3xf32>
}

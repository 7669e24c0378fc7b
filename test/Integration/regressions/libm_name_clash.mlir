// A user function named like a libm symbol does not capture libm calls.
// RUN: genc run %s --function=main --input='2xf64=2 -0.5' | FileCheck %s
// RUN: genc run %s --function=sin --input='2xf32=2 -0.5' | FileCheck %s --check-prefix=SIN
// CHECK: 2xf64=0.90929742682568171 -0.47942553860420301
// SIN: 2xf32=0.909297407 -0.47942555
func.func @sin(%x: tensor<2xf32>) -> tensor<2xf32> {
  %r = genc.sin %x : tensor<2xf32>
  return %r : tensor<2xf32>
}
func.func @main(%x: tensor<2xf64>) -> tensor<2xf64> {
  %r = genc.sin %x : tensor<2xf64>
  return %r : tensor<2xf64>
}

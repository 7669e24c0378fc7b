// genc.sqrt: correctly rounded; sqrt(-0) = -0, sqrt(-1) = NaN.
// RUN: genc run %s --backend=interp --input='7xf32=4 2 0.25 -0 inf 1e-10 -1' | FileCheck %s --match-full-lines
// RUN: genc run %s --backend=cpu --input='7xf32=4 2 0.25 -0 inf 1e-10 -1' | FileCheck %s --match-full-lines
// RUN: genc run %s --function=f64 --backend=interp --input='2xf64=2 9' | FileCheck %s --check-prefix=F64 --match-full-lines
// RUN: genc run %s --function=f64 --backend=cpu --input='2xf64=2 9' | FileCheck %s --check-prefix=F64 --match-full-lines

// CHECK: 7xf32=2 1.41421354 0.5 -0 inf 9.99999975e-06 {{-?}}nan
func.func @main(%x: tensor<7xf32>) -> tensor<7xf32> {
  %r = genc.sqrt %x : tensor<7xf32>
  return %r : tensor<7xf32>
}

// F64: 2xf64=1.4142135623730951 3
func.func @f64(%x: tensor<2xf64>) -> tensor<2xf64> {
  %r = genc.sqrt %x : tensor<2xf64>
  return %r : tensor<2xf64>
}

// genc.log: log(0) = -inf, log of a negative number is NaN (its sign bit
// is not specified, so it is not checked).
// RUN: genc run %s --backend=interp --input='6xf32=0.5 1 2 3 0 -0.5' | FileCheck %s --match-full-lines
// RUN: genc run %s --backend=cpu --input='6xf32=0.5 1 2 3 0 -0.5' | FileCheck %s --match-full-lines
// RUN: genc run %s --function=f64 --backend=interp --input='2xf64=10 0.25' | FileCheck %s --check-prefix=F64 --match-full-lines
// RUN: genc run %s --function=f64 --backend=cpu --input='2xf64=10 0.25' | FileCheck %s --check-prefix=F64 --match-full-lines

// CHECK: 6xf32=-0.693147182 0 0.693147182 1.09861231 -inf {{-?}}nan
func.func @main(%x: tensor<6xf32>) -> tensor<6xf32> {
  %r = genc.log %x : tensor<6xf32>
  return %r : tensor<6xf32>
}

// F64: 2xf64=2.3025850929940459 -1.3862943611198906
func.func @f64(%x: tensor<2xf64>) -> tensor<2xf64> {
  %r = genc.log %x : tensor<2xf64>
  return %r : tensor<2xf64>
}

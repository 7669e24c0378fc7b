// genc.pow: C pow semantics (x^0 = 1 even for NaN, 0^-1 = inf, a negative
// base with a non-integer exponent is NaN).
// RUN: genc run %s --backend=interp --input='7xf32=2 -2 4 0 nan 10 -8' --input='7xf32=10 3 0.5 -1 0 -2 0.5' | FileCheck %s --match-full-lines
// RUN: genc run %s --backend=cpu --input='7xf32=2 -2 4 0 nan 10 -8' --input='7xf32=10 3 0.5 -1 0 -2 0.5' | FileCheck %s --match-full-lines
// RUN: genc run %s --function=f64 --backend=interp --input='2xf64=2 9' --input='2xf64=0.5 1.5' | FileCheck %s --check-prefix=F64 --match-full-lines
// RUN: genc run %s --function=f64 --backend=cpu --input='2xf64=2 9' --input='2xf64=0.5 1.5' | FileCheck %s --check-prefix=F64 --match-full-lines

// CHECK: 7xf32=1024 -8 2 inf 1 0.00999999978 {{-?}}nan
func.func @main(%a: tensor<7xf32>, %b: tensor<7xf32>) -> tensor<7xf32> {
  %r = genc.pow %a, %b : tensor<7xf32>
  return %r : tensor<7xf32>
}

// F64: 2xf64=1.4142135623730951 27
func.func @f64(%a: tensor<2xf64>, %b: tensor<2xf64>) -> tensor<2xf64> {
  %r = genc.pow %a, %b : tensor<2xf64>
  return %r : tensor<2xf64>
}

// genc.exp on both backends; the CPU backend uses a polynomial for f32, so
// the inputs are ones where it is exact to all printed digits.
// RUN: genc run %s --backend=interp --input='6xf32=0.5 -0.5 0 2 -1.5 3' | FileCheck %s --match-full-lines
// RUN: genc run %s --backend=cpu --input='6xf32=0.5 -0.5 0 2 -1.5 3' | FileCheck %s --match-full-lines
// RUN: genc run %s --function=limits --backend=interp --input='4xf32=100 -inf inf 1' | FileCheck %s --check-prefix=LIMITS --match-full-lines
// RUN: genc run %s --function=limits --backend=cpu --input='4xf32=100 -inf inf 1' | FileCheck %s --check-prefix=LIMITS --match-full-lines
// RUN: genc run %s --function=f64 --backend=interp --input='3xf64=1 -1 0.5' | FileCheck %s --check-prefix=F64 --match-full-lines
// RUN: genc run %s --function=f64 --backend=cpu --input='3xf64=1 -1 0.5' | FileCheck %s --check-prefix=F64 --match-full-lines

// CHECK: 6xf32=1.64872122 0.606530666 1 7.38905621 0.223130167 20.085537
func.func @main(%x: tensor<6xf32>) -> tensor<6xf32> {
  %r = genc.exp %x : tensor<6xf32>
  return %r : tensor<6xf32>
}

// LIMITS: 4xf32=inf 0 inf 2.71828175
func.func @limits(%x: tensor<4xf32>) -> tensor<4xf32> {
  %r = genc.exp %x : tensor<4xf32>
  return %r : tensor<4xf32>
}

// F64: 3xf64=2.7182818284590451 0.36787944117144233 1.6487212707001282
func.func @f64(%x: tensor<3xf64>) -> tensor<3xf64> {
  %r = genc.exp %x : tensor<3xf64>
  return %r : tensor<3xf64>
}

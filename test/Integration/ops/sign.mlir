// genc.sign: -1, 0 or 1; -0.0 stays -0.0 and NaN stays NaN.
// RUN: genc run %s --backend=interp --input='6xf32=3.5 -0.25 0 -0 nan -inf' --input='5xi32=7 -7 0 2147483647 -2147483648' | FileCheck %s --match-full-lines
// RUN: genc run %s --backend=cpu --input='6xf32=3.5 -0.25 0 -0 nan -inf' --input='5xi32=7 -7 0 2147483647 -2147483648' | FileCheck %s --match-full-lines

// CHECK: 6xf32=1 -1 0 -0 nan -1
// CHECK-NEXT: 5xi32=1 -1 0 1 -1
func.func @main(%x: tensor<6xf32>, %i: tensor<5xi32>) -> (tensor<6xf32>, tensor<5xi32>) {
  %0 = genc.sign %x : tensor<6xf32>
  %1 = genc.sign %i : tensor<5xi32>
  return %0, %1 : tensor<6xf32>, tensor<5xi32>
}

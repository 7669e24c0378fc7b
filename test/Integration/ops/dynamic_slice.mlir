// genc.dynamic_slice: run-time starts clamped into [0, dim - size].
// RUN: genc run %s --backend=interp --input='4x4xf32=0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15' --input='i32=1' --input='i64=2' | FileCheck %s --check-prefix=INRANGE --match-full-lines
// RUN: genc run %s --backend=cpu --input='4x4xf32=0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15' --input='i32=1' --input='i64=2' | FileCheck %s --check-prefix=INRANGE --match-full-lines
// RUN: genc run %s --backend=interp --input='4x4xf32=0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15' --input='i32=3' --input='i64=-5' | FileCheck %s --check-prefix=CLAMPED --match-full-lines
// RUN: genc run %s --backend=cpu --input='4x4xf32=0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15' --input='i32=3' --input='i64=-5' | FileCheck %s --check-prefix=CLAMPED --match-full-lines
// RUN: genc run %s --backend=interp --input='4x4xf32=0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15' --input='i32=-2147483648' --input='i64=9223372036854775807' | FileCheck %s --check-prefix=EXTREME --match-full-lines
// RUN: genc run %s --backend=cpu --input='4x4xf32=0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15' --input='i32=-2147483648' --input='i64=9223372036854775807' | FileCheck %s --check-prefix=EXTREME --match-full-lines
// RUN: genc run %s --function=one_d --backend=interp --input='5xi8=0 1 2 3 4' --input='i32=4' | FileCheck %s --check-prefix=ONED --match-full-lines
// RUN: genc run %s --function=one_d --backend=cpu --input='5xi8=0 1 2 3 4' --input='i32=4' | FileCheck %s --check-prefix=ONED --match-full-lines

// x[a, b] = 4a + b; the 2x2 window starts at (clamp(i, 0, 2), clamp(j, 0, 2)).
// INRANGE: 2x2xf32=[6 7][10 11]
// CLAMPED: 2x2xf32=[8 9][12 13]
// EXTREME: 2x2xf32=[2 3][6 7]
func.func @main(%x: tensor<4x4xf32>, %i: tensor<i32>, %j: tensor<i64>) -> tensor<2x2xf32> {
  %r = genc.dynamic_slice %x, %i, %j sizes = [2, 2] : (tensor<4x4xf32>, tensor<i32>, tensor<i64>) -> tensor<2x2xf32>
  return %r : tensor<2x2xf32>
}

// ONED: 3xi8=2 3 4
func.func @one_d(%x: tensor<5xi8>, %i: tensor<i32>) -> tensor<3xi8> {
  %r = genc.dynamic_slice %x, %i sizes = [3] : (tensor<5xi8>, tensor<i32>) -> tensor<3xi8>
  return %r : tensor<3xi8>
}

// genc.scatter_add: repeated indices accumulate, out-of-range indices are
// dropped.
// RUN: genc run %s --backend=interp --input='5xf32=0 0 0 0 100' --input='6xi32=1 1 3 -1 5 1' --input='6xf32=1 2 3 4 5 6' | FileCheck %s --match-full-lines
// RUN: genc run %s --backend=cpu --input='5xf32=0 0 0 0 100' --input='6xi32=1 1 3 -1 5 1' --input='6xf32=1 2 3 4 5 6' | FileCheck %s --match-full-lines
// RUN: genc run %s --function=axis1 --backend=interp --input='2x4xi32=0' --input='3xi64=3 3 0' --input='2x3xi32=[1 2 3][4 5 6]' | FileCheck %s --check-prefix=AXIS1 --match-full-lines
// RUN: genc run %s --function=axis1 --backend=cpu --input='2x4xi32=0' --input='3xi64=3 3 0' --input='2x3xi32=[1 2 3][4 5 6]' | FileCheck %s --check-prefix=AXIS1 --match-full-lines
// RUN: genc run %s --function=rows --backend=interp --input='3x2xf32=[1 1][1 1][1 1]' --input='2x2xi32=[2 0][2 7]' --input='2x2x2xf32=[[1 2][3 4]][[5 6][7 8]]' | FileCheck %s --check-prefix=ROWS --match-full-lines
// RUN: genc run %s --function=rows --backend=cpu --input='3x2xf32=[1 1][1 1][1 1]' --input='2x2xi32=[2 0][2 7]' --input='2x2x2xf32=[[1 2][3 4]][[5 6][7 8]]' | FileCheck %s --check-prefix=ROWS --match-full-lines

// Index 1 gets 1 + 2 + 6, index 3 gets 3; -1 and 5 are out of range.
// CHECK: 5xf32=0 9 0 3 100
func.func @main(%a: tensor<5xf32>, %i: tensor<6xi32>, %u: tensor<6xf32>) -> tensor<5xf32> {
  %r = genc.scatter_add %a, %i, %u axis = 0 : (tensor<5xf32>, tensor<6xi32>, tensor<6xf32>) -> tensor<5xf32>
  return %r : tensor<5xf32>
}

// AXIS1: 2x4xi32=[3 0 0 3][6 0 0 9]
func.func @axis1(%a: tensor<2x4xi32>, %i: tensor<3xi64>, %u: tensor<2x3xi32>) -> tensor<2x4xi32> {
  %r = genc.scatter_add %a, %i, %u axis = 1 : (tensor<2x4xi32>, tensor<3xi64>, tensor<2x3xi32>) -> tensor<2x4xi32>
  return %r : tensor<2x4xi32>
}

// 2-d indices [[2 0] [2 7]] scatter whole rows: row 2 gets [1 2] + [5 6],
// row 0 gets [3 4], the row for index 7 is dropped.
// ROWS: 3x2xf32=[4 5][1 1][7 9]
func.func @rows(%a: tensor<3x2xf32>, %i: tensor<2x2xi32>, %u: tensor<2x2x2xf32>) -> tensor<3x2xf32> {
  %r = genc.scatter_add %a, %i, %u axis = 0 : (tensor<3x2xf32>, tensor<2x2xi32>, tensor<2x2x2xf32>) -> tensor<3x2xf32>
  return %r : tensor<3x2xf32>
}

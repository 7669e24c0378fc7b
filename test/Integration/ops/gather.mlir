// genc.gather (jnp.take): out-of-range indices are clamped into range.
// RUN: genc run %s --backend=interp --input='4x3xf32=0 1 2 3 4 5 6 7 8 9 10 11' --input='5xi32=2 0 -1 7 3' | FileCheck %s --match-full-lines
// RUN: genc run %s --backend=cpu --input='4x3xf32=0 1 2 3 4 5 6 7 8 9 10 11' --input='5xi32=2 0 -1 7 3' | FileCheck %s --match-full-lines
// RUN: genc run %s --function=axis1 --backend=interp --input='2x4xi32=0 1 2 3 4 5 6 7' --input='2x2xi64=3 0 1 9' | FileCheck %s --check-prefix=AXIS1 --match-full-lines
// RUN: genc run %s --function=axis1 --backend=cpu --input='2x4xi32=0 1 2 3 4 5 6 7' --input='2x2xi64=3 0 1 9' | FileCheck %s --check-prefix=AXIS1 --match-full-lines
// RUN: genc run %s --function=scalar_index --backend=interp --input='4x3xf32=0 1 2 3 4 5 6 7 8 9 10 11' --input='i32=2' | FileCheck %s --check-prefix=SCALAR --match-full-lines
// RUN: genc run %s --function=scalar_index --backend=cpu --input='4x3xf32=0 1 2 3 4 5 6 7 8 9 10 11' --input='i32=2' | FileCheck %s --check-prefix=SCALAR --match-full-lines

// Rows 2, 0, clamp(-1) = 0, clamp(7) = 3, 3.
// CHECK: 5x3xf32=[6 7 8][0 1 2][0 1 2][9 10 11][9 10 11]
func.func @main(%t: tensor<4x3xf32>, %i: tensor<5xi32>) -> tensor<5x3xf32> {
  %r = genc.gather %t, %i axis = 0 : (tensor<4x3xf32>, tensor<5xi32>) -> tensor<5x3xf32>
  return %r : tensor<5x3xf32>
}

// result[a, i, j] = t[a, clamp(idx[i, j])], idx = [[3 0] [1 9 -> 3]].
// AXIS1: 2x2x2xi32={{\[\[}}3 0][1 3]]{{\[\[}}7 4][5 7]]
func.func @axis1(%t: tensor<2x4xi32>, %i: tensor<2x2xi64>) -> tensor<2x2x2xi32> {
  %r = genc.gather %t, %i axis = 1 : (tensor<2x4xi32>, tensor<2x2xi64>) -> tensor<2x2x2xi32>
  return %r : tensor<2x2x2xi32>
}

// SCALAR: 3xf32=6 7 8
func.func @scalar_index(%t: tensor<4x3xf32>, %i: tensor<i32>) -> tensor<3xf32> {
  %r = genc.gather %t, %i axis = 0 : (tensor<4x3xf32>, tensor<i32>) -> tensor<3xf32>
  return %r : tensor<3xf32>
}

// genc.reverse flips the listed dimensions.
// RUN: genc run %s --backend=interp --input='4x3xi32=0 1 2 3 4 5 6 7 8 9 10 11' --input='5xf32=1 2 3 4 5' | FileCheck %s --match-full-lines
// RUN: genc run %s --backend=cpu --input='4x3xi32=0 1 2 3 4 5 6 7 8 9 10 11' --input='5xf32=1 2 3 4 5' | FileCheck %s --match-full-lines

// CHECK: 4x3xi32=[9 10 11][6 7 8][3 4 5][0 1 2]
// CHECK-NEXT: 4x3xi32=[2 1 0][5 4 3][8 7 6][11 10 9]
// CHECK-NEXT: 4x3xi32=[11 10 9][8 7 6][5 4 3][2 1 0]
// CHECK-NEXT: 5xf32=5 4 3 2 1
func.func @main(%x: tensor<4x3xi32>, %v: tensor<5xf32>) -> (tensor<4x3xi32>, tensor<4x3xi32>, tensor<4x3xi32>, tensor<5xf32>) {
  %0 = genc.reverse %x, dims = [0] : tensor<4x3xi32>
  %1 = genc.reverse %x, dims = [1] : tensor<4x3xi32>
  %2 = genc.reverse %x, dims = [1, 0] : tensor<4x3xi32>
  %3 = genc.reverse %v, dims = [0] : tensor<5xf32>
  return %0, %1, %2, %3 : tensor<4x3xi32>, tensor<4x3xi32>, tensor<4x3xi32>, tensor<5xf32>
}

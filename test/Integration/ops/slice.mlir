// genc.slice: elements start + k * stride below limit, per dimension.
// RUN: genc run %s --backend=interp --input='4x5xi32=0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19' --input='7xf32=0 1 2 3 4 5 6' | FileCheck %s --match-full-lines
// RUN: genc run %s --backend=cpu --input='4x5xi32=0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19' --input='7xf32=0 1 2 3 4 5 6' | FileCheck %s --match-full-lines

// x[a, b] = 5a + b.
// CHECK: 2x2xi32=[6 7][11 12]
// CHECK-NEXT: 2x2xi32=[1 4][11 14]
// CHECK-NEXT: 3xf32=1 3 5
// CHECK-NEXT: 1xf32=6
// CHECK-NEXT: 0xf32=
func.func @main(%x: tensor<4x5xi32>, %v: tensor<7xf32>) -> (tensor<2x2xi32>, tensor<2x2xi32>, tensor<3xf32>, tensor<1xf32>, tensor<0xf32>) {
  %0 = genc.slice %x start = [1, 1] limit = [3, 3] strides = [1, 1] : (tensor<4x5xi32>) -> tensor<2x2xi32>
  %1 = genc.slice %x start = [0, 1] limit = [4, 5] strides = [2, 3] : (tensor<4x5xi32>) -> tensor<2x2xi32>
  %2 = genc.slice %v start = [1] limit = [7] strides = [2] : (tensor<7xf32>) -> tensor<3xf32>
  %3 = genc.slice %v start = [6] limit = [7] strides = [5] : (tensor<7xf32>) -> tensor<1xf32>
  %4 = genc.slice %v start = [3] limit = [3] strides = [1] : (tensor<7xf32>) -> tensor<0xf32>
  return %0, %1, %2, %3, %4 : tensor<2x2xi32>, tensor<2x2xi32>, tensor<3xf32>, tensor<1xf32>, tensor<0xf32>
}

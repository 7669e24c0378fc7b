// genc.broadcast_in_dim: operand dimension i goes to result dimension
// dims[i]; size-1 and new dimensions repeat the operand.
// RUN: genc run %s --backend=interp --input='3xf32=1 2 3' --input='2xi32=7 8' --input='f32=2.5' | FileCheck %s --match-full-lines
// RUN: genc run %s --backend=cpu --input='3xf32=1 2 3' --input='2xi32=7 8' --input='f32=2.5' | FileCheck %s --match-full-lines
// RUN: genc run %s --function=size_one --backend=interp --input='1x3xi8=1 2 3' | FileCheck %s --check-prefix=ONE --match-full-lines
// RUN: genc run %s --function=size_one --backend=cpu --input='1x3xi8=1 2 3' | FileCheck %s --check-prefix=ONE --match-full-lines
// RUN: genc run %s --function=permuted --backend=interp --input='2x3xf32=[1 2 3][4 5 6]' | FileCheck %s --check-prefix=PERM --match-full-lines
// RUN: genc run %s --function=permuted --backend=cpu --input='2x3xf32=[1 2 3][4 5 6]' | FileCheck %s --check-prefix=PERM --match-full-lines

// CHECK: 2x3xf32=[1 2 3][1 2 3]
// CHECK-NEXT: 2x3xi32=[7 7 7][8 8 8]
// CHECK-NEXT: 2x2xf32=[2.5 2.5][2.5 2.5]
func.func @main(%row: tensor<3xf32>, %col: tensor<2xi32>, %s: tensor<f32>) -> (tensor<2x3xf32>, tensor<2x3xi32>, tensor<2x2xf32>) {
  %0 = genc.broadcast_in_dim %row, dims = [1] : (tensor<3xf32>) -> tensor<2x3xf32>
  %1 = genc.broadcast_in_dim %col, dims = [0] : (tensor<2xi32>) -> tensor<2x3xi32>
  %2 = genc.broadcast_in_dim %s, dims = [] : (tensor<f32>) -> tensor<2x2xf32>
  return %0, %1, %2 : tensor<2x3xf32>, tensor<2x3xi32>, tensor<2x2xf32>
}

// The size-1 dimension 0 maps to result dimension 1 (size 2), and result
// dimension 0 is new.
// ONE: 2x2x3xi8={{\[\[}}1 2 3][1 2 3]]{{\[\[}}1 2 3][1 2 3]]
func.func @size_one(%x: tensor<1x3xi8>) -> tensor<2x2x3xi8> {
  %r = genc.broadcast_in_dim %x, dims = [1, 2] : (tensor<1x3xi8>) -> tensor<2x2x3xi8>
  return %r : tensor<2x2x3xi8>
}

// dims = [1, 0] maps operand dimension 0 to result dimension 1: a transpose.
// PERM: 3x2xf32=[1 4][2 5][3 6]
func.func @permuted(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  %r = genc.broadcast_in_dim %x, dims = [1, 0] : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %r : tensor<3x2xf32>
}

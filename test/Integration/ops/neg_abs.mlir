// genc.neg and genc.abs on floats and integers (two's complement: the most
// negative integer is its own negation and absolute value).
// RUN: genc run %s --backend=interp --input='5xf32=0.5 -2 0 -0 inf' --input='5xi8=1 -1 0 127 -128' | FileCheck %s --match-full-lines
// RUN: genc run %s --backend=cpu --input='5xf32=0.5 -2 0 -0 inf' --input='5xi8=1 -1 0 127 -128' | FileCheck %s --match-full-lines

// CHECK: 5xf32=-0.5 2 -0 0 -inf
// CHECK-NEXT: 5xf32=0.5 2 0 0 inf
// CHECK-NEXT: 5xi8=-1 1 0 -127 -128
// CHECK-NEXT: 5xi8=1 1 0 127 -128
func.func @main(%x: tensor<5xf32>, %i: tensor<5xi8>) -> (tensor<5xf32>, tensor<5xf32>, tensor<5xi8>, tensor<5xi8>) {
  %0 = genc.neg %x : tensor<5xf32>
  %1 = genc.abs %x : tensor<5xf32>
  %2 = genc.neg %i : tensor<5xi8>
  %3 = genc.abs %i : tensor<5xi8>
  return %0, %1, %2, %3 : tensor<5xf32>, tensor<5xf32>, tensor<5xi8>, tensor<5xi8>
}

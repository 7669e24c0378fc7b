// genc.clamp = min(max(operand, min), max): a NaN bound gives NaN, and
// min > max gives max.
// RUN: genc run %s --backend=interp --input='5xf32=0 0 0 nan 2' --input='5xf32=-1 0.5 7 1 1' --input='5xf32=5 5 5 5 0' | FileCheck %s --match-full-lines
// RUN: genc run %s --backend=cpu --input='5xf32=0 0 0 nan 2' --input='5xf32=-1 0.5 7 1 1' --input='5xf32=5 5 5 5 0' | FileCheck %s --match-full-lines
// RUN: genc run %s --function=ints --backend=interp --input='5xi8=-128 -5 0 100 127' | FileCheck %s --check-prefix=INT --match-full-lines
// RUN: genc run %s --function=ints --backend=cpu --input='5xi8=-128 -5 0 100 127' | FileCheck %s --check-prefix=INT --match-full-lines

// CHECK: 5xf32=0 0.5 5 nan 0
func.func @main(%lo: tensor<5xf32>, %x: tensor<5xf32>, %hi: tensor<5xf32>) -> tensor<5xf32> {
  %r = genc.clamp %lo, %x, %hi : tensor<5xf32>
  return %r : tensor<5xf32>
}

// Scalar bounds broadcast explicitly: clamp into [-10, 10].
// INT: 5xi8=-10 -5 0 10 10
func.func @ints(%x: tensor<5xi8>) -> tensor<5xi8> {
  %lo0 = genc.constant dense<-10> : tensor<i8>
  %hi0 = genc.constant dense<10> : tensor<i8>
  %lo = genc.broadcast_in_dim %lo0, dims = [] : (tensor<i8>) -> tensor<5xi8>
  %hi = genc.broadcast_in_dim %hi0, dims = [] : (tensor<i8>) -> tensor<5xi8>
  %r = genc.clamp %lo, %x, %hi : tensor<5xi8>
  return %r : tensor<5xi8>
}

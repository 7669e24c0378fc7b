// genc.rsqrt: 1 / sqrt(x); rsqrt(0) = inf, rsqrt(inf) = 0.
// RUN: genc run %s --backend=interp --input='6xf32=4 0.25 2 0 inf 100' | FileCheck %s --match-full-lines
// RUN: genc run %s --backend=cpu --input='6xf32=4 0.25 2 0 inf 100' | FileCheck %s --match-full-lines

// CHECK: 6xf32=0.5 2 0.707106769 inf 0 0.100000001
func.func @main(%x: tensor<6xf32>) -> tensor<6xf32> {
  %r = genc.rsqrt %x : tensor<6xf32>
  return %r : tensor<6xf32>
}

// genc.floor rounds toward -inf; -0.5 floors to -1, -0 stays -0.
// RUN: genc run %s --backend=interp --input='8xf32=0.5 -0.5 2 -1.5 2.999 -0 inf 1e10' | FileCheck %s --match-full-lines
// RUN: genc run %s --backend=cpu --input='8xf32=0.5 -0.5 2 -1.5 2.999 -0 inf 1e10' | FileCheck %s --match-full-lines

// CHECK: 8xf32=0 -1 2 -2 2 -0 inf 1e+10
func.func @main(%x: tensor<8xf32>) -> tensor<8xf32> {
  %r = genc.floor %x : tensor<8xf32>
  return %r : tensor<8xf32>
}

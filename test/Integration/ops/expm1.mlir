// genc.expm1: e^x - 1, exact for tiny x.
// RUN: genc run %s --backend=interp --input='7xf32=0.5 -0.5 0 2 -1.5 1e-10 -inf' | FileCheck %s --match-full-lines
// RUN: genc run %s --backend=cpu --input='7xf32=0.5 -0.5 0 2 -1.5 1e-10 -inf' | FileCheck %s --match-full-lines

// CHECK: 7xf32=0.648721278 -0.393469334 0 6.38905621 -0.776869833 1.00000001e-10 -1
func.func @main(%x: tensor<7xf32>) -> tensor<7xf32> {
  %r = genc.expm1 %x : tensor<7xf32>
  return %r : tensor<7xf32>
}

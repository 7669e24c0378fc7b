// genc.log1p: ln(1 + x), exact for tiny x; log1p(-1) = -inf.
// RUN: genc run %s --backend=interp --input='5xf32=0 -0.5 2 1e-10 -1' | FileCheck %s --match-full-lines
// RUN: genc run %s --backend=cpu --input='5xf32=0 -0.5 2 1e-10 -1' | FileCheck %s --match-full-lines

// CHECK: 5xf32=0 -0.693147182 1.09861231 1.00000001e-10 -inf
func.func @main(%x: tensor<5xf32>) -> tensor<5xf32> {
  %r = genc.log1p %x : tensor<5xf32>
  return %r : tensor<5xf32>
}

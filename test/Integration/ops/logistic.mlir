// genc.logistic: 1 / (1 + e^-x).
// RUN: genc run %s --backend=interp --input='7xf32=0.5 -0.5 0 -1.5 3 inf -inf' | FileCheck %s --match-full-lines
// RUN: genc run %s --backend=cpu --input='7xf32=0.5 -0.5 0 -1.5 3 inf -inf' | FileCheck %s --match-full-lines

// CHECK: 7xf32=0.622459352 0.377540678 0.5 0.182425529 0.952574134 1 0
func.func @main(%x: tensor<7xf32>) -> tensor<7xf32> {
  %r = genc.logistic %x : tensor<7xf32>
  return %r : tensor<7xf32>
}

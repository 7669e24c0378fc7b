// Matmuls large enough for a CBLAS call on the CPU backend (2*M*N*K >=
// 4096 flops), with and without BLAS, against the interpreter.
// RUN: genc run %s --backend=interp --input='2x1024xf32=1' --input='1024x3xf32=0.5' | FileCheck %s --match-full-lines
// RUN: genc run %s --backend=cpu --input='2x1024xf32=1' --input='1024x3xf32=0.5' | FileCheck %s --match-full-lines
// RUN: genc run %s --backend=cpu --no-blas --input='2x1024xf32=1' --input='1024x3xf32=0.5' | FileCheck %s --match-full-lines
// RUN: genc run %s --function=batched --backend=interp --input='2x2x512xf64=0.25' --input='2x512x2xf64=2' | FileCheck %s --check-prefix=BATCH --match-full-lines
// RUN: genc run %s --function=batched --backend=cpu --input='2x2x512xf64=0.25' --input='2x512x2xf64=2' | FileCheck %s --check-prefix=BATCH --match-full-lines

// CHECK: 2x3xf32=[512 512 512][512 512 512]
func.func @main(%a: tensor<2x1024xf32>, %b: tensor<1024x3xf32>) -> tensor<2x3xf32> {
  %r = genc.dot_general %a, %b, batch = [] x [], contract = [1] x [0] : (tensor<2x1024xf32>, tensor<1024x3xf32>) -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// BATCH: 2x2x2xf64={{\[\[}}256 256][256 256]]{{\[\[}}256 256][256 256]]
func.func @batched(%a: tensor<2x2x512xf64>, %b: tensor<2x512x2xf64>) -> tensor<2x2x2xf64> {
  %r = genc.dot_general %a, %b, batch = [0] x [0], contract = [2] x [1] : (tensor<2x2x512xf64>, tensor<2x512x2xf64>) -> tensor<2x2x2xf64>
  return %r : tensor<2x2x2xf64>
}

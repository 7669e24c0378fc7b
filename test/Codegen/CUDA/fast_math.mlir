// REQUIRES: ptxas
// CUDA's fast-math policy (--fast-math; genc-cuda-pipeline fast-math=1):
// kernels flush f32 denormals (the .ftz instruction forms, genc-cuda-fast-math)
// and f32 matrix products may use TF32 tensor cores (dtype 4 of
// genc_rt_cuda_gemm). By default neither: results as the CPU's.
// RUN: genc compile %s --target=cuda --fast-math --emit=ptx | FileCheck %s --check-prefix=FAST
// RUN: genc compile %s --target=cuda --emit=ptx | FileCheck %s --check-prefix=EXACT
// RUN: genc-opt %s --genc-cuda-pipeline="compile-to=gpu fast-math=1" | FileCheck %s --check-prefix=TF32
// RUN: genc-opt %s --genc-cuda-pipeline="compile-to=gpu" | FileCheck %s --check-prefix=F32
// RUN: not genc compile %s --fast-math -o %t.so 2>&1 | FileCheck %s --check-prefix=CPU
// FAST: div.rn.ftz.f32
// FAST: add.rn.ftz.f32
// EXACT-NOT: div.rn.ftz.f32
// EXACT: div.rn.f32
// EXACT-NOT: add.rn.ftz.f32
// TF32: call @genc_rt_cuda_gemm(%c4_i32,
// F32: call @genc_rt_cuda_gemm(%c0_i32,
// CPU: genc compile: error: --fast-math is CUDA's fast-math policy: it needs --target=cuda
func.func @main(%a: tensor<64x32xf32>, %b: tensor<32x16xf32>, %x: tensor<256xf32>, %y: tensor<256xf32>) -> (tensor<64x16xf32>, tensor<256xf32>) {
  %c = genc.dot_general %a, %b, batch = [] x [], contract = [1] x [0] : (tensor<64x32xf32>, tensor<32x16xf32>) -> tensor<64x16xf32>
  %q = genc.div %x, %y : tensor<256xf32>
  %s = genc.sqrt %q : tensor<256xf32>
  %t = genc.tanh %s : tensor<256xf32>
  return %c, %t : tensor<64x16xf32>, tensor<256xf32>
}

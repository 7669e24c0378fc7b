// genc-cuda-pipeline: parallel loop nests become kernels in ONE gpu.module
// (genc-cuda-merge-kernels), split into blocks of up to 256 threads whose
// sizes divide the trip counts (genc-cuda-tile-parallel-loops); the
// contraction and the reduction loop per thread; tanh comes from libdevice.
// RUN: genc-opt %s --genc-cuda-pipeline=compile-to=gpu | FileCheck %s --check-prefix=GPU
// RUN: genc compile %s --target=cuda --emit=ptx -o %t.ptx
// RUN: FileCheck %s --check-prefix=PTX < %t.ptx

// GPU: gpu.launch_func @main_kernel::@main_kernel blocks in (%{{.*}}) threads in (%{{.*}})
// GPU: gpu.launch_func @main_kernel::@main_kernel_0
// GPU: gpu.module @main_kernel
// GPU-NOT: gpu.module
// GPU: gpu.func @main_kernel(
// GPU-SAME: kernel
// GPU: gpu.func @main_kernel_0(

// PTX: .version 8.0
// PTX: .target sm_90a
// PTX: .visible .entry main_kernel(
// PTX: .visible .entry main_kernel_0(
// PTX-NOT: __nv_tanhf
func.func @main(%x: tensor<64x32xf32>, %w: tensor<32x48xf32>) -> (tensor<64x48xf32>, tensor<48xf32>) {
  %y = genc.dot_general %x, %w, batch = [] x [], contract = [1] x [0] : (tensor<64x32xf32>, tensor<32x48xf32>) -> tensor<64x48xf32>
  %t = genc.tanh %y : tensor<64x48xf32>
  %zero = genc.constant dense<0.0> : tensor<f32>
  %s = genc.reduce %t, %zero dims = [0] : (tensor<64x48xf32>, tensor<f32>) -> tensor<48xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %c = genc.add %a, %b : tensor<f32>
    genc.return %c : tensor<f32>
  }
  return %t, %s : tensor<64x48xf32>, tensor<48xf32>
}

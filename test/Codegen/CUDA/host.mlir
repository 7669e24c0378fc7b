// REQUIRES: ptxas
// The CUDA artifact (genc-cuda-pipeline=compile-to=host): the kernels
// embedded as genc's container (cubin from ptxas + the PTX,
// genc-cuda-embed-kernels), the host code's temporaries allocated in
// device memory and freed in stream order (genc-cuda-host-memory;
// host_memory.mlir has its other rewrites), launches and allocations as
// the runtime's mgpu* calls, and the artifact ABI with metadata
// `target cuda`.
// RUN: genc-opt %s --genc-cuda-pipeline=compile-to=host | FileCheck %s
// RUN: genc-opt %s --genc-cuda-pipeline=compile-to=ptx --genc-cuda-embed-kernels --genc-cuda-host-memory | FileCheck %s --check-prefix=PASSES

// CHECK: module attributes {genc.target = "cuda", gpu.container_module}
// CHECK: llvm.func internal @genc_fn_main(
// The temporary (the dot product before tanh) is device memory (not
// host-shared: i8 0).
// CHECK: %[[NO:.*]] = llvm.mlir.constant(0 : i8) : i8
// CHECK: %[[TMP:.*]] = llvm.call @mgpuMemAlloc(%{{.*}}, %{{.*}}, %[[NO]]) : (i64, !llvm.ptr, i8) -> !llvm.ptr
// CHECK: gpu.launch_func @main_kernel::@main_kernel
// CHECK: %[[S:.*]] = llvm.call @mgpuStreamCreate()
// CHECK: llvm.call @mgpuMemFree(%[[TMP]], %[[S]])
// CHECK: llvm.call @mgpuStreamSynchronize(%[[S]])
// CHECK: gpu.binary @main_kernel [#gpu.object<#nvvm.target<{{.*}}chip = "sm_90a"{{.*}}>, properties = {O = 3 : i32}, bin = "GENC-CUDA-FAT1\00\00{{.*}}\7FELF
// CHECK-SAME: .target sm_90a
// CHECK: llvm.func @genc_invoke_main(%arg0: !llvm.ptr)
// CHECK: llvm.mlir.global internal constant @__genc_metadata("genc-artifact 3\0Afunc main\0Atarget cuda\0Ainput 64x32xf32\0Ainput 32x48xf32\0Aoutput 64x48xf32\0Aoutput 48xf32\0Aend\0A\00")

// PASSES: module attributes {{.*}}genc.target = "cuda", gpu.container_module}
// PASSES: %[[S0:.*]] = gpu.wait async
// PASSES: %[[M:.*]], %[[A:.*]] = gpu.alloc async [%[[S0]]] () : memref<64x48xf32>
// PASSES: gpu.wait [%[[A]]]
// PASSES-NOT: memref.alloc
// PASSES: %[[T0:.*]] = gpu.wait async
// PASSES: %[[T1:.*]] = gpu.dealloc async [%[[T0]]] %[[M]] : memref<64x48xf32>
// PASSES: gpu.wait [%[[T1]]]
// PASSES-NOT: memref.dealloc
// PASSES: gpu.binary @main_kernel [#gpu.object<{{.*}}bin = "GENC-CUDA-FAT1
func.func @main(%x: tensor<64x32xf32>, %w: tensor<32x48xf32>) -> (tensor<64x48xf32>, tensor<48xf32>) {
  %y = genc.dot_general %x, %w, batch = [] x [], contract = [1] x [0] : (tensor<64x32xf32>, tensor<32x48xf32>) -> tensor<64x48xf32>
  %t = genc.tanh %y : tensor<64x48xf32>
  %zero = genc.constant dense<0.0> : tensor<f32>
  %s = genc.reduce %y, %zero dims = [0] : (tensor<64x48xf32>, tensor<f32>) -> tensor<48xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %c = genc.add %a, %b : tensor<f32>
    genc.return %c : tensor<f32>
  }
  return %t, %s : tensor<64x48xf32>, tensor<48xf32>
}

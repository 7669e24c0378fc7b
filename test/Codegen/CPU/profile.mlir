// RUN: genc-opt %s --genc-cpu-profile | FileCheck %s
// RUN: genc-opt %S/../../Integration/numpy/Inputs/mlp.mlir --genc-cpu-pipeline="compile-to=bufferized profile=true" | FileCheck %s --check-prefix=PIPELINE

// Every kernel — a structured linalg op, a copy, an external library call —
// is bracketed by genc_rt_profile_enter/exit with its own label; the
// runtime's own functions and the payload of linalg ops are not.
// CHECK-DAG: memref.global "private" constant @__genc_kernel{{.*}} : memref<{{[0-9]+}}xi8>
// CHECK-DAG: func.func private @genc_rt_profile_enter(!llvm.ptr)
// CHECK-DAG: func.func private @genc_rt_profile_exit(!llvm.ptr)
// CHECK-LABEL: func.func @kernels
// CHECK: %[[L1:.*]] = llvm.inttoptr
// CHECK-NEXT: call @genc_rt_profile_enter(%[[L1]])
// CHECK-NEXT: linalg.generic
// CHECK-NOT: genc_rt_profile
// CHECK: linalg.yield
// CHECK: call @genc_rt_profile_exit(%[[L1]])
// CHECK: %[[L2:.*]] = llvm.inttoptr
// CHECK-NEXT: call @genc_rt_profile_enter(%[[L2]])
// CHECK-NEXT: memref.copy
// CHECK-NEXT: call @genc_rt_profile_exit(%[[L2]])
// CHECK: %[[L3:.*]] = llvm.inttoptr
// CHECK-NEXT: call @genc_rt_profile_enter(%[[L3]])
// CHECK-NEXT: call @external_kernel
// CHECK-NEXT: call @genc_rt_profile_exit(%[[L3]])
// CHECK-NEXT: call @genc_rt_device_index
// CHECK-NEXT: return
func.func private @external_kernel(memref<4xf32>)
func.func private @genc_rt_device_index() -> i32
#id = affine_map<(d0) -> (d0)>
func.func @kernels(%a: memref<4xf32>, %b: memref<4xf32>) -> i32 {
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%a : memref<4xf32>) outs(%b : memref<4xf32>) {
  ^bb0(%x: f32, %y: f32):
    %s = arith.addf %x, %x : f32
    linalg.yield %s : f32
  }
  memref.copy %b, %a : memref<4xf32> to memref<4xf32>
  call @external_kernel(%a) : (memref<4xf32>) -> ()
  %d = call @genc_rt_device_index() : () -> i32
  return %d : i32
}

// The CPU pipeline runs it with profile=true, on buffers: the matmul's
// CBLAS call and the fused bias + tanh loop nest.
// PIPELINE: call @genc_rt_profile_enter
// PIPELINE-NEXT: call @cblas_sgemm
// PIPELINE-NEXT: call @genc_rt_profile_exit
// PIPELINE: call @genc_rt_profile_enter
// PIPELINE-NEXT: linalg.generic
// PIPELINE: call @genc_rt_profile_exit

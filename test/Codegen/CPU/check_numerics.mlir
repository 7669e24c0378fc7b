// RUN: genc-opt %s --genc-cpu-check-numerics | FileCheck %s
// RUN: genc-opt %S/../../Integration/numpy/Inputs/mlp.mlir --genc-cpu-pipeline="compile-to=bufferized check-numerics=true" | FileCheck %s --check-prefix=PIPELINE

// After every kernel that writes a contiguous float buffer — a structured
// op, a copy — genc_rt_check_numerics(label, data + offset, count, dtype);
// not after fills (constants on purpose), integer outputs, external calls
// (outputs unknown) or the runtime's own calls.
// CHECK-DAG: func.func private @genc_rt_check_numerics(!llvm.ptr, !llvm.ptr, i64, i32)
// CHECK-LABEL: func.func @kernels
// CHECK: linalg.fill
// CHECK-NOT: genc_rt_check_numerics
// CHECK: linalg.generic
// CHECK: linalg.yield
// CHECK: }
// CHECK-NEXT: %[[LABEL:.*]] = memref.get_global @__genc_kernel
// CHECK: memref.extract_aligned_pointer_as_index %[[B:[a-z0-9]+]] : memref<4xf32>
// CHECK: memref.extract_strided_metadata %[[B]]
// CHECK: %[[COUNT:.*]] = arith.constant 4 : i64
// CHECK: %[[F32:.*]] = arith.constant 0 : i32
// CHECK: call @genc_rt_check_numerics(%{{.*}}, %{{.*}}, %[[COUNT]], %[[F32]])
// CHECK: memref.copy %{{.*}}, %[[D:[a-z0-9]+]] : memref<2xf64> to memref<2xf64>
// CHECK: memref.extract_aligned_pointer_as_index %[[D]]
// CHECK: %[[F64:.*]] = arith.constant 1 : i32
// CHECK: call @genc_rt_check_numerics(%{{.*}}, %{{.*}}, %{{.*}}, %[[F64]])
// CHECK: memref.copy %{{.*}} : memref<2xi32> to memref<2xi32>
// CHECK-NEXT: call @external_kernel
// CHECK-NEXT: return
func.func private @external_kernel(memref<4xf32>)
#id = affine_map<(d0) -> (d0)>
func.func @kernels(%a: memref<4xf32>, %b: memref<4xf32>, %c: memref<2xf64>,
                   %d: memref<2xf64>, %i: memref<2xi32>, %j: memref<2xi32>) {
  %ninf = arith.constant 0xFF800000 : f32
  linalg.fill ins(%ninf : f32) outs(%b : memref<4xf32>)
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%a : memref<4xf32>) outs(%b : memref<4xf32>) {
  ^bb0(%x: f32, %y: f32):
    %s = arith.maximumf %x, %y : f32
    linalg.yield %s : f32
  }
  memref.copy %c, %d : memref<2xf64> to memref<2xf64>
  memref.copy %i, %j : memref<2xi32> to memref<2xi32>
  call @external_kernel(%a) : (memref<4xf32>) -> ()
  return
}

// In the CPU pipeline: the matmul (a CBLAS call after this pass) and the
// fused bias + tanh are both checked.
// PIPELINE: call @cblas_sgemm
// PIPELINE-NEXT: memref.get_global @__genc_kernel
// PIPELINE: call @genc_rt_check_numerics
// PIPELINE: linalg.generic
// PIPELINE: call @genc_rt_check_numerics

// genc-cuda-host-memory on host code that touches buffers itself: the
// rank-0 loop counter and condition of a genc.while (loads and stores go
// through a host temporary and genc_rt_cuda_copy), a constant (uploaded
// from its host global into a device buffer, freed at the return) and a
// whole-buffer copy (one device copy). No memref.load/store of a device
// buffer is left in host code.
// RUN: genc-opt %s --genc-cuda-pipeline=compile-to=gpu --genc-cuda-host-memory | FileCheck %s

// CHECK: func.func private @genc_rt_cuda_copy(i64, i64, i64)
// CHECK-LABEL: func.func @main
// Host temporaries at the top (none inside the loop).
// CHECK-COUNT-4: memref.alloca() : memref<i{{1|32}}>
// The constant 0 (the counter's start): uploaded first.
// CHECK: %[[G:.*]] = memref.get_global @__constant_xi32 : memref<i32>
// CHECK: %[[D:.*]], %{{.*}} = gpu.alloc async [%{{.*}}] () : memref<i32>
// CHECK: %[[DP:.*]] = memref.extract_aligned_pointer_as_index %[[D]]
// CHECK: %[[GP:.*]] = memref.extract_aligned_pointer_as_index %[[G]]
// CHECK: call @genc_rt_cuda_copy(%{{.*}}, %{{.*}}, %c4_i64) : (i64, i64, i64) -> ()
// The loop condition reads the counter and the bound into host temporaries.
// CHECK: scf.while
// CHECK-NOT: memref.alloca
// CHECK: call @genc_rt_cuda_copy
// CHECK: memref.load %alloca{{.*}}[] : memref<i32>
// The counter's increment is written back through a temporary.
// CHECK: } do {
// CHECK: memref.store %{{.*}}, %alloca{{.*}}[] : memref<i32>
// CHECK: call @genc_rt_cuda_copy
// CHECK: gpu.launch_func @main_kernel::@main_kernel
// The result copies, then the constant's device copy is freed.
// CHECK: call @genc_rt_cuda_copy(%{{.*}}, %{{.*}}, %c4000_i64{{.*}})
// CHECK: gpu.dealloc async [%{{.*}}] %[[D]] : memref<i32>
// CHECK: return
func.func @main(%a: tensor<1000xf32>, %n: tensor<i32>) -> tensor<1000xf32> {
  %i0 = genc.constant dense<0> : tensor<i32>
  %r:2 = genc.while (%i = %i0, %v = %a) : tensor<i32>, tensor<1000xf32> cond {
    %lt = genc.compare LT, %i, %n : (tensor<i32>, tensor<i32>) -> tensor<i1>
    genc.return %lt : tensor<i1>
  } do {
  ^bb0(%j: tensor<i32>, %u: tensor<1000xf32>):
    %one = genc.constant dense<1> : tensor<i32>
    %i2 = genc.add %j, %one : tensor<i32>
    %v2 = genc.exp %u : tensor<1000xf32>
    genc.return %i2, %v2 : tensor<i32>, tensor<1000xf32>
  }
  return %r#1 : tensor<1000xf32>
}

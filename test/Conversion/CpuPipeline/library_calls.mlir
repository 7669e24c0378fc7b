// RUN: genc-opt %s --genc-cpu-library-calls | FileCheck %s
// RUN: genc-opt %s --genc-cpu-library-calls=min-flops=1 | FileCheck %s --check-prefix=SMALL

// CHECK-DAG: func.func private @cblas_sgemm(i32, i32, i32, i32, i32, i32, f32, !llvm.ptr, i32, !llvm.ptr, i32, f32, !llvm.ptr, i32)
// CHECK-DAG: func.func private @cblas_dgemm(i32, i32, i32, i32, i32, i32, f64, !llvm.ptr, i32, !llvm.ptr, i32, f64, !llvm.ptr, i32)

// Row-major (101), no transposes (111), M=64 N=16 K=32, accumulating (beta 1).
// CHECK-LABEL: func.func @matmul_f64
// CHECK-NOT: linalg.matmul
// CHECK-DAG: %[[ROWMAJOR:.*]] = arith.constant 101 : i32
// CHECK-DAG: %[[M:.*]] = arith.constant 64 : i32
// CHECK-DAG: %[[N:.*]] = arith.constant 16 : i32
// CHECK-DAG: %[[K:.*]] = arith.constant 32 : i32
// CHECK: call @cblas_dgemm(%[[ROWMAJOR]], %{{.*}}, %{{.*}}, %[[M]], %[[N]], %[[K]], %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}})
func.func @matmul_f64(%a: memref<64x32xf64>, %b: memref<32x16xf64>, %c: memref<64x16xf64>) {
  linalg.matmul ins(%a, %b : memref<64x32xf64>, memref<32x16xf64>) outs(%c : memref<64x16xf64>)
  return
}

// One call per batch element, in a loop.
// CHECK-LABEL: func.func @batch_matmul_f32
// CHECK-NOT: linalg.batch_matmul
// CHECK: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK: func.call @cblas_sgemm
func.func @batch_matmul_f32(%a: memref<3x64x32xf32>, %b: memref<3x32x16xf32>, %c: memref<3x64x16xf32>) {
  linalg.batch_matmul ins(%a, %b : memref<3x64x32xf32>, memref<3x32x16xf32>) outs(%c : memref<3x64x16xf32>)
  return
}

// Below min-flops (2*2*2*2 = 16 < 4096): left alone unless the threshold is lowered.
// CHECK-LABEL: func.func @small
// CHECK: linalg.matmul
// SMALL-LABEL: func.func @small
// SMALL-NOT: linalg.matmul
// SMALL: call @cblas_sgemm
func.func @small(%a: memref<2x2xf32>, %b: memref<2x2xf32>, %c: memref<2x2xf32>) {
  linalg.matmul ins(%a, %b : memref<2x2xf32>, memref<2x2xf32>) outs(%c : memref<2x2xf32>)
  return
}

// Integer matmuls are left for code generation.
// CHECK-LABEL: func.func @int
// CHECK: linalg.matmul
// CHECK-NOT: cblas
// SMALL-LABEL: func.func @int
// SMALL: linalg.matmul
func.func @int(%a: memref<64x64xi32>, %b: memref<64x64xi32>, %c: memref<64x64xi32>) {
  linalg.matmul ins(%a, %b : memref<64x64xi32>, memref<64x64xi32>) outs(%c : memref<64x64xi32>)
  return
}

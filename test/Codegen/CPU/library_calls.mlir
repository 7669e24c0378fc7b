// RUN: genc-opt %s --split-input-file --genc-cpu-library-calls | FileCheck %s
// RUN: genc-opt %s --split-input-file --genc-cpu-library-calls="min-flops=1000000000" | FileCheck %s --check-prefix=SMALL

// A zero-filled f32 matmul becomes one cblas_sgemm with beta = 0.
// CHECK-LABEL: func.func @matmul
// CHECK-NOT: linalg.fill
// CHECK: %[[ALPHA:.*]] = arith.constant 1.000000e+00 : f32
// CHECK: %[[BETA:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: call @cblas_sgemm(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[ALPHA]], %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[BETA]], %{{.*}}, %{{.*}})
// CHECK-NOT: linalg.matmul
// SMALL-LABEL: func.func @matmul
// SMALL: linalg.matmul
func.func @matmul(%a: memref<64x32xf32>, %b: memref<32x16xf32>, %c: memref<64x16xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%c : memref<64x16xf32>)
  linalg.matmul ins(%a, %b : memref<64x32xf32>, memref<32x16xf32>) outs(%c : memref<64x16xf32>)
  return
}

// -----

// Accumulating f64 batch matmul: dgemm per batch with beta = 1.
// CHECK-LABEL: func.func @batch
// CHECK-NOT: arith.constant 0.000000e+00 : f64
// CHECK: scf.for
// CHECK: call @cblas_dgemm(
// CHECK-NOT: linalg.batch_matmul
func.func @batch(%a: memref<4x32x32xf64>, %b: memref<4x32x32xf64>, %c: memref<4x32x32xf64>) {
  linalg.batch_matmul ins(%a, %b : memref<4x32x32xf64>, memref<4x32x32xf64>) outs(%c : memref<4x32x32xf64>)
  return
}

// -----

// Integer matmuls and non-unit inner strides stay for code generation.
// CHECK-LABEL: func.func @ints
// CHECK: linalg.matmul
// CHECK-NOT: call
func.func @ints(%a: memref<64x64xi32>, %b: memref<64x64xi32>, %c: memref<64x64xi32>) {
  linalg.matmul ins(%a, %b : memref<64x64xi32>, memref<64x64xi32>) outs(%c : memref<64x64xi32>)
  return
}

// -----

// Transposed operands become CBLAS transpose flags (CblasTrans = 112).
// CHECK-LABEL: func.func @transposed
// CHECK: %[[T1:.*]] = arith.constant 112 : i32
// CHECK: %[[N1:.*]] = arith.constant 111 : i32
// CHECK: call @cblas_sgemm(%{{[^,]*}}, %[[T1]], %[[N1]], %{{[^,]*}}, %{{[^,]*}}, %{{[^,]*}},
// CHECK: %[[N2:.*]] = arith.constant 111 : i32
// CHECK: %[[T2:.*]] = arith.constant 112 : i32
// CHECK: call @cblas_sgemm(%{{[^,]*}}, %[[N2]], %[[T2]],
func.func @transposed(%a: memref<32x64xf32>, %b: memref<32x16xf32>, %c: memref<64x16xf32>,
                      %d: memref<64x32xf32>, %e: memref<16x32xf32>, %f: memref<64x16xf32>) {
  linalg.matmul_transpose_a ins(%a, %b : memref<32x64xf32>, memref<32x16xf32>) outs(%c : memref<64x16xf32>)
  linalg.matmul_transpose_b ins(%d, %e : memref<64x32xf32>, memref<16x32xf32>) outs(%f : memref<64x16xf32>)
  return
}

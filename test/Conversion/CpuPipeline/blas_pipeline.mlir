// RUN: genc-opt %s --genc-cpu-pipeline="compile-to=bufferized" | FileCheck %s
// RUN: genc-opt %s --genc-cpu-pipeline="compile-to=bufferized use-blas=false" | FileCheck %s --check-prefix=NOBLAS

// A large enough f32 matmul becomes a cblas_sgemm call on the buffers, with
// beta = 0 (the zero fill is folded into the call).
// CHECK: func.func private @cblas_sgemm
// CHECK-LABEL: func.func @main(%{{.*}}: memref<32x32xf32>, %{{.*}}: memref<32x32xf32>, %{{.*}}: memref<32x32xf32>)
// CHECK-NOT: linalg.matmul
// CHECK-NOT: linalg.fill
// CHECK: call @cblas_sgemm
// NOBLAS-NOT: cblas
// NOBLAS: linalg.fill
// NOBLAS: linalg.matmul ins(%{{.*}}, %{{.*}} : memref<32x32xf32>, memref<32x32xf32>) outs(%{{.*}} : memref<32x32xf32>)
func.func @main(%a: tensor<32x32xf32>, %b: tensor<32x32xf32>) -> tensor<32x32xf32> {
  %r = genc.dot_general %a, %b, batch = [] x [], contract = [1] x [0] : (tensor<32x32xf32>, tensor<32x32xf32>) -> tensor<32x32xf32>
  return %r : tensor<32x32xf32>
}

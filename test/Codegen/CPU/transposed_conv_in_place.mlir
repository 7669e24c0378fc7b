// RUN: genc compile %s --emit=bufferized | FileCheck %s

// A 4x4 stride-2 transposed convolution (an image decoder's last layer):
// the input padded once, one sgemm [2*6*6, 8] x [8, 4*4*3], and each of
// the 4 output phases summed from its 4 taps' views of P straight into
// its strided view of the result (genc-untie-empty-tensors +
// eliminate-empty-tensors): no temporary and no copy after the sgemm.
// CHECK-LABEL: func.func @decoder
// CHECK: memref.copy %arg0, %{{.*}} : memref<2x4x4x8xf32> to memref<2x4x4x8xf32, strided<[288, 48, 8, 1], offset: 56>>
// CHECK: call @cblas_sgemm({{.*}}%c72_i32, %c48_i32, %c8_i32
// CHECK-NOT: memref.copy
// CHECK-NOT: memref.alloc
// CHECK-COUNT-4: linalg.generic {{.*}} outs(%{{.*}} : memref<2x4x4x3xf32, strided<[192, 48, 6, 1]{{.*}}>>)
// CHECK-NOT: memref.copy
// CHECK: return
func.func @decoder(%x: tensor<2x4x4x8xf32>, %w: tensor<4x4x8x3xf32>) -> tensor<2x8x8x3xf32> {
  %y = genc.convolution %x, %w {lhs_dilation = array<i64: 2, 2>, padding = array<i64: 2, 2, 2, 2>} : (tensor<2x4x4x8xf32>, tensor<4x4x8x3xf32>) -> tensor<2x8x8x3xf32>
  return %y : tensor<2x8x8x3xf32>
}

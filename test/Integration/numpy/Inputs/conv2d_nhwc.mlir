// 2-D convolutions, NHWC input, HWIO kernel: SAME padding at stride 1, and
// stride 2 with asymmetric padding.
func.func @main(%x: tensor<2x16x16x3xf32>, %w: tensor<3x3x3x8xf32>) -> (tensor<2x16x16x8xf32>, tensor<2x8x8x8xf32>) {
  %0 = genc.convolution %x, %w {padding = array<i64: 1, 1, 1, 1>} : (tensor<2x16x16x3xf32>, tensor<3x3x3x8xf32>) -> tensor<2x16x16x8xf32>
  %1 = genc.convolution %x, %w {window_strides = array<i64: 2, 2>, padding = array<i64: 0, 1, 0, 1>} : (tensor<2x16x16x3xf32>, tensor<3x3x3x8xf32>) -> tensor<2x8x8x8xf32>
  return %0, %1 : tensor<2x16x16x8xf32>, tensor<2x8x8x8xf32>
}

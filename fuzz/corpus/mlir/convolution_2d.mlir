
func.func @main(%x: tensor<1x4x4x1xf32>, %w: tensor<2x2x1x2xf32>) -> (tensor<1x3x3x2xf32>, tensor<1x2x2x2xf32>, tensor<1x4x4x2xf32>) {
  %0 = genc.convolution %x, %w : (tensor<1x4x4x1xf32>, tensor<2x2x1x2xf32>) -> tensor<1x3x3x2xf32>
  %1 = genc.convolution %x, %w {window_strides = array<i64: 2, 2>} : (tensor<1x4x4x1xf32>, tensor<2x2x1x2xf32>) -> tensor<1x2x2x2xf32>
  %2 = genc.convolution %x, %w {padding = array<i64: 0, 1, 1, 0>} : (tensor<1x4x4x1xf32>, tensor<2x2x1x2xf32>) -> tensor<1x4x4x2xf32>
  return %0, %1, %2 : tensor<1x3x3x2xf32>, tensor<1x2x2x2xf32>, tensor<1x4x4x2xf32>
}

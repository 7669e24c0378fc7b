
func.func @main(%x: tensor<1x2x2x1xf32>, %w: tensor<2x2x1x1xf32>) -> tensor<1x4x4x1xf32> {
  %y = genc.convolution %x, %w {lhs_dilation = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>} : (tensor<1x2x2x1xf32>, tensor<2x2x1x1xf32>) -> tensor<1x4x4x1xf32>
  return %y : tensor<1x4x4x1xf32>
}

func.func @dilated_kernel(%x: tensor<1x5x5x1xf32>, %w: tensor<2x2x1x1xf32>) -> tensor<1x3x3x1xf32> {
  %y = genc.convolution %x, %w {rhs_dilation = array<i64: 2, 2>} : (tensor<1x5x5x1xf32>, tensor<2x2x1x1xf32>) -> tensor<1x3x3x1xf32>
  return %y : tensor<1x3x3x1xf32>
}


func.func @main(%x: tensor<1x4x4xf32>, %w: tensor<2x2x4xf32>) -> tensor<1x3x4xf32> {
  %y = genc.convolution %x, %w {feature_group_count = 2 : i64} : (tensor<1x4x4xf32>, tensor<2x2x4xf32>) -> tensor<1x3x4xf32>
  return %y : tensor<1x3x4xf32>
}

func.func @depthwise(%x: tensor<1x5x2xf32>, %w: tensor<3x1x2xf32>) -> tensor<1x2x2xf32> {
  %y = genc.convolution %x, %w {feature_group_count = 2 : i64, window_strides = array<i64: 2>} : (tensor<1x5x2xf32>, tensor<3x1x2xf32>) -> tensor<1x2x2xf32>
  return %y : tensor<1x2x2xf32>
}

func.func @negative_padding(%x: tensor<1x5x1xf32>, %w: tensor<2x1x1xf32>) -> tensor<1x2x1xf32> {
  %y = genc.convolution %x, %w {padding = array<i64: -1, -1>} : (tensor<1x5x1xf32>, tensor<2x1x1xf32>) -> tensor<1x2x1xf32>
  return %y : tensor<1x2x1xf32>
}

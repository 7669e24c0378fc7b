
func.func @conv(%x: tensor<1x9x7x2xf32>, %w: tensor<3x2x2x3xf32>) -> tensor<1x3x4x3xf32> {
  %y = genc.convolution %x, %w {window_strides = array<i64: 2, 2>, padding = array<i64: 1, 0, 2, 1>, rhs_dilation = array<i64: 2, 2>} : (tensor<1x9x7x2xf32>, tensor<3x2x2x3xf32>) -> tensor<1x3x4x3xf32>
  return %y : tensor<1x3x4x3xf32>
}
func.func @main(%x: tensor<1x9x7x2xf32>, %w: tensor<3x2x2x3xf32>, %ct: tensor<1x3x4x3xf32>) -> (tensor<1x9x7x2xf32>, tensor<3x2x2x3xf32>) {
  %y, %dx, %dw = genc.vjp @conv(%x, %w) cotangents(%ct) argnums = [0, 1] : (tensor<1x9x7x2xf32>, tensor<3x2x2x3xf32>, tensor<1x3x4x3xf32>) -> (tensor<1x3x4x3xf32>, tensor<1x9x7x2xf32>, tensor<3x2x2x3xf32>)
  return %dx, %dw : tensor<1x9x7x2xf32>, tensor<3x2x2x3xf32>
}


func.func @tconv(%x: tensor<1x3x3x2xf32>, %w: tensor<3x3x2x4xf32>) -> tensor<1x7x7x4xf32> {
  %y = genc.convolution %x, %w {padding = array<i64: 2, 2, 2, 2>, lhs_dilation = array<i64: 2, 2>} : (tensor<1x3x3x2xf32>, tensor<3x3x2x4xf32>) -> tensor<1x7x7x4xf32>
  return %y : tensor<1x7x7x4xf32>
}
func.func @main(%x: tensor<1x3x3x2xf32>, %w: tensor<3x3x2x4xf32>, %ct: tensor<1x7x7x4xf32>) -> (tensor<1x3x3x2xf32>, tensor<3x3x2x4xf32>) {
  %y, %dx, %dw = genc.vjp @tconv(%x, %w) cotangents(%ct) argnums = [0, 1] : (tensor<1x3x3x2xf32>, tensor<3x3x2x4xf32>, tensor<1x7x7x4xf32>) -> (tensor<1x7x7x4xf32>, tensor<1x3x3x2xf32>, tensor<3x3x2x4xf32>)
  return %dx, %dw : tensor<1x3x3x2xf32>, tensor<3x3x2x4xf32>
}


func.func @gconv(%x: tensor<2x5x5x4xf32>, %w: tensor<2x3x2x6xf32>) -> tensor<2x6x2x6xf32> {
  %y = genc.convolution %x, %w {window_strides = array<i64: 1, 2>, padding = array<i64: 1, 1, 0, 1>, feature_group_count = 2} : (tensor<2x5x5x4xf32>, tensor<2x3x2x6xf32>) -> tensor<2x6x2x6xf32>
  return %y : tensor<2x6x2x6xf32>
}
func.func @main(%x: tensor<2x5x5x4xf32>, %w: tensor<2x3x2x6xf32>, %ct: tensor<2x6x2x6xf32>) -> (tensor<2x5x5x4xf32>, tensor<2x3x2x6xf32>) {
  %y, %dx, %dw = genc.vjp @gconv(%x, %w) cotangents(%ct) argnums = [0, 1] : (tensor<2x5x5x4xf32>, tensor<2x3x2x6xf32>, tensor<2x6x2x6xf32>) -> (tensor<2x6x2x6xf32>, tensor<2x5x5x4xf32>, tensor<2x3x2x6xf32>)
  return %dx, %dw : tensor<2x5x5x4xf32>, tensor<2x3x2x6xf32>
}

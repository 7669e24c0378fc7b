
func.func @main(%x: tensor<2x3xf32>, %y: tensor<2x3x4xi32>) -> (tensor<3x2xf32>, tensor<4x2x3xi32>, tensor<3x4x2xi32>) {
  %0 = genc.transpose %x, dims = [1, 0] : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %1 = genc.transpose %y, dims = [2, 0, 1] : (tensor<2x3x4xi32>) -> tensor<4x2x3xi32>
  %2 = genc.transpose %y, dims = [1, 2, 0] : (tensor<2x3x4xi32>) -> tensor<3x4x2xi32>
  return %0, %1, %2 : tensor<3x2xf32>, tensor<4x2x3xi32>, tensor<3x4x2xi32>
}


func.func @main(%row: tensor<3xf32>, %col: tensor<2xi32>, %s: tensor<f32>) -> (tensor<2x3xf32>, tensor<2x3xi32>, tensor<2x2xf32>) {
  %0 = genc.broadcast_in_dim %row, dims = [1] : (tensor<3xf32>) -> tensor<2x3xf32>
  %1 = genc.broadcast_in_dim %col, dims = [0] : (tensor<2xi32>) -> tensor<2x3xi32>
  %2 = genc.broadcast_in_dim %s, dims = [] : (tensor<f32>) -> tensor<2x2xf32>
  return %0, %1, %2 : tensor<2x3xf32>, tensor<2x3xi32>, tensor<2x2xf32>
}

func.func @size_one(%x: tensor<1x3xi8>) -> tensor<2x2x3xi8> {
  %r = genc.broadcast_in_dim %x, dims = [1, 2] : (tensor<1x3xi8>) -> tensor<2x2x3xi8>
  return %r : tensor<2x2x3xi8>
}

func.func @permuted(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  %r = genc.broadcast_in_dim %x, dims = [1, 0] : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %r : tensor<3x2xf32>
}

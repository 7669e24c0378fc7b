
func.func @main(%x: tensor<4x3xi32>, %v: tensor<5xf32>) -> (tensor<4x3xi32>, tensor<4x3xi32>, tensor<4x3xi32>, tensor<5xf32>) {
  %0 = genc.reverse %x, dims = [0] : tensor<4x3xi32>
  %1 = genc.reverse %x, dims = [1] : tensor<4x3xi32>
  %2 = genc.reverse %x, dims = [1, 0] : tensor<4x3xi32>
  %3 = genc.reverse %v, dims = [0] : tensor<5xf32>
  return %0, %1, %2, %3 : tensor<4x3xi32>, tensor<4x3xi32>, tensor<4x3xi32>, tensor<5xf32>
}


func.func @main(%x: tensor<2x3xf32>, %s: tensor<1x1xi32>) -> (tensor<3x2xf32>, tensor<6xf32>, tensor<3x1x2xf32>, tensor<i32>, tensor<1x1x1xi32>) {
  %0 = genc.reshape %x : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %1 = genc.reshape %x : (tensor<2x3xf32>) -> tensor<6xf32>
  %2 = genc.reshape %1 : (tensor<6xf32>) -> tensor<3x1x2xf32>
  %3 = genc.reshape %s : (tensor<1x1xi32>) -> tensor<i32>
  %4 = genc.reshape %3 : (tensor<i32>) -> tensor<1x1x1xi32>
  return %0, %1, %2, %3, %4 : tensor<3x2xf32>, tensor<6xf32>, tensor<3x1x2xf32>, tensor<i32>, tensor<1x1x1xi32>
}

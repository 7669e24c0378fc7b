
func.func @main(%a: tensor<1x3xf32>, %b: tensor<2x3xf32>, %c: tensor<2x1xi32>, %d: tensor<2x2xi32>) -> (tensor<3x3xf32>, tensor<2x4xi32>, tensor<6xf32>) {
  %0 = genc.concatenate %a, %b dim = 0 : (tensor<1x3xf32>, tensor<2x3xf32>) -> tensor<3x3xf32>
  %1 = genc.concatenate %c, %d, %c dim = 1 : (tensor<2x1xi32>, tensor<2x2xi32>, tensor<2x1xi32>) -> tensor<2x4xi32>
  %f = genc.reshape %a : (tensor<1x3xf32>) -> tensor<3xf32>
  %2 = genc.concatenate %f, %f dim = 0 : (tensor<3xf32>, tensor<3xf32>) -> tensor<6xf32>
  return %0, %1, %2 : tensor<3x3xf32>, tensor<2x4xi32>, tensor<6xf32>
}


func.func @main(%a: tensor<6xf32>, %b: tensor<6xf32>, %i: tensor<3xi32>, %j: tensor<3xi32>) -> (tensor<6xf32>, tensor<3xi32>) {
  %r = genc.sub %a, %b : tensor<6xf32>
  %s = genc.sub %i, %j : tensor<3xi32>
  return %r, %s : tensor<6xf32>, tensor<3xi32>
}


func.func @main(%a: tensor<6xf32>, %b: tensor<6xf32>, %i: tensor<3xi32>, %j: tensor<3xi32>, %p: tensor<4xi1>, %q: tensor<4xi1>) -> (tensor<6xf32>, tensor<3xi32>, tensor<4xi1>) {
  %r = genc.mul %a, %b : tensor<6xf32>
  %s = genc.mul %i, %j : tensor<3xi32>
  %t = genc.mul %p, %q : tensor<4xi1>
  return %r, %s, %t : tensor<6xf32>, tensor<3xi32>, tensor<4xi1>
}

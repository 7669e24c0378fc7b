
func.func @main(%a: tensor<5xf32>, %i: tensor<6xi32>, %u: tensor<6xf32>) -> tensor<5xf32> {
  %r = genc.scatter_add %a, %i, %u axis = 0 : (tensor<5xf32>, tensor<6xi32>, tensor<6xf32>) -> tensor<5xf32>
  return %r : tensor<5xf32>
}

func.func @axis1(%a: tensor<2x4xi32>, %i: tensor<3xi64>, %u: tensor<2x3xi32>) -> tensor<2x4xi32> {
  %r = genc.scatter_add %a, %i, %u axis = 1 : (tensor<2x4xi32>, tensor<3xi64>, tensor<2x3xi32>) -> tensor<2x4xi32>
  return %r : tensor<2x4xi32>
}

func.func @rows(%a: tensor<3x2xf32>, %i: tensor<2x2xi32>, %u: tensor<2x2x2xf32>) -> tensor<3x2xf32> {
  %r = genc.scatter_add %a, %i, %u axis = 0 : (tensor<3x2xf32>, tensor<2x2xi32>, tensor<2x2x2xf32>) -> tensor<3x2xf32>
  return %r : tensor<3x2xf32>
}


func.func @take(%x: tensor<5x3xf32>, %i: tensor<4xi32>) -> tensor<4x3xf32> {
  %y = genc.gather %x, %i axis = 0 : (tensor<5x3xf32>, tensor<4xi32>) -> tensor<4x3xf32>
  return %y : tensor<4x3xf32>
}
func.func @main(%x: tensor<5x3xf32>, %i: tensor<4xi32>, %ct: tensor<4x3xf32>) -> tensor<5x3xf32> {
  %y, %dx = genc.vjp @take(%x, %i) cotangents(%ct) argnums = [0] : (tensor<5x3xf32>, tensor<4xi32>, tensor<4x3xf32>) -> (tensor<4x3xf32>, tensor<5x3xf32>)
  return %dx : tensor<5x3xf32>
}


func.func @takec(%x: tensor<3x5xf32>) -> tensor<3x2xf32> {
  %i = genc.constant dense<[4, 0]> : tensor<2xi32>
  %y = genc.gather %x, %i axis = 1 : (tensor<3x5xf32>, tensor<2xi32>) -> tensor<3x2xf32>
  return %y : tensor<3x2xf32>
}
func.func @main(%x: tensor<3x5xf32>, %ct: tensor<3x2xf32>) -> tensor<3x5xf32> {
  %y, %dx = genc.vjp @takec(%x) cotangents(%ct) argnums = [0] : (tensor<3x5xf32>, tensor<3x2xf32>) -> (tensor<3x2xf32>, tensor<3x5xf32>)
  return %dx : tensor<3x5xf32>
}


func.func @scat(%x: tensor<5x3xf32>, %i: tensor<4xi32>, %u: tensor<4x3xf32>) -> tensor<5x3xf32> {
  %y = genc.scatter_add %x, %i, %u axis = 0 : (tensor<5x3xf32>, tensor<4xi32>, tensor<4x3xf32>) -> tensor<5x3xf32>
  return %y : tensor<5x3xf32>
}
func.func @main(%x: tensor<5x3xf32>, %i: tensor<4xi32>, %u: tensor<4x3xf32>, %ct: tensor<5x3xf32>) -> (tensor<5x3xf32>, tensor<4x3xf32>) {
  %y, %dx, %du = genc.vjp @scat(%x, %i, %u) cotangents(%ct) argnums = [0, 2] : (tensor<5x3xf32>, tensor<4xi32>, tensor<4x3xf32>, tensor<5x3xf32>) -> (tensor<5x3xf32>, tensor<5x3xf32>, tensor<4x3xf32>)
  return %dx, %du : tensor<5x3xf32>, tensor<4x3xf32>
}

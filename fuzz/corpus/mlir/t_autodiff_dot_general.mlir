
func.func @mm(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %y = genc.dot_general %a, %b, batch = [] x [], contract = [1] x [0] : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}
func.func @main(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>, %ct: tensor<2x4xf32>) -> (tensor<2x3xf32>, tensor<3x4xf32>) {
  %y, %da, %db = genc.vjp @mm(%a, %b) cotangents(%ct) argnums = [0, 1] : (tensor<2x3xf32>, tensor<3x4xf32>, tensor<2x4xf32>) -> (tensor<2x4xf32>, tensor<2x3xf32>, tensor<3x4xf32>)
  return %da, %db : tensor<2x3xf32>, tensor<3x4xf32>
}


func.func @bmm(%a: tensor<2x3x4xf32>, %b: tensor<4x2x5xf32>) -> tensor<2x3x5xf32> {
  %y = genc.dot_general %a, %b, batch = [0] x [1], contract = [2] x [0] : (tensor<2x3x4xf32>, tensor<4x2x5xf32>) -> tensor<2x3x5xf32>
  return %y : tensor<2x3x5xf32>
}
func.func @main(%a: tensor<2x3x4xf32>, %b: tensor<4x2x5xf32>, %ct: tensor<2x3x5xf32>) -> (tensor<2x3x4xf32>, tensor<4x2x5xf32>) {
  %y, %da, %db = genc.vjp @bmm(%a, %b) cotangents(%ct) argnums = [0, 1] : (tensor<2x3x4xf32>, tensor<4x2x5xf32>, tensor<2x3x5xf32>) -> (tensor<2x3x5xf32>, tensor<2x3x4xf32>, tensor<4x2x5xf32>)
  return %da, %db : tensor<2x3x4xf32>, tensor<4x2x5xf32>
}


func.func @multi(%a: tensor<3x4x5xf32>, %b: tensor<5x6x4xf32>) -> tensor<3x6xf32> {
  %y = genc.dot_general %a, %b, batch = [] x [], contract = [1, 2] x [2, 0] : (tensor<3x4x5xf32>, tensor<5x6x4xf32>) -> tensor<3x6xf32>
  return %y : tensor<3x6xf32>
}
func.func @main(%a: tensor<3x4x5xf32>, %b: tensor<5x6x4xf32>, %ct: tensor<3x6xf32>) -> (tensor<3x4x5xf32>, tensor<5x6x4xf32>) {
  %y, %da, %db = genc.vjp @multi(%a, %b) cotangents(%ct) argnums = [0, 1] : (tensor<3x4x5xf32>, tensor<5x6x4xf32>, tensor<3x6xf32>) -> (tensor<3x6xf32>, tensor<3x4x5xf32>, tensor<5x6x4xf32>)
  return %da, %db : tensor<3x4x5xf32>, tensor<5x6x4xf32>
}

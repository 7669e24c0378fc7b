
func.func @main(%a: tensor<2x3xf32>, %b: tensor<3x2xf32>) -> (tensor<2x2xf32>, tensor<3x3xf32>) {
  %0 = genc.dot_general %a, %b, batch = [] x [], contract = [1] x [0] : (tensor<2x3xf32>, tensor<3x2xf32>) -> tensor<2x2xf32>
  %1 = genc.dot_general %a, %b, batch = [] x [], contract = [0] x [1] : (tensor<2x3xf32>, tensor<3x2xf32>) -> tensor<3x3xf32>
  return %0, %1 : tensor<2x2xf32>, tensor<3x3xf32>
}

func.func @batch(%a: tensor<2x2x2xf64>, %b: tensor<2x2x2xf64>) -> tensor<2x2x2xf64> {
  %r = genc.dot_general %a, %b, batch = [0] x [0], contract = [2] x [1] : (tensor<2x2x2xf64>, tensor<2x2x2xf64>) -> tensor<2x2x2xf64>
  return %r : tensor<2x2x2xf64>
}

func.func @vectors(%a: tensor<3xi32>, %b: tensor<3xi32>) -> (tensor<i32>, tensor<3x3xi32>) {
  %0 = genc.dot_general %a, %b, batch = [] x [], contract = [0] x [0] : (tensor<3xi32>, tensor<3xi32>) -> tensor<i32>
  %1 = genc.dot_general %a, %b, batch = [] x [], contract = [] x [] : (tensor<3xi32>, tensor<3xi32>) -> tensor<3x3xi32>
  return %0, %1 : tensor<i32>, tensor<3x3xi32>
}

func.func @batch_middle(%a: tensor<3x2x4xf32>, %c: tensor<4x5x2xf32>) -> tensor<2x3x5xf32> {
  %r = genc.dot_general %a, %c, batch = [1] x [2], contract = [2] x [0] : (tensor<3x2x4xf32>, tensor<4x5x2xf32>) -> tensor<2x3x5xf32>
  return %r : tensor<2x3x5xf32>
}

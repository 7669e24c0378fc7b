
func.func @main(%a: tensor<2x1024xf32>, %b: tensor<1024x3xf32>) -> tensor<2x3xf32> {
  %r = genc.dot_general %a, %b, batch = [] x [], contract = [1] x [0] : (tensor<2x1024xf32>, tensor<1024x3xf32>) -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

func.func @batched(%a: tensor<2x2x512xf64>, %b: tensor<2x512x2xf64>) -> tensor<2x2x2xf64> {
  %r = genc.dot_general %a, %b, batch = [0] x [0], contract = [2] x [1] : (tensor<2x2x512xf64>, tensor<2x512x2xf64>) -> tensor<2x2x2xf64>
  return %r : tensor<2x2x2xf64>
}

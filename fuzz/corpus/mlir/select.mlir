
func.func @main(%p: tensor<2x3xi1>, %a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %r = genc.select %p, %a, %b : tensor<2x3xi1>, tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

func.func @computed(%x: tensor<4xi64>) -> tensor<4xi64> {
  %z = genc.constant dense<0> : tensor<4xi64>
  %p = genc.compare GT, %x, %z : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi1>
  %r = genc.select %p, %x, %z : tensor<4xi1>, tensor<4xi64>
  return %r : tensor<4xi64>
}

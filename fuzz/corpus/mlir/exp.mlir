
func.func @main(%x: tensor<6xf32>) -> tensor<6xf32> {
  %r = genc.exp %x : tensor<6xf32>
  return %r : tensor<6xf32>
}

func.func @limits(%x: tensor<4xf32>) -> tensor<4xf32> {
  %r = genc.exp %x : tensor<4xf32>
  return %r : tensor<4xf32>
}

func.func @f64(%x: tensor<3xf64>) -> tensor<3xf64> {
  %r = genc.exp %x : tensor<3xf64>
  return %r : tensor<3xf64>
}


func.func @main(%x: tensor<6xf32>) -> tensor<6xf32> {
  %r = genc.log %x : tensor<6xf32>
  return %r : tensor<6xf32>
}

func.func @f64(%x: tensor<2xf64>) -> tensor<2xf64> {
  %r = genc.log %x : tensor<2xf64>
  return %r : tensor<2xf64>
}

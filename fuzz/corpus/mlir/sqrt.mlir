
func.func @main(%x: tensor<7xf32>) -> tensor<7xf32> {
  %r = genc.sqrt %x : tensor<7xf32>
  return %r : tensor<7xf32>
}

func.func @f64(%x: tensor<2xf64>) -> tensor<2xf64> {
  %r = genc.sqrt %x : tensor<2xf64>
  return %r : tensor<2xf64>
}

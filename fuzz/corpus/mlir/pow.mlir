
func.func @main(%a: tensor<7xf32>, %b: tensor<7xf32>) -> tensor<7xf32> {
  %r = genc.pow %a, %b : tensor<7xf32>
  return %r : tensor<7xf32>
}

func.func @f64(%a: tensor<2xf64>, %b: tensor<2xf64>) -> tensor<2xf64> {
  %r = genc.pow %a, %b : tensor<2xf64>
  return %r : tensor<2xf64>
}


func.func @main(%a: tensor<8xf32>, %b: tensor<8xf32>) -> tensor<8xf32> {
  %r = genc.rem %a, %b : tensor<8xf32>
  return %r : tensor<8xf32>
}

func.func @ints(%a: tensor<6xi64>, %b: tensor<6xi64>) -> tensor<6xi64> {
  %r = genc.rem %a, %b : tensor<6xi64>
  return %r : tensor<6xi64>
}

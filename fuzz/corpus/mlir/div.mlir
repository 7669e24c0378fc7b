
func.func @main(%a: tensor<8xf32>, %b: tensor<8xf32>) -> tensor<8xf32> {
  %r = genc.div %a, %b : tensor<8xf32>
  return %r : tensor<8xf32>
}

func.func @ints(%a: tensor<7xi32>, %b: tensor<7xi32>, %c: tensor<3xi8>, %d: tensor<3xi8>) -> (tensor<7xi32>, tensor<3xi8>) {
  %r = genc.div %a, %b : tensor<7xi32>
  %s = genc.div %c, %d : tensor<3xi8>
  return %r, %s : tensor<7xi32>, tensor<3xi8>
}

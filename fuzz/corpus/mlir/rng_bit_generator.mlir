
func.func @main(%key: tensor<2xi32>) -> (tensor<2xi32>, tensor<2x2xi32>) {
  %k2, %bits = genc.rng_bit_generator %key : (tensor<2xi32>) -> (tensor<2xi32>, tensor<2x2xi32>)
  return %k2, %bits : tensor<2xi32>, tensor<2x2xi32>
}

func.func @chained(%key: tensor<2xi32>) -> (tensor<4xi32>, tensor<2xi32>, tensor<6xi32>) {
  %k2, %bits = genc.rng_bit_generator %key : (tensor<2xi32>) -> (tensor<2xi32>, tensor<4xi32>)
  %k3, %more = genc.rng_bit_generator %k2 : (tensor<2xi32>) -> (tensor<2xi32>, tensor<6xi32>)
  return %bits, %k2, %more : tensor<4xi32>, tensor<2xi32>, tensor<6xi32>
}

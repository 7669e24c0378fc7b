
func.func @main(%x: tensor<6xf32>, %i: tensor<5xi32>) -> (tensor<6xf32>, tensor<5xi32>) {
  %0 = genc.sign %x : tensor<6xf32>
  %1 = genc.sign %i : tensor<5xi32>
  return %0, %1 : tensor<6xf32>, tensor<5xi32>
}

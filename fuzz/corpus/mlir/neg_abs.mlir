
func.func @main(%x: tensor<5xf32>, %i: tensor<5xi8>) -> (tensor<5xf32>, tensor<5xf32>, tensor<5xi8>, tensor<5xi8>) {
  %0 = genc.neg %x : tensor<5xf32>
  %1 = genc.abs %x : tensor<5xf32>
  %2 = genc.neg %i : tensor<5xi8>
  %3 = genc.abs %i : tensor<5xi8>
  return %0, %1, %2, %3 : tensor<5xf32>, tensor<5xf32>, tensor<5xi8>, tensor<5xi8>
}

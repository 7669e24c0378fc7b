func.func @main(%k0: tensor<2xi32>, %k1: tensor<2xi32>, %x0: tensor<2xi32>, %x1: tensor<2xi32>) -> (tensor<2xi32>, tensor<2xi32>) {
  %y0, %y1 = genc.threefry2x32 %k0, %k1, %x0, %x1 : tensor<2xi32>
  return %y0, %y1 : tensor<2xi32>, tensor<2xi32>
}

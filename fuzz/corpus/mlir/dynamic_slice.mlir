
func.func @main(%x: tensor<4x4xf32>, %i: tensor<i32>, %j: tensor<i64>) -> tensor<2x2xf32> {
  %r = genc.dynamic_slice %x, %i, %j sizes = [2, 2] : (tensor<4x4xf32>, tensor<i32>, tensor<i64>) -> tensor<2x2xf32>
  return %r : tensor<2x2xf32>
}

func.func @one_d(%x: tensor<5xi8>, %i: tensor<i32>) -> tensor<3xi8> {
  %r = genc.dynamic_slice %x, %i sizes = [3] : (tensor<5xi8>, tensor<i32>) -> tensor<3xi8>
  return %r : tensor<3xi8>
}

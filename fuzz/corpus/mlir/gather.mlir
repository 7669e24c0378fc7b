
func.func @main(%t: tensor<4x3xf32>, %i: tensor<5xi32>) -> tensor<5x3xf32> {
  %r = genc.gather %t, %i axis = 0 : (tensor<4x3xf32>, tensor<5xi32>) -> tensor<5x3xf32>
  return %r : tensor<5x3xf32>
}

func.func @axis1(%t: tensor<2x4xi32>, %i: tensor<2x2xi64>) -> tensor<2x2x2xi32> {
  %r = genc.gather %t, %i axis = 1 : (tensor<2x4xi32>, tensor<2x2xi64>) -> tensor<2x2x2xi32>
  return %r : tensor<2x2x2xi32>
}

func.func @scalar_index(%t: tensor<4x3xf32>, %i: tensor<i32>) -> tensor<3xf32> {
  %r = genc.gather %t, %i axis = 0 : (tensor<4x3xf32>, tensor<i32>) -> tensor<3xf32>
  return %r : tensor<3xf32>
}

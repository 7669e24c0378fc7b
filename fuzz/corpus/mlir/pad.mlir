
func.func @main(%x: tensor<3xf32>, %v: tensor<f32>) -> (tensor<6xf32>, tensor<9xf32>, tensor<2x5xf32>) {
  %0 = genc.pad %x, %v low = [1] high = [2] interior = [0] : (tensor<3xf32>, tensor<f32>) -> tensor<6xf32>
  %1 = genc.pad %x, %v low = [1] high = [1] interior = [2] : (tensor<3xf32>, tensor<f32>) -> tensor<9xf32>
  %r = genc.reshape %x : (tensor<3xf32>) -> tensor<1x3xf32>
  %2 = genc.pad %r, %v low = [1, 1] high = [0, 1] interior = [0, 0] : (tensor<1x3xf32>, tensor<f32>) -> tensor<2x5xf32>
  return %0, %1, %2 : tensor<6xf32>, tensor<9xf32>, tensor<2x5xf32>
}

func.func @negative(%x: tensor<2x3xi32>, %y: tensor<5xi32>, %v: tensor<i32>) -> (tensor<3x4xi32>, tensor<4xi32>, tensor<3xi32>, tensor<4xi32>) {
  %0 = genc.pad %x, %v low = [0, -1] high = [0, 0] interior = [1, 1] : (tensor<2x3xi32>, tensor<i32>) -> tensor<3x4xi32>
  %1 = genc.pad %y, %v low = [2] high = [-3] interior = [0] : (tensor<5xi32>, tensor<i32>) -> tensor<4xi32>
  %2 = genc.pad %y, %v low = [-1] high = [-1] interior = [0] : (tensor<5xi32>, tensor<i32>) -> tensor<3xi32>
  %3 = genc.pad %y, %v low = [-2] high = [-3] interior = [1] : (tensor<5xi32>, tensor<i32>) -> tensor<4xi32>
  return %0, %1, %2, %3 : tensor<3x4xi32>, tensor<4xi32>, tensor<3xi32>, tensor<4xi32>
}


func.func private @layer(%x: tensor<3xf32>, %w: tensor<3x4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %h = genc.dot_general %x, %w, batch = [] x [], contract = [0] x [0] : (tensor<3xf32>, tensor<3x4xf32>) -> tensor<4xf32>
  %a = genc.add %h, %b : tensor<4xf32>
  %t = genc.tanh %a : tensor<4xf32>
  return %t : tensor<4xf32>
}
func.func @main(%xs: tensor<8x3xf32>, %w: tensor<3x4xf32>, %b: tensor<4xf32>) -> tensor<8x4xf32> {
  %y = genc.vmap @layer(%xs, %w, %b) in_axes = [0, -1, -1] out_axes = [0] axis_size = 8 : (tensor<8x3xf32>, tensor<3x4xf32>, tensor<4xf32>) -> tensor<8x4xf32>
  return %y : tensor<8x4xf32>
}


func.func private @dot(%x: tensor<3xf32>, %m: tensor<3x2xf32>) -> (tensor<2xf32>) {
  %y = genc.dot_general %x, %m, batch = [] x [], contract = [0] x [0] : (tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>
  %zero = genc.constant dense<0.0> : tensor<f32>
  %s = genc.reduce %y, %zero dims = [0] : (tensor<2xf32>, tensor<f32>) -> tensor<f32> {
  ^bb0(%a: tensor<f32>, %c: tensor<f32>):
    %t = genc.add %a, %c : tensor<f32>
    genc.return %t : tensor<f32>
  }
  %sb = genc.broadcast_in_dim %s, dims = [] : (tensor<f32>) -> tensor<2xf32>
  %r = genc.sub %y, %sb : tensor<2xf32>
  return %r : tensor<2xf32>
}
func.func @main(%xs: tensor<3x5xf32>, %ms: tensor<5x3x2xf32>) -> tensor<2x5xf32> {
  %y = genc.vmap @dot(%xs, %ms) in_axes = [1, 0] out_axes = [1] axis_size = 5 : (tensor<3x5xf32>, tensor<5x3x2xf32>) -> tensor<2x5xf32>
  return %y : tensor<2x5xf32>
}


func.func private @f(%x: tensor<3xf32>) -> tensor<3xf32> {
  return %x : tensor<3xf32>
}
func.func @main(%xs: tensor<4x3xf32>) -> tensor<4x3xf32> {
  %y = genc.vmap @f(%xs) in_axes = [0] out_axes = [0] axis_size = 5 : (tensor<4x3xf32>) -> tensor<4x3xf32>
  return %y : tensor<4x3xf32>
}


func.func private @r(%x: tensor<3x4xf32>) -> tensor<3xf32> {
  %zero = genc.constant dense<0.0> : tensor<f32>
  %s = genc.reduce %x, %zero dims = [1] : (tensor<3x4xf32>, tensor<f32>) -> tensor<3xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %t = genc.add %a, %b : tensor<f32>
    genc.return %t : tensor<f32>
  }
  return %s : tensor<3xf32>
}
func.func @main(%xs: tensor<6x3x4xf32>) -> tensor<6x3xf32> {
  %y = genc.vmap @r(%xs) in_axes = [0] out_axes = [0] axis_size = 6 : (tensor<6x3x4xf32>) -> tensor<6x3xf32>
  return %y : tensor<6x3xf32>
}


func.func private @s(%x: tensor<4xf32>, %w: tensor<3xf32>) -> tensor<6xf32> {
  %a = genc.slice %x start = [1] limit = [3] strides = [1] : (tensor<4xf32>) -> tensor<2xf32>
  %zero = genc.constant dense<0.0> : tensor<f32>
  %p = genc.pad %a, %zero low = [1] high = [0] interior = [0] : (tensor<2xf32>, tensor<f32>) -> tensor<3xf32>
  %c = genc.concatenate %p, %w dim = 0 : (tensor<3xf32>, tensor<3xf32>) -> tensor<6xf32>
  return %c : tensor<6xf32>
}
func.func @main(%xs: tensor<2x4xf32>, %w: tensor<3xf32>) -> tensor<2x6xf32> {
  %y = genc.vmap @s(%xs, %w) in_axes = [0, -1] out_axes = [0] axis_size = 2 : (tensor<2x4xf32>, tensor<3xf32>) -> tensor<2x6xf32>
  return %y : tensor<2x6xf32>
}


func.func private @c(%x: tensor<2x5x5x3xf32>, %w: tensor<3x3x3x2xf32>) -> tensor<2x3x3x2xf32> {
  %y = genc.convolution %x, %w : (tensor<2x5x5x3xf32>, tensor<3x3x3x2xf32>) -> tensor<2x3x3x2xf32>
  return %y : tensor<2x3x3x2xf32>
}
func.func @main(%xs: tensor<4x2x5x5x3xf32>, %w: tensor<3x3x3x2xf32>) -> tensor<4x2x3x3x2xf32> {
  %y = genc.vmap @c(%xs, %w) in_axes = [0, -1] out_axes = [0] axis_size = 4 : (tensor<4x2x5x5x3xf32>, tensor<3x3x3x2xf32>) -> tensor<4x2x3x3x2xf32>
  return %y : tensor<4x2x3x3x2xf32>
}


func.func private @g(%t: tensor<5x2xf32>, %i: tensor<4xi32>) -> tensor<4x2xf32> {
  %r = genc.gather %t, %i axis = 0 : (tensor<5x2xf32>, tensor<4xi32>) -> tensor<4x2xf32>
  return %r : tensor<4x2xf32>
}
func.func @main(%ts: tensor<3x5x2xf32>, %is: tensor<3x4xi32>) -> tensor<3x4x2xf32> {
  %y = genc.vmap @g(%ts, %is) in_axes = [0, 0] out_axes = [0] axis_size = 3 : (tensor<3x5x2xf32>, tensor<3x4xi32>) -> tensor<3x4x2xf32>
  return %y : tensor<3x4x2xf32>
}


func.func private @d(%x: tensor<4xf32>, %i: tensor<i32>) -> tensor<2xf32> {
  %r = genc.dynamic_slice %x, %i sizes = [2] : (tensor<4xf32>, tensor<i32>) -> tensor<2xf32>
  return %r : tensor<2xf32>
}
func.func @main(%xs: tensor<3x4xf32>, %i: tensor<i32>) -> tensor<3x2xf32> {
  %y = genc.vmap @d(%xs, %i) in_axes = [0, -1] out_axes = [0] axis_size = 3 : (tensor<3x4xf32>, tensor<i32>) -> tensor<3x2xf32>
  return %y : tensor<3x2xf32>
}


func.func private @e(%x: tensor<4xf32>, %i: tensor<i32>) -> tensor<2xf32> {
  %r = genc.dynamic_slice %x, %i sizes = [2] : (tensor<4xf32>, tensor<i32>) -> tensor<2xf32>
  return %r : tensor<2xf32>
}
func.func @main(%x: tensor<4xf32>, %is: tensor<3xi32>) -> tensor<3x2xf32> {
  %y = genc.vmap @e(%x, %is) in_axes = [-1, 0] out_axes = [0] axis_size = 3 : (tensor<4xf32>, tensor<3xi32>) -> tensor<3x2xf32>
  return %y : tensor<3x2xf32>
}


func.func private @k(%x: tensor<2x5x5x3xf32>, %w: tensor<3x3x3x2xf32>) -> tensor<2x3x3x2xf32> {
  %y = genc.convolution %x, %w : (tensor<2x5x5x3xf32>, tensor<3x3x3x2xf32>) -> tensor<2x3x3x2xf32>
  return %y : tensor<2x3x3x2xf32>
}
func.func @main(%x: tensor<2x5x5x3xf32>, %ws: tensor<4x3x3x3x2xf32>) -> tensor<4x2x3x3x2xf32> {
  %y = genc.vmap @k(%x, %ws) in_axes = [-1, 0] out_axes = [0] axis_size = 4 : (tensor<2x5x5x3xf32>, tensor<4x3x3x3x2xf32>) -> tensor<4x2x3x3x2xf32>
  return %y : tensor<4x2x3x3x2xf32>
}


func.func private @sc(%i: tensor<3xi32>, %u: tensor<3x2xf32>) -> tensor<5x2xf32> {
  %zero = genc.constant dense<0.0> : tensor<5x2xf32>
  %r = genc.scatter_add %zero, %i, %u axis = 0 : (tensor<5x2xf32>, tensor<3xi32>, tensor<3x2xf32>) -> tensor<5x2xf32>
  return %r : tensor<5x2xf32>
}
func.func @main(%i: tensor<3xi32>, %us: tensor<2x3x2xf32>) -> tensor<2x5x2xf32> {
  %y = genc.vmap @sc(%i, %us) in_axes = [-1, 0] out_axes = [0] axis_size = 2 : (tensor<3xi32>, tensor<2x3x2xf32>) -> tensor<2x5x2xf32>
  return %y : tensor<2x5x2xf32>
}


func.func private @br(%p: tensor<i1>, %x: tensor<3xf32>) -> tensor<3xf32> {
  %r = genc.if %p : tensor<i1> -> tensor<3xf32> {
    %s = genc.sin %x : tensor<3xf32>
    genc.return %s : tensor<3xf32>
  } else {
    %m = genc.mul %x, %x : tensor<3xf32>
    genc.return %m : tensor<3xf32>
  }
  return %r : tensor<3xf32>
}
func.func @main(%ps: tensor<4xi1>, %xs: tensor<4x3xf32>) -> tensor<4x3xf32> {
  %y = genc.vmap @br(%ps, %xs) in_axes = [0, 0] out_axes = [0] axis_size = 4 : (tensor<4xi1>, tensor<4x3xf32>) -> tensor<4x3xf32>
  return %y : tensor<4x3xf32>
}


func.func private @w(%n: tensor<i32>) -> tensor<f32> {
  %zero = genc.constant dense<0> : tensor<i32>
  %one = genc.constant dense<1> : tensor<i32>
  %x0 = genc.constant dense<1.0> : tensor<f32>
  %two = genc.constant dense<2.0> : tensor<f32>
  %r:2 = genc.while (%i = %zero, %x = %x0) : tensor<i32>, tensor<f32> cond {
    %p = genc.compare LT, %i, %n : (tensor<i32>, tensor<i32>) -> tensor<i1>
    genc.return %p : tensor<i1>
  } do {
  ^bb0(%j: tensor<i32>, %y: tensor<f32>):
    %k = genc.add %j, %one : tensor<i32>
    %z = genc.mul %y, %two : tensor<f32>
    genc.return %k, %z : tensor<i32>, tensor<f32>
  }
  return %r#1 : tensor<f32>
}
func.func @main(%ns: tensor<4xi32>) -> tensor<4xf32> {
  %y = genc.vmap @w(%ns) in_axes = [0] out_axes = [0] axis_size = 4 : (tensor<4xi32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}


func.func private @rs(%x: tensor<4xf32>, %v: tensor<f32>) -> tensor<f32> {
  %r = genc.reduce %x, %v dims = [0] : (tensor<4xf32>, tensor<f32>) -> tensor<f32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %t = genc.sub %a, %b : tensor<f32>
    genc.return %t : tensor<f32>
  }
  return %r : tensor<f32>
}
func.func @main(%x: tensor<4xf32>, %vs: tensor<3xf32>) -> tensor<3xf32> {
  %y = genc.vmap @rs(%x, %vs) in_axes = [-1, 0] out_axes = [0] axis_size = 3 : (tensor<4xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %y : tensor<3xf32>
}


func.func @bcast(%x: tensor<3x1xf32>) -> tensor<2x3x4xf32> {
  %y = genc.broadcast_in_dim %x, dims = [1, 2] : (tensor<3x1xf32>) -> tensor<2x3x4xf32>
  return %y : tensor<2x3x4xf32>
}
func.func @main(%x: tensor<3x1xf32>, %ct: tensor<2x3x4xf32>) -> tensor<3x1xf32> {
  %y, %dx = genc.vjp @bcast(%x) cotangents(%ct) argnums = [0] : (tensor<3x1xf32>, tensor<2x3x4xf32>) -> (tensor<2x3x4xf32>, tensor<3x1xf32>)
  return %dx : tensor<3x1xf32>
}


func.func @bcastperm(%x: tensor<3x2xf32>) -> tensor<2x4x3xf32> {
  %y = genc.broadcast_in_dim %x, dims = [2, 0] : (tensor<3x2xf32>) -> tensor<2x4x3xf32>
  return %y : tensor<2x4x3xf32>
}
func.func @main(%x: tensor<3x2xf32>, %ct: tensor<2x4x3xf32>) -> tensor<3x2xf32> {
  %y, %dx = genc.vjp @bcastperm(%x) cotangents(%ct) argnums = [0] : (tensor<3x2xf32>, tensor<2x4x3xf32>) -> (tensor<2x4x3xf32>, tensor<3x2xf32>)
  return %dx : tensor<3x2xf32>
}


func.func @shape(%x: tensor<2x3x4xf32>) -> tensor<4x6xf32> {
  %r = genc.reshape %x : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
  %t = genc.transpose %r, dims = [1, 0] : (tensor<6x4xf32>) -> tensor<4x6xf32>
  return %t : tensor<4x6xf32>
}
func.func @main(%x: tensor<2x3x4xf32>, %ct: tensor<4x6xf32>) -> tensor<2x3x4xf32> {
  %y, %dx = genc.vjp @shape(%x) cotangents(%ct) argnums = [0] : (tensor<2x3x4xf32>, tensor<4x6xf32>) -> (tensor<4x6xf32>, tensor<2x3x4xf32>)
  return %dx : tensor<2x3x4xf32>
}


func.func @cycle(%x: tensor<2x3x4xf32>) -> tensor<4x2x3xf32> {
  %t = genc.transpose %x, dims = [2, 0, 1] : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
  return %t : tensor<4x2x3xf32>
}
func.func @main(%x: tensor<2x3x4xf32>, %ct: tensor<4x2x3xf32>) -> tensor<2x3x4xf32> {
  %y, %dx = genc.vjp @cycle(%x) cotangents(%ct) argnums = [0] : (tensor<2x3x4xf32>, tensor<4x2x3xf32>) -> (tensor<4x2x3xf32>, tensor<2x3x4xf32>)
  return %dx : tensor<2x3x4xf32>
}


func.func @slice(%x: tensor<5x7xf32>) -> tensor<2x2xf32> {
  %y = genc.slice %x start = [1, 0] limit = [5, 5] strides = [2, 3] : (tensor<5x7xf32>) -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}
func.func @main(%x: tensor<5x7xf32>, %ct: tensor<2x2xf32>) -> tensor<5x7xf32> {
  %y, %dx = genc.vjp @slice(%x) cotangents(%ct) argnums = [0] : (tensor<5x7xf32>, tensor<2x2xf32>) -> (tensor<2x2xf32>, tensor<5x7xf32>)
  return %dx : tensor<5x7xf32>
}


func.func @pad(%x: tensor<3x4xf32>, %v: tensor<f32>) -> tensor<8x9xf32> {
  %y = genc.pad %x, %v low = [1, -1] high = [2, 0] interior = [1, 2] : (tensor<3x4xf32>, tensor<f32>) -> tensor<8x9xf32>
  return %y : tensor<8x9xf32>
}
func.func @main(%x: tensor<3x4xf32>, %v: tensor<f32>, %ct: tensor<8x9xf32>) -> (tensor<3x4xf32>, tensor<f32>) {
  %y, %dx, %dv = genc.vjp @pad(%x, %v) cotangents(%ct) argnums = [0, 1] : (tensor<3x4xf32>, tensor<f32>, tensor<8x9xf32>) -> (tensor<8x9xf32>, tensor<3x4xf32>, tensor<f32>)
  return %dx, %dv : tensor<3x4xf32>, tensor<f32>
}


func.func @cat(%a: tensor<2x2xf32>, %b: tensor<2x3xf32>) -> tensor<2x5xf32> {
  %y = genc.concatenate %a, %b dim = 1 : (tensor<2x2xf32>, tensor<2x3xf32>) -> tensor<2x5xf32>
  return %y : tensor<2x5xf32>
}
func.func @main(%a: tensor<2x2xf32>, %b: tensor<2x3xf32>, %ct: tensor<2x5xf32>) -> (tensor<2x2xf32>, tensor<2x3xf32>) {
  %y, %da, %db = genc.vjp @cat(%a, %b) cotangents(%ct) argnums = [0, 1] : (tensor<2x2xf32>, tensor<2x3xf32>, tensor<2x5xf32>) -> (tensor<2x5xf32>, tensor<2x2xf32>, tensor<2x3xf32>)
  return %da, %db : tensor<2x2xf32>, tensor<2x3xf32>
}


func.func @rev(%x: tensor<3x4xf32>) -> tensor<3x4xf32> {
  %y = genc.reverse %x, dims = [1] : tensor<3x4xf32>
  return %y : tensor<3x4xf32>
}
func.func @main(%x: tensor<3x4xf32>, %ct: tensor<3x4xf32>) -> tensor<3x4xf32> {
  %y, %dx = genc.vjp @rev(%x) cotangents(%ct) argnums = [0] : (tensor<3x4xf32>, tensor<3x4xf32>) -> (tensor<3x4xf32>, tensor<3x4xf32>)
  return %dx : tensor<3x4xf32>
}


func.func @dslice(%x: tensor<5x6xf32>, %i: tensor<i32>, %j: tensor<i64>) -> tensor<5x2xf32> {
  %y = genc.dynamic_slice %x, %i, %j sizes = [5, 2] : (tensor<5x6xf32>, tensor<i32>, tensor<i64>) -> tensor<5x2xf32>
  return %y : tensor<5x2xf32>
}
func.func @main(%x: tensor<5x6xf32>, %i: tensor<i32>, %j: tensor<i64>, %ct: tensor<5x2xf32>) -> tensor<5x6xf32> {
  %y, %dx = genc.vjp @dslice(%x, %i, %j) cotangents(%ct) argnums = [0] : (tensor<5x6xf32>, tensor<i32>, tensor<i64>, tensor<5x2xf32>) -> (tensor<5x2xf32>, tensor<5x6xf32>)
  return %dx : tensor<5x6xf32>
}

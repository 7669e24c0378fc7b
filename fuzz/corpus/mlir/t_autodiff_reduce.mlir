
func.func @rsum(%x: tensor<2x3xf32>, %i: tensor<f32>) -> tensor<2xf32> {
  %y = genc.reduce %x, %i dims = [1] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %t = genc.add %a, %b : tensor<f32>
    genc.return %t : tensor<f32>
  }
  return %y : tensor<2xf32>
}
func.func @main(%x: tensor<2x3xf32>, %i: tensor<f32>, %ct: tensor<2xf32>) -> (tensor<2x3xf32>, tensor<f32>) {
  %y, %dx, %di = genc.vjp @rsum(%x, %i) cotangents(%ct) argnums = [0, 1] : (tensor<2x3xf32>, tensor<f32>, tensor<2xf32>) -> (tensor<2xf32>, tensor<2x3xf32>, tensor<f32>)
  return %dx, %di : tensor<2x3xf32>, tensor<f32>
}


func.func @rmax(%x: tensor<2x3xf32>) -> tensor<2xf32> {
  %i = genc.constant dense<0xFF800000> : tensor<f32>
  %y = genc.reduce %x, %i dims = [1] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %t = genc.max %a, %b : tensor<f32>
    genc.return %t : tensor<f32>
  }
  return %y : tensor<2xf32>
}
func.func @main(%x: tensor<2x3xf32>, %ct: tensor<2xf32>) -> tensor<2x3xf32> {
  %y, %dx = genc.vjp @rmax(%x) cotangents(%ct) argnums = [0] : (tensor<2x3xf32>, tensor<2xf32>) -> (tensor<2xf32>, tensor<2x3xf32>)
  return %dx : tensor<2x3xf32>
}


func.func @rmin(%x: tensor<2x3xf32>, %i: tensor<f32>) -> tensor<2xf32> {
  %y = genc.reduce %x, %i dims = [1] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %t = genc.min %a, %b : tensor<f32>
    genc.return %t : tensor<f32>
  }
  return %y : tensor<2xf32>
}
func.func @main(%x: tensor<2x3xf32>, %i: tensor<f32>, %ct: tensor<2xf32>) -> (tensor<2x3xf32>, tensor<f32>) {
  %y, %dx, %di = genc.vjp @rmin(%x, %i) cotangents(%ct) argnums = [0, 1] : (tensor<2x3xf32>, tensor<f32>, tensor<2xf32>) -> (tensor<2xf32>, tensor<2x3xf32>, tensor<f32>)
  return %dx, %di : tensor<2x3xf32>, tensor<f32>
}


func.func @rmul(%x: tensor<2x3xf32>) -> tensor<2xf32> {
  %i = genc.constant dense<1.0> : tensor<f32>
  %y = genc.reduce %x, %i dims = [1] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %t = genc.mul %b, %a : tensor<f32>
    genc.return %t : tensor<f32>
  }
  return %y : tensor<2xf32>
}
func.func @main(%x: tensor<2x3xf32>, %ct: tensor<2xf32>) -> tensor<2x3xf32> {
  %y, %dx = genc.vjp @rmul(%x) cotangents(%ct) argnums = [0] : (tensor<2x3xf32>, tensor<2xf32>) -> (tensor<2xf32>, tensor<2x3xf32>)
  return %dx : tensor<2x3xf32>
}


func.func @rsub(%x: tensor<2x3xf32>, %i: tensor<f32>) -> tensor<2xf32> {
  %y = genc.reduce %x, %i dims = [1] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %t = genc.sub %a, %b : tensor<f32>
    genc.return %t : tensor<f32>
  }
  return %y : tensor<2xf32>
}
func.func @main(%x: tensor<2x3xf32>, %i: tensor<f32>, %ct: tensor<2xf32>) -> tensor<2x3xf32> {
  %y, %dx = genc.vjp @rsub(%x, %i) cotangents(%ct) argnums = [0] : (tensor<2x3xf32>, tensor<f32>, tensor<2xf32>) -> (tensor<2xf32>, tensor<2x3xf32>)
  return %dx : tensor<2x3xf32>
}

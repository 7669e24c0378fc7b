
func.func private @inner(%x: tensor<3xf32>) -> tensor<3xf32> {
  %t = genc.tanh %x : tensor<3xf32>
  return %t : tensor<3xf32>
}
func.func @plain(%x: tensor<3xf32>) -> tensor<3xf32> {
  %a = func.call @inner(%x) : (tensor<3xf32>) -> tensor<3xf32>
  return %a : tensor<3xf32>
}
func.func @main(%x: tensor<3xf32>, %ct: tensor<3xf32>) -> tensor<3xf32> {
  %y, %dx = genc.vjp @plain(%x) cotangents(%ct) argnums = [0] : (tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %dx : tensor<3xf32>
}


func.func private @inner(%x: tensor<3xf32>) -> tensor<3xf32> attributes {genc.checkpoint = "nothing_saveable"} {
  %t = genc.tanh %x : tensor<3xf32>
  return %t : tensor<3xf32>
}
func.func @remat(%x: tensor<3xf32>) -> tensor<3xf32> {
  %a = func.call @inner(%x) : (tensor<3xf32>) -> tensor<3xf32>
  return %a : tensor<3xf32>
}
func.func @main(%x: tensor<3xf32>, %ct: tensor<3xf32>) -> tensor<3xf32> {
  %y, %dx = genc.vjp @remat(%x) cotangents(%ct) argnums = [0] : (tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %dx : tensor<3xf32>
}


func.func private @block(%x: tensor<2x3xf32>, %w: tensor<3x3xf32>) -> tensor<2x3xf32> attributes {genc.checkpoint = "dots_saveable"} {
  %h = genc.dot_general %x, %w, batch = [] x [], contract = [1] x [0] : (tensor<2x3xf32>, tensor<3x3xf32>) -> tensor<2x3xf32>
  %t = genc.tanh %h : tensor<2x3xf32>
  return %t : tensor<2x3xf32>
}
func.func @g(%x: tensor<2x3xf32>, %w: tensor<3x3xf32>) -> tensor<2x3xf32> {
  %a = func.call @block(%x, %w) : (tensor<2x3xf32>, tensor<3x3xf32>) -> tensor<2x3xf32>
  return %a : tensor<2x3xf32>
}
func.func @main(%x: tensor<2x3xf32>, %w: tensor<3x3xf32>, %ct: tensor<2x3xf32>) -> tensor<3x3xf32> {
  %y, %dw = genc.vjp @g(%x, %w) cotangents(%ct) argnums = [1] : (tensor<2x3xf32>, tensor<3x3xf32>, tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<3x3xf32>)
  return %dw : tensor<3x3xf32>
}


func.func private @clip(%x: tensor<3xf32>) -> tensor<3xf32> attributes {genc.custom_vjp = {fwd = @clip_fwd, bwd = @clip_bwd}} {
  return %x : tensor<3xf32>
}
func.func private @clip_fwd(%x: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  return %x, %x : tensor<3xf32>, tensor<3xf32>
}
func.func private @clip_bwd(%res: tensor<3xf32>, %ct: tensor<3xf32>) -> tensor<3xf32> {
  %lo = genc.constant dense<-1.0> : tensor<3xf32>
  %hi = genc.constant dense<1.0> : tensor<3xf32>
  %c = genc.clamp %lo, %ct, %hi : tensor<3xf32>
  return %c : tensor<3xf32>
}
func.func @h(%x: tensor<3xf32>) -> tensor<3xf32> {
  %a = func.call @clip(%x) : (tensor<3xf32>) -> tensor<3xf32>
  return %a : tensor<3xf32>
}
func.func @main(%x: tensor<3xf32>, %ct: tensor<3xf32>) -> tensor<3xf32> {
  %y, %dx = genc.vjp @h(%x) cotangents(%ct) argnums = [0] : (tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %dx : tensor<3xf32>
}


func.func private @bad(%x: tensor<3xf32>) -> tensor<3xf32> attributes {genc.custom_vjp = {fwd = @bad_fwd, bwd = @bad_bwd}} {
  return %x : tensor<3xf32>
}
func.func private @bad_fwd(%x: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  return %x, %x : tensor<3xf32>, tensor<3xf32>
}
func.func private @bad_bwd(%ct: tensor<3xf32>) -> tensor<3xf32> {
  return %ct : tensor<3xf32>
}
func.func @main(%x: tensor<3xf32>, %ct: tensor<3xf32>) -> tensor<3xf32> {
  %y, %dx = genc.vjp @bad(%x) cotangents(%ct) argnums = [0] : (tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %dx : tensor<3xf32>
}


func.func private @inner(%x: tensor<3xf32>) -> tensor<3xf32> attributes {genc.checkpoint = "dots"} {
  return %x : tensor<3xf32>
}
func.func @outer(%x: tensor<3xf32>) -> tensor<3xf32> {
  %a = func.call @inner(%x) : (tensor<3xf32>) -> tensor<3xf32>
  return %a : tensor<3xf32>
}
func.func @main(%x: tensor<3xf32>, %ct: tensor<3xf32>) -> tensor<3xf32> {
  %y, %dx = genc.vjp @outer(%x) cotangents(%ct) argnums = [0] : (tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %dx : tensor<3xf32>
}

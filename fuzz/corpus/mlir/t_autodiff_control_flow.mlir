
func.func @loop(%x: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<3xf32> {
  %zero = genc.constant dense<0> : tensor<i32>
  %one = genc.constant dense<1> : tensor<i32>
  %four = genc.constant dense<4> : tensor<i32>
  %r:2 = genc.while (%i = %zero, %v = %x) : tensor<i32>, tensor<3xf32> cond {
    %p = genc.compare LT, %i, %four : (tensor<i32>, tensor<i32>) -> tensor<i1>
    genc.return %p : tensor<i1>
  } do {
  ^bb0(%j: tensor<i32>, %u: tensor<3xf32>):
    %a = genc.add %u, %b : tensor<3xf32>
    %t = genc.tanh %a : tensor<3xf32>
    %j2 = genc.add %j, %one : tensor<i32>
    genc.return %j2, %t : tensor<i32>, tensor<3xf32>
  }
  return %r#1 : tensor<3xf32>
}
func.func @main(%x: tensor<3xf32>, %b: tensor<3xf32>, %ct: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %y, %dx, %db = genc.vjp @loop(%x, %b) cotangents(%ct) argnums = [0, 1] : (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>)
  return %dx, %db : tensor<3xf32>, tensor<3xf32>
}


func.func @branch(%p: tensor<i1>, %x: tensor<3xf32>) -> tensor<3xf32> {
  %r = genc.if %p : tensor<i1> -> tensor<3xf32> {
    %s = genc.sin %x : tensor<3xf32>
    genc.return %s : tensor<3xf32>
  } else {
    genc.return %x : tensor<3xf32>
  }
  return %r : tensor<3xf32>
}
func.func @main(%p: tensor<i1>, %x: tensor<3xf32>, %ct: tensor<3xf32>) -> tensor<3xf32> {
  %y, %dx = genc.vjp @branch(%p, %x) cotangents(%ct) argnums = [1] : (tensor<i1>, tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %dx : tensor<3xf32>
}


func.func @doubling(%x: tensor<f32>) -> tensor<f32> {
  %limit = genc.constant dense<100.0> : tensor<f32>
  %r = genc.while (%v = %x) : tensor<f32> cond {
    %p = genc.compare LT, %v, %limit : (tensor<f32>, tensor<f32>) -> tensor<i1>
    genc.return %p : tensor<i1>
  } do {
  ^bb0(%w: tensor<f32>):
    %d = genc.add %w, %w : tensor<f32>
    genc.return %d : tensor<f32>
  }
  return %r : tensor<f32>
}
func.func @main(%x: tensor<f32>, %ct: tensor<f32>) -> tensor<f32> {
  %y, %dx = genc.vjp @doubling(%x) cotangents(%ct) argnums = [0] : (tensor<f32>, tensor<f32>) -> (tensor<f32>, tensor<f32>)
  return %dx : tensor<f32>
}


func.func @count(%x: tensor<f32>, %n: tensor<i32>) -> tensor<f32> {
  %one = genc.constant dense<1> : tensor<i32>
  %r = genc.while (%i = %n) : tensor<i32> cond {
    %p = genc.compare LT, %i, %one : (tensor<i32>, tensor<i32>) -> tensor<i1>
    genc.return %p : tensor<i1>
  } do {
  ^bb0(%j: tensor<i32>):
    %j2 = genc.add %j, %j : tensor<i32>
    genc.return %j2 : tensor<i32>
  }
  %f = genc.convert %r : (tensor<i32>) -> tensor<f32>
  %y = genc.mul %x, %f : tensor<f32>
  return %y : tensor<f32>
}
func.func @main(%x: tensor<f32>, %n: tensor<i32>, %ct: tensor<f32>) -> tensor<f32> {
  %y, %dx = genc.vjp @count(%x, %n) cotangents(%ct) argnums = [0] : (tensor<f32>, tensor<i32>, tensor<f32>) -> (tensor<f32>, tensor<f32>)
  return %dx : tensor<f32>
}

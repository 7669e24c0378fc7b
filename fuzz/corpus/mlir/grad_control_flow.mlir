

func.func private @loop(%x: tensor<3xf32>, %b: tensor<3xf32>, %p: tensor<i1>) -> tensor<3xf32> {
  %zero = genc.constant dense<0> : tensor<i32>
  %one = genc.constant dense<1> : tensor<i32>
  %four = genc.constant dense<4> : tensor<i32>
  %y = genc.if %p : tensor<i1> -> tensor<3xf32> {
    %r:2 = genc.while (%i = %zero, %v = %x) : tensor<i32>, tensor<3xf32> cond {
      %c = genc.compare LT, %i, %four : (tensor<i32>, tensor<i32>) -> tensor<i1>
      genc.return %c : tensor<i1>
    } do {
    ^bb0(%j: tensor<i32>, %u: tensor<3xf32>):
      %a = genc.add %u, %b : tensor<3xf32>
      %t = genc.sin %a : tensor<3xf32>
      %j2 = genc.add %j, %one : tensor<i32>
      genc.return %j2, %t : tensor<i32>, tensor<3xf32>
    }
    %d = func.call @double(%r#1) : (tensor<3xf32>) -> tensor<3xf32>
    genc.return %d : tensor<3xf32>
  } else {
    genc.return %x : tensor<3xf32>
  }
  return %y : tensor<3xf32>
}
func.func private @double(%x: tensor<3xf32>) -> tensor<3xf32> attributes {genc.custom_vjp = {fwd = @double_fwd, bwd = @double_bwd}} {
  %y = genc.add %x, %x : tensor<3xf32>
  return %y : tensor<3xf32>
}
func.func private @double_fwd(%x: tensor<3xf32>) -> tensor<3xf32> {
  %y = func.call @double(%x) : (tensor<3xf32>) -> tensor<3xf32>
  return %y : tensor<3xf32>
}
func.func private @double_bwd(%ct: tensor<3xf32>) -> tensor<3xf32> {
  %y = genc.add %ct, %ct : tensor<3xf32>
  return %y : tensor<3xf32>
}
func.func @main(%x: tensor<3xf32>, %b: tensor<3xf32>, %p: tensor<i1>) -> (tensor<3xf32>, tensor<3xf32>) {
  %ct = genc.constant dense<1.0> : tensor<3xf32>
  %y, %dx, %db = genc.vjp @loop(%x, %b, %p) cotangents(%ct) argnums = [0, 1] : (tensor<3xf32>, tensor<3xf32>, tensor<i1>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>)
  return %dx, %db : tensor<3xf32>, tensor<3xf32>
}

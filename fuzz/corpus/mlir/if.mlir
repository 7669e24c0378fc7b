
func.func @main(%p: tensor<i1>, %a: tensor<3xf32>) -> (tensor<3xf32>, tensor<i32>) {
  %r:2 = genc.if %p : tensor<i1> -> tensor<3xf32>, tensor<i32> {
    %n = genc.neg %a : tensor<3xf32>
    %c = genc.constant dense<1> : tensor<i32>
    genc.return %n, %c : tensor<3xf32>, tensor<i32>
  } else {
    %m = genc.mul %a, %a : tensor<3xf32>
    %c = genc.constant dense<2> : tensor<i32>
    genc.return %m, %c : tensor<3xf32>, tensor<i32>
  }
  return %r#0, %r#1 : tensor<3xf32>, tensor<i32>
}

func.func @computed(%x: tensor<f32>) -> tensor<f32> {
  %zero = genc.constant dense<0.0> : tensor<f32>
  %p = genc.compare LT, %x, %zero : (tensor<f32>, tensor<f32>) -> tensor<i1>
  %r = genc.if %p : tensor<i1> -> tensor<f32> {
    %n = genc.neg %x : tensor<f32>
    %s = genc.sqrt %n : tensor<f32>
    %m = genc.neg %s : tensor<f32>
    genc.return %m : tensor<f32>
  } else {
    %q = genc.compare GT, %x, %zero : (tensor<f32>, tensor<f32>) -> tensor<i1>
    %inner = genc.if %q : tensor<i1> -> tensor<f32> {
      %s = genc.sqrt %x : tensor<f32>
      genc.return %s : tensor<f32>
    } else {
      genc.return %zero : tensor<f32>
    }
    genc.return %inner : tensor<f32>
  }
  return %r : tensor<f32>
}

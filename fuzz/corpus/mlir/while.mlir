
func.func @main(%n: tensor<i32>) -> (tensor<i32>, tensor<i32>) {
  %zero = genc.constant dense<0> : tensor<i32>
  %one = genc.constant dense<1> : tensor<i32>
  %r:2 = genc.while (%i = %one, %s = %zero) : tensor<i32>, tensor<i32> cond {
    %p = genc.compare LE, %i, %n : (tensor<i32>, tensor<i32>) -> tensor<i1>
    genc.return %p : tensor<i1>
  } do {
  ^bb0(%j: tensor<i32>, %t: tensor<i32>):
    %s2 = genc.add %t, %j : tensor<i32>
    %j2 = genc.add %j, %one : tensor<i32>
    genc.return %j2, %s2 : tensor<i32>, tensor<i32>
  }
  return %r#0, %r#1 : tensor<i32>, tensor<i32>
}

func.func @doubling(%x: tensor<2xf32>) -> tensor<2xf32> {
  %limit = genc.constant dense<100.0> : tensor<f32>
  %r = genc.while (%v = %x) : tensor<2xf32> cond {
    %first = genc.slice %v start = [0] limit = [1] strides = [1] : (tensor<2xf32>) -> tensor<1xf32>
    %f = genc.reshape %first : (tensor<1xf32>) -> tensor<f32>
    %p = genc.compare LT, %f, %limit : (tensor<f32>, tensor<f32>) -> tensor<i1>
    genc.return %p : tensor<i1>
  } do {
  ^bb0(%w: tensor<2xf32>):
    %d = genc.add %w, %w : tensor<2xf32>
    genc.return %d : tensor<2xf32>
  }
  return %r : tensor<2xf32>
}

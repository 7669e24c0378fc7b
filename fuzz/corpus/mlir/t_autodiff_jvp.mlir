
func.func private @f(%x: tensor<4xf32>) -> tensor<f32> {
  %e = genc.exp %x : tensor<4xf32>
  %z = genc.constant dense<0.0> : tensor<f32>
  %r = genc.reduce %e, %z dims = [0] : (tensor<4xf32>, tensor<f32>) -> tensor<f32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %t = genc.add %a, %b : tensor<f32>
    genc.return %t : tensor<f32>
  }
  return %r : tensor<f32>
}
func.func @main(%x: tensor<4xf32>, %t: tensor<4xf32>) -> (tensor<f32>, tensor<f32>) {
  %y, %dy = genc.jvp @f(%x) tangents(%t) : (tensor<4xf32>, tensor<4xf32>) -> (tensor<f32>, tensor<f32>)
  return %y, %dy : tensor<f32>, tensor<f32>
}

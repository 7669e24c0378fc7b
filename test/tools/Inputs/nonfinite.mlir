// Non-finite values for genc run --check-numerics: @main's log of a
// negative input is NaN; @backward's forward pass is finite but the
// gradient of sqrt at 0 is Inf.
func.func @main(%x: tensor<4xf32>) -> tensor<4xf32> {
  %l = genc.log %x : tensor<4xf32>
  %y = genc.mul %l, %x : tensor<4xf32>
  return %y : tensor<4xf32>
}

func.func private @root_sum(%x: tensor<3xf32>) -> tensor<f32> {
  %r = genc.sqrt %x : tensor<3xf32>
  %zero = genc.constant dense<0.0> : tensor<f32>
  %s = genc.reduce %r, %zero dims = [0] : (tensor<3xf32>, tensor<f32>) -> tensor<f32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %c = genc.add %a, %b : tensor<f32>
    genc.return %c : tensor<f32>
  }
  return %s : tensor<f32>
}

func.func @backward(%x: tensor<3xf32>) -> (tensor<f32>, tensor<3xf32>) {
  %v, %g = genc.value_and_grad @root_sum(%x) argnums = [0] : (tensor<3xf32>) -> (tensor<f32>, tensor<3xf32>)
  return %v, %g : tensor<f32>, tensor<3xf32>
}

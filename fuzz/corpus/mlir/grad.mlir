
func.func private @loss(%w: tensor<3xf32>, %x: tensor<3xf32>) -> tensor<f32> {
  %ww = genc.mul %w, %w : tensor<3xf32>
  %p = genc.mul %ww, %x : tensor<3xf32>
  %zero = genc.constant dense<0.0> : tensor<f32>
  %s = genc.reduce %p, %zero dims = [0] : (tensor<3xf32>, tensor<f32>) -> tensor<f32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %c = genc.add %a, %b : tensor<f32>
    genc.return %c : tensor<f32>
  }
  return %s : tensor<f32>
}
func.func @main(%w: tensor<3xf32>, %x: tensor<3xf32>) -> (tensor<f32>, tensor<3xf32>, tensor<3xf32>) {
  %l, %dw = genc.value_and_grad @loss(%w, %x) argnums = [0] : (tensor<3xf32>, tensor<3xf32>) -> (tensor<f32>, tensor<3xf32>)
  %dx = genc.grad @loss(%w, %x) argnums = [1] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %l, %dw, %dx : tensor<f32>, tensor<3xf32>, tensor<3xf32>
}

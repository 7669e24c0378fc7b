
func.func @loss(%w: tensor<3xf32>, %x: tensor<3xf32>) -> (tensor<f32>, tensor<3xf32>) {
  %p = genc.mul %w, %x : tensor<3xf32>
  %t = genc.tanh %p : tensor<3xf32>
  %zero = genc.constant dense<0.0> : tensor<f32>
  %s = genc.reduce %t, %zero dims = [0] : (tensor<3xf32>, tensor<f32>) -> tensor<f32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %c = genc.add %a, %b : tensor<f32>
    genc.return %c : tensor<f32>
  }
  return %s, %t : tensor<f32>, tensor<3xf32>
}
func.func @main(%w: tensor<3xf32>, %x: tensor<3xf32>) -> (tensor<f32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) {
  %l, %aux, %dw = genc.value_and_grad @loss(%w, %x) argnums = [0] : (tensor<3xf32>, tensor<3xf32>) -> (tensor<f32>, tensor<3xf32>, tensor<3xf32>)
  %g, %aux2 = genc.grad @loss(%w, %x) argnums = [0] {has_aux} : (tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %l, %dw, %g, %aux2 : tensor<f32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>
}


func.func @vec(%w: tensor<3xf32>) -> tensor<3xf32> {
  return %w : tensor<3xf32>
}
func.func @main(%w: tensor<3xf32>) -> tensor<3xf32> {
  %g = genc.grad @vec(%w) argnums = [0] : (tensor<3xf32>) -> tensor<3xf32>
  return %g : tensor<3xf32>
}


func.func @two(%w: tensor<f32>) -> (tensor<f32>, tensor<f32>) {
  return %w, %w : tensor<f32>, tensor<f32>
}
func.func @main(%w: tensor<f32>) -> tensor<f32> {
  %g = genc.grad @two(%w) argnums = [0] : (tensor<f32>) -> tensor<f32>
  return %g : tensor<f32>
}


func.func @one(%w: tensor<f32>) -> tensor<f32> {
  return %w : tensor<f32>
}
func.func @main(%w: tensor<f32>) -> tensor<f32> {
  %l, %g = genc.value_and_grad @one(%w) argnums = [1] : (tensor<f32>) -> (tensor<f32>, tensor<f32>)
  return %g : tensor<f32>
}

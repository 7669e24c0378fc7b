// y = x * w + b, elementwise, then a row sum.
func.func @main(%x: tensor<2x3xf32>, %w: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2xf32>) {
  %0 = genc.mul %x, %w : tensor<2x3xf32>
  %one = genc.constant dense<1.0> : tensor<2x3xf32>
  %1 = genc.add %0, %one : tensor<2x3xf32>
  %zero = genc.constant dense<0.0> : tensor<f32>
  %2 = genc.reduce %1, %zero dims = [1] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %s = genc.add %a, %b : tensor<f32>
    genc.return %s : tensor<f32>
  }
  return %1, %2 : tensor<2x3xf32>, tensor<2xf32>
}

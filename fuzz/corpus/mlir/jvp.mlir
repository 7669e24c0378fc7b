func.func private @f(%x: tensor<3xf64>) -> tensor<f64> {
  %s = genc.mul %x, %x : tensor<3xf64>
  %e = genc.sin %s : tensor<3xf64>
  %z = genc.constant dense<0.0> : tensor<f64>
  %r = genc.reduce %e, %z dims = [0] : (tensor<3xf64>, tensor<f64>) -> tensor<f64> {
  ^bb0(%a: tensor<f64>, %b: tensor<f64>):
    %t = genc.add %a, %b : tensor<f64>
    genc.return %t : tensor<f64>
  }
  return %r : tensor<f64>
}
func.func @main(%x: tensor<3xf64>, %t: tensor<3xf64>) -> (tensor<f64>, tensor<f64>) {
  %y, %dy = genc.jvp @f(%x) tangents(%t) : (tensor<3xf64>, tensor<3xf64>) -> (tensor<f64>, tensor<f64>)
  return %y, %dy : tensor<f64>, tensor<f64>
}

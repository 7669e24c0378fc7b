
func.func @main(%x: tensor<2x3xf32>, %y: tensor<2x3x4xi32>) -> (tensor<2xf32>, tensor<3xf32>, tensor<f32>, tensor<3xi32>, tensor<f32>, tensor<2x3xf32>) {
  %z = genc.constant dense<0.0> : tensor<f32>
  %ninf = genc.constant dense<0xFF800000> : tensor<f32>
  %imax = genc.constant dense<2147483647> : tensor<i32>
  %two = genc.constant dense<2.0> : tensor<f32>
  %0 = genc.reduce %x, %z dims = [1] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %t = genc.add %a, %b : tensor<f32>
    genc.return %t : tensor<f32>
  }
  %1 = genc.reduce %x, %ninf dims = [0] : (tensor<2x3xf32>, tensor<f32>) -> tensor<3xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %t = genc.max %a, %b : tensor<f32>
    genc.return %t : tensor<f32>
  }
  %2 = genc.reduce %x, %z dims = [0, 1] : (tensor<2x3xf32>, tensor<f32>) -> tensor<f32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %t = genc.add %a, %b : tensor<f32>
    genc.return %t : tensor<f32>
  }
  %3 = genc.reduce %y, %imax dims = [0, 2] : (tensor<2x3x4xi32>, tensor<i32>) -> tensor<3xi32> {
  ^bb0(%a: tensor<i32>, %b: tensor<i32>):
    %t = genc.min %a, %b : tensor<i32>
    genc.return %t : tensor<i32>
  }
  %4 = genc.reduce %x, %z dims = [0, 1] : (tensor<2x3xf32>, tensor<f32>) -> tensor<f32> {
  ^bb0(%acc: tensor<f32>, %e: tensor<f32>):
    %sq = genc.mul %e, %e : tensor<f32>
    %t = genc.add %acc, %sq : tensor<f32>
    genc.return %t : tensor<f32>
  }
  %5 = genc.reduce %x, %two dims = [] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %t = genc.mul %a, %b : tensor<f32>
    genc.return %t : tensor<f32>
  }
  return %0, %1, %2, %3, %4, %5 : tensor<2xf32>, tensor<3xf32>, tensor<f32>, tensor<3xi32>, tensor<f32>, tensor<2x3xf32>
}

// Numerically stable softmax over the last axis.
func.func @main(%x: tensor<8x100xf32>) -> tensor<8x100xf32> {
  %ninf = genc.constant dense<0xFF800000> : tensor<f32>
  %zero = genc.constant dense<0.0> : tensor<f32>
  %m = genc.reduce %x, %ninf dims = [1] : (tensor<8x100xf32>, tensor<f32>) -> tensor<8xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %r = genc.max %a, %b : tensor<f32>
    genc.return %r : tensor<f32>
  }
  %mb = genc.broadcast_in_dim %m, dims = [0] : (tensor<8xf32>) -> tensor<8x100xf32>
  %d = genc.sub %x, %mb : tensor<8x100xf32>
  %e = genc.exp %d : tensor<8x100xf32>
  %s = genc.reduce %e, %zero dims = [1] : (tensor<8x100xf32>, tensor<f32>) -> tensor<8xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %r = genc.add %a, %b : tensor<f32>
    genc.return %r : tensor<f32>
  }
  %sb = genc.broadcast_in_dim %s, dims = [0] : (tensor<8xf32>) -> tensor<8x100xf32>
  %y = genc.div %e, %sb : tensor<8x100xf32>
  return %y : tensor<8x100xf32>
}

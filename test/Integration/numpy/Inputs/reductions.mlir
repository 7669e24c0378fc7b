// A batch of reductions and transposes over one 3-D tensor.
func.func @main(%x: tensor<4x5x6xf32>) -> (tensor<5x6xf32>, tensor<4x6xf32>, tensor<5xf32>, tensor<4x5xf32>, tensor<6x4x5xf32>, tensor<5x4xf32>) {
  %zero = genc.constant dense<0.0> : tensor<f32>
  %one = genc.constant dense<1.0> : tensor<f32>
  %ninf = genc.constant dense<0xFF800000> : tensor<f32>
  %inf = genc.constant dense<0x7F800000> : tensor<f32>
  %sum = genc.reduce %x, %zero dims = [0] : (tensor<4x5x6xf32>, tensor<f32>) -> tensor<5x6xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %r = genc.add %a, %b : tensor<f32>
    genc.return %r : tensor<f32>
  }
  %max = genc.reduce %x, %ninf dims = [1] : (tensor<4x5x6xf32>, tensor<f32>) -> tensor<4x6xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %r = genc.max %a, %b : tensor<f32>
    genc.return %r : tensor<f32>
  }
  %min = genc.reduce %x, %inf dims = [0, 2] : (tensor<4x5x6xf32>, tensor<f32>) -> tensor<5xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %r = genc.min %a, %b : tensor<f32>
    genc.return %r : tensor<f32>
  }
  %prod = genc.reduce %x, %one dims = [2] : (tensor<4x5x6xf32>, tensor<f32>) -> tensor<4x5xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %r = genc.mul %a, %b : tensor<f32>
    genc.return %r : tensor<f32>
  }
  %t = genc.transpose %x, dims = [2, 0, 1] : (tensor<4x5x6xf32>) -> tensor<6x4x5xf32>
  %s2 = genc.reduce %t, %zero dims = [0] : (tensor<6x4x5xf32>, tensor<f32>) -> tensor<4x5xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %r = genc.add %a, %b : tensor<f32>
    genc.return %r : tensor<f32>
  }
  %t2 = genc.transpose %s2, dims = [1, 0] : (tensor<4x5xf32>) -> tensor<5x4xf32>
  return %sum, %max, %min, %prod, %t, %t2 : tensor<5x6xf32>, tensor<4x6xf32>, tensor<5xf32>, tensor<4x5xf32>, tensor<6x4x5xf32>, tensor<5x4xf32>
}

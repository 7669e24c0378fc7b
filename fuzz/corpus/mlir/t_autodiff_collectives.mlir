
func.func @f(%x: tensor<2x4xf32>) -> tensor<8x4xf32> {
  %s = genc.all_reduce sum, %x {axes = ["data"]} : (tensor<2x4xf32>) -> tensor<2x4xf32>
  %g = genc.all_gather %s, dim = 0 {axes = ["data"]} : (tensor<2x4xf32>) -> tensor<8x4xf32>
  %a = genc.all_to_all %g, split_dim = 0, concat_dim = 1 {axes = ["data"]} : (tensor<8x4xf32>) -> tensor<2x16xf32>
  %b = genc.reshape %a : (tensor<2x16xf32>) -> tensor<8x4xf32>
  %p = genc.collective_permute %b {axes = ["data"], pairs = dense<[[0, 1], [1, 2], [2, 3], [3, 0]]> : tensor<4x2xi64>} : (tensor<8x4xf32>) -> tensor<8x4xf32>
  return %p : tensor<8x4xf32>
}
func.func @main(%x: tensor<2x4xf32>, %ct: tensor<8x4xf32>) -> (tensor<8x4xf32>, tensor<2x4xf32>) {
  %y, %dx = genc.vjp @f(%x) cotangents(%ct) argnums = [0] : (tensor<2x4xf32>, tensor<8x4xf32>) -> (tensor<8x4xf32>, tensor<2x4xf32>)
  return %y, %dx : tensor<8x4xf32>, tensor<2x4xf32>
}


func.func @g(%x: tensor<4xf32>) -> tensor<4xf32> {
  %m = genc.all_reduce max, %x {axes = ["data"]} : (tensor<4xf32>) -> tensor<4xf32>
  return %m : tensor<4xf32>
}
func.func @main2(%x: tensor<4xf32>, %ct: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %y, %dx = genc.vjp @g(%x) cotangents(%ct) argnums = [0] : (tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %y, %dx : tensor<4xf32>, tensor<4xf32>
}

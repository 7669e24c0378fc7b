
func.func @main(%a: tensor<6xf32>, %b: tensor<6xf32>) -> (tensor<6xf32>, tensor<6xf32>) {
  %r = genc.max %a, %b : tensor<6xf32>
  %s = genc.min %a, %b : tensor<6xf32>
  return %r, %s : tensor<6xf32>, tensor<6xf32>
}

func.func @ints(%a: tensor<4xi32>, %b: tensor<4xi32>, %p: tensor<4xi1>, %q: tensor<4xi1>) -> (tensor<4xi32>, tensor<4xi32>, tensor<4xi1>, tensor<4xi1>) {
  %r = genc.max %a, %b : tensor<4xi32>
  %s = genc.min %a, %b : tensor<4xi32>
  %t = genc.max %p, %q : tensor<4xi1>
  %u = genc.min %p, %q : tensor<4xi1>
  return %r, %s, %t, %u : tensor<4xi32>, tensor<4xi32>, tensor<4xi1>, tensor<4xi1>
}

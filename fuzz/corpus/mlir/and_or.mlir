
func.func @main(%a: tensor<4xi32>, %b: tensor<4xi32>, %p: tensor<4xi1>, %q: tensor<4xi1>) -> (tensor<4xi32>, tensor<4xi32>, tensor<4xi1>, tensor<4xi1>) {
  %0 = genc.and %a, %b : tensor<4xi32>
  %1 = genc.or %a, %b : tensor<4xi32>
  %2 = genc.and %p, %q : tensor<4xi1>
  %3 = genc.or %p, %q : tensor<4xi1>
  return %0, %1, %2, %3 : tensor<4xi32>, tensor<4xi32>, tensor<4xi1>, tensor<4xi1>
}

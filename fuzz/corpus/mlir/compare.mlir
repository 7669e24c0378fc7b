
func.func @main(%a: tensor<6xf32>, %b: tensor<6xf32>) -> (tensor<6xi1>, tensor<6xi1>, tensor<6xi1>, tensor<6xi1>, tensor<6xi1>, tensor<6xi1>) {
  %0 = genc.compare EQ, %a, %b : (tensor<6xf32>, tensor<6xf32>) -> tensor<6xi1>
  %1 = genc.compare NE, %a, %b : (tensor<6xf32>, tensor<6xf32>) -> tensor<6xi1>
  %2 = genc.compare LT, %a, %b : (tensor<6xf32>, tensor<6xf32>) -> tensor<6xi1>
  %3 = genc.compare LE, %a, %b : (tensor<6xf32>, tensor<6xf32>) -> tensor<6xi1>
  %4 = genc.compare GT, %a, %b : (tensor<6xf32>, tensor<6xf32>) -> tensor<6xi1>
  %5 = genc.compare GE, %a, %b : (tensor<6xf32>, tensor<6xf32>) -> tensor<6xi1>
  return %0, %1, %2, %3, %4, %5 : tensor<6xi1>, tensor<6xi1>, tensor<6xi1>, tensor<6xi1>, tensor<6xi1>, tensor<6xi1>
}

func.func @ints(%a: tensor<4xi32>, %b: tensor<4xi32>, %p: tensor<4xi1>, %q: tensor<4xi1>) -> (tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>) {
  %0 = genc.compare LT, %a, %b : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi1>
  %1 = genc.compare GE, %a, %b : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi1>
  %2 = genc.compare LT, %p, %q : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %3 = genc.compare GE, %p, %q : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  return %0, %1, %2, %3 : tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>
}

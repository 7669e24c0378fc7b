
func.func @main(%a: tensor<6xf32>, %b: tensor<6xf32>) -> tensor<6xf32> {
  %r = genc.add %a, %b : tensor<6xf32>
  return %r : tensor<6xf32>
}

func.func @ints(%a: tensor<4xi8>, %b: tensor<4xi8>, %p: tensor<3xi1>, %q: tensor<3xi1>) -> (tensor<4xi8>, tensor<3xi1>) {
  %r = genc.add %a, %b : tensor<4xi8>
  %s = genc.add %p, %q : tensor<3xi1>
  return %r, %s : tensor<4xi8>, tensor<3xi1>
}

func.func @i64(%a: tensor<2xi64>, %b: tensor<2xi64>) -> tensor<2xi64> {
  %r = genc.add %a, %b : tensor<2xi64>
  return %r : tensor<2xi64>
}

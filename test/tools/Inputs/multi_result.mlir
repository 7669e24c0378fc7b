// Two results of different dtypes, for --output.
func.func @main(%a: tensor<2x2xf32>) -> (tensor<2x2xf32>, tensor<2x2xi1>) {
  %n = genc.neg %a : tensor<2x2xf32>
  %p = genc.compare LT, %a, %n : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xi1>
  return %n, %p : tensor<2x2xf32>, tensor<2x2xi1>
}

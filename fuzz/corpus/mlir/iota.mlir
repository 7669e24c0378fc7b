
func.func @main() -> (tensor<2x3xi32>, tensor<3x2xi64>, tensor<4xf32>, tensor<2x2x2xi8>, tensor<3xf16>) {
  %0 = genc.iota dim = 1 : tensor<2x3xi32>
  %1 = genc.iota dim = 0 : tensor<3x2xi64>
  %2 = genc.iota dim = 0 : tensor<4xf32>
  %3 = genc.iota dim = 1 : tensor<2x2x2xi8>
  %4 = genc.iota dim = 0 : tensor<3xf16>
  return %0, %1, %2, %3, %4 : tensor<2x3xi32>, tensor<3x2xi64>, tensor<4xf32>, tensor<2x2x2xi8>, tensor<3xf16>
}


func.func @main() -> (tensor<2x2xf32>, tensor<3xf64>, tensor<2xf16>, tensor<bf16>, tensor<3xi8>, tensor<2xi32>, tensor<i64>, tensor<4xi1>, tensor<2x3xi32>) {
  %0 = genc.constant dense<[[1.5, -2.0], [0.1, 1.0e10]]> : tensor<2x2xf32>
  %1 = genc.constant dense<[0.1, -0.0, 0x7FF0000000000000]> : tensor<3xf64>
  %2 = genc.constant dense<[0.3333, 65504.0]> : tensor<2xf16>
  %3 = genc.constant dense<3.14159> : tensor<bf16>
  %4 = genc.constant dense<[-128, 0, 127]> : tensor<3xi8>
  %5 = genc.constant dense<[-2147483648, 2147483647]> : tensor<2xi32>
  %6 = genc.constant dense<-9223372036854775808> : tensor<i64>
  %7 = genc.constant dense<[true, false, false, true]> : tensor<4xi1>
  %8 = genc.constant dense<7> : tensor<2x3xi32>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8 : tensor<2x2xf32>, tensor<3xf64>, tensor<2xf16>, tensor<bf16>, tensor<3xi8>, tensor<2xi32>, tensor<i64>, tensor<4xi1>, tensor<2x3xi32>
}

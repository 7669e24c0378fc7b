
func.func @main(%x: tensor<6xf32>) -> tensor<6xf32> {
  %r = genc.rsqrt %x : tensor<6xf32>
  return %r : tensor<6xf32>
}

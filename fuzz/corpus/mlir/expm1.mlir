
func.func @main(%x: tensor<7xf32>) -> tensor<7xf32> {
  %r = genc.expm1 %x : tensor<7xf32>
  return %r : tensor<7xf32>
}

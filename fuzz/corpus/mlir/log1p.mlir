
func.func @main(%x: tensor<5xf32>) -> tensor<5xf32> {
  %r = genc.log1p %x : tensor<5xf32>
  return %r : tensor<5xf32>
}

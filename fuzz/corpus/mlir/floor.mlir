
func.func @main(%x: tensor<8xf32>) -> tensor<8xf32> {
  %r = genc.floor %x : tensor<8xf32>
  return %r : tensor<8xf32>
}

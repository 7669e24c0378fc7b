
func.func @main(%x: tensor<7xf32>) -> tensor<7xf32> {
  %r = genc.tanh %x : tensor<7xf32>
  return %r : tensor<7xf32>
}

func.func @half(%x: tensor<3xbf16>) -> tensor<3xbf16> {
  %r = genc.tanh %x : tensor<3xbf16>
  return %r : tensor<3xbf16>
}

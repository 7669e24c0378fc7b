// Parses, but genc.reshape does not verify (6 elements into 5).
func.func @main(%a: tensor<2x3xf32>) -> tensor<5xf32> {
  %r = genc.reshape %a : (tensor<2x3xf32>) -> tensor<5xf32>
  return %r : tensor<5xf32>
}

// A syntax error: the closing > of the result type is missing.
func.func @main(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %r = genc.add %a, %a : tensor<2x3xf32>
  return %r : tensor<2x3xf32
}

// Shared input for the genc CLI tests: one public entry point @main.
func.func @main(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %r = genc.add %a, %b : tensor<2x3xf32>
  %t = genc.tanh %r : tensor<2x3xf32>
  return %t : tensor<2x3xf32>
}

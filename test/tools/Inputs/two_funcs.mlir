// Two public functions (no @main) and a private helper.
func.func @add(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %r = genc.add %a, %b : tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}
func.func @neg(%a: tensor<4xi32>) -> tensor<4xi32> {
  %r = func.call @helper(%a) : (tensor<4xi32>) -> tensor<4xi32>
  return %r : tensor<4xi32>
}
func.func private @helper(%a: tensor<4xi32>) -> tensor<4xi32> {
  %r = genc.neg %a : tensor<4xi32>
  return %r : tensor<4xi32>
}

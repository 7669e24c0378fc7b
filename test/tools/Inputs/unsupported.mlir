// arith on whole tensors: the CPU pipeline does not lower it.
func.func @main(%a: tensor<2xf32>) -> tensor<2xf32> {
  %c = arith.constant dense<1.0> : tensor<2xf32>
  %r = arith.addf %a, %c : tensor<2xf32>
  return %r : tensor<2xf32>
}

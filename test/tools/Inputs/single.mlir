// One public function that is not called main.
func.func @double(%a: tensor<3xi64>) -> tensor<3xi64> {
  %r = genc.add %a, %a : tensor<3xi64>
  return %r : tensor<3xi64>
}

// Contractions whose operands are stored transposed: BLAS transpose flags
// (matmul_transpose_a/_b, batched too), as in matmul gradients.
func.func @main(%a: tensor<32x48xf32>, %b: tensor<32x40xf32>, %c: tensor<40x48xf32>, %d: tensor<3x16x24xf32>, %e: tensor<3x20x24xf32>) -> (tensor<48x40xf32>, tensor<32x40xf32>, tensor<3x16x20xf32>) {
  %0 = genc.dot_general %a, %b, batch = [] x [], contract = [0] x [0] : (tensor<32x48xf32>, tensor<32x40xf32>) -> tensor<48x40xf32>
  %1 = genc.dot_general %a, %c, batch = [] x [], contract = [1] x [1] : (tensor<32x48xf32>, tensor<40x48xf32>) -> tensor<32x40xf32>
  %2 = genc.dot_general %d, %e, batch = [0] x [0], contract = [2] x [2] : (tensor<3x16x24xf32>, tensor<3x20x24xf32>) -> tensor<3x16x20xf32>
  return %0, %1, %2 : tensor<48x40xf32>, tensor<32x40xf32>, tensor<3x16x20xf32>
}

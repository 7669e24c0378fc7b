// A dense layer, tanh(x @ w + b): the main job compiles and runs it.
func.func @main(%x: tensor<4x8xf32>, %w: tensor<8x16xf32>, %b: tensor<16xf32>) -> tensor<4x16xf32> {
  %0 = genc.dot_general %x, %w, batch = [] x [], contract = [1] x [0] : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  %1 = genc.broadcast_in_dim %b, dims = [1] : (tensor<16xf32>) -> tensor<4x16xf32>
  %2 = genc.add %0, %1 : tensor<4x16xf32>
  %3 = genc.tanh %2 : tensor<4x16xf32>
  return %3 : tensor<4x16xf32>
}

// matmul + bias + tanh: one dense layer.
func.func @main(%x: tensor<64x128xf32>, %w: tensor<128x32xf32>, %b: tensor<32xf32>) -> tensor<64x32xf32> {
  %0 = genc.dot_general %x, %w, batch = [] x [], contract = [1] x [0] : (tensor<64x128xf32>, tensor<128x32xf32>) -> tensor<64x32xf32>
  %1 = genc.broadcast_in_dim %b, dims = [1] : (tensor<32xf32>) -> tensor<64x32xf32>
  %2 = genc.add %0, %1 : tensor<64x32xf32>
  %3 = genc.tanh %2 : tensor<64x32xf32>
  return %3 : tensor<64x32xf32>
}

// Matrix products in the forms genc-cpu-library-calls hands to cuBLAS
// (run_cuda_fake_blas.test): plain, transposed A (contract [0]x[0]),
// transposed B (contract [1]x[1]), batched, and bf16.
func.func @mm(%a: tensor<4x5xf32>, %b: tensor<5x3xf32>) -> tensor<4x3xf32> {
  %c = genc.dot_general %a, %b, batch = [] x [], contract = [1] x [0] : (tensor<4x5xf32>, tensor<5x3xf32>) -> tensor<4x3xf32>
  return %c : tensor<4x3xf32>
}
func.func @mm_ta(%a: tensor<5x4xf32>, %b: tensor<5x3xf32>) -> tensor<4x3xf32> {
  %c = genc.dot_general %a, %b, batch = [] x [], contract = [0] x [0] : (tensor<5x4xf32>, tensor<5x3xf32>) -> tensor<4x3xf32>
  return %c : tensor<4x3xf32>
}
func.func @mm_tb(%a: tensor<4x5xf32>, %b: tensor<3x5xf32>) -> tensor<4x3xf32> {
  %c = genc.dot_general %a, %b, batch = [] x [], contract = [1] x [1] : (tensor<4x5xf32>, tensor<3x5xf32>) -> tensor<4x3xf32>
  return %c : tensor<4x3xf32>
}
func.func @bmm(%a: tensor<2x4x5xf32>, %b: tensor<2x5x3xf32>) -> tensor<2x4x3xf32> {
  %c = genc.dot_general %a, %b, batch = [0] x [0], contract = [2] x [1] : (tensor<2x4x5xf32>, tensor<2x5x3xf32>) -> tensor<2x4x3xf32>
  return %c : tensor<2x4x3xf32>
}
func.func @mm_f64(%a: tensor<4x5xf64>, %b: tensor<5x3xf64>) -> tensor<4x3xf64> {
  %c = genc.dot_general %a, %b, batch = [] x [], contract = [1] x [0] : (tensor<4x5xf64>, tensor<5x3xf64>) -> tensor<4x3xf64>
  return %c : tensor<4x3xf64>
}
func.func @mm_bf16(%a: tensor<64x32xbf16>, %b: tensor<32x16xbf16>) -> tensor<64x16xbf16> {
  %c = genc.dot_general %a, %b, batch = [] x [], contract = [1] x [0] : (tensor<64x32xbf16>, tensor<32x16xbf16>) -> tensor<64x16xbf16>
  return %c : tensor<64x16xbf16>
}

// GEMM shapes of convolution and dense-layer training steps that
// genc-cpu-register-gemm takes: kernel gradients X^T dY (A contracted on
// its first dimension) and im2col forward products. conv1/conv2: the conv
// net of genc-bench-grad (3->16, 16->32 s2, batch 16, 32x32); vae1/vae2:
// the VAE encoder's first two layers at 32x32, batch 64; dense/latent: a
// dense layer's kernel gradient; *f: forward products.
func.func @conv1(%a: tensor<16384x27xf32>, %b: tensor<16384x16xf32>) -> tensor<27x16xf32> {
  %c = genc.dot_general %a, %b, batch = [] x [], contract = [0] x [0] : (tensor<16384x27xf32>, tensor<16384x16xf32>) -> tensor<27x16xf32>
  return %c : tensor<27x16xf32>
}
func.func @vae1(%a: tensor<16384x48xf32>, %b: tensor<16384x32xf32>) -> tensor<48x32xf32> {
  %c = genc.dot_general %a, %b, batch = [] x [], contract = [0] x [0] : (tensor<16384x48xf32>, tensor<16384x32xf32>) -> tensor<48x32xf32>
  return %c : tensor<48x32xf32>
}
func.func @conv2(%a: tensor<4096x144xf32>, %b: tensor<4096x32xf32>) -> tensor<144x32xf32> {
  %c = genc.dot_general %a, %b, batch = [] x [], contract = [0] x [0] : (tensor<4096x144xf32>, tensor<4096x32xf32>) -> tensor<144x32xf32>
  return %c : tensor<144x32xf32>
}
func.func @vae2(%a: tensor<4096x512xf32>, %b: tensor<4096x32xf32>) -> tensor<512x32xf32> {
  %c = genc.dot_general %a, %b, batch = [] x [], contract = [0] x [0] : (tensor<4096x512xf32>, tensor<4096x32xf32>) -> tensor<512x32xf32>
  return %c : tensor<512x32xf32>
}
func.func @dense(%a: tensor<16x8192xf32>, %b: tensor<16x10xf32>) -> tensor<8192x10xf32> {
  %c = genc.dot_general %a, %b, batch = [] x [], contract = [0] x [0] : (tensor<16x8192xf32>, tensor<16x10xf32>) -> tensor<8192x10xf32>
  return %c : tensor<8192x10xf32>
}
func.func @latent(%a: tensor<64x4096xf32>, %b: tensor<64x16xf32>) -> tensor<4096x16xf32> {
  %c = genc.dot_general %a, %b, batch = [] x [], contract = [0] x [0] : (tensor<64x4096xf32>, tensor<64x16xf32>) -> tensor<4096x16xf32>
  return %c : tensor<4096x16xf32>
}
func.func @conv2f(%a: tensor<4096x144xf32>, %b: tensor<144x32xf32>) -> tensor<4096x32xf32> {
  %c = genc.dot_general %a, %b, batch = [] x [], contract = [1] x [0] : (tensor<4096x144xf32>, tensor<144x32xf32>) -> tensor<4096x32xf32>
  return %c : tensor<4096x32xf32>
}
func.func @conv1f(%a: tensor<16384x27xf32>, %b: tensor<27x16xf32>) -> tensor<16384x16xf32> {
  %c = genc.dot_general %a, %b, batch = [] x [], contract = [1] x [0] : (tensor<16384x27xf32>, tensor<27x16xf32>) -> tensor<16384x16xf32>
  return %c : tensor<16384x16xf32>
}
func.func @densef(%a: tensor<16x8192xf32>, %b: tensor<8192x10xf32>) -> tensor<16x10xf32> {
  %c = genc.dot_general %a, %b, batch = [] x [], contract = [1] x [0] : (tensor<16x8192xf32>, tensor<8192x10xf32>) -> tensor<16x10xf32>
  return %c : tensor<16x10xf32>
}
func.func @vae1f(%a: tensor<16384x48xf32>, %b: tensor<48x32xf32>) -> tensor<16384x32xf32> {
  %c = genc.dot_general %a, %b, batch = [] x [], contract = [1] x [0] : (tensor<16384x48xf32>, tensor<48x32xf32>) -> tensor<16384x32xf32>
  return %c : tensor<16384x32xf32>
}
func.func @vae2f(%a: tensor<4096x512xf32>, %b: tensor<512x32xf32>) -> tensor<4096x32xf32> {
  %c = genc.dot_general %a, %b, batch = [] x [], contract = [1] x [0] : (tensor<4096x512xf32>, tensor<512x32xf32>) -> tensor<4096x32xf32>
  return %c : tensor<4096x32xf32>
}
func.func @latentf(%a: tensor<64x4096xf32>, %b: tensor<4096x16xf32>) -> tensor<64x16xf32> {
  %c = genc.dot_general %a, %b, batch = [] x [], contract = [1] x [0] : (tensor<64x4096xf32>, tensor<4096x16xf32>) -> tensor<64x16xf32>
  return %c : tensor<64x16xf32>
}

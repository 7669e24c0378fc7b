// Matmuls genc-cpu-register-gemm turns into register-tiled kernels (A
// contracted on its first dimension, narrow outputs), for 512- and 256-bit
// registers and without them, each equal to the interpreter on
// integer-valued inputs (exact in float): one register block, several
// blocks with a tail block, masked row tails, f64, batched, K in chunks
// (several blocks, B's slice kept in L1), matmuls that accumulate into
// their output (beta = 1), and A as [M, K] with short rows (im2col).
// RUN: %python %S/../../tools/Inputs/compare_backends.py %s --backend=interp '--backend=cpu --vector-bits=512' | FileCheck %s
// RUN: %python %S/../../tools/Inputs/compare_backends.py %s --backend=interp '--backend=cpu --vector-bits=256' | FileCheck %s
// RUN: %python %S/../../tools/Inputs/compare_backends.py %s --backend=interp '--backend=cpu --vector-bits=0' | FileCheck %s
// The kernels are there (512-bit registers):
// RUN: genc compile %s --vector-bits=512 --emit=bufferized | FileCheck %s --check-prefix=IR
// IR-DAG: genc.kernel = "gemm (registers) 27x16x1024"
// IR-DAG: genc.kernel = "gemm (registers) 64x10x16"
// IR-DAG: genc.kernel = "gemm (registers) 45x13x7"
// IR-DAG: genc.kernel = "gemm (registers) 45x20x33"
// IR-DAG: genc.kernel = "gemm (registers) 24x16x300"
// IR-DAG: genc.kernel = "gemm (registers) 40x32x300"
// IR-DAG: genc.kernel = "gemm (registers) 40x16x300"
// IR-DAG: genc.kernel = "gemm (registers) 100x16x27"

// CHECK: first_layer: same
func.func @first_layer(%a: tensor<1024x27xf32>, %b: tensor<1024x16xf32>) -> tensor<27x16xf32> {
  %c = genc.dot_general %a, %b, batch = [] x [], contract = [0] x [0] : (tensor<1024x27xf32>, tensor<1024x16xf32>) -> tensor<27x16xf32>
  return %c : tensor<27x16xf32>
}
// CHECK: dense_blocks: same
func.func @dense_blocks(%a: tensor<16x64xf32>, %b: tensor<16x10xf32>) -> tensor<64x10xf32> {
  %c = genc.dot_general %a, %b, batch = [] x [], contract = [0] x [0] : (tensor<16x64xf32>, tensor<16x10xf32>) -> tensor<64x10xf32>
  return %c : tensor<64x10xf32>
}
// CHECK: f64_tails: same
func.func @f64_tails(%a: tensor<7x45xf64>, %b: tensor<7x13xf64>) -> tensor<45x13xf64> {
  %c = genc.dot_general %a, %b, batch = [] x [], contract = [0] x [0] : (tensor<7x45xf64>, tensor<7x13xf64>) -> tensor<45x13xf64>
  return %c : tensor<45x13xf64>
}
// CHECK: batched: same
func.func @batched(%a: tensor<3x33x45xf32>, %b: tensor<3x33x20xf32>) -> tensor<3x45x20xf32> {
  %c = genc.dot_general %a, %b, batch = [0] x [0], contract = [1] x [1] : (tensor<3x33x45xf32>, tensor<3x33x20xf32>) -> tensor<3x45x20xf32>
  return %c : tensor<3x45x20xf32>
}
// CHECK: accumulate: same
func.func @accumulate(%a: tensor<300x24xf32>, %b: tensor<300x16xf32>, %c: tensor<24x16xf32>) -> tensor<24x16xf32> {
  %r = linalg.matmul_transpose_a ins(%a, %b : tensor<300x24xf32>, tensor<300x16xf32>) outs(%c : tensor<24x16xf32>) -> tensor<24x16xf32>
  return %r : tensor<24x16xf32>
}
// CHECK: chunked: same
func.func @chunked(%a: tensor<300x40xf32>, %b: tensor<300x32xf32>) -> tensor<40x32xf32> {
  %c = genc.dot_general %a, %b, batch = [] x [], contract = [0] x [0] : (tensor<300x40xf32>, tensor<300x32xf32>) -> tensor<40x32xf32>
  return %c : tensor<40x32xf32>
}
// CHECK: chunked_accumulate: same
func.func @chunked_accumulate(%a: tensor<300x40xf32>, %b: tensor<300x16xf32>, %c: tensor<40x16xf32>) -> tensor<40x16xf32> {
  %r = linalg.matmul_transpose_a ins(%a, %b : tensor<300x40xf32>, tensor<300x16xf32>) outs(%c : tensor<40x16xf32>) -> tensor<40x16xf32>
  return %r : tensor<40x16xf32>
}
// CHECK: im2col: same
func.func @im2col(%a: tensor<100x27xf32>, %b: tensor<27x16xf32>) -> tensor<100x16xf32> {
  %c = genc.dot_general %a, %b, batch = [] x [], contract = [1] x [0] : (tensor<100x27xf32>, tensor<27x16xf32>) -> tensor<100x16xf32>
  return %c : tensor<100x16xf32>
}

// RUN: genc-opt %s --split-input-file --genc-cpu-register-gemm="vector-bits=512" | FileCheck %s
// RUN: genc-opt %s --split-input-file --genc-cpu-register-gemm="vector-bits=256" | FileCheck %s --check-prefix=AVX2
// RUN: genc-opt %s --split-input-file --genc-cpu-register-gemm | FileCheck %s --check-prefix=OFF

// A first layer's kernel gradient, X^T dY with 27 x 16 outputs: with
// 512-bit registers one block of 27 accumulators (one zmm per output row)
// over K; the zero fill becomes the accumulators' zero start. With 256-bit
// registers (16 of them) two per row: blocks of 6 rows (4 of them, then 3
// rows) that re-read dY, so K goes in chunks of 256 (a 16 KiB slice of
// dY, in L1) with C zeroed first and the accumulators passing through it
// between chunks. Without a width, nothing changes.
// CHECK-LABEL: func.func @first_layer
// CHECK-NOT: linalg.fill
// CHECK: call @[[K:genc_register_gemm_[0-9]+]](%arg0, %arg1, %arg2)
// CHECK: func.func private @[[K]](%{{.*}}: memref<16384x27xf32>, %{{.*}}: memref<16384x16xf32>, %{{.*}}: memref<27x16xf32>) attributes {genc.kernel = "gemm (registers) 27x16x16384"}
// CHECK: %[[ZERO:.*]] = arith.constant dense<0.000000e+00> : vector<16xf32>
// CHECK: scf.for %[[KI:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args({{.*}}) -> (vector<16xf32>
// CHECK: %[[ROW:.*]] = vector.load %arg1[%[[KI]], %{{.*}}] : memref<16384x16xf32>, vector<16xf32>
// CHECK: %[[A:.*]] = memref.load %arg0[%[[KI]], %{{.*}}] : memref<16384x27xf32>
// CHECK: %[[S:.*]] = vector.broadcast %[[A]] : f32 to vector<16xf32>
// CHECK: vector.fma %[[S]], %[[ROW]], %{{.*}} : vector<16xf32>
// CHECK-COUNT-26: vector.fma
// CHECK-NOT: vector.fma
// CHECK: scf.yield
// CHECK-COUNT-27: vector.store
// AVX2-LABEL: func.func @first_layer
// AVX2-NOT: linalg.fill
// AVX2: func.func private @{{.*}} attributes {genc.kernel = "gemm (registers) 27x16x16384"}
// AVX2: scf.for %[[R:.*]] = %c0 to %c27 step %c1
// AVX2-COUNT-2: vector.store %cst, %arg2[%[[R]]
// AVX2: scf.for %[[K0:.*]] = %c0 to %c16384 step %c256
// AVX2: scf.for %[[M0:.*]] = %c0 to %c24 step %c6
// AVX2: vector.load %arg2[%[[M0]], %c0]
// AVX2: scf.for %{{.*}} = %[[K0]] to
// AVX2-COUNT-12: vector.fma
// AVX2: vector.load %arg2[%c24, %c0]
// OFF-LABEL: func.func @first_layer
// OFF: linalg.matmul_transpose_a
// OFF-NOT: genc_register_gemm
func.func @first_layer(%x: memref<16384x27xf32>, %dy: memref<16384x16xf32>, %dw: memref<27x16xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%dw : memref<27x16xf32>)
  linalg.matmul_transpose_a ins(%x, %dy : memref<16384x27xf32>, memref<16384x16xf32>) outs(%dw : memref<27x16xf32>)
  return
}

// -----

// A dense layer's kernel gradient (8192 x 10 over a batch of 16): blocks
// of 30 rows (31 with AVX2 would not fit: 14) re-read the 640-byte panel
// of dY; rows of 10 are masked loads/stores; 8192 = 273 * 30 + 2, so a
// loop over the full blocks and one tail block of 2 rows. Without a zero
// fill first, the accumulators start from C (beta = 1).
// CHECK-LABEL: func.func @dense
// CHECK: call @[[K:genc_register_gemm_[0-9]+]]
// CHECK: func.func private @[[K]]({{.*}}) attributes {genc.kernel = "gemm (registers) 8192x10x16"}
// CHECK: %[[MASK:.*]] = vector.constant_mask [10] : vector<16xi1>
// CHECK: scf.for %[[M:.*]] = %{{.*}} to %{{.*}} step %c30
// CHECK: vector.maskedload %arg2[%[[M]], %{{.*}}], %[[MASK]]
// CHECK: scf.for
// CHECK: vector.maskedload %arg1
// CHECK-COUNT-30: vector.fma
// CHECK: vector.maskedstore %arg2[%[[M]], %{{.*}}], %[[MASK]]
// CHECK: vector.maskedload %arg2[%c8190, %{{.*}}], %[[MASK]]
// AVX2-LABEL: func.func @dense
// AVX2: func.func private @{{.*}} attributes {genc.kernel = "gemm (registers) 8192x10x16"}
// AVX2: vector.constant_mask [2] : vector<8xi1>
// AVX2: step %c6
func.func @dense(%x: memref<16x8192xf32>, %dy: memref<16x10xf32>, %dw: memref<8192x10xf32>) {
  linalg.matmul_transpose_a ins(%x, %dy : memref<16x8192xf32>, memref<16x10xf32>) outs(%dw : memref<8192x10xf32>)
  return
}

// -----

// Left to BLAS: B transposed (its rows are not contiguous in k), outputs
// wider than two registers, A as [M, K] with long rows (8 KiB: the block's
// rows would alias in L1), too few accumulators.
// CHECK-LABEL: func.func @left_alone
// CHECK: linalg.matmul_transpose_b
// CHECK: linalg.matmul_transpose_a
// CHECK: linalg.matmul ins
// CHECK: linalg.matmul_transpose_a
// CHECK-NOT: genc_register_gemm
func.func @left_alone(%a: memref<64x32xf32>, %b: memref<16x32xf32>, %c: memref<64x16xf32>,
                      %at: memref<32x64xf32>, %w: memref<32x40xf32>, %c2: memref<64x40xf32>,
                      %a2: memref<64x2048xf32>, %b2: memref<2048x16xf32>,
                      %a3: memref<32x4xf32>, %b3: memref<32x16xf32>, %c3: memref<4x16xf32>) {
  linalg.matmul_transpose_b ins(%a, %b : memref<64x32xf32>, memref<16x32xf32>) outs(%c : memref<64x16xf32>)
  linalg.matmul_transpose_a ins(%at, %w : memref<32x64xf32>, memref<32x40xf32>) outs(%c2 : memref<64x40xf32>)
  linalg.matmul ins(%a2, %b2 : memref<64x2048xf32>, memref<2048x16xf32>) outs(%c : memref<64x16xf32>)
  linalg.matmul_transpose_a ins(%a3, %b3 : memref<32x4xf32>, memref<32x16xf32>) outs(%c3 : memref<4x16xf32>)
  return
}

// -----

// A convolution's forward GEMM, im2col rows (27 taps x channels) times the
// kernel: A as [M, K] with short rows, loaded A[m, k].
// CHECK-LABEL: func.func @im2col
// CHECK: call @[[K:genc_register_gemm_[0-9]+]]
// CHECK: func.func private @[[K]]({{.*}}) attributes {genc.kernel = "gemm (registers) 16384x16x27"}
// CHECK: scf.for %[[M:.*]] = %c0 to %{{.*}} step %c30
// CHECK: scf.for %[[KI:.*]] = %c0 to %{{.*}} step
// CHECK: memref.load %arg0[%[[M]], %[[KI]]] : memref<16384x27xf32>
func.func @im2col(%cols: memref<16384x27xf32>, %w: memref<27x16xf32>, %y: memref<16384x16xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%y : memref<16384x16xf32>)
  linalg.matmul ins(%cols, %w : memref<16384x27xf32>, memref<27x16xf32>) outs(%y : memref<16384x16xf32>)
  return
}

// -----

// A forward product whose C (2048 x 32, 256 KiB) is too large to pass
// through between K chunks: the 38 KiB panel of B is re-read from L2 by
// each block of 14 rows, K in one piece. A 32768 x 144 im2col matrix (18
// MiB, from memory) is left to BLAS's packing; a transposed one with one
// register per row is not.
// CHECK-LABEL: func.func @forward_wide
// CHECK: call @[[K:genc_register_gemm_[0-9]+]]
// CHECK: linalg.matmul ins
// CHECK: call @[[T:genc_register_gemm_[0-9]+]]
// CHECK: func.func private @[[K]]({{.*}}) attributes {genc.kernel = "gemm (registers) 2048x32x300"}
// CHECK-NOT: step %c128
// CHECK: scf.for %{{.*}} = %c0 to %c2044 step %c14
// CHECK: func.func private @[[T]]({{.*}}) attributes {genc.kernel = "gemm (registers) 144x16x32768"}
func.func @forward_wide(%a: memref<2048x300xf32>, %b: memref<300x32xf32>, %c: memref<2048x32xf32>,
                        %cols: memref<32768x144xf32>, %w: memref<144x16xf32>, %y: memref<32768x16xf32>,
                        %dw: memref<144x16xf32>) {
  linalg.matmul ins(%a, %b : memref<2048x300xf32>, memref<300x32xf32>) outs(%c : memref<2048x32xf32>)
  linalg.matmul ins(%cols, %w : memref<32768x144xf32>, memref<144x16xf32>) outs(%y : memref<32768x16xf32>)
  linalg.matmul_transpose_a ins(%cols, %y : memref<32768x144xf32>, memref<32768x16xf32>) outs(%dw : memref<144x16xf32>)
  return
}

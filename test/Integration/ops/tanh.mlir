// genc.tanh; tanh(0.5) = 0.462117165 in f32.
// RUN: genc run %s --backend=interp --input='7xf32=0.5 -0.5 0 2 10 -inf 1e-10' | FileCheck %s --match-full-lines
// RUN: genc run %s --backend=cpu --input='7xf32=0.5 -0.5 0 2 10 -inf 1e-10' | FileCheck %s --match-full-lines
// RUN: genc run %s --function=half --backend=interp --input='3xbf16=1 0.5 -3' | FileCheck %s --check-prefix=BF16 --match-full-lines
// RUN: genc run %s --function=half --backend=cpu --input='3xbf16=1 0.5 -3' | FileCheck %s --check-prefix=BF16 --match-full-lines

// CHECK: 7xf32=0.462117165 -0.462117165 0 0.964027584 1 -1 1.00000001e-10
func.func @main(%x: tensor<7xf32>) -> tensor<7xf32> {
  %r = genc.tanh %x : tensor<7xf32>
  return %r : tensor<7xf32>
}

// bf16 (8 bits of mantissa) prints with 4 digits: tanh(1) = 0.76171875.
// BF16: 3xbf16=0.7617 0.4629 -0.9961
func.func @half(%x: tensor<3xbf16>) -> tensor<3xbf16> {
  %r = genc.tanh %x : tensor<3xbf16>
  return %r : tensor<3xbf16>
}

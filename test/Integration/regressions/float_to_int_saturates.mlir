// Float to integer truncates, saturates out of range, and maps NaN to 0.
// RUN: genc run %s --input='4xf32=3e9 -3e9 nan -2.7' | FileCheck %s
// RUN: genc run %s --backend=interp --input='4xf32=3e9 -3e9 nan -2.7' | FileCheck %s
// CHECK: 4xi32=2147483647 -2147483648 0 -2
func.func @main(%x: tensor<4xf32>) -> tensor<4xi32> {
  %r = genc.convert %x : (tensor<4xf32>) -> tensor<4xi32>
  return %r : tensor<4xi32>
}

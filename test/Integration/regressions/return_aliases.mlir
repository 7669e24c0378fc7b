// Returning an argument, the same value twice, or a constant gives each
// result its own output buffer.
// RUN: genc run %s --input='2xf64=1.5 -2' | FileCheck %s
// CHECK: 2xf64=1.5 -2
// CHECK: 2xf64=-1.5 2
// CHECK: 2xf64=-1.5 2
// CHECK: 2xf64=3 4
func.func @main(%x: tensor<2xf64>) -> (tensor<2xf64>, tensor<2xf64>, tensor<2xf64>, tensor<2xf64>) {
  %n = genc.neg %x : tensor<2xf64>
  %c = genc.constant dense<[3.0, 4.0]> : tensor<2xf64>
  return %x, %n, %n, %c : tensor<2xf64>, tensor<2xf64>, tensor<2xf64>, tensor<2xf64>
}

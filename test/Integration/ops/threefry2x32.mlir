// Random123 known answers for threefry2x32-20 on both backends:
// key (0x13198a2e, 0x03707344), counter (0x243f6a88, 0x85a308d3) ->
// (0xc4923a9c, 0x483df7a0); key (0, 0), counter (0, 0) -> (0x6b200159, 0x99ba4efe).
// RUN: genc run %s --input='2xi32=320440878 0' --input='2xi32=57701188 0' --input='2xi32=608135816 0' --input='2xi32=-2052912941 0' | FileCheck %s
// RUN: genc run %s --backend=interp --input='2xi32=320440878 0' --input='2xi32=57701188 0' --input='2xi32=608135816 0' --input='2xi32=-2052912941 0' | FileCheck %s
// CHECK: 2xi32=-997049700 1797259609
// CHECK: 2xi32=1212020640 -1715843330
func.func @main(%k0: tensor<2xi32>, %k1: tensor<2xi32>, %x0: tensor<2xi32>, %x1: tensor<2xi32>) -> (tensor<2xi32>, tensor<2xi32>) {
  %y0, %y1 = genc.threefry2x32 %k0, %k1, %x0, %x1 : tensor<2xi32>
  return %y0, %y1 : tensor<2xi32>, tensor<2xi32>
}

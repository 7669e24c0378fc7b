// f16 contractions accumulate in f32 and round once.
// RUN: genc run %s --input='3xf16=2048 1 1' --input='3xf16=1 1 1' | FileCheck %s
// RUN: genc run %s --backend=interp --input='3xf16=2048 1 1' --input='3xf16=1 1 1' | FileCheck %s
// CHECK: f16=2050
func.func @main(%a: tensor<3xf16>, %b: tensor<3xf16>) -> tensor<f16> {
  %r = genc.dot_general %a, %b, batch = [] x [], contract = [0] x [0] : (tensor<3xf16>, tensor<3xf16>) -> tensor<f16>
  return %r : tensor<f16>
}

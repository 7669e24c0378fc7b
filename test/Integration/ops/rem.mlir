// genc.rem: C fmod for floats (sign of the dividend); integers take the
// sign of the dividend and x % 0 = x (StableHLO).
// RUN: genc run %s --backend=interp --input='8xf32=7 -7 7 -7 5.5 1 inf -1' --input='8xf32=2 2 -2 -2 0 0 2 inf' | FileCheck %s --match-full-lines
// RUN: genc run %s --backend=cpu --input='8xf32=7 -7 7 -7 5.5 1 inf -1' --input='8xf32=2 2 -2 -2 0 0 2 inf' | FileCheck %s --match-full-lines
// RUN: genc run %s --function=ints --backend=interp --input='6xi64=7 -7 7 -7 5 -5' --input='6xi64=3 3 -3 -3 0 0' | FileCheck %s --check-prefix=INT --match-full-lines
// RUN: genc run %s --function=ints --backend=cpu --input='6xi64=7 -7 7 -7 5 -5' --input='6xi64=3 3 -3 -3 0 0' | FileCheck %s --check-prefix=INT --match-full-lines

// CHECK: 8xf32=1 -1 1 -1 {{-?}}nan {{-?}}nan {{-?}}nan -1
func.func @main(%a: tensor<8xf32>, %b: tensor<8xf32>) -> tensor<8xf32> {
  %r = genc.rem %a, %b : tensor<8xf32>
  return %r : tensor<8xf32>
}

// INT: 6xi64=1 -1 1 -1 5 -5
func.func @ints(%a: tensor<6xi64>, %b: tensor<6xi64>) -> tensor<6xi64> {
  %r = genc.rem %a, %b : tensor<6xi64>
  return %r : tensor<6xi64>
}

// genc.div: IEEE division for floats; integers truncate toward zero and
// x / 0 = -1 (StableHLO).
// RUN: genc run %s --backend=interp --input='8xf32=7 -7 7 -7 5.5 1 0 -1' --input='8xf32=2 2 -2 -2 0 0 0 inf' | FileCheck %s --match-full-lines
// RUN: genc run %s --backend=cpu --input='8xf32=7 -7 7 -7 5.5 1 0 -1' --input='8xf32=2 2 -2 -2 0 0 0 inf' | FileCheck %s --match-full-lines
// RUN: genc run %s --function=ints --backend=interp --input='7xi32=7 -7 7 -7 5 0 -2147483648' --input='7xi32=2 2 -2 -2 0 0 2' --input='3xi8=-128 100 -5' --input='3xi8=0 -7 3' | FileCheck %s --check-prefix=INT --match-full-lines
// RUN: genc run %s --function=ints --backend=cpu --input='7xi32=7 -7 7 -7 5 0 -2147483648' --input='7xi32=2 2 -2 -2 0 0 2' --input='3xi8=-128 100 -5' --input='3xi8=0 -7 3' | FileCheck %s --check-prefix=INT --match-full-lines

// CHECK: 8xf32=3.5 -3.5 -3.5 3.5 inf inf {{-?}}nan -0
func.func @main(%a: tensor<8xf32>, %b: tensor<8xf32>) -> tensor<8xf32> {
  %r = genc.div %a, %b : tensor<8xf32>
  return %r : tensor<8xf32>
}

// INT: 7xi32=3 -3 -3 3 -1 -1 -1073741824
// INT-NEXT: 3xi8=-1 -14 -1
func.func @ints(%a: tensor<7xi32>, %b: tensor<7xi32>, %c: tensor<3xi8>, %d: tensor<3xi8>) -> (tensor<7xi32>, tensor<3xi8>) {
  %r = genc.div %a, %b : tensor<7xi32>
  %s = genc.div %c, %d : tensor<3xi8>
  return %r, %s : tensor<7xi32>, tensor<3xi8>
}

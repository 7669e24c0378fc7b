// genc.mul on f32 (overflow to inf, signed zeros), wrapping i32, and i1
// (logical and).
// RUN: genc run %s --backend=interp --input='6xf32=0.1 1e30 -0 -0 inf 3' --input='6xf32=0.2 1e30 -0 0 -inf -1e-8' --input='3xi32=65536 -3 7' --input='3xi32=65536 5 0' --input='4xi1=0 0 1 1' --input='4xi1=0 1 0 1' | FileCheck %s --match-full-lines
// RUN: genc run %s --backend=cpu --input='6xf32=0.1 1e30 -0 -0 inf 3' --input='6xf32=0.2 1e30 -0 0 -inf -1e-8' --input='3xi32=65536 -3 7' --input='3xi32=65536 5 0' --input='4xi1=0 0 1 1' --input='4xi1=0 1 0 1' | FileCheck %s --match-full-lines

// CHECK: 6xf32=0.0200000014 inf 0 -0 -inf -2.99999989e-08
// CHECK-NEXT: 3xi32=0 -15 0
// CHECK-NEXT: 4xi1=0 0 0 1
func.func @main(%a: tensor<6xf32>, %b: tensor<6xf32>, %i: tensor<3xi32>, %j: tensor<3xi32>, %p: tensor<4xi1>, %q: tensor<4xi1>) -> (tensor<6xf32>, tensor<3xi32>, tensor<4xi1>) {
  %r = genc.mul %a, %b : tensor<6xf32>
  %s = genc.mul %i, %j : tensor<3xi32>
  %t = genc.mul %p, %q : tensor<4xi1>
  return %r, %s, %t : tensor<6xf32>, tensor<3xi32>, tensor<4xi1>
}

// genc.sub on f32 (signed zeros, inf - inf) and wrapping i32.
// RUN: genc run %s --backend=interp --input='6xf32=0.1 1e30 -0 -0 inf 3' --input='6xf32=0.2 1e30 -0 0 -inf -1e-8' --input='3xi32=-2147483648 5 0' --input='3xi32=1 7 -2147483648' | FileCheck %s --match-full-lines
// RUN: genc run %s --backend=cpu --input='6xf32=0.1 1e30 -0 -0 inf 3' --input='6xf32=0.2 1e30 -0 0 -inf -1e-8' --input='3xi32=-2147483648 5 0' --input='3xi32=1 7 -2147483648' | FileCheck %s --match-full-lines

// CHECK: 6xf32=-0.100000001 0 0 -0 inf 3
// CHECK-NEXT: 3xi32=2147483647 -2 -2147483648
func.func @main(%a: tensor<6xf32>, %b: tensor<6xf32>, %i: tensor<3xi32>, %j: tensor<3xi32>) -> (tensor<6xf32>, tensor<3xi32>) {
  %r = genc.sub %a, %b : tensor<6xf32>
  %s = genc.sub %i, %j : tensor<3xi32>
  return %r, %s : tensor<6xf32>, tensor<3xi32>
}

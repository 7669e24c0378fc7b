// genc.and / genc.or: bitwise on integers, logical on i1.
// RUN: genc run %s --backend=interp --input='4xi32=12 -1 0 255' --input='4xi32=10 7 -1 256' --input='4xi1=0 0 1 1' --input='4xi1=0 1 0 1' | FileCheck %s --match-full-lines
// RUN: genc run %s --backend=cpu --input='4xi32=12 -1 0 255' --input='4xi32=10 7 -1 256' --input='4xi1=0 0 1 1' --input='4xi1=0 1 0 1' | FileCheck %s --match-full-lines

// CHECK: 4xi32=8 7 0 0
// CHECK-NEXT: 4xi32=14 -1 -1 511
// CHECK-NEXT: 4xi1=0 0 0 1
// CHECK-NEXT: 4xi1=0 1 1 1
func.func @main(%a: tensor<4xi32>, %b: tensor<4xi32>, %p: tensor<4xi1>, %q: tensor<4xi1>) -> (tensor<4xi32>, tensor<4xi32>, tensor<4xi1>, tensor<4xi1>) {
  %0 = genc.and %a, %b : tensor<4xi32>
  %1 = genc.or %a, %b : tensor<4xi32>
  %2 = genc.and %p, %q : tensor<4xi1>
  %3 = genc.or %p, %q : tensor<4xi1>
  return %0, %1, %2, %3 : tensor<4xi32>, tensor<4xi32>, tensor<4xi1>, tensor<4xi1>
}

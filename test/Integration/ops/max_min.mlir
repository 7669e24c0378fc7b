// genc.max / genc.min: NaN if either operand is NaN, -0 < +0; signed for
// integers, or/and for i1.
// RUN: genc run %s --backend=interp --input='6xf32=1 -2 nan 3 -0 0' --input='6xf32=2 -3 1 nan 0 -0' | FileCheck %s --match-full-lines
// RUN: genc run %s --backend=cpu --input='6xf32=1 -2 nan 3 -0 0' --input='6xf32=2 -3 1 nan 0 -0' | FileCheck %s --match-full-lines
// RUN: genc run %s --function=ints --backend=interp --input='4xi32=1 -2 2147483647 -2147483648' --input='4xi32=-1 3 0 0' --input='4xi1=0 0 1 1' --input='4xi1=0 1 0 1' | FileCheck %s --check-prefix=INT --match-full-lines
// RUN: genc run %s --function=ints --backend=cpu --input='4xi32=1 -2 2147483647 -2147483648' --input='4xi32=-1 3 0 0' --input='4xi1=0 0 1 1' --input='4xi1=0 1 0 1' | FileCheck %s --check-prefix=INT --match-full-lines

// CHECK: 6xf32=2 -2 nan nan 0 0
// CHECK-NEXT: 6xf32=1 -3 nan nan -0 -0
func.func @main(%a: tensor<6xf32>, %b: tensor<6xf32>) -> (tensor<6xf32>, tensor<6xf32>) {
  %r = genc.max %a, %b : tensor<6xf32>
  %s = genc.min %a, %b : tensor<6xf32>
  return %r, %s : tensor<6xf32>, tensor<6xf32>
}

// INT: 4xi32=1 3 2147483647 0
// INT-NEXT: 4xi32=-1 -2 0 -2147483648
// INT-NEXT: 4xi1=0 1 1 1
// INT-NEXT: 4xi1=0 0 0 1
func.func @ints(%a: tensor<4xi32>, %b: tensor<4xi32>, %p: tensor<4xi1>, %q: tensor<4xi1>) -> (tensor<4xi32>, tensor<4xi32>, tensor<4xi1>, tensor<4xi1>) {
  %r = genc.max %a, %b : tensor<4xi32>
  %s = genc.min %a, %b : tensor<4xi32>
  %t = genc.max %p, %q : tensor<4xi1>
  %u = genc.min %p, %q : tensor<4xi1>
  return %r, %s, %t, %u : tensor<4xi32>, tensor<4xi32>, tensor<4xi1>, tensor<4xi1>
}

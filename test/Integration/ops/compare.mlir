// genc.compare: IEEE ordered comparisons on floats (NE is true on NaN),
// signed on integers, false < true on i1.
// RUN: genc run %s --backend=interp --input='6xf32=1 2 nan 3 -0 -inf' --input='6xf32=2 2 nan nan 0 inf' | FileCheck %s --match-full-lines
// RUN: genc run %s --backend=cpu --input='6xf32=1 2 nan 3 -0 -inf' --input='6xf32=2 2 nan nan 0 inf' | FileCheck %s --match-full-lines
// RUN: genc run %s --function=ints --backend=interp --input='4xi32=-1 5 -2147483648 7' --input='4xi32=1 5 2147483647 -7' --input='4xi1=0 0 1 1' --input='4xi1=0 1 0 1' | FileCheck %s --check-prefix=INT --match-full-lines
// RUN: genc run %s --function=ints --backend=cpu --input='4xi32=-1 5 -2147483648 7' --input='4xi32=1 5 2147483647 -7' --input='4xi1=0 0 1 1' --input='4xi1=0 1 0 1' | FileCheck %s --check-prefix=INT --match-full-lines

// Columns: 1?2, 2?2, nan?nan, 3?nan, -0?0, -inf?inf.
// CHECK: 6xi1=0 1 0 0 1 0
// CHECK-NEXT: 6xi1=1 0 1 1 0 1
// CHECK-NEXT: 6xi1=1 0 0 0 0 1
// CHECK-NEXT: 6xi1=1 1 0 0 1 1
// CHECK-NEXT: 6xi1=0 0 0 0 0 0
// CHECK-NEXT: 6xi1=0 1 0 0 1 0
func.func @main(%a: tensor<6xf32>, %b: tensor<6xf32>) -> (tensor<6xi1>, tensor<6xi1>, tensor<6xi1>, tensor<6xi1>, tensor<6xi1>, tensor<6xi1>) {
  %0 = genc.compare EQ, %a, %b : (tensor<6xf32>, tensor<6xf32>) -> tensor<6xi1>
  %1 = genc.compare NE, %a, %b : (tensor<6xf32>, tensor<6xf32>) -> tensor<6xi1>
  %2 = genc.compare LT, %a, %b : (tensor<6xf32>, tensor<6xf32>) -> tensor<6xi1>
  %3 = genc.compare LE, %a, %b : (tensor<6xf32>, tensor<6xf32>) -> tensor<6xi1>
  %4 = genc.compare GT, %a, %b : (tensor<6xf32>, tensor<6xf32>) -> tensor<6xi1>
  %5 = genc.compare GE, %a, %b : (tensor<6xf32>, tensor<6xf32>) -> tensor<6xi1>
  return %0, %1, %2, %3, %4, %5 : tensor<6xi1>, tensor<6xi1>, tensor<6xi1>, tensor<6xi1>, tensor<6xi1>, tensor<6xi1>
}

// INT: 4xi1=1 0 1 0
// INT-NEXT: 4xi1=0 1 0 1
// INT-NEXT: 4xi1=0 1 0 0
// INT-NEXT: 4xi1=1 0 1 1
func.func @ints(%a: tensor<4xi32>, %b: tensor<4xi32>, %p: tensor<4xi1>, %q: tensor<4xi1>) -> (tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>) {
  %0 = genc.compare LT, %a, %b : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi1>
  %1 = genc.compare GE, %a, %b : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi1>
  %2 = genc.compare LT, %p, %q : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %3 = genc.compare GE, %p, %q : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  return %0, %1, %2, %3 : tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>
}

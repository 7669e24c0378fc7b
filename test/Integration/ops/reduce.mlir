// genc.reduce: sums, max and min over one, several or all dimensions, a
// body of several ops, and an empty dimension list (the body applied once
// to init and each element).
// RUN: genc run %s --backend=interp --input='2x3xf32=[1 -2 3][4 5 -6]' --input='2x3x4xi32=23 22 21 20 19 18 17 16 15 14 13 12 11 10 9 8 7 6 5 4 3 2 1 0' | FileCheck %s --match-full-lines
// RUN: genc run %s --backend=cpu --input='2x3xf32=[1 -2 3][4 5 -6]' --input='2x3x4xi32=23 22 21 20 19 18 17 16 15 14 13 12 11 10 9 8 7 6 5 4 3 2 1 0' | FileCheck %s --match-full-lines

// CHECK: 2xf32=2 3
// CHECK-NEXT: 3xf32=4 5 3
// CHECK-NEXT: f32=5
// CHECK-NEXT: 3xi32=8 4 0
// CHECK-NEXT: f32=91
// CHECK-NEXT: 2x3xf32=[2 -4 6][8 10 -12]
func.func @main(%x: tensor<2x3xf32>, %y: tensor<2x3x4xi32>) -> (tensor<2xf32>, tensor<3xf32>, tensor<f32>, tensor<3xi32>, tensor<f32>, tensor<2x3xf32>) {
  %z = genc.constant dense<0.0> : tensor<f32>
  %ninf = genc.constant dense<0xFF800000> : tensor<f32>
  %imax = genc.constant dense<2147483647> : tensor<i32>
  %two = genc.constant dense<2.0> : tensor<f32>
  // Row sums.
  %0 = genc.reduce %x, %z dims = [1] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %t = genc.add %a, %b : tensor<f32>
    genc.return %t : tensor<f32>
  }
  // Column maxima, from -inf.
  %1 = genc.reduce %x, %ninf dims = [0] : (tensor<2x3xf32>, tensor<f32>) -> tensor<3xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %t = genc.max %a, %b : tensor<f32>
    genc.return %t : tensor<f32>
  }
  // Total.
  %2 = genc.reduce %x, %z dims = [0, 1] : (tensor<2x3xf32>, tensor<f32>) -> tensor<f32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %t = genc.add %a, %b : tensor<f32>
    genc.return %t : tensor<f32>
  }
  // y[a, b, c] = 23 - (12a + 4b + c): min over a and c is 8 - 4b.
  %3 = genc.reduce %y, %imax dims = [0, 2] : (tensor<2x3x4xi32>, tensor<i32>) -> tensor<3xi32> {
  ^bb0(%a: tensor<i32>, %b: tensor<i32>):
    %t = genc.min %a, %b : tensor<i32>
    genc.return %t : tensor<i32>
  }
  // Sum of squares: (accumulator, element) -> accumulator + element^2.
  %4 = genc.reduce %x, %z dims = [0, 1] : (tensor<2x3xf32>, tensor<f32>) -> tensor<f32> {
  ^bb0(%acc: tensor<f32>, %e: tensor<f32>):
    %sq = genc.mul %e, %e : tensor<f32>
    %t = genc.add %acc, %sq : tensor<f32>
    genc.return %t : tensor<f32>
  }
  // No reduced dimension: body(init, x) elementwise.
  %5 = genc.reduce %x, %two dims = [] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %t = genc.mul %a, %b : tensor<f32>
    genc.return %t : tensor<f32>
  }
  return %0, %1, %2, %3, %4, %5 : tensor<2xf32>, tensor<3xf32>, tensor<f32>, tensor<3xi32>, tensor<f32>, tensor<2x3xf32>
}

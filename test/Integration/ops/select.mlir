// genc.select picks on_true where pred is set, elementwise.
// RUN: genc run %s --backend=interp --input='2x3xi1=[1 0 1][0 0 1]' --input='2x3xf32=[1 2 3][4 5 6]' --input='2x3xf32=[-1 -2 -3][-4 -5 -6]' | FileCheck %s --match-full-lines
// RUN: genc run %s --backend=cpu --input='2x3xi1=[1 0 1][0 0 1]' --input='2x3xf32=[1 2 3][4 5 6]' --input='2x3xf32=[-1 -2 -3][-4 -5 -6]' | FileCheck %s --match-full-lines
// RUN: genc run %s --function=computed --backend=interp --input='4xi64=5 -3 0 9' | FileCheck %s --check-prefix=RELU --match-full-lines
// RUN: genc run %s --function=computed --backend=cpu --input='4xi64=5 -3 0 9' | FileCheck %s --check-prefix=RELU --match-full-lines

// CHECK: 2x3xf32=[1 -2 3][-4 -5 6]
func.func @main(%p: tensor<2x3xi1>, %a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %r = genc.select %p, %a, %b : tensor<2x3xi1>, tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// A predicate computed by compare: relu on i64.
// RELU: 4xi64=5 0 0 9
func.func @computed(%x: tensor<4xi64>) -> tensor<4xi64> {
  %z = genc.constant dense<0> : tensor<4xi64>
  %p = genc.compare GT, %x, %z : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi1>
  %r = genc.select %p, %x, %z : tensor<4xi1>, tensor<4xi64>
  return %r : tensor<4xi64>
}

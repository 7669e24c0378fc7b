// genc.while compiles on the CPU (loop-carried tensors are reallocated).
// RUN: genc run %s --input='i32=10' | FileCheck %s
// RUN: genc run %s --backend=interp --input='i32=10' | FileCheck %s
// CHECK: i32=45
func.func @main(%n: tensor<i32>) -> tensor<i32> {
  %zero = genc.constant dense<0> : tensor<i32>
  %one = genc.constant dense<1> : tensor<i32>
  %r:2 = genc.while (%i = %zero, %s = %zero) : tensor<i32>, tensor<i32> cond {
    %p = genc.compare LT, %i, %n : (tensor<i32>, tensor<i32>) -> tensor<i1>
    genc.return %p : tensor<i1>
  } do {
  ^bb0(%j: tensor<i32>, %acc: tensor<i32>):
    %s2 = genc.add %acc, %j : tensor<i32>
    %j2 = genc.add %j, %one : tensor<i32>
    genc.return %j2, %s2 : tensor<i32>, tensor<i32>
  }
  return %r#1 : tensor<i32>
}

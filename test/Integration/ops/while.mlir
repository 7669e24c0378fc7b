// genc.while: the sum 1 + 2 + ... + n and the counter that stops it.
// Both backends run these (the CPU pipeline bufferizes with
// allowReturnAllocsFromLoops, so loop-carried tensors may be replaced).
// RUN: genc run %s --backend=interp --input='i32=10' | FileCheck %s --check-prefix=TEN --match-full-lines
// RUN: genc run %s --backend=cpu --input='i32=10' | FileCheck %s --check-prefix=TEN --match-full-lines
// RUN: genc run %s --backend=interp --input='i32=0' | FileCheck %s --check-prefix=ZERO --match-full-lines
// RUN: genc run %s --backend=cpu --input='i32=0' | FileCheck %s --check-prefix=ZERO --match-full-lines
// RUN: genc run %s --function=doubling --backend=interp --input='2xf32=1 3' | FileCheck %s --check-prefix=DOUBLE --match-full-lines
// RUN: genc run %s --function=doubling --backend=cpu --input='2xf32=1 3' | FileCheck %s --check-prefix=DOUBLE --match-full-lines

// TEN: i32=11
// TEN-NEXT: i32=55
// ZERO: i32=1
// ZERO-NEXT: i32=0
func.func @main(%n: tensor<i32>) -> (tensor<i32>, tensor<i32>) {
  %zero = genc.constant dense<0> : tensor<i32>
  %one = genc.constant dense<1> : tensor<i32>
  %r:2 = genc.while (%i = %one, %s = %zero) : tensor<i32>, tensor<i32> cond {
    %p = genc.compare LE, %i, %n : (tensor<i32>, tensor<i32>) -> tensor<i1>
    genc.return %p : tensor<i1>
  } do {
  ^bb0(%j: tensor<i32>, %t: tensor<i32>):
    %s2 = genc.add %t, %j : tensor<i32>
    %j2 = genc.add %j, %one : tensor<i32>
    genc.return %j2, %s2 : tensor<i32>, tensor<i32>
  }
  return %r#0, %r#1 : tensor<i32>, tensor<i32>
}

// Doubles a vector until its first element reaches 100: 1 -> 128 in 7 steps.
// DOUBLE: 2xf32=128 384
func.func @doubling(%x: tensor<2xf32>) -> tensor<2xf32> {
  %limit = genc.constant dense<100.0> : tensor<f32>
  %r = genc.while (%v = %x) : tensor<2xf32> cond {
    %first = genc.slice %v start = [0] limit = [1] strides = [1] : (tensor<2xf32>) -> tensor<1xf32>
    %f = genc.reshape %first : (tensor<1xf32>) -> tensor<f32>
    %p = genc.compare LT, %f, %limit : (tensor<f32>, tensor<f32>) -> tensor<i1>
    genc.return %p : tensor<i1>
  } do {
  ^bb0(%w: tensor<2xf32>):
    %d = genc.add %w, %w : tensor<2xf32>
    genc.return %d : tensor<2xf32>
  }
  return %r : tensor<2xf32>
}

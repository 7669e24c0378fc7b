// Odd-sized random bits pad the counters with zero (as JAX); both backends
// give the same words.
// RUN: genc run %s --input='2xi32=0 42' | FileCheck %s
// RUN: genc run %s --backend=interp --input='2xi32=0 42' | FileCheck %s
// CHECK: 5xi32=[[W:.*]]
// CHECK-NEXT: i32=1832780943
func.func @main(%k: tensor<2xi32>) -> (tensor<5xi32>, tensor<i32>) {
  %s, %b = genc.rng_bit_generator %k : (tensor<2xi32>) -> (tensor<2xi32>, tensor<5xi32>)
  %s1, %b1 = genc.rng_bit_generator %k : (tensor<2xi32>) -> (tensor<2xi32>, tensor<i32>)
  return %b, %b1 : tensor<5xi32>, tensor<i32>
}

// Regression: one-shot bufferization treated entry-point arguments as
// writable, so an in-place update (here scatter_add's accumulation) wrote
// into the caller's input buffer before copying it to the result: a jitted
// function silently changed its argument. Entry-point arguments are now
// bufferization.writable = false: the update runs on the output buffer.
// RUN: genc compile %s --emit=bufferized | FileCheck %s
// RUN: genc run %s --backend=cpu --input='5xf32=0 0 0 0 100' --input='2xi32=1 1' --input='2xf32=1 2' | FileCheck %s --check-prefix=VALUES

// CHECK: func.func @main(%[[A:[^:]*]]: memref<5xf32>, %{{[^:]*}}: memref<2xi32>, %{{[^:]*}}: memref<2xf32>, %[[OUT:[^:]*]]: memref<5xf32>)
// CHECK: memref.copy %[[A]], %[[OUT]]
// CHECK-NOT: memref.store {{.*}}, %[[A]]
// CHECK: memref.store {{.*}}, %[[OUT]]
// CHECK-NOT: memref.store {{.*}}, %[[A]]
// VALUES: 5xf32=0 3 0 0 100
func.func @main(%a: tensor<5xf32>, %i: tensor<2xi32>, %u: tensor<2xf32>) -> tensor<5xf32> {
  %r = genc.scatter_add %a, %i, %u axis = 0 : (tensor<5xf32>, tensor<2xi32>, tensor<2xf32>) -> tensor<5xf32>
  return %r : tensor<5xf32>
}

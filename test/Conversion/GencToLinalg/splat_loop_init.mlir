// RUN: genc-opt %s --genc-convert-to-linalg | FileCheck %s
// RUN: genc-opt %s --genc-cpu-pipeline="compile-to=bufferized" | FileCheck %s --check-prefix=BUF

// A large splat (64 KiB or more) that initializes loop-carried values gets
// one linalg.fill of its own allocation per loop operand (the two carries
// below must not share a buffer: each is updated in place); a reader that
// is not a loop keeps the constant. Bufferized, no loop carry is copied
// from a global.
// CHECK-LABEL: func.func @inits
// CHECK: %[[A:.*]] = bufferization.alloc_tensor() : tensor<128x128xf32>
// CHECK: linalg.fill ins(%{{.*}} : f32) outs(%[[A]] : tensor<128x128xf32>)
// CHECK: %[[B:.*]] = bufferization.alloc_tensor() : tensor<128x128xf32>
// CHECK: linalg.fill ins(%{{.*}} : f32) outs(%[[B]] : tensor<128x128xf32>)
// CHECK: arith.constant dense<0.000000e+00> : tensor<128x128xf32>
// CHECK: scf.while (%{{[^ ]*}} = %cst, %{{[^ ]*}} = %{{[0-9]+}}, %{{[^ ]*}} = %{{[0-9]+}})
// BUF-LABEL: func.func @inits
// BUF-NOT: memref.copy {{.*}} : memref<128x128xf32> to memref<128x128xf32>
// BUF: scf.while
func.func @inits(%x: tensor<128x128xf32>) -> (tensor<128x128xf32>, tensor<128x128xf32>, tensor<128x128xf32>) {
  %zero = genc.constant dense<0> : tensor<i32>
  %one = genc.constant dense<1> : tensor<i32>
  %four = genc.constant dense<4> : tensor<i32>
  %z = genc.constant dense<0.0> : tensor<128x128xf32>
  %r:3 = genc.while (%i = %zero, %a = %z, %b = %z) : tensor<i32>, tensor<128x128xf32>, tensor<128x128xf32> cond {
    %p = genc.compare LT, %i, %four : (tensor<i32>, tensor<i32>) -> tensor<i1>
    genc.return %p : tensor<i1>
  } do {
  ^bb0(%j: tensor<i32>, %aa: tensor<128x128xf32>, %bb: tensor<128x128xf32>):
    %a2 = genc.add %aa, %x : tensor<128x128xf32>
    %b2 = genc.sub %bb, %x : tensor<128x128xf32>
    %j2 = genc.add %j, %one : tensor<i32>
    genc.return %j2, %a2, %b2 : tensor<i32>, tensor<128x128xf32>, tensor<128x128xf32>
  }
  %m = genc.max %x, %z : tensor<128x128xf32>
  return %r#1, %r#2, %m : tensor<128x128xf32>, tensor<128x128xf32>, tensor<128x128xf32>
}

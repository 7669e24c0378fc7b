// RUN: genc-opt %s --genc-cpu-expand-copies | FileCheck %s

// CHECK-LABEL: func.func @copies
// Contiguous copies stay (they become memcpy); strided ones become loops.
// CHECK: memref.copy %arg0, %arg1 : memref<4x4xf32> to memref<4x4xf32>
// CHECK: linalg.copy ins(%arg0 : memref<4x4xf32>) outs(%{{.*}} : memref<4x4xf32, strided<[8, 1], offset: 2>>)
func.func @copies(%a: memref<4x4xf32>, %b: memref<4x4xf32>, %c: memref<8x8xf32>) {
  memref.copy %a, %b : memref<4x4xf32> to memref<4x4xf32>
  %s = memref.subview %c[0, 2] [4, 4] [1, 1] : memref<8x8xf32> to memref<4x4xf32, strided<[8, 1], offset: 2>>
  memref.copy %a, %s : memref<4x4xf32> to memref<4x4xf32, strided<[8, 1], offset: 2>>
  return
}

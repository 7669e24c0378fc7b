// RUN: genc-opt %s --split-input-file --genc-cpu-plan-buffers | FileCheck %s

// Two temporaries with disjoint lifetimes share offset 0 of one arena.
// CHECK-LABEL: func.func @disjoint
// CHECK-SAME: genc.arena_bytes = 64 : i64, genc.planned_bytes = 128 : i64
// CHECK: %[[ARENA:.*]] = memref.alloc() {alignment = 64 : i64} : memref<64xi8>
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: memref.view %[[ARENA]][%[[C0]]][] : memref<64xi8> to memref<16xf32>
// CHECK: %[[C0B:.*]] = arith.constant 0 : index
// CHECK: memref.view %[[ARENA]][%[[C0B]]][] : memref<64xi8> to memref<16xf32>
// CHECK-NOT: memref.alloc
// CHECK: memref.dealloc %[[ARENA]] : memref<64xi8>
// CHECK-NEXT: return
func.func @disjoint(%in: memref<16xf32>, %out: memref<16xf32>) {
  %a = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
  memref.copy %in, %a : memref<16xf32> to memref<16xf32>
  memref.copy %a, %out : memref<16xf32> to memref<16xf32>
  %b = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
  memref.copy %out, %b : memref<16xf32> to memref<16xf32>
  memref.copy %b, %out : memref<16xf32> to memref<16xf32>
  memref.dealloc %a : memref<16xf32>
  memref.dealloc %b : memref<16xf32>
  return
}

// -----

// Overlapping lifetimes (a is used after b is written, through a subview)
// get distinct offsets; the larger buffer is placed first.
// CHECK-LABEL: func.func @overlap
// CHECK-SAME: genc.arena_bytes = 192 : i64
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[C128:.*]] = arith.constant 128 : index
// CHECK-DAG: memref.view %{{.*}}[%[[C128]]][] : memref<192xi8> to memref<16xf32>
// CHECK-DAG: memref.view %{{.*}}[%[[C0]]][] : memref<192xi8> to memref<32xf32>
func.func @overlap(%in: memref<16xf32>, %out: memref<16xf32>) {
  %a = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
  memref.copy %in, %a : memref<16xf32> to memref<16xf32>
  %b = memref.alloc() {alignment = 64 : i64} : memref<32xf32>
  %s = memref.subview %b[8] [16] [1] : memref<32xf32> to memref<16xf32, strided<[1], offset: 8>>
  memref.copy %a, %s : memref<16xf32> to memref<16xf32, strided<[1], offset: 8>>
  memref.copy %s, %out : memref<16xf32, strided<[1], offset: 8>> to memref<16xf32>
  memref.copy %a, %out : memref<16xf32> to memref<16xf32>
  memref.dealloc %a : memref<16xf32>
  memref.dealloc %b : memref<32xf32>
  return
}

// -----

// Dynamic sizes and buffers freed elsewhere are left alone.
// CHECK-LABEL: func.func @unplanned
// CHECK-NOT: genc.arena_bytes
// CHECK: memref.alloc(%{{.*}}) : memref<?xf32>
func.func @unplanned(%n: index) {
  %a = memref.alloc(%n) : memref<?xf32>
  memref.dealloc %a : memref<?xf32>
  return
}

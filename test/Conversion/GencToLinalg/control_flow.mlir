// RUN: genc-opt %s --genc-convert-to-linalg --split-input-file | FileCheck %s

// CHECK-LABEL: func.func @while
// CHECK-SAME: (%[[Z:.*]]: tensor<i32>, %[[T:.*]]: tensor<i32>)
// CHECK: %[[R:.*]] = scf.while (%[[I:.*]] = %[[Z]]) : (tensor<i32>) -> tensor<i32> {
// CHECK: %[[P:.*]] = linalg.generic {{.*}} ins(%[[I]], %[[T]] : tensor<i32>, tensor<i32>)
// CHECK: arith.cmpi slt
// CHECK: %[[C:.*]] = tensor.extract %[[P]][] : tensor<i1>
// CHECK: scf.condition(%[[C]]) %[[I]] : tensor<i32>
// CHECK: } do {
// CHECK: ^bb0(%[[J:.*]]: tensor<i32>):
// CHECK: %[[N:.*]] = linalg.generic {{.*}} ins(%[[J]], %[[T]] : tensor<i32>, tensor<i32>)
// CHECK: arith.addi
// CHECK: scf.yield %[[N]] : tensor<i32>
// CHECK: return %[[R]]
// CHECK-NOT: genc.
func.func @while(%z: tensor<i32>, %t: tensor<i32>) -> tensor<i32> {
  %r = genc.while (%i = %z) : tensor<i32> cond {
    %p = genc.compare LT, %i, %t : (tensor<i32>, tensor<i32>) -> tensor<i1>
    genc.return %p : tensor<i1>
  } do {
  ^bb0(%j: tensor<i32>):
    %n = genc.add %j, %t : tensor<i32>
    genc.return %n : tensor<i32>
  }
  return %r : tensor<i32>
}

// -----

// CHECK-LABEL: func.func @while_two
// CHECK: %[[R:.*]]:2 = scf.while (%{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}) : (tensor<i32>, tensor<3xf32>) -> (tensor<i32>, tensor<3xf32>)
// CHECK: scf.condition
// CHECK: scf.yield %{{.*}}, %{{.*}} : tensor<i32>, tensor<3xf32>
// CHECK: return %[[R]]#0, %[[R]]#1
func.func @while_two(%a: tensor<i32>, %b: tensor<3xf32>) -> (tensor<i32>, tensor<3xf32>) {
  %r:2 = genc.while (%x = %a, %y = %b) : tensor<i32>, tensor<3xf32> cond {
    %p = genc.compare GT, %x, %x : (tensor<i32>, tensor<i32>) -> tensor<i1>
    genc.return %p : tensor<i1>
  } do {
  ^bb0(%u: tensor<i32>, %v: tensor<3xf32>):
    %w = genc.exp %v : tensor<3xf32>
    genc.return %u, %w : tensor<i32>, tensor<3xf32>
  }
  return %r#0, %r#1 : tensor<i32>, tensor<3xf32>
}

// -----

// CHECK-LABEL: func.func @if
// CHECK-SAME: (%[[P:.*]]: tensor<i1>, %[[A:.*]]: tensor<f32>)
// CHECK: %[[C:.*]] = tensor.extract %[[P]][] : tensor<i1>
// CHECK: %[[R:.*]] = scf.if %[[C]] -> (tensor<f32>) {
// CHECK-NEXT: scf.yield %[[A]] : tensor<f32>
// CHECK-NEXT: } else {
// CHECK: %[[N:.*]] = linalg.generic
// CHECK: arith.negf
// CHECK: scf.yield %[[N]] : tensor<f32>
// CHECK: return %[[R]]
func.func @if(%p: tensor<i1>, %a: tensor<f32>) -> tensor<f32> {
  %r = genc.if %p : tensor<i1> -> tensor<f32> {
    genc.return %a : tensor<f32>
  } else {
    %n = genc.neg %a : tensor<f32>
    genc.return %n : tensor<f32>
  }
  return %r : tensor<f32>
}

// -----

// CHECK-LABEL: func.func @if_no_results
// CHECK: scf.if %{{.*}} {
// CHECK-NOT: scf.yield %
func.func @if_no_results(%p: tensor<i1>) {
  genc.if %p : tensor<i1> {
    genc.return
  } else {
    genc.return
  }
  return
}

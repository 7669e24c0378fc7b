// RUN: genc-opt %s | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | genc-opt | FileCheck %s

// CHECK-LABEL: func.func @if
// CHECK-SAME: (%[[P:.*]]: tensor<i1>, %[[A:.*]]: tensor<f32>, %[[B:.*]]: tensor<f32>)
func.func @if(%p: tensor<i1>, %a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  // CHECK: %[[R:.*]] = genc.if %[[P]] : tensor<i1> -> tensor<f32> {
  // CHECK-NEXT: genc.return %[[A]] : tensor<f32>
  // CHECK-NEXT: } else {
  // CHECK-NEXT: %[[S:.*]] = genc.add %[[A]], %[[B]] : tensor<f32>
  // CHECK-NEXT: genc.return %[[S]] : tensor<f32>
  // CHECK-NEXT: }
  // CHECK: return %[[R]]
  %r = genc.if %p : tensor<i1> -> tensor<f32> {
    genc.return %a : tensor<f32>
  } else {
    %s = genc.add %a, %b : tensor<f32>
    genc.return %s : tensor<f32>
  }
  return %r : tensor<f32>
}

// CHECK-LABEL: func.func @if_no_results
func.func @if_no_results(%p: tensor<i1>) {
  // CHECK: genc.if %{{.*}} : tensor<i1> {
  // CHECK-NEXT: genc.return
  // CHECK-NEXT: } else {
  genc.if %p : tensor<i1> {
    genc.return
  } else {
    genc.return
  }
  return
}

// CHECK-LABEL: func.func @if_two_results
func.func @if_two_results(%p: tensor<i1>, %a: tensor<2xi32>) -> (tensor<2xi32>, tensor<i1>) {
  // CHECK: %[[R:.*]]:2 = genc.if %{{.*}} : tensor<i1> -> tensor<2xi32>, tensor<i1> {
  %r:2 = genc.if %p : tensor<i1> -> tensor<2xi32>, tensor<i1> {
    genc.return %a, %p : tensor<2xi32>, tensor<i1>
  } else {
    genc.return %a, %p : tensor<2xi32>, tensor<i1>
  }
  return %r#0, %r#1 : tensor<2xi32>, tensor<i1>
}

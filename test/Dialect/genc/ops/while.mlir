// RUN: genc-opt %s | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// CHECK-LABEL: func.func @count
// CHECK-SAME: (%[[ZERO:.*]]: tensor<i32>, %[[TEN:.*]]: tensor<i32>, %[[ONE:.*]]: tensor<i32>)
func.func @count(%zero: tensor<i32>, %ten: tensor<i32>, %one: tensor<i32>) -> tensor<i32> {
  // CHECK: %[[R:.*]] = genc.while (%[[I:.*]] = %[[ZERO]]) : tensor<i32> cond {
  // CHECK-NEXT: %[[P:.*]] = genc.compare LT, %[[I]], %[[TEN]] : (tensor<i32>, tensor<i32>) -> tensor<i1>
  // CHECK-NEXT: genc.return %[[P]] : tensor<i1>
  // CHECK-NEXT: } do {
  // CHECK-NEXT: ^bb0(%[[J:.*]]: tensor<i32>):
  // CHECK-NEXT: %[[N:.*]] = genc.add %[[J]], %[[ONE]] : tensor<i32>
  // CHECK-NEXT: genc.return %[[N]] : tensor<i32>
  // CHECK-NEXT: }
  // CHECK: return %[[R]]
  // GENERIC: "genc.while"(%{{.*}}) ({
  // GENERIC-NEXT: ^bb0(%{{.*}}: tensor<i32>):
  // GENERIC: }, {
  %r = genc.while (%i = %zero) : tensor<i32> cond {
    %p = genc.compare LT, %i, %ten : (tensor<i32>, tensor<i32>) -> tensor<i1>
    genc.return %p : tensor<i1>
  } do {
  ^bb0(%j: tensor<i32>):
    %n = genc.add %j, %one : tensor<i32>
    genc.return %n : tensor<i32>
  }
  return %r : tensor<i32>
}

// CHECK-LABEL: func.func @two_carried
func.func @two_carried(%a: tensor<i32>, %b: tensor<2xf32>) -> (tensor<i32>, tensor<2xf32>) {
  // CHECK: %[[R:.*]]:2 = genc.while (%[[X:.*]] = %{{.*}}, %[[Y:.*]] = %{{.*}}) : tensor<i32>, tensor<2xf32> cond {
  // CHECK: } do {
  // CHECK-NEXT: ^bb0(%{{.*}}: tensor<i32>, %{{.*}}: tensor<2xf32>):
  // CHECK: return %[[R]]#0, %[[R]]#1
  %r:2 = genc.while (%x = %a, %y = %b) : tensor<i32>, tensor<2xf32> cond {
    %p = genc.compare NE, %x, %x : (tensor<i32>, tensor<i32>) -> tensor<i1>
    genc.return %p : tensor<i1>
  } do {
  ^bb0(%u: tensor<i32>, %v: tensor<2xf32>):
    genc.return %u, %v : tensor<i32>, tensor<2xf32>
  }
  return %r#0, %r#1 : tensor<i32>, tensor<2xf32>
}

// A discardable attribute on the op survives the round trip.
// CHECK-LABEL: func.func @with_attr
func.func @with_attr(%a: tensor<i1>) -> tensor<i1> {
  // CHECK: genc.while
  // CHECK: } {tag = "loop"}
  %r = genc.while (%x = %a) : tensor<i1> cond {
    genc.return %x : tensor<i1>
  } do {
  ^bb0(%u: tensor<i1>):
    genc.return %u : tensor<i1>
  } {tag = "loop"}
  return %r : tensor<i1>
}

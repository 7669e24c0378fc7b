// RUN: genc-opt %s --genc-convert-to-linalg --split-input-file | FileCheck %s

// Integer division guards x / 0 (= -1) and INT_MIN / -1 (= INT_MIN): the
// divisor becomes 1 in both cases, so divsi never traps.
// CHECK-LABEL: func.func @div
// CHECK: ^bb0(%[[A:.*]]: i32, %[[B:.*]]: i32, %{{.*}}: i32):
// CHECK: %[[ISZ:.*]] = arith.cmpi eq, %[[B]], %{{.*}} : i32
// CHECK: %[[MIN:.*]] = arith.constant -2147483648 : i32
// CHECK: %[[ISMIN:.*]] = arith.cmpi eq, %[[A]], %[[MIN]] : i32
// CHECK: %[[ISM1:.*]] = arith.cmpi eq, %[[B]], %{{.*}} : i32
// CHECK: %[[OVF:.*]] = arith.andi %[[ISMIN]], %[[ISM1]] : i1
// CHECK: %[[BAD:.*]] = arith.ori %[[ISZ]], %[[OVF]] : i1
// CHECK: %[[SAFE:.*]] = arith.select %[[BAD]], %{{.*}}, %[[B]] : i32
// CHECK: %[[Q:.*]] = arith.divsi %[[A]], %[[SAFE]] : i32
// CHECK: %[[R:.*]] = arith.select %[[ISZ]], %{{.*}}, %[[Q]] : i32
// CHECK: linalg.yield %[[R]] : i32
func.func @div(%a: tensor<4xi32>, %b: tensor<4xi32>) -> tensor<4xi32> {
  %r = genc.div %a, %b : tensor<4xi32>
  return %r : tensor<4xi32>
}

// -----

// x % 0 = x; INT_MIN % -1 = 0.
// CHECK-LABEL: func.func @rem
// CHECK: ^bb0(%[[A:.*]]: i64, %[[B:.*]]: i64, %{{.*}}: i64):
// CHECK: %[[ISZ:.*]] = arith.cmpi eq, %[[B]], %{{.*}} : i64
// CHECK: %[[OVF:.*]] = arith.andi
// CHECK: %[[SAFE:.*]] = arith.select %{{.*}}, %{{.*}}, %[[B]] : i64
// CHECK: %[[R:.*]] = arith.remsi %[[A]], %[[SAFE]] : i64
// CHECK: %[[R2:.*]] = arith.select %[[OVF]], %{{.*}}, %[[R]] : i64
// CHECK: %[[S:.*]] = arith.select %[[ISZ]], %[[A]], %[[R2]] : i64
// CHECK: linalg.yield %[[S]]
func.func @rem(%a: tensor<4xi64>, %b: tensor<4xi64>) -> tensor<4xi64> {
  %r = genc.rem %a, %b : tensor<4xi64>
  return %r : tensor<4xi64>
}

// -----

// CHECK-LABEL: func.func @int_ops
// CHECK: arith.addi
// CHECK: arith.subi
// CHECK: arith.muli
// CHECK: arith.maxsi
// CHECK: arith.minsi
// CHECK: arith.andi
// CHECK: arith.ori
// CHECK: math.absi
func.func @int_ops(%a: tensor<2x2xi8>, %b: tensor<2x2xi8>) -> tensor<2x2xi8> {
  %0 = genc.add %a, %b : tensor<2x2xi8>
  %1 = genc.sub %0, %b : tensor<2x2xi8>
  %2 = genc.mul %1, %b : tensor<2x2xi8>
  %3 = genc.max %2, %b : tensor<2x2xi8>
  %4 = genc.min %3, %b : tensor<2x2xi8>
  %5 = genc.and %4, %b : tensor<2x2xi8>
  %6 = genc.or %5, %b : tensor<2x2xi8>
  %7 = genc.abs %6 : tensor<2x2xi8>
  return %7 : tensor<2x2xi8>
}

// -----

// On i1, add/max are or and mul/min are and.
// CHECK-LABEL: func.func @bool_ops
// CHECK-COUNT-2: arith.ori
// CHECK-COUNT-2: arith.andi
// CHECK-NOT: arith.addi
// CHECK-NOT: arith.muli
func.func @bool_ops(%a: tensor<4xi1>, %b: tensor<4xi1>) -> tensor<4xi1> {
  %0 = genc.add %a, %b : tensor<4xi1>
  %1 = genc.max %0, %b : tensor<4xi1>
  %2 = genc.mul %1, %b : tensor<4xi1>
  %3 = genc.min %2, %b : tensor<4xi1>
  return %3 : tensor<4xi1>
}

// -----

// CHECK-LABEL: func.func @neg_sign_int
// CHECK: ^bb0(%[[X:.*]]: i32, %{{.*}}: i32):
// CHECK: %[[Z:.*]] = arith.constant 0 : i32
// CHECK: arith.subi %[[Z]], %[[X]] : i32
// CHECK: arith.cmpi sgt
// CHECK: arith.extui
// CHECK: arith.cmpi slt
// CHECK: arith.extui
// CHECK: arith.subi
func.func @neg_sign_int(%a: tensor<3xi32>) -> tensor<3xi32> {
  %0 = genc.neg %a : tensor<3xi32>
  %1 = genc.sign %0 : tensor<3xi32>
  return %1 : tensor<3xi32>
}

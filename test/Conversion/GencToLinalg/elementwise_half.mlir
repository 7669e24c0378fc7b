// RUN: genc-opt %s --genc-convert-to-linalg --split-input-file | FileCheck %s

// f16 and bf16 arithmetic is computed in f32 and rounded back.
// CHECK-LABEL: func.func @tanh_f16
// CHECK: ^bb0(%[[X:.*]]: f16, %{{.*}}: f16):
// CHECK-NEXT: %[[W:.*]] = arith.extf %[[X]] : f16 to f32
// CHECK-NEXT: %[[T:.*]] = math.tanh %[[W]] : f32
// CHECK-NEXT: %[[N:.*]] = arith.truncf %[[T]] : f32 to f16
// CHECK-NEXT: linalg.yield %[[N]] : f16
func.func @tanh_f16(%x: tensor<4xf16>) -> tensor<4xf16> {
  %r = genc.tanh %x : tensor<4xf16>
  return %r : tensor<4xf16>
}

// -----

// CHECK-LABEL: func.func @add_bf16
// CHECK: ^bb0(%[[A:.*]]: bf16, %[[B:.*]]: bf16, %{{.*}}: bf16):
// CHECK-DAG: %[[WA:.*]] = arith.extf %[[A]] : bf16 to f32
// CHECK-DAG: %[[WB:.*]] = arith.extf %[[B]] : bf16 to f32
// CHECK: %[[S:.*]] = arith.addf %[[WA]], %[[WB]] : f32
// CHECK: arith.truncf %[[S]] : f32 to bf16
func.func @add_bf16(%a: tensor<2xbf16>, %b: tensor<2xbf16>) -> tensor<2xbf16> {
  %r = genc.add %a, %b : tensor<2xbf16>
  return %r : tensor<2xbf16>
}

// -----

// A comparison of halves yields i1: no truncation back.
// CHECK-LABEL: func.func @compare_f16
// CHECK: arith.extf
// CHECK: arith.extf
// CHECK: %[[C:.*]] = arith.cmpf olt, %{{.*}}, %{{.*}} : f32
// CHECK-NEXT: linalg.yield %[[C]] : i1
func.func @compare_f16(%a: tensor<2xf16>, %b: tensor<2xf16>) -> tensor<2xi1> {
  %r = genc.compare LT, %a, %b : (tensor<2xf16>, tensor<2xf16>) -> tensor<2xi1>
  return %r : tensor<2xi1>
}

// -----

// f64 and f32 are not widened.
// CHECK-LABEL: func.func @no_widen
// CHECK-NOT: arith.extf
// CHECK: math.exp %{{.*}} : f64
// CHECK-NOT: arith.truncf
func.func @no_widen(%a: tensor<2xf64>) -> tensor<2xf64> {
  %r = genc.exp %a : tensor<2xf64>
  return %r : tensor<2xf64>
}

// RUN: genc-opt %s | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// CHECK-LABEL: func.func @tanh_0
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
func.func @tanh_0(%x: tensor<4xf32>) -> tensor<4xf32> {
  // CHECK: %[[R:.*]] = genc.tanh %[[X]] : tensor<4xf32>
  // CHECK: return %[[R]]
  // GENERIC: "genc.tanh"(%{{.*}}) : (tensor<4xf32>) -> tensor<4xf32>
  %r = genc.tanh %x : tensor<4xf32>
  return %r : tensor<4xf32>
}

// CHECK-LABEL: func.func @tanh_1
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf16>)
func.func @tanh_1(%x: tensor<2x3xf16>) -> tensor<2x3xf16> {
  // CHECK: %[[R:.*]] = genc.tanh %[[X]] : tensor<2x3xf16>
  // CHECK: return %[[R]]
  // GENERIC: "genc.tanh"(%{{.*}}) : (tensor<2x3xf16>) -> tensor<2x3xf16>
  %r = genc.tanh %x : tensor<2x3xf16>
  return %r : tensor<2x3xf16>
}

// CHECK-LABEL: func.func @tanh_2
// CHECK-SAME: (%[[X:.*]]: tensor<f64>)
func.func @tanh_2(%x: tensor<f64>) -> tensor<f64> {
  // CHECK: %[[R:.*]] = genc.tanh %[[X]] : tensor<f64>
  // CHECK: return %[[R]]
  // GENERIC: "genc.tanh"(%{{.*}}) : (tensor<f64>) -> tensor<f64>
  %r = genc.tanh %x : tensor<f64>
  return %r : tensor<f64>
}

// CHECK-LABEL: func.func @logistic_0
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
func.func @logistic_0(%x: tensor<4xf32>) -> tensor<4xf32> {
  // CHECK: %[[R:.*]] = genc.logistic %[[X]] : tensor<4xf32>
  // CHECK: return %[[R]]
  // GENERIC: "genc.logistic"(%{{.*}}) : (tensor<4xf32>) -> tensor<4xf32>
  %r = genc.logistic %x : tensor<4xf32>
  return %r : tensor<4xf32>
}

// CHECK-LABEL: func.func @logistic_1
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf16>)
func.func @logistic_1(%x: tensor<2x3xf16>) -> tensor<2x3xf16> {
  // CHECK: %[[R:.*]] = genc.logistic %[[X]] : tensor<2x3xf16>
  // CHECK: return %[[R]]
  // GENERIC: "genc.logistic"(%{{.*}}) : (tensor<2x3xf16>) -> tensor<2x3xf16>
  %r = genc.logistic %x : tensor<2x3xf16>
  return %r : tensor<2x3xf16>
}

// CHECK-LABEL: func.func @logistic_2
// CHECK-SAME: (%[[X:.*]]: tensor<f64>)
func.func @logistic_2(%x: tensor<f64>) -> tensor<f64> {
  // CHECK: %[[R:.*]] = genc.logistic %[[X]] : tensor<f64>
  // CHECK: return %[[R]]
  // GENERIC: "genc.logistic"(%{{.*}}) : (tensor<f64>) -> tensor<f64>
  %r = genc.logistic %x : tensor<f64>
  return %r : tensor<f64>
}

// RUN: genc-opt %s | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// CHECK-LABEL: func.func @exp_0
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
func.func @exp_0(%x: tensor<4xf32>) -> tensor<4xf32> {
  // CHECK: %[[R:.*]] = genc.exp %[[X]] : tensor<4xf32>
  // CHECK: return %[[R]]
  // GENERIC: "genc.exp"(%{{.*}}) : (tensor<4xf32>) -> tensor<4xf32>
  %r = genc.exp %x : tensor<4xf32>
  return %r : tensor<4xf32>
}

// CHECK-LABEL: func.func @exp_1
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf16>)
func.func @exp_1(%x: tensor<2x3xf16>) -> tensor<2x3xf16> {
  // CHECK: %[[R:.*]] = genc.exp %[[X]] : tensor<2x3xf16>
  // CHECK: return %[[R]]
  // GENERIC: "genc.exp"(%{{.*}}) : (tensor<2x3xf16>) -> tensor<2x3xf16>
  %r = genc.exp %x : tensor<2x3xf16>
  return %r : tensor<2x3xf16>
}

// CHECK-LABEL: func.func @log_0
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
func.func @log_0(%x: tensor<4xf32>) -> tensor<4xf32> {
  // CHECK: %[[R:.*]] = genc.log %[[X]] : tensor<4xf32>
  // CHECK: return %[[R]]
  // GENERIC: "genc.log"(%{{.*}}) : (tensor<4xf32>) -> tensor<4xf32>
  %r = genc.log %x : tensor<4xf32>
  return %r : tensor<4xf32>
}

// CHECK-LABEL: func.func @log_1
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf16>)
func.func @log_1(%x: tensor<2x3xf16>) -> tensor<2x3xf16> {
  // CHECK: %[[R:.*]] = genc.log %[[X]] : tensor<2x3xf16>
  // CHECK: return %[[R]]
  // GENERIC: "genc.log"(%{{.*}}) : (tensor<2x3xf16>) -> tensor<2x3xf16>
  %r = genc.log %x : tensor<2x3xf16>
  return %r : tensor<2x3xf16>
}

// CHECK-LABEL: func.func @log1p_0
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
func.func @log1p_0(%x: tensor<4xf32>) -> tensor<4xf32> {
  // CHECK: %[[R:.*]] = genc.log1p %[[X]] : tensor<4xf32>
  // CHECK: return %[[R]]
  // GENERIC: "genc.log1p"(%{{.*}}) : (tensor<4xf32>) -> tensor<4xf32>
  %r = genc.log1p %x : tensor<4xf32>
  return %r : tensor<4xf32>
}

// CHECK-LABEL: func.func @log1p_1
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf16>)
func.func @log1p_1(%x: tensor<2x3xf16>) -> tensor<2x3xf16> {
  // CHECK: %[[R:.*]] = genc.log1p %[[X]] : tensor<2x3xf16>
  // CHECK: return %[[R]]
  // GENERIC: "genc.log1p"(%{{.*}}) : (tensor<2x3xf16>) -> tensor<2x3xf16>
  %r = genc.log1p %x : tensor<2x3xf16>
  return %r : tensor<2x3xf16>
}

// CHECK-LABEL: func.func @expm1_0
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
func.func @expm1_0(%x: tensor<4xf32>) -> tensor<4xf32> {
  // CHECK: %[[R:.*]] = genc.expm1 %[[X]] : tensor<4xf32>
  // CHECK: return %[[R]]
  // GENERIC: "genc.expm1"(%{{.*}}) : (tensor<4xf32>) -> tensor<4xf32>
  %r = genc.expm1 %x : tensor<4xf32>
  return %r : tensor<4xf32>
}

// CHECK-LABEL: func.func @expm1_1
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf16>)
func.func @expm1_1(%x: tensor<2x3xf16>) -> tensor<2x3xf16> {
  // CHECK: %[[R:.*]] = genc.expm1 %[[X]] : tensor<2x3xf16>
  // CHECK: return %[[R]]
  // GENERIC: "genc.expm1"(%{{.*}}) : (tensor<2x3xf16>) -> tensor<2x3xf16>
  %r = genc.expm1 %x : tensor<2x3xf16>
  return %r : tensor<2x3xf16>
}

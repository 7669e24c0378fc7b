// RUN: genc-opt %s | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// CHECK-LABEL: func.func @sin_0
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
func.func @sin_0(%x: tensor<4xf32>) -> tensor<4xf32> {
  // CHECK: %[[R:.*]] = genc.sin %[[X]] : tensor<4xf32>
  // CHECK: return %[[R]]
  // GENERIC: "genc.sin"(%{{.*}}) : (tensor<4xf32>) -> tensor<4xf32>
  %r = genc.sin %x : tensor<4xf32>
  return %r : tensor<4xf32>
}

// CHECK-LABEL: func.func @sin_1
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf16>)
func.func @sin_1(%x: tensor<2x3xf16>) -> tensor<2x3xf16> {
  // CHECK: %[[R:.*]] = genc.sin %[[X]] : tensor<2x3xf16>
  // CHECK: return %[[R]]
  // GENERIC: "genc.sin"(%{{.*}}) : (tensor<2x3xf16>) -> tensor<2x3xf16>
  %r = genc.sin %x : tensor<2x3xf16>
  return %r : tensor<2x3xf16>
}

// CHECK-LABEL: func.func @cos_0
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
func.func @cos_0(%x: tensor<4xf32>) -> tensor<4xf32> {
  // CHECK: %[[R:.*]] = genc.cos %[[X]] : tensor<4xf32>
  // CHECK: return %[[R]]
  // GENERIC: "genc.cos"(%{{.*}}) : (tensor<4xf32>) -> tensor<4xf32>
  %r = genc.cos %x : tensor<4xf32>
  return %r : tensor<4xf32>
}

// CHECK-LABEL: func.func @cos_1
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf16>)
func.func @cos_1(%x: tensor<2x3xf16>) -> tensor<2x3xf16> {
  // CHECK: %[[R:.*]] = genc.cos %[[X]] : tensor<2x3xf16>
  // CHECK: return %[[R]]
  // GENERIC: "genc.cos"(%{{.*}}) : (tensor<2x3xf16>) -> tensor<2x3xf16>
  %r = genc.cos %x : tensor<2x3xf16>
  return %r : tensor<2x3xf16>
}

// CHECK-LABEL: func.func @floor_0
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
func.func @floor_0(%x: tensor<4xf32>) -> tensor<4xf32> {
  // CHECK: %[[R:.*]] = genc.floor %[[X]] : tensor<4xf32>
  // CHECK: return %[[R]]
  // GENERIC: "genc.floor"(%{{.*}}) : (tensor<4xf32>) -> tensor<4xf32>
  %r = genc.floor %x : tensor<4xf32>
  return %r : tensor<4xf32>
}

// CHECK-LABEL: func.func @floor_1
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf16>)
func.func @floor_1(%x: tensor<2x3xf16>) -> tensor<2x3xf16> {
  // CHECK: %[[R:.*]] = genc.floor %[[X]] : tensor<2x3xf16>
  // CHECK: return %[[R]]
  // GENERIC: "genc.floor"(%{{.*}}) : (tensor<2x3xf16>) -> tensor<2x3xf16>
  %r = genc.floor %x : tensor<2x3xf16>
  return %r : tensor<2x3xf16>
}

// RUN: genc-opt %s | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// CHECK-LABEL: func.func @sqrt_0
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
func.func @sqrt_0(%x: tensor<4xf32>) -> tensor<4xf32> {
  // CHECK: %[[R:.*]] = genc.sqrt %[[X]] : tensor<4xf32>
  // CHECK: return %[[R]]
  // GENERIC: "genc.sqrt"(%{{.*}}) : (tensor<4xf32>) -> tensor<4xf32>
  %r = genc.sqrt %x : tensor<4xf32>
  return %r : tensor<4xf32>
}

// CHECK-LABEL: func.func @sqrt_1
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf16>)
func.func @sqrt_1(%x: tensor<2x3xf16>) -> tensor<2x3xf16> {
  // CHECK: %[[R:.*]] = genc.sqrt %[[X]] : tensor<2x3xf16>
  // CHECK: return %[[R]]
  // GENERIC: "genc.sqrt"(%{{.*}}) : (tensor<2x3xf16>) -> tensor<2x3xf16>
  %r = genc.sqrt %x : tensor<2x3xf16>
  return %r : tensor<2x3xf16>
}

// CHECK-LABEL: func.func @sqrt_2
// CHECK-SAME: (%[[X:.*]]: tensor<f64>)
func.func @sqrt_2(%x: tensor<f64>) -> tensor<f64> {
  // CHECK: %[[R:.*]] = genc.sqrt %[[X]] : tensor<f64>
  // CHECK: return %[[R]]
  // GENERIC: "genc.sqrt"(%{{.*}}) : (tensor<f64>) -> tensor<f64>
  %r = genc.sqrt %x : tensor<f64>
  return %r : tensor<f64>
}

// CHECK-LABEL: func.func @rsqrt_0
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
func.func @rsqrt_0(%x: tensor<4xf32>) -> tensor<4xf32> {
  // CHECK: %[[R:.*]] = genc.rsqrt %[[X]] : tensor<4xf32>
  // CHECK: return %[[R]]
  // GENERIC: "genc.rsqrt"(%{{.*}}) : (tensor<4xf32>) -> tensor<4xf32>
  %r = genc.rsqrt %x : tensor<4xf32>
  return %r : tensor<4xf32>
}

// CHECK-LABEL: func.func @rsqrt_1
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf16>)
func.func @rsqrt_1(%x: tensor<2x3xf16>) -> tensor<2x3xf16> {
  // CHECK: %[[R:.*]] = genc.rsqrt %[[X]] : tensor<2x3xf16>
  // CHECK: return %[[R]]
  // GENERIC: "genc.rsqrt"(%{{.*}}) : (tensor<2x3xf16>) -> tensor<2x3xf16>
  %r = genc.rsqrt %x : tensor<2x3xf16>
  return %r : tensor<2x3xf16>
}

// CHECK-LABEL: func.func @rsqrt_2
// CHECK-SAME: (%[[X:.*]]: tensor<f64>)
func.func @rsqrt_2(%x: tensor<f64>) -> tensor<f64> {
  // CHECK: %[[R:.*]] = genc.rsqrt %[[X]] : tensor<f64>
  // CHECK: return %[[R]]
  // GENERIC: "genc.rsqrt"(%{{.*}}) : (tensor<f64>) -> tensor<f64>
  %r = genc.rsqrt %x : tensor<f64>
  return %r : tensor<f64>
}

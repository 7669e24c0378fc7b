// RUN: genc-opt %s | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | genc-opt | FileCheck %s

// CHECK-LABEL: func.func @rng
// CHECK-SAME: (%[[KEY:.*]]: tensor<2xi32>)
func.func @rng(%key: tensor<2xi32>) -> (tensor<2xi32>, tensor<4x4xi32>) {
  // CHECK: %[[STATE:.*]], %[[BITS:.*]] = genc.rng_bit_generator %[[KEY]] : (tensor<2xi32>) -> (tensor<2xi32>, tensor<4x4xi32>)
  // CHECK: return %[[STATE]], %[[BITS]]
  %k2, %bits = genc.rng_bit_generator %key : (tensor<2xi32>) -> (tensor<2xi32>, tensor<4x4xi32>)
  return %k2, %bits : tensor<2xi32>, tensor<4x4xi32>
}

// CHECK-LABEL: func.func @rng_scalar_output
func.func @rng_scalar_output(%key: tensor<2xi32>) -> tensor<i32> {
  // CHECK: genc.rng_bit_generator %{{.*}} : (tensor<2xi32>) -> (tensor<2xi32>, tensor<i32>)
  %k2, %bits = genc.rng_bit_generator %key : (tensor<2xi32>) -> (tensor<2xi32>, tensor<i32>)
  return %bits : tensor<i32>
}

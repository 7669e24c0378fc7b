// RUN: genc-opt %s --genc-convert-to-linalg | FileCheck %s

// threefry2x32: a parallel generic computing each word from its linear index
// (20 rounds, 5 key injections), and the new key from the counters (N', N'+1).
// CHECK-LABEL: func.func @rng
// CHECK-SAME: (%[[KEY:.*]]: tensor<2xi32>)
// CHECK: %[[K0:.*]] = tensor.extract %[[KEY]][%{{.*}}] : tensor<2xi32>
// CHECK: %[[K1:.*]] = tensor.extract %[[KEY]][%{{.*}}] : tensor<2xi32>
// CHECK: %[[BITS:.*]] = linalg.generic {indexing_maps = [#{{.*}}], iterator_types = ["parallel", "parallel"]} outs(%{{.*}} : tensor<2x3xi32>)
// CHECK: linalg.index 0
// CHECK: linalg.index 1
// CHECK: arith.constant 466688986 : i32
// CHECK-COUNT-3: arith.constant 13 : i32
// CHECK: linalg.yield
// CHECK: arith.constant 6 : i32
// CHECK: arith.constant 7 : i32
// CHECK: %[[STATE:.*]] = tensor.from_elements %{{.*}}, %{{.*}} : tensor<2xi32>
// CHECK: return %[[STATE]], %[[BITS]]
func.func @rng(%key: tensor<2xi32>) -> (tensor<2xi32>, tensor<2x3xi32>) {
  %k2, %bits = genc.rng_bit_generator %key : (tensor<2xi32>) -> (tensor<2xi32>, tensor<2x3xi32>)
  return %k2, %bits : tensor<2xi32>, tensor<2x3xi32>
}

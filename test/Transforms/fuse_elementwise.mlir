// RUN: genc-opt %s --genc-fuse-elementwise | FileCheck %s
// Fusion policy of genc-fuse-elementwise: single-use producers fuse into
// their consumer; a producer with several users is duplicated into them
// only when its body is small (a large body, such as a PRNG, stays one op
// instead of being recomputed by every consumer).

#id = affine_map<(d0) -> (d0)>

// CHECK-LABEL: func.func @single_use_chain
// CHECK-COUNT-1: linalg.generic
// CHECK-NOT: linalg.generic
func.func @single_use_chain(%x: tensor<64xf32>) -> tensor<64xf32> {
  %e = tensor.empty() : tensor<64xf32>
  %a = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<64xf32>) outs(%e : tensor<64xf32>) {
    ^bb0(%in: f32, %out: f32):
      %s = math.exp %in : f32
      linalg.yield %s : f32
  } -> tensor<64xf32>
  %b = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%a : tensor<64xf32>) outs(%e : tensor<64xf32>) {
    ^bb0(%in: f32, %out: f32):
      %s = arith.addf %in, %in : f32
      linalg.yield %s : f32
  } -> tensor<64xf32>
  return %b : tensor<64xf32>
}

// A cheap producer with two users is fused into both (no generic left for it).
// CHECK-LABEL: func.func @small_multi_use
// CHECK-COUNT-2: math.exp
// CHECK: return
func.func @small_multi_use(%x: tensor<64xf32>) -> (tensor<64xf32>, tensor<64xf32>) {
  %e = tensor.empty() : tensor<64xf32>
  %a = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<64xf32>) outs(%e : tensor<64xf32>) {
    ^bb0(%in: f32, %out: f32):
      %s = math.exp %in : f32
      linalg.yield %s : f32
  } -> tensor<64xf32>
  %b = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%a : tensor<64xf32>) outs(%e : tensor<64xf32>) {
    ^bb0(%in: f32, %out: f32):
      %s = arith.addf %in, %in : f32
      linalg.yield %s : f32
  } -> tensor<64xf32>
  %c = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%a : tensor<64xf32>) outs(%e : tensor<64xf32>) {
    ^bb0(%in: f32, %out: f32):
      %s = arith.mulf %in, %in : f32
      linalg.yield %s : f32
  } -> tensor<64xf32>
  return %b, %c : tensor<64xf32>, tensor<64xf32>
}

// A 30-op producer with two users is computed once.
// CHECK-LABEL: func.func @large_multi_use
// CHECK: %[[BIG:.*]] = linalg.generic
// CHECK-COUNT-30: arith.mulf
// CHECK: linalg.generic {{.*}} ins(%[[BIG]]
// CHECK: linalg.generic {{.*}} ins(%[[BIG]]
func.func @large_multi_use(%x: tensor<64xf32>) -> (tensor<64xf32>, tensor<64xf32>) {
  %e = tensor.empty() : tensor<64xf32>
  %a = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<64xf32>) outs(%e : tensor<64xf32>) {
    ^bb0(%t0: f32, %out: f32):
      %t1 = arith.mulf %t0, %t0 : f32
      %t2 = arith.mulf %t1, %t1 : f32
      %t3 = arith.mulf %t2, %t2 : f32
      %t4 = arith.mulf %t3, %t3 : f32
      %t5 = arith.mulf %t4, %t4 : f32
      %t6 = arith.mulf %t5, %t5 : f32
      %t7 = arith.mulf %t6, %t6 : f32
      %t8 = arith.mulf %t7, %t7 : f32
      %t9 = arith.mulf %t8, %t8 : f32
      %t10 = arith.mulf %t9, %t9 : f32
      %t11 = arith.mulf %t10, %t10 : f32
      %t12 = arith.mulf %t11, %t11 : f32
      %t13 = arith.mulf %t12, %t12 : f32
      %t14 = arith.mulf %t13, %t13 : f32
      %t15 = arith.mulf %t14, %t14 : f32
      %t16 = arith.mulf %t15, %t15 : f32
      %t17 = arith.mulf %t16, %t16 : f32
      %t18 = arith.mulf %t17, %t17 : f32
      %t19 = arith.mulf %t18, %t18 : f32
      %t20 = arith.mulf %t19, %t19 : f32
      %t21 = arith.mulf %t20, %t20 : f32
      %t22 = arith.mulf %t21, %t21 : f32
      %t23 = arith.mulf %t22, %t22 : f32
      %t24 = arith.mulf %t23, %t23 : f32
      %t25 = arith.mulf %t24, %t24 : f32
      %t26 = arith.mulf %t25, %t25 : f32
      %t27 = arith.mulf %t26, %t26 : f32
      %t28 = arith.mulf %t27, %t27 : f32
      %t29 = arith.mulf %t28, %t28 : f32
      %t30 = arith.mulf %t29, %t29 : f32
      linalg.yield %t30 : f32
  } -> tensor<64xf32>
  %b = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%a : tensor<64xf32>) outs(%e : tensor<64xf32>) {
    ^bb0(%in: f32, %out: f32):
      %s = arith.addf %in, %in : f32
      linalg.yield %s : f32
  } -> tensor<64xf32>
  %c = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%a : tensor<64xf32>) outs(%e : tensor<64xf32>) {
    ^bb0(%in: f32, %out: f32):
      %s = arith.subf %in, %in : f32
      linalg.yield %s : f32
  } -> tensor<64xf32>
  return %b, %c : tensor<64xf32>, tensor<64xf32>
}

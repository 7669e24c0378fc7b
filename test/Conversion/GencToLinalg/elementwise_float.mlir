// RUN: genc-opt %s --genc-convert-to-linalg --split-input-file | FileCheck %s

// CHECK-DAG: #[[ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @add
// CHECK-SAME: (%[[A:.*]]: tensor<2x3xf32>, %[[B:.*]]: tensor<2x3xf32>)
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2x3xf32>
// CHECK: %[[G:.*]] = linalg.generic {indexing_maps = [#[[ID2]], #[[ID2]], #[[ID2]]], iterator_types = ["parallel", "parallel"]} ins(%[[A]], %[[B]] : tensor<2x3xf32>, tensor<2x3xf32>) outs(%[[E]] : tensor<2x3xf32>)
// CHECK-NEXT: ^bb0(%[[X:.*]]: f32, %[[Y:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[X]], %[[Y]] : f32
// CHECK-NEXT: linalg.yield %[[S]] : f32
// CHECK: return %[[G]]
// CHECK-NOT: genc.
func.func @add(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %r = genc.add %a, %b : tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @binary_float
// CHECK: arith.subf
// CHECK: arith.mulf
// CHECK: arith.divf
// CHECK: arith.remf
// CHECK: math.powf
// CHECK: arith.maximumf
// CHECK: arith.minimumf
func.func @binary_float(%a: tensor<4xf64>, %b: tensor<4xf64>) -> tensor<4xf64> {
  %0 = genc.sub %a, %b : tensor<4xf64>
  %1 = genc.mul %0, %b : tensor<4xf64>
  %2 = genc.div %1, %b : tensor<4xf64>
  %3 = genc.rem %2, %b : tensor<4xf64>
  %4 = genc.pow %3, %b : tensor<4xf64>
  %5 = genc.max %4, %b : tensor<4xf64>
  %6 = genc.min %5, %b : tensor<4xf64>
  return %6 : tensor<4xf64>
}

// -----

// CHECK-LABEL: func.func @unary_float
// CHECK-COUNT-12: linalg.generic {{.*}}iterator_types = ["parallel"]
// CHECK-NOT: linalg.generic
func.func @unary_float(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = genc.exp %x : tensor<4xf32>
  %1 = genc.log %0 : tensor<4xf32>
  %2 = genc.log1p %1 : tensor<4xf32>
  %3 = genc.expm1 %2 : tensor<4xf32>
  %4 = genc.sqrt %3 : tensor<4xf32>
  %5 = genc.rsqrt %4 : tensor<4xf32>
  %6 = genc.tanh %5 : tensor<4xf32>
  %7 = genc.sin %6 : tensor<4xf32>
  %8 = genc.cos %7 : tensor<4xf32>
  %9 = genc.floor %8 : tensor<4xf32>
  %10 = genc.abs %9 : tensor<4xf32>
  %11 = genc.neg %10 : tensor<4xf32>
  return %11 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @unary_math_ops
// CHECK: math.exp
// CHECK: math.log %
// CHECK: math.log1p
// CHECK: math.expm1
// CHECK: math.sqrt
// CHECK: math.rsqrt
// CHECK: math.tanh
// CHECK: math.sin
// CHECK: math.cos
// CHECK: math.floor
// CHECK: math.absf
// CHECK: arith.negf
func.func @unary_math_ops(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = genc.exp %x : tensor<4xf32>
  %1 = genc.log %0 : tensor<4xf32>
  %2 = genc.log1p %1 : tensor<4xf32>
  %3 = genc.expm1 %2 : tensor<4xf32>
  %4 = genc.sqrt %3 : tensor<4xf32>
  %5 = genc.rsqrt %4 : tensor<4xf32>
  %6 = genc.tanh %5 : tensor<4xf32>
  %7 = genc.sin %6 : tensor<4xf32>
  %8 = genc.cos %7 : tensor<4xf32>
  %9 = genc.floor %8 : tensor<4xf32>
  %10 = genc.abs %9 : tensor<4xf32>
  %11 = genc.neg %10 : tensor<4xf32>
  return %11 : tensor<4xf32>
}

// -----

// logistic is 1 / (1 + exp(-x)); sign keeps zeros and NaN.
// CHECK-LABEL: func.func @logistic_sign
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK-DAG: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-DAG: %[[N:.*]] = arith.negf %[[X]] : f32
// CHECK: %[[E:.*]] = math.exp %[[N]] : f32
// CHECK: %[[D:.*]] = arith.addf %[[ONE]], %[[E]] : f32
// CHECK: arith.divf %[[ONE]], %[[D]] : f32
// CHECK: ^bb0(%[[Y:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[C:.*]] = math.copysign %{{.*}}, %[[Y]] : f32
// CHECK: %[[Z:.*]] = arith.cmpf ueq, %[[Y]], %{{.*}} : f32
// CHECK: arith.select %[[Z]], %[[Y]], %[[C]] : f32
func.func @logistic_sign(%x: tensor<f32>) -> tensor<f32> {
  %0 = genc.logistic %x : tensor<f32>
  %1 = genc.sign %0 : tensor<f32>
  return %1 : tensor<f32>
}

// -----

// A 0-d op is a generic with no loops.
// CHECK-DAG: #[[SCALAR:.*]] = affine_map<() -> ()>
// CHECK-LABEL: func.func @scalar
// CHECK: linalg.generic {indexing_maps = [#[[SCALAR]], #[[SCALAR]]], iterator_types = []}
func.func @scalar(%x: tensor<f64>) -> tensor<f64> {
  %0 = genc.sqrt %x : tensor<f64>
  return %0 : tensor<f64>
}

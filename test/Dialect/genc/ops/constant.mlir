// RUN: genc-opt %s | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | genc-opt | FileCheck %s

// CHECK-LABEL: func.func @constant_f32
func.func @constant_f32() -> tensor<2xf32> {
  // CHECK: %[[C:.*]] = genc.constant dense<[1.000000e+00, 2.500000e+00]> : tensor<2xf32>
  // CHECK: return %[[C]]
  %c = genc.constant dense<[1.0, 2.5]> : tensor<2xf32>
  return %c : tensor<2xf32>
}

// CHECK-LABEL: func.func @constant_splat_i32
func.func @constant_splat_i32() -> tensor<2x3xi32> {
  // CHECK: genc.constant dense<7> : tensor<2x3xi32>
  %c = genc.constant dense<7> : tensor<2x3xi32>
  return %c : tensor<2x3xi32>
}

// CHECK-LABEL: func.func @constant_scalar_i1
func.func @constant_scalar_i1() -> tensor<i1> {
  // CHECK: genc.constant dense<true> : tensor<i1>
  %c = genc.constant dense<true> : tensor<i1>
  return %c : tensor<i1>
}

// CHECK-LABEL: func.func @constant_other_types
func.func @constant_other_types() -> (tensor<2xf16>, tensor<bf16>, tensor<f64>, tensor<3xi8>, tensor<i64>) {
  // CHECK: genc.constant dense<[1.500000e+00, -2.000000e+00]> : tensor<2xf16>
  // CHECK: genc.constant dense<3.000000e+00> : tensor<bf16>
  // CHECK: genc.constant dense<1.000000e-01> : tensor<f64>
  // CHECK: genc.constant dense<[-128, 0, 127]> : tensor<3xi8>
  // CHECK: genc.constant dense<9223372036854775807> : tensor<i64>
  %a = genc.constant dense<[1.5, -2.0]> : tensor<2xf16>
  %b = genc.constant dense<3.0> : tensor<bf16>
  %c = genc.constant dense<0.1> : tensor<f64>
  %d = genc.constant dense<[-128, 0, 127]> : tensor<3xi8>
  %e = genc.constant dense<9223372036854775807> : tensor<i64>
  return %a, %b, %c, %d, %e : tensor<2xf16>, tensor<bf16>, tensor<f64>, tensor<3xi8>, tensor<i64>
}

// RUN: genc-opt %s | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// CHECK-LABEL: func.func @iota_i32
func.func @iota_i32() -> tensor<2x3xi32> {
  // CHECK: %[[I:.*]] = genc.iota dim = 1 : tensor<2x3xi32>
  // CHECK: return %[[I]]
  // GENERIC: "genc.iota"() <{iota_dimension = 1 : i64}> : () -> tensor<2x3xi32>
  %i = genc.iota dim = 1 : tensor<2x3xi32>
  return %i : tensor<2x3xi32>
}

// CHECK-LABEL: func.func @iota_f32_dim0
func.func @iota_f32_dim0() -> tensor<4xf32> {
  // CHECK: genc.iota dim = 0 : tensor<4xf32>
  %i = genc.iota dim = 0 : tensor<4xf32>
  return %i : tensor<4xf32>
}

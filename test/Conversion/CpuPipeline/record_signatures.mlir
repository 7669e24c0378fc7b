// RUN: genc-opt %s --genc-record-signatures --split-input-file -verify-diagnostics | FileCheck %s

// Public functions with bodies are recorded, private ones are not.
// CHECK: module attributes {genc.signatures = [{inputs = [tensor<2x3xf32>, tensor<i1>], name = "main", outputs = [tensor<2x3xf32>]}, {inputs = [], name = "no_args", outputs = [tensor<4xbf16>, tensor<i64>]}]}
// CHECK-NOT: helper
// CHECK-LABEL: func.func @main
func.func @main(%a: tensor<2x3xf32>, %b: tensor<i1>) -> tensor<2x3xf32> {
  return %a : tensor<2x3xf32>
}
func.func private @helper(%a: tensor<?xf32>) -> tensor<?xf32> {
  return %a : tensor<?xf32>
}
func.func @no_args() -> (tensor<4xbf16>, tensor<i64>) {
  %a = genc.constant dense<1.0> : tensor<4xbf16>
  %b = genc.constant dense<1> : tensor<i64>
  return %a, %b : tensor<4xbf16>, tensor<i64>
}

// -----

// Every bad argument and result is reported.
// expected-error@+2 {{entry point 'dynamic': argument 0 has type 'tensor<?xf32>'; entry points take and return statically shaped tensors of f16, bf16, f32, f64, i1, i8, i32 or i64}}
// expected-error@+1 {{entry point 'dynamic': result 0 has type 'tensor<?xf32>'}}
func.func @dynamic(%a: tensor<?xf32>) -> tensor<?xf32> {
  return %a : tensor<?xf32>
}

// -----

// expected-error@+2 {{entry point 'bad_result': argument 1 has type 'tensor<2xi16>'}}
// expected-error@+1 {{entry point 'bad_result': result 1 has type 'tensor<2xi16>'}}
func.func @bad_result(%a: tensor<2xf32>, %b: tensor<2xi16>) -> (tensor<2xf32>, tensor<2xi16>) {
  return %a, %b : tensor<2xf32>, tensor<2xi16>
}

// -----

// expected-error@+1 {{entry point 'scalar_arg': argument 1 has type 'f32'}}
func.func @scalar_arg(%a: tensor<2xf32>, %b: f32) -> tensor<2xf32> {
  return %a : tensor<2xf32>
}

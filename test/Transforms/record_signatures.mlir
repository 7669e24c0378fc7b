// RUN: genc-opt %s --split-input-file --genc-record-signatures --verify-diagnostics | FileCheck %s

// Public functions with bodies are entry points; private ones are not.
// CHECK: module attributes {genc.signatures = [{inputs = [tensor<2xf32>, tensor<i32>], name = "f", outputs = [tensor<2xf32>]}]}
func.func @f(%x: tensor<2xf32>, %i: tensor<i32>) -> tensor<2xf32> {
  return %x : tensor<2xf32>
}
func.func private @helper(%x: tensor<?xf32>) -> tensor<?xf32> {
  return %x : tensor<?xf32>
}

// -----

// expected-error @+2 {{entry point 'dyn': argument 0 has type 'tensor<?xf32>'}}
// expected-error @+1 {{entry point 'dyn': result 0 has type 'tensor<?xf32>'}}
func.func @dyn(%x: tensor<?xf32>) -> tensor<?xf32> {
  return %x : tensor<?xf32>
}

// -----

// expected-error @+2 {{entry point 'u': argument 0 has type 'tensor<4xui8>'}}
// expected-error @+1 {{entry point 'u': result 0 has type 'tensor<4xui8>'}}
func.func @u(%x: tensor<4xui8>) -> tensor<4xui8> {
  return %x : tensor<4xui8>
}

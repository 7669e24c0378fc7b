// RUN: genc-opt %s --split-input-file --genc-autodiff --verify-diagnostics | FileCheck %s

// genc.value_and_grad and genc.grad become genc.vjp seeded with 1 for the
// loss and 0 for auxiliary results, then the usual adjoint.
// CHECK-LABEL: func.func @main
// CHECK-DAG: %[[ONE:.*]] = genc.constant dense<1.000000e+00> : tensor<f32>
// CHECK-DAG: %[[ZERO:.*]] = genc.constant dense<0.000000e+00> : tensor<3xf32>
// CHECK: %[[A:.*]]:3 = call @loss__vjp_0(%[[W:[^,]*]], %[[X:[^,]*]], %[[ONE]], %[[ZERO]])
// CHECK: %[[B:.*]]:3 = call @loss__vjp_0(%[[W]], %[[X]], %{{.*}}, %{{.*}})
// CHECK: return %[[A]]#0, %[[A]]#2, %[[B]]#2, %[[B]]#1
func.func @loss(%w: tensor<3xf32>, %x: tensor<3xf32>) -> (tensor<f32>, tensor<3xf32>) {
  %p = genc.mul %w, %x : tensor<3xf32>
  %t = genc.tanh %p : tensor<3xf32>
  %zero = genc.constant dense<0.0> : tensor<f32>
  %s = genc.reduce %t, %zero dims = [0] : (tensor<3xf32>, tensor<f32>) -> tensor<f32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %c = genc.add %a, %b : tensor<f32>
    genc.return %c : tensor<f32>
  }
  return %s, %t : tensor<f32>, tensor<3xf32>
}
func.func @main(%w: tensor<3xf32>, %x: tensor<3xf32>) -> (tensor<f32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) {
  %l, %aux, %dw = genc.value_and_grad @loss(%w, %x) argnums = [0] : (tensor<3xf32>, tensor<3xf32>) -> (tensor<f32>, tensor<3xf32>, tensor<3xf32>)
  %g, %aux2 = genc.grad @loss(%w, %x) argnums = [0] {has_aux} : (tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %l, %dw, %g, %aux2 : tensor<f32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>
}

// -----

func.func @vec(%w: tensor<3xf32>) -> tensor<3xf32> {
  return %w : tensor<3xf32>
}
func.func @main(%w: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'genc.grad' op 'vec' must return a 0-d float loss first, got '(tensor<3xf32>) -> tensor<3xf32>'}}
  %g = genc.grad @vec(%w) argnums = [0] : (tensor<3xf32>) -> tensor<3xf32>
  return %g : tensor<3xf32>
}

// -----

func.func @two(%w: tensor<f32>) -> (tensor<f32>, tensor<f32>) {
  return %w, %w : tensor<f32>, tensor<f32>
}
func.func @main(%w: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{'genc.grad' op 'two' returns 2 results; set has_aux to return the others}}
  %g = genc.grad @two(%w) argnums = [0] : (tensor<f32>) -> tensor<f32>
  return %g : tensor<f32>
}

// -----

func.func @one(%w: tensor<f32>) -> tensor<f32> {
  return %w : tensor<f32>
}
func.func @main(%w: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{'genc.value_and_grad' op argnum 1 is out of range for 1 primal(s)}}
  %l, %g = genc.value_and_grad @one(%w) argnums = [1] : (tensor<f32>) -> (tensor<f32>, tensor<f32>)
  return %g : tensor<f32>
}

// RUN: genc-opt %s --split-input-file --genc-autodiff --verify-diagnostics | FileCheck %s

// A plain call is inlined into the forward sweep: its values are saved,
// nothing is recomputed.
// CHECK-LABEL: func.func private @plain__vjp_0
// CHECK-NOT: call
// CHECK: genc.tanh
// CHECK: genc.mul
// CHECK: return
func.func private @inner(%x: tensor<3xf32>) -> tensor<3xf32> {
  %t = genc.tanh %x : tensor<3xf32>
  return %t : tensor<3xf32>
}
func.func @plain(%x: tensor<3xf32>) -> tensor<3xf32> {
  %a = func.call @inner(%x) : (tensor<3xf32>) -> tensor<3xf32>
  return %a : tensor<3xf32>
}
func.func @main(%x: tensor<3xf32>, %ct: tensor<3xf32>) -> tensor<3xf32> {
  %y, %dx = genc.vjp @plain(%x) cotangents(%ct) argnums = [0] : (tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %dx : tensor<3xf32>
}

// -----

// checkpoint, nothing_saveable: the forward sweep calls the function; the
// backward sweep calls its adjoint, which runs the forward again.
// CHECK-LABEL: func.func private @remat__vjp_0
// CHECK: %[[Y:.*]] = call @inner(%[[X:.*]]) :
// CHECK: %[[A:.*]]:2 = call @inner__vjp_0(%[[X]], %{{.*}}) :
// CHECK: return %[[Y]], %[[A]]#1
// CHECK-LABEL: func.func private @inner__vjp_0
// CHECK: genc.tanh
func.func private @inner(%x: tensor<3xf32>) -> tensor<3xf32> attributes {genc.checkpoint = "nothing_saveable"} {
  %t = genc.tanh %x : tensor<3xf32>
  return %t : tensor<3xf32>
}
func.func @remat(%x: tensor<3xf32>) -> tensor<3xf32> {
  %a = func.call @inner(%x) : (tensor<3xf32>) -> tensor<3xf32>
  return %a : tensor<3xf32>
}
func.func @main(%x: tensor<3xf32>, %ct: tensor<3xf32>) -> tensor<3xf32> {
  %y, %dx = genc.vjp @remat(%x) cotangents(%ct) argnums = [0] : (tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %dx : tensor<3xf32>
}

// -----

// checkpoint, dots_saveable: the forward sweep also returns the
// contraction's value; the adjoint takes it and recomputes only the rest.
// CHECK-LABEL: func.func private @g__vjp_1
// CHECK: %[[S:.*]]:2 = call @block__save_dots(%[[X:[^,]*]], %[[W:[^)]*]])
// CHECK: %[[A:.*]]:3 = call @block__vjp_saved_0_1(%[[X]], %[[W]], %[[S]]#1, %{{.*}})
// CHECK: return %[[S]]#0, %[[A]]#2
// CHECK-LABEL: func.func private @block__save_dots
// CHECK: %[[D:.*]] = genc.dot_general
// CHECK: %[[T:.*]] = genc.tanh %[[D]]
// CHECK: return %[[T]], %[[D]]
// CHECK-LABEL: func.func private @block__vjp_saved_0_1
// CHECK-SAME: (%{{[^:]*}}: tensor<2x3xf32>, %{{[^:]*}}: tensor<3x3xf32>, %[[SAVED:[^:]*]]: tensor<2x3xf32>,
// CHECK-NEXT: genc.tanh %[[SAVED]]
// CHECK-NOT: contract = [1] x [0]
// CHECK: return
func.func private @block(%x: tensor<2x3xf32>, %w: tensor<3x3xf32>) -> tensor<2x3xf32> attributes {genc.checkpoint = "dots_saveable"} {
  %h = genc.dot_general %x, %w, batch = [] x [], contract = [1] x [0] : (tensor<2x3xf32>, tensor<3x3xf32>) -> tensor<2x3xf32>
  %t = genc.tanh %h : tensor<2x3xf32>
  return %t : tensor<2x3xf32>
}
func.func @g(%x: tensor<2x3xf32>, %w: tensor<3x3xf32>) -> tensor<2x3xf32> {
  %a = func.call @block(%x, %w) : (tensor<2x3xf32>, tensor<3x3xf32>) -> tensor<2x3xf32>
  return %a : tensor<2x3xf32>
}
func.func @main(%x: tensor<2x3xf32>, %w: tensor<3x3xf32>, %ct: tensor<2x3xf32>) -> tensor<3x3xf32> {
  %y, %dw = genc.vjp @g(%x, %w) cotangents(%ct) argnums = [1] : (tensor<2x3xf32>, tensor<3x3xf32>, tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<3x3xf32>)
  return %dw : tensor<3x3xf32>
}

// -----

// custom_vjp: the forward sweep calls the rule's fwd (results, then
// residuals); the backward sweep calls bwd on the residuals and cotangents.
// Here the rule clips the gradient to [-1, 1] (not the true derivative).
// CHECK-LABEL: func.func private @h__vjp_0
// CHECK: %[[F:.*]]:2 = call @clip_fwd(%[[X:[^)]*]])
// CHECK: %[[B:.*]] = call @clip_bwd(%[[F]]#1, %{{.*}})
// CHECK: return %[[F]]#0, %[[B]]
func.func private @clip(%x: tensor<3xf32>) -> tensor<3xf32> attributes {genc.custom_vjp = {fwd = @clip_fwd, bwd = @clip_bwd}} {
  return %x : tensor<3xf32>
}
func.func private @clip_fwd(%x: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  return %x, %x : tensor<3xf32>, tensor<3xf32>
}
func.func private @clip_bwd(%res: tensor<3xf32>, %ct: tensor<3xf32>) -> tensor<3xf32> {
  %lo = genc.constant dense<-1.0> : tensor<3xf32>
  %hi = genc.constant dense<1.0> : tensor<3xf32>
  %c = genc.clamp %lo, %ct, %hi : tensor<3xf32>
  return %c : tensor<3xf32>
}
func.func @h(%x: tensor<3xf32>) -> tensor<3xf32> {
  %a = func.call @clip(%x) : (tensor<3xf32>) -> tensor<3xf32>
  return %a : tensor<3xf32>
}
func.func @main(%x: tensor<3xf32>, %ct: tensor<3xf32>) -> tensor<3xf32> {
  %y, %dx = genc.vjp @h(%x) cotangents(%ct) argnums = [0] : (tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %dx : tensor<3xf32>
}

// -----

// expected-error @+1 {{custom_vjp backward rule @bad_bwd has type '(tensor<3xf32>) -> tensor<3xf32>'; expected '(tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>'}}
func.func private @bad(%x: tensor<3xf32>) -> tensor<3xf32> attributes {genc.custom_vjp = {fwd = @bad_fwd, bwd = @bad_bwd}} {
  return %x : tensor<3xf32>
}
func.func private @bad_fwd(%x: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  return %x, %x : tensor<3xf32>, tensor<3xf32>
}
func.func private @bad_bwd(%ct: tensor<3xf32>) -> tensor<3xf32> {
  return %ct : tensor<3xf32>
}
func.func @main(%x: tensor<3xf32>, %ct: tensor<3xf32>) -> tensor<3xf32> {
  %y, %dx = genc.vjp @bad(%x) cotangents(%ct) argnums = [0] : (tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %dx : tensor<3xf32>
}

// -----

// expected-error @+1 {{unknown genc.checkpoint policy "dots" (expected "nothing_saveable", "dots_saveable" or "everything_saveable")}}
func.func private @inner(%x: tensor<3xf32>) -> tensor<3xf32> attributes {genc.checkpoint = "dots"} {
  return %x : tensor<3xf32>
}
func.func @outer(%x: tensor<3xf32>) -> tensor<3xf32> {
  %a = func.call @inner(%x) : (tensor<3xf32>) -> tensor<3xf32>
  return %a : tensor<3xf32>
}
func.func @main(%x: tensor<3xf32>, %ct: tensor<3xf32>) -> tensor<3xf32> {
  %y, %dx = genc.vjp @outer(%x) cotangents(%ct) argnums = [0] : (tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %dx : tensor<3xf32>
}

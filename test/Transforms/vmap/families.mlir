// RUN: genc-opt %s --split-input-file --genc-vmap --verify-diagnostics | FileCheck %s

// reduce: the reduced dimensions shift past the batch; the shared init and
// the scalar body stay.
// CHECK-LABEL: func.func private @r__vmap_b_6
// CHECK: genc.reduce %{{.*}}, %{{.*}} dims = [2] : (tensor<6x3x4xf32>, tensor<f32>) -> tensor<6x3xf32>
func.func private @r(%x: tensor<3x4xf32>) -> tensor<3xf32> {
  %zero = genc.constant dense<0.0> : tensor<f32>
  %s = genc.reduce %x, %zero dims = [1] : (tensor<3x4xf32>, tensor<f32>) -> tensor<3xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %t = genc.add %a, %b : tensor<f32>
    genc.return %t : tensor<f32>
  }
  return %s : tensor<3xf32>
}
func.func @main(%xs: tensor<6x3x4xf32>) -> tensor<6x3xf32> {
  %y = genc.vmap @r(%xs) in_axes = [0] out_axes = [0] axis_size = 6 : (tensor<6x3x4xf32>) -> tensor<6x3xf32>
  return %y : tensor<6x3xf32>
}

// -----

// slice / pad / concatenate: dimensions shift; the shared operand of the
// concatenation is broadcast to the batch.
// CHECK-LABEL: func.func private @s__vmap_bu_2
// CHECK: genc.slice %{{.*}} start = [0, 1] limit = [2, 3] strides = [1, 1] : (tensor<2x4xf32>) -> tensor<2x2xf32>
// CHECK: genc.pad %{{.*}}, %{{.*}} low = [0, 1] high = [0, 0] interior = [0, 0] : (tensor<2x2xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK: genc.broadcast_in_dim %{{.*}}, dims = [1] : (tensor<3xf32>) -> tensor<2x3xf32>
// CHECK: genc.concatenate %{{.*}}, %{{.*}} dim = 1 : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x6xf32>
func.func private @s(%x: tensor<4xf32>, %w: tensor<3xf32>) -> tensor<6xf32> {
  %a = genc.slice %x start = [1] limit = [3] strides = [1] : (tensor<4xf32>) -> tensor<2xf32>
  %zero = genc.constant dense<0.0> : tensor<f32>
  %p = genc.pad %a, %zero low = [1] high = [0] interior = [0] : (tensor<2xf32>, tensor<f32>) -> tensor<3xf32>
  %c = genc.concatenate %p, %w dim = 0 : (tensor<3xf32>, tensor<3xf32>) -> tensor<6xf32>
  return %c : tensor<6xf32>
}
func.func @main(%xs: tensor<2x4xf32>, %w: tensor<3xf32>) -> tensor<2x6xf32> {
  %y = genc.vmap @s(%xs, %w) in_axes = [0, -1] out_axes = [0] axis_size = 2 : (tensor<2x4xf32>, tensor<3xf32>) -> tensor<2x6xf32>
  return %y : tensor<2x6xf32>
}

// -----

// convolution with a batched input and a shared kernel: one convolution
// over the B*N images, no loop.
// CHECK-LABEL: func.func private @c__vmap_bu_4
// CHECK: %[[X:.*]] = genc.reshape %{{.*}} : (tensor<4x2x5x5x3xf32>) -> tensor<8x5x5x3xf32>
// CHECK: %[[Y:.*]] = genc.convolution %[[X]], %{{.*}} : (tensor<8x5x5x3xf32>, tensor<3x3x3x2xf32>) -> tensor<8x3x3x2xf32>
// CHECK: genc.reshape %[[Y]] : (tensor<8x3x3x2xf32>) -> tensor<4x2x3x3x2xf32>
func.func private @c(%x: tensor<2x5x5x3xf32>, %w: tensor<3x3x3x2xf32>) -> tensor<2x3x3x2xf32> {
  %y = genc.convolution %x, %w : (tensor<2x5x5x3xf32>, tensor<3x3x3x2xf32>) -> tensor<2x3x3x2xf32>
  return %y : tensor<2x3x3x2xf32>
}
func.func @main(%xs: tensor<4x2x5x5x3xf32>, %w: tensor<3x3x3x2xf32>) -> tensor<4x2x3x3x2xf32> {
  %y = genc.vmap @c(%xs, %w) in_axes = [0, -1] out_axes = [0] axis_size = 4 : (tensor<4x2x5x5x3xf32>, tensor<3x3x3x2xf32>) -> tensor<4x2x3x3x2xf32>
  return %y : tensor<4x2x3x3x2xf32>
}

// -----

// gather with batched operand and indices: each example's indices are
// clamped, offset into its own rows, and gathered from the flattened batch.
// CHECK-LABEL: func.func private @g__vmap_bb_3
// CHECK: genc.reshape %{{.*}} : (tensor<3x5x2xf32>) -> tensor<15x2xf32>
// CHECK: genc.clamp
// CHECK: genc.iota dim = 0 : tensor<3x4xi32>
// CHECK: genc.gather %{{.*}}, %{{.*}} axis = 0 : (tensor<15x2xf32>, tensor<3x4xi32>) -> tensor<3x4x2xf32>
func.func private @g(%t: tensor<5x2xf32>, %i: tensor<4xi32>) -> tensor<4x2xf32> {
  %r = genc.gather %t, %i axis = 0 : (tensor<5x2xf32>, tensor<4xi32>) -> tensor<4x2xf32>
  return %r : tensor<4x2xf32>
}
func.func @main(%ts: tensor<3x5x2xf32>, %is: tensor<3x4xi32>) -> tensor<3x4x2xf32> {
  %y = genc.vmap @g(%ts, %is) in_axes = [0, 0] out_axes = [0] axis_size = 3 : (tensor<3x5x2xf32>, tensor<3x4xi32>) -> tensor<3x4x2xf32>
  return %y : tensor<3x4x2xf32>
}

// -----

// dynamic_slice of a batched operand at a shared start slices the batch
// whole.
// CHECK-LABEL: func.func private @d__vmap_bu_3
// CHECK: %[[Z:.*]] = genc.constant dense<0> : tensor<i32>
// CHECK: genc.dynamic_slice %{{.*}}, %[[Z]], %{{.*}} sizes = [3, 2] : (tensor<3x4xf32>, tensor<i32>, tensor<i32>) -> tensor<3x2xf32>
func.func private @d(%x: tensor<4xf32>, %i: tensor<i32>) -> tensor<2xf32> {
  %r = genc.dynamic_slice %x, %i sizes = [2] : (tensor<4xf32>, tensor<i32>) -> tensor<2xf32>
  return %r : tensor<2xf32>
}
func.func @main(%xs: tensor<3x4xf32>, %i: tensor<i32>) -> tensor<3x2xf32> {
  %y = genc.vmap @d(%xs, %i) in_axes = [0, -1] out_axes = [0] axis_size = 3 : (tensor<3x4xf32>, tensor<i32>) -> tensor<3x2xf32>
  return %y : tensor<3x2xf32>
}

// -----

// Per-example starts: the start is clamped per example and becomes a
// per-example gather of clamp(start) + iota (indices offset into each
// example's rows of the flattened operand).
// CHECK-LABEL: func.func private @e__vmap_ub_3
// CHECK: genc.clamp
// CHECK: genc.iota dim = 1 : tensor<3x2xi32>
// CHECK: genc.gather %{{.*}}, %{{.*}} axis = 0 : (tensor<12xf32>, tensor<3x2xi32>) -> tensor<3x2xf32>
func.func private @e(%x: tensor<4xf32>, %i: tensor<i32>) -> tensor<2xf32> {
  %r = genc.dynamic_slice %x, %i sizes = [2] : (tensor<4xf32>, tensor<i32>) -> tensor<2xf32>
  return %r : tensor<2xf32>
}
func.func @main(%x: tensor<4xf32>, %is: tensor<3xi32>) -> tensor<3x2xf32> {
  %y = genc.vmap @e(%x, %is) in_axes = [-1, 0] out_axes = [0] axis_size = 3 : (tensor<4xf32>, tensor<3xi32>) -> tensor<3x2xf32>
  return %y : tensor<3x2xf32>
}

// -----

// A convolution with a per-example kernel: the examples become feature
// groups (input broadcast to the batch and merged into its features,
// kernels merged into the output features, feature_group_count = 4).
// CHECK-LABEL: func.func private @k__vmap_ub_4
// CHECK: genc.broadcast_in_dim %{{.*}} -> tensor<4x2x5x5x3xf32>
// CHECK: genc.transpose %{{.*}} -> tensor<2x5x5x4x3xf32>
// CHECK: genc.reshape %{{.*}} -> tensor<2x5x5x12xf32>
// CHECK: genc.reshape %{{.*}} -> tensor<3x3x3x8xf32>
// CHECK: genc.convolution %{{.*}}, %{{.*}} {feature_group_count = 4 : i64} : (tensor<2x5x5x12xf32>, tensor<3x3x3x8xf32>) -> tensor<2x3x3x8xf32>
// CHECK: genc.reshape %{{.*}} -> tensor<2x3x3x4x2xf32>
// CHECK: genc.transpose %{{.*}} -> tensor<4x2x3x3x2xf32>
func.func private @k(%x: tensor<2x5x5x3xf32>, %w: tensor<3x3x3x2xf32>) -> tensor<2x3x3x2xf32> {
  %y = genc.convolution %x, %w : (tensor<2x5x5x3xf32>, tensor<3x3x3x2xf32>) -> tensor<2x3x3x2xf32>
  return %y : tensor<2x3x3x2xf32>
}
func.func @main(%x: tensor<2x5x5x3xf32>, %ws: tensor<4x3x3x3x2xf32>) -> tensor<4x2x3x3x2xf32> {
  %y = genc.vmap @k(%x, %ws) in_axes = [-1, 0] out_axes = [0] axis_size = 4 : (tensor<2x5x5x3xf32>, tensor<4x3x3x3x2xf32>) -> tensor<4x2x3x3x2xf32>
  return %y : tensor<4x2x3x3x2xf32>
}

// -----

// scatter_add with shared indices: the zero operand is broadcast to the
// batch, the batched updates scatter along axis 1.
// CHECK-LABEL: func.func private @sc__vmap_ub_2
// CHECK: %[[Z:.*]] = genc.broadcast_in_dim %{{.*}}, dims = [1, 2] : (tensor<5x2xf32>) -> tensor<2x5x2xf32>
// CHECK: genc.scatter_add %[[Z]], %{{.*}}, %{{.*}} axis = 1 : (tensor<2x5x2xf32>, tensor<3xi32>, tensor<2x3x2xf32>) -> tensor<2x5x2xf32>
func.func private @sc(%i: tensor<3xi32>, %u: tensor<3x2xf32>) -> tensor<5x2xf32> {
  %zero = genc.constant dense<0.0> : tensor<5x2xf32>
  %r = genc.scatter_add %zero, %i, %u axis = 0 : (tensor<5x2xf32>, tensor<3xi32>, tensor<3x2xf32>) -> tensor<5x2xf32>
  return %r : tensor<5x2xf32>
}
func.func @main(%i: tensor<3xi32>, %us: tensor<2x3x2xf32>) -> tensor<2x5x2xf32> {
  %y = genc.vmap @sc(%i, %us) in_axes = [-1, 0] out_axes = [0] axis_size = 2 : (tensor<3xi32>, tensor<2x3x2xf32>) -> tensor<2x5x2xf32>
  return %y : tensor<2x5x2xf32>
}

// -----

// genc.if with a per-example predicate: both branches run for the batch and
// each result is selected by the example's predicate (masking).
// CHECK-LABEL: func.func private @br__vmap_bb_4
// CHECK-NOT: genc.if
// CHECK: %[[T:.*]] = genc.sin %{{.*}} : tensor<4x3xf32>
// CHECK: %[[E:.*]] = genc.mul %{{.*}} : tensor<4x3xf32>
// CHECK: %[[M:.*]] = genc.broadcast_in_dim %{{.*}}, dims = [0] : (tensor<4xi1>) -> tensor<4x3xi1>
// CHECK: genc.select %[[M]], %[[T]], %[[E]] : tensor<4x3xi1>, tensor<4x3xf32>
func.func private @br(%p: tensor<i1>, %x: tensor<3xf32>) -> tensor<3xf32> {
  %r = genc.if %p : tensor<i1> -> tensor<3xf32> {
    %s = genc.sin %x : tensor<3xf32>
    genc.return %s : tensor<3xf32>
  } else {
    %m = genc.mul %x, %x : tensor<3xf32>
    genc.return %m : tensor<3xf32>
  }
  return %r : tensor<3xf32>
}
func.func @main(%ps: tensor<4xi1>, %xs: tensor<4x3xf32>) -> tensor<4x3xf32> {
  %y = genc.vmap @br(%ps, %xs) in_axes = [0, 0] out_axes = [0] axis_size = 4 : (tensor<4xi1>, tensor<4x3xf32>) -> tensor<4x3xf32>
  return %y : tensor<4x3xf32>
}

// -----

// while with per-example state: masking. The batched loop runs while any
// example's condition holds (an OR-reduction of the per-example
// predicates); each example keeps its state once its own condition fails.
// CHECK-LABEL: func.func private @w__vmap_b_4
// CHECK: %[[R:.*]]:2 = genc.while
// CHECK-SAME: tensor<4xi32>, tensor<4xf32>
// CHECK: genc.compare LT, %{{.*}}, %{{.*}} : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi1>
// CHECK: genc.reduce %{{.*}}, %{{.*}} dims = [0] : (tensor<4xi1>, tensor<i1>) -> tensor<i1>
// CHECK: genc.or
// CHECK: } do {
// CHECK: genc.compare LT
// CHECK: genc.mul
// CHECK: genc.select
// CHECK: genc.select
// CHECK: return %[[R]]#1
func.func private @w(%n: tensor<i32>) -> tensor<f32> {
  %zero = genc.constant dense<0> : tensor<i32>
  %one = genc.constant dense<1> : tensor<i32>
  %x0 = genc.constant dense<1.0> : tensor<f32>
  %two = genc.constant dense<2.0> : tensor<f32>
  %r:2 = genc.while (%i = %zero, %x = %x0) : tensor<i32>, tensor<f32> cond {
    %p = genc.compare LT, %i, %n : (tensor<i32>, tensor<i32>) -> tensor<i1>
    genc.return %p : tensor<i1>
  } do {
  ^bb0(%j: tensor<i32>, %y: tensor<f32>):
    %k = genc.add %j, %one : tensor<i32>
    %z = genc.mul %y, %two : tensor<f32>
    genc.return %k, %z : tensor<i32>, tensor<f32>
  }
  return %r#1 : tensor<f32>
}
func.func @main(%ns: tensor<4xi32>) -> tensor<4xf32> {
  %y = genc.vmap @w(%ns) in_axes = [0] out_axes = [0] axis_size = 4 : (tensor<4xi32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

// A per-example init value needs the combiner's identity: a body that is
// not a single add/mul/max/min/and/or gets a diagnostic at the op.
func.func private @rs(%x: tensor<4xf32>, %v: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{cannot vmap 'genc.reduce': no batching rule for this use}}
  %r = genc.reduce %x, %v dims = [0] : (tensor<4xf32>, tensor<f32>) -> tensor<f32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %t = genc.sub %a, %b : tensor<f32>
    genc.return %t : tensor<f32>
  }
  return %r : tensor<f32>
}
func.func @main(%x: tensor<4xf32>, %vs: tensor<3xf32>) -> tensor<3xf32> {
  %y = genc.vmap @rs(%x, %vs) in_axes = [-1, 0] out_axes = [0] axis_size = 3 : (tensor<4xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %y : tensor<3xf32>
}

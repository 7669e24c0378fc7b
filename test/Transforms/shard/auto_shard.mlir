// RUN: genc-opt %s --split-input-file --genc-auto-shard=report=true --mlir-print-op-on-diagnostic=false -verify-diagnostics | FileCheck %s

// A data-parallel layer: x split by rows over "data", w and b replicated.
// The matmul and the elementwise ops run on local rows (b's broadcast is
// sliced to them, no communication); the full reduction ends with an
// all_reduce; the first result stays split and is assembled by shard_map.
// CHECK-LABEL: func.func @layer
// CHECK: genc.shard_map @layer__partitioned(%{{.*}}, %{{.*}}, %{{.*}}) {in_specs = {{\[\[\[}}"data"]], [], []], mesh_axes = ["data"], mesh_shape = array<i64: 2>, out_specs = {{\[\[\[}}"data"], []], []]}
// CHECK-LABEL: func.func private @layer__partitioned
// CHECK-SAME: (%[[X:.*]]: tensor<4x4xf32>, %[[W:.*]]: tensor<4x3xf32>, %[[B:.*]]: tensor<3xf32>) -> (tensor<4x3xf32>, tensor<f32>)
// CHECK: %[[Y:.*]] = genc.dot_general %[[X]], %[[W]], {{.*}} -> tensor<4x3xf32>
// CHECK: %[[BB:.*]] = genc.broadcast_in_dim %[[B]]
// CHECK: %[[I:.*]] = genc.axis_index "data"
// CHECK: %[[S:.*]] = genc.dynamic_slice %[[BB]], {{.*}} sizes = [4, 3]
// CHECK: %[[Z:.*]] = genc.add %[[Y]], %[[S]] : tensor<4x3xf32>
// CHECK: %[[T:.*]] = genc.tanh %[[Z]] : tensor<4x3xf32>
// CHECK: %[[R:.*]] = genc.reduce %[[T]]
// CHECK: %[[A:.*]] = genc.all_reduce sum, %[[R]] {axes = ["data"]}
// CHECK: return %[[T]], %[[A]]
// expected-remark @+1 {{result 0 is assembled from shards [["data"], []] (an all_gather of 96 bytes per device, minus its own shard)}}
func.func @layer(%x: tensor<8x4xf32> {genc.sharding = [["data"]]}, %w: tensor<4x3xf32>, %b: tensor<3xf32>) -> (tensor<8x3xf32>, tensor<f32>)
    attributes {genc.mesh_axes = ["data"], genc.mesh_shape = array<i64: 2>} {
  %y = genc.dot_general %x, %w, batch = [] x [], contract = [1] x [0] : (tensor<8x4xf32>, tensor<4x3xf32>) -> tensor<8x3xf32>
  %bb = genc.broadcast_in_dim %b, dims = [1] : (tensor<3xf32>) -> tensor<8x3xf32>
  %z = genc.add %y, %bb : tensor<8x3xf32>
  %t = genc.tanh %z : tensor<8x3xf32>
  %zero = genc.constant dense<0.0> : tensor<f32>
  // expected-remark @+1 {{sharding inserts genc.all_reduce over 'data' of 'tensor<f32>': 4 bytes received per device}}
  %s = genc.reduce %t, %zero dims = [0, 1] : (tensor<8x3xf32>, tensor<f32>) -> tensor<f32> {
  ^bb0(%a: tensor<f32>, %c: tensor<f32>):
    %r = genc.add %a, %c : tensor<f32>
    genc.return %r : tensor<f32>
  }
  return %t, %s : tensor<8x3xf32>, tensor<f32>
}

// -----

// Model parallelism: the contraction dimension split over "model" on both
// sides; each device multiplies its slices and an all_reduce sums the
// partial products. A replicated result is asked for explicitly.
// CHECK-LABEL: func.func private @contract__partitioned
// CHECK-SAME: (%[[X:.*]]: tensor<4x2xf32>, %[[W:.*]]: tensor<2x3xf32>) -> tensor<4x3xf32>
// CHECK: %[[P:.*]] = genc.dot_general %[[X]], %[[W]], {{.*}} -> tensor<4x3xf32>
// CHECK: %[[S:.*]] = genc.all_reduce sum, %[[P]] {axes = ["model"]}
// CHECK: return %[[S]]
func.func @contract(%x: tensor<4x8xf32> {genc.sharding = [[], ["model"]]}, %w: tensor<8x3xf32> {genc.sharding = [["model"]]}) -> (tensor<4x3xf32> {genc.sharding = []})
    attributes {genc.mesh_axes = ["model"], genc.mesh_shape = array<i64: 4>} {
  // expected-remark @+1 {{sharding inserts genc.all_reduce over 'model' of 'tensor<4x3xf32>': 144 bytes received per device}}
  %y = genc.dot_general %x, %w, batch = [] x [], contract = [1] x [0] : (tensor<4x8xf32>, tensor<8x3xf32>) -> tensor<4x3xf32>
  return %y : tensor<4x3xf32>
}

// -----

// An op without a partitioning rule (here concatenate) gets replicated
// operands: the split operand is all-gathered first.
// CHECK-LABEL: func.func private @fallback__partitioned
// CHECK: %[[G:.*]] = genc.all_gather %{{.*}}, dim = 0 {axes = ["data"]} : (tensor<2x3xf32>) -> tensor<4x3xf32>
// CHECK: genc.concatenate %[[G]], %{{.*}} dim = 0
func.func @fallback(%x: tensor<4x3xf32> {genc.sharding = [["data"]]}, %y: tensor<2x3xf32>) -> tensor<6x3xf32>
    attributes {genc.mesh_axes = ["data"], genc.mesh_shape = array<i64: 2>} {
  // expected-remark @+1 {{sharding inserts genc.all_gather over 'data' of 'tensor<2x3xf32>': 24 bytes received per device}}
  %c = genc.concatenate %x, %y dim = 0 : (tensor<4x3xf32>, tensor<2x3xf32>) -> tensor<6x3xf32>
  return %c : tensor<6x3xf32>
}

// -----

// expected-error @+1 {{argument 0 'tensor<5x3xf32>': dimension 0 does not split 2 ways}}
func.func @indivisible(%x: tensor<5x3xf32> {genc.sharding = [["data"]]}) -> tensor<5x3xf32>
    attributes {genc.mesh_axes = ["data"], genc.mesh_shape = array<i64: 2>} {
  return %x : tensor<5x3xf32>
}

// -----

// expected-error @+1 {{argument 0: sharding [["model"]] names an axis not in the mesh ["data"]}}
func.func @unknown_axis(%x: tensor<4x3xf32> {genc.sharding = [["model"]]}) -> tensor<4x3xf32>
    attributes {genc.mesh_axes = ["data"], genc.mesh_shape = array<i64: 2>} {
  return %x : tensor<4x3xf32>
}

// -----

// A region that uses a split value from above (genc.if) runs replicated:
// the value is gathered before the op.
// CHECK-LABEL: func.func private @captured__partitioned
// CHECK: %[[G:.*]] = genc.all_gather %{{.*}}, dim = 0 {axes = ["data"]} : (tensor<2x3xf32>) -> tensor<4x3xf32>
// CHECK: genc.if
// CHECK: genc.neg %[[G]]
func.func @captured(%x: tensor<4x3xf32> {genc.sharding = [["data"]]}, %p: tensor<i1>) -> tensor<4x3xf32>
    attributes {genc.mesh_axes = ["data"], genc.mesh_shape = array<i64: 2>} {
  // expected-remark @+1 {{sharding inserts genc.all_gather over 'data' of 'tensor<2x3xf32>': 24 bytes received per device}}
  %r = genc.if %p : tensor<i1> -> tensor<4x3xf32> {
    %n = genc.neg %x : tensor<4x3xf32>
    genc.return %n : tensor<4x3xf32>
  } else {
    genc.return %x : tensor<4x3xf32>
  }
  return %r : tensor<4x3xf32>
}

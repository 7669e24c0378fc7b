// RUN: genc-opt %s --genc-shard --canonicalize --cse | FileCheck %s

// A 2x2 mesh: device = 2 * data + model.
func.func private @body(%x: tensor<2x4xf32>) -> (tensor<2x4xf32>, tensor<i32>) {
  %a = genc.all_reduce sum, %x {axes = ["data"]} : (tensor<2x4xf32>) -> tensor<2x4xf32>
  %b = genc.all_reduce sum, %a {axes = ["model"]} : (tensor<2x4xf32>) -> tensor<2x4xf32>
  %c = genc.all_gather %b, dim = 1 {axes = ["data", "model"]} : (tensor<2x4xf32>) -> tensor<2x16xf32>
  %d = genc.reduce_scatter sum, %c, dim = 1 {axes = ["model", "data"]} : (tensor<2x16xf32>) -> tensor<2x4xf32>
  %e = genc.collective_permute %d {axes = ["data"], pairs = dense<[[0, 1], [1, 0]]> : tensor<2x2xi64>} : (tensor<2x4xf32>) -> tensor<2x4xf32>
  %i = genc.axis_index "model" : tensor<i32>
  return %e, %i : tensor<2x4xf32>, tensor<i32>
}

// CHECK-LABEL: func.func @main
// CHECK-SAME: attributes {genc.devices = 4 : i64}
func.func @main(%x: tensor<4x8xf32>) -> (tensor<4x8xf32>, tensor<i32>) {
  // Shard offsets: data = (device / 2) % 2 rows of 2, model = device % 2
  // columns of 4.
  // CHECK-DAG: %[[TWO:.*]] = genc.constant dense<2> : tensor<i32>
  // CHECK-DAG: %[[FOUR:.*]] = genc.constant dense<4> : tensor<i32>
  // CHECK: %[[DEV:.*]] = genc.device_index : tensor<i32>
  // CHECK: %[[Q:.*]] = genc.div %[[DEV]], %[[TWO]]
  // CHECK: %[[D:.*]] = genc.rem %[[Q]], %[[TWO]]
  // CHECK: %[[ROW:.*]] = genc.mul %[[D]], %[[TWO]]
  // CHECK: %[[M:.*]] = genc.rem %[[DEV]], %[[TWO]]
  // CHECK: %[[COL:.*]] = genc.mul %[[M]], %[[FOUR]]
  // CHECK: %[[LOCAL:.*]] = genc.dynamic_slice %{{.*}}, %[[ROW]], %[[COL]] sizes = [2, 4]
  // CHECK: %[[R:.*]]:2 = call @body__spmd_data2_model2(%[[LOCAL]])
  // Results: rows gathered over data, then columns over model.
  // CHECK: %[[G0:.*]] = genc.all_gather %[[R]]#0, dim = 0 {replica_groups = dense<{{\[\[}}0, 2], [1, 3]]> : tensor<2x2xi64>} : (tensor<2x4xf32>) -> tensor<4x4xf32>
  // CHECK: %[[G1:.*]] = genc.all_gather %[[G0]], dim = 1 {replica_groups = dense<{{\[\[}}0, 1], [2, 3]]> : tensor<2x2xi64>} : (tensor<4x4xf32>) -> tensor<4x8xf32>
  // CHECK: return %[[G1]], %[[R]]#1
  %y:2 = genc.shard_map @body(%x) {mesh_axes = ["data", "model"], mesh_shape = array<i64: 2, 2>, in_specs = [[["data"], ["model"]]], out_specs = [[["data"], ["model"]], []]} : (tensor<4x8xf32>) -> (tensor<4x8xf32>, tensor<i32>)
  return %y#0, %y#1 : tensor<4x8xf32>, tensor<i32>
}

// CHECK-LABEL: func.func private @body__spmd_data2_model2
// CHECK: genc.all_reduce sum, %{{.*}} {replica_groups = dense<{{\[\[}}0, 2], [1, 3]]> : tensor<2x2xi64>}
// CHECK: genc.all_reduce sum, %{{.*}} {replica_groups = dense<{{\[\[}}0, 1], [2, 3]]> : tensor<2x2xi64>}
// CHECK: genc.all_gather %{{.*}}, dim = 1 {replica_groups = dense<{{\[\[}}0, 1, 2, 3]]> : tensor<1x4xi64>}
// Joint coordinate over (model, data): member = 2 * model + data.
// CHECK: genc.reduce_scatter sum, %{{.*}}, dim = 1 {replica_groups = dense<{{\[\[}}0, 2, 1, 3]]> : tensor<1x4xi64>}
// Along data, 0 <-> 1 in each model column: devices 0 <-> 2, 1 <-> 3.
// CHECK: genc.collective_permute %{{.*}} {pairs = dense<{{\[\[}}0, 2], [1, 3], [2, 0], [3, 1]]> : tensor<4x2xi64>}
// CHECK: %[[DEV:.*]] = genc.device_index
// CHECK: genc.rem %[[DEV]]

// RUN: genc-opt %s | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | genc-opt | FileCheck %s

// CHECK-LABEL: func.func private @body
func.func private @body(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  // CHECK: genc.all_reduce sum, %{{.*}} {axes = ["data"]} : (tensor<2x4xf32>) -> tensor<2x4xf32>
  %s = genc.all_reduce sum, %x {axes = ["data"]} : (tensor<2x4xf32>) -> tensor<2x4xf32>
  // CHECK: genc.all_reduce max, %{{.*}} {replica_groups = dense<{{\[\[}}0, 1], [2, 3]]> : tensor<2x2xi64>}
  %m = genc.all_reduce max, %s {replica_groups = dense<[[0, 1], [2, 3]]> : tensor<2x2xi64>} : (tensor<2x4xf32>) -> tensor<2x4xf32>
  // CHECK: genc.all_gather %{{.*}}, dim = 1 {axes = ["data", "model"]} : (tensor<2x4xf32>) -> tensor<2x16xf32>
  %g = genc.all_gather %m, dim = 1 {axes = ["data", "model"]} : (tensor<2x4xf32>) -> tensor<2x16xf32>
  // CHECK: genc.reduce_scatter sum, %{{.*}}, dim = 1 {replica_groups = dense<{{\[\[}}0, 1, 2, 3]]> : tensor<1x4xi64>} : (tensor<2x16xf32>) -> tensor<2x4xf32>
  %r = genc.reduce_scatter sum, %g, dim = 1 {replica_groups = dense<[[0, 1, 2, 3]]> : tensor<1x4xi64>} : (tensor<2x16xf32>) -> tensor<2x4xf32>
  // CHECK: genc.all_to_all %{{.*}}, split_dim = 1, concat_dim = 0 {axes = ["data"]} : (tensor<2x4xf32>) -> tensor<4x2xf32>
  %a = genc.all_to_all %r, split_dim = 1, concat_dim = 0 {axes = ["data"]} : (tensor<2x4xf32>) -> tensor<4x2xf32>
  // CHECK: genc.collective_permute %{{.*}} {axes = ["data"], pairs = dense<{{\[\[}}0, 1], [1, 0]]> : tensor<2x2xi64>}
  %p = genc.collective_permute %a {axes = ["data"], pairs = dense<[[0, 1], [1, 0]]> : tensor<2x2xi64>} : (tensor<4x2xf32>) -> tensor<4x2xf32>
  // CHECK: genc.axis_index "data" : tensor<i32>
  %i = genc.axis_index "data" : tensor<i32>
  // CHECK: genc.device_index : tensor<i32>
  %d = genc.device_index : tensor<i32>
  %y = genc.reshape %p : (tensor<4x2xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// CHECK-LABEL: func.func @main
func.func @main(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // CHECK: genc.shard_map @body(%{{.*}}) {in_specs = {{\[\[\[}}"data"], ["model"]]], mesh_axes = ["data", "model"], mesh_shape = array<i64: 2, 2>, out_specs = {{\[\[\[}}"data"], ["model"]]]} : (tensor<4x8xf32>) -> tensor<4x8xf32>
  %y = genc.shard_map @body(%x) {mesh_axes = ["data", "model"], mesh_shape = array<i64: 2, 2>, in_specs = [[["data"], ["model"]]], out_specs = [[["data"], ["model"]]]} : (tensor<4x8xf32>) -> tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}

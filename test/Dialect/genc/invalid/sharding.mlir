// RUN: genc-opt %s -split-input-file -verify-diagnostics

func.func @both(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{needs exactly one of 'axes' (mesh axis names, inside a shard_map body) and 'replica_groups' (device indices)}}
  %y = genc.all_reduce sum, %x {axes = ["data"], replica_groups = dense<[[0, 1]]> : tensor<1x2xi64>} : (tensor<4xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

func.func @twice(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{device 1 appears twice in replica_groups}}
  %y = genc.all_reduce sum, %x {replica_groups = dense<[[0, 1], [1, 2]]> : tensor<2x2xi64>} : (tensor<4xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

func.func @bool_sum(%x: tensor<4xi1>) -> tensor<4xi1> {
  // expected-error @+1 {{cannot sum i1 values (use max or min)}}
  %y = genc.all_reduce sum, %x {axes = ["data"]} : (tensor<4xi1>) -> tensor<4xi1>
  return %y : tensor<4xi1>
}

// -----

func.func @gather_shape(%x: tensor<2x3xf32>) -> tensor<5x3xf32> {
  // expected-error @+1 {{dimension 0 must go from 2 to 2 times its size over the group, got 5}}
  %y = genc.all_gather %x, dim = 0 {replica_groups = dense<[[0, 1]]> : tensor<1x2xi64>} : (tensor<2x3xf32>) -> tensor<5x3xf32>
  return %y : tensor<5x3xf32>
}

// -----

func.func @gather_dim(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{dim 2 is out of range for rank 2}}
  %y = genc.all_gather %x, dim = 2 {axes = ["data"]} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

func.func @scatter_shape(%x: tensor<4x3xf32>) -> tensor<3x3xf32> {
  // expected-error @+1 {{dimension 0 must go from 4 to 1/2 times its size over the group, got 3}}
  %y = genc.reduce_scatter sum, %x, dim = 0 {replica_groups = dense<[[0, 1]]> : tensor<1x2xi64>} : (tensor<4x3xf32>) -> tensor<3x3xf32>
  return %y : tensor<3x3xf32>
}

// -----

func.func @all_to_all_shape(%x: tensor<4x2xf32>) -> tensor<4x4xf32> {
  // expected-error @+1 {{result type 'tensor<4x4xf32>' does not follow from splitting dimension 0 and concatenating along 1 of 'tensor<4x2xf32>'}}
  %y = genc.all_to_all %x, split_dim = 0, concat_dim = 1 {replica_groups = dense<[[0, 1]]> : tensor<1x2xi64>} : (tensor<4x2xf32>) -> tensor<4x4xf32>
  return %y : tensor<4x4xf32>
}

// -----

func.func @permute_pairs(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{target 1 appears twice}}
  %y = genc.collective_permute %x {pairs = dense<[[0, 1], [2, 1]]> : tensor<2x2xi64>} : (tensor<4xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

func.func @permute_axes(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{permutes along exactly one mesh axis, got 2}}
  %y = genc.collective_permute %x {axes = ["a", "b"], pairs = dense<[[0, 1]]> : tensor<1x2xi64>} : (tensor<4xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

func.func private @f(%x: tensor<2xf32>) -> tensor<2xf32>
func.func @unknown_axis(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{in_specs 0 names axis 'model', which is not in the mesh ["data"]}}
  %y = genc.shard_map @f(%x) {mesh_axes = ["data"], mesh_shape = array<i64: 2>, in_specs = [[["model"]]], out_specs = [[["data"]]]} : (tensor<4xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

func.func private @f(%x: tensor<2xf32>) -> tensor<2xf32>
func.func @indivisible(%x: tensor<5xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{in_specs 0 splits dimension 0 of 'tensor<5xf32>' 2 ways, which does not divide 5}}
  %y = genc.shard_map @f(%x) {mesh_axes = ["data"], mesh_shape = array<i64: 2>, in_specs = [[["data"]]], out_specs = [[["data"]]]} : (tensor<5xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

func.func private @f(%x: tensor<4xf32>) -> tensor<2xf32>
func.func @local_mismatch(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{argument 0 'tensor<4xf32>' has local shards 'tensor<2xf32>', but 'f' takes 'tensor<4xf32>'}}
  %y = genc.shard_map @f(%x) {mesh_axes = ["data"], mesh_shape = array<i64: 2>, in_specs = [[["data"]]], out_specs = [[["data"]]]} : (tensor<4xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

func.func private @f(%x: tensor<2xf32>) -> tensor<2xf32>
func.func @mesh_sizes(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{mesh_axes has 1 names but mesh_shape 2 sizes}}
  %y = genc.shard_map @f(%x) {mesh_axes = ["data"], mesh_shape = array<i64: 2, 2>, in_specs = [[["data"]]], out_specs = [[["data"]]]} : (tensor<4xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

func.func private @f(%x: tensor<2xf32>) -> tensor<2xf32>
func.func @spec_twice(%x: tensor<4x4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{in_specs 0 uses axis 'data' twice}}
  %y = genc.shard_map @f(%x) {mesh_axes = ["data"], mesh_shape = array<i64: 2>, in_specs = [[["data"], ["data"]]], out_specs = [[["data"]]]} : (tensor<4x4xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

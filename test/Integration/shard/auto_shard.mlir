// genc-auto-shard on 2, 4 and 8 in-process devices (the mesh size NDEV is
// substituted): every partitioned function prints exactly what the same
// file with the sharding attributes removed prints. Integer-valued data
// keep sums exact. Covers the dot_general rule (split rows; split
// contraction + all_reduce), broadcast_in_dim, transpose, elementwise ops,
// reduce (sum and max over split and kept dimensions).
// RUN: sed -e 's/ {genc.sharding = [^}]*}//g' -e 's/attributes {genc.mesh_axes[^}]*}//' %s > %t.plain.mlir
// RUN: genc run %t.plain.mlir --function=layer --input="16x4xf32=-4 1 -3 2 -2 3 -1 4 0 -4 1 -3 2 -2 3 -1 4 0 -4 1 -3 2 -2 3 -1 4 0 -4 1 -3 2 -2 3 -1 4 0 -4 1 -3 2 -2 3 -1 4 0 -4 1 -3 2 -2 3 -1 4 0 -4 1 -3 2 -2 3 -1 4 0 -4" --input="4x3xf32=-2 0 2 -1 1 -2 0 2 -1 1 -2 0" --input="3xf32=1 -2 3" > %t.layer
// RUN: genc run %t.plain.mlir --function=contract --input="4x8xf32=-3 0 3 -1 2 -2 1 -3 0 3 -1 2 -2 1 -3 0 3 -1 2 -2 1 -3 0 3 -1 2 -2 1 -3 0 3 -1" --input="8x3xf32=-2 0 2 -1 1 -2 0 2 -1 1 -2 0 2 -1 1 -2 0 2 -1 1 -2 0 2 -1" > %t.contract
// RUN: genc run %t.plain.mlir --function=batched --input="16x6xf32=-5 0 5 -1 4 -2 3 -3 2 -4 1 -5 0 5 -1 4 -2 3 -3 2 -4 1 -5 0 5 -1 4 -2 3 -3 2 -4 1 -5 0 5 -1 4 -2 3 -3 2 -4 1 -5 0 5 -1 4 -2 3 -3 2 -4 1 -5 0 5 -1 4 -2 3 -3 2 -4 1 -5 0 5 -1 4 -2 3 -3 2 -4 1 -5 0 5 -1 4 -2 3 -3 2 -4 1 -5 0 5 -1 4 -2 3 -3" > %t.batched
// RUN: sed -e 's/NDEV/2/g' %s > %t.2.mlir
// RUN: env GENC_CPU_DEVICES=8 genc run %t.2.mlir --function=layer --input="16x4xf32=-4 1 -3 2 -2 3 -1 4 0 -4 1 -3 2 -2 3 -1 4 0 -4 1 -3 2 -2 3 -1 4 0 -4 1 -3 2 -2 3 -1 4 0 -4 1 -3 2 -2 3 -1 4 0 -4 1 -3 2 -2 3 -1 4 0 -4 1 -3 2 -2 3 -1 4 0 -4" --input="4x3xf32=-2 0 2 -1 1 -2 0 2 -1 1 -2 0" --input="3xf32=1 -2 3" | diff - %t.layer
// RUN: env GENC_CPU_DEVICES=8 genc run %t.2.mlir --function=contract --input="4x8xf32=-3 0 3 -1 2 -2 1 -3 0 3 -1 2 -2 1 -3 0 3 -1 2 -2 1 -3 0 3 -1 2 -2 1 -3 0 3 -1" --input="8x3xf32=-2 0 2 -1 1 -2 0 2 -1 1 -2 0 2 -1 1 -2 0 2 -1 1 -2 0 2 -1" | diff - %t.contract
// RUN: env GENC_CPU_DEVICES=8 genc run %t.2.mlir --function=batched --input="16x6xf32=-5 0 5 -1 4 -2 3 -3 2 -4 1 -5 0 5 -1 4 -2 3 -3 2 -4 1 -5 0 5 -1 4 -2 3 -3 2 -4 1 -5 0 5 -1 4 -2 3 -3 2 -4 1 -5 0 5 -1 4 -2 3 -3 2 -4 1 -5 0 5 -1 4 -2 3 -3 2 -4 1 -5 0 5 -1 4 -2 3 -3 2 -4 1 -5 0 5 -1 4 -2 3 -3 2 -4 1 -5 0 5 -1 4 -2 3 -3" | diff - %t.batched
// RUN: sed -e 's/NDEV/4/g' %s > %t.4.mlir
// RUN: env GENC_CPU_DEVICES=8 genc run %t.4.mlir --function=layer --input="16x4xf32=-4 1 -3 2 -2 3 -1 4 0 -4 1 -3 2 -2 3 -1 4 0 -4 1 -3 2 -2 3 -1 4 0 -4 1 -3 2 -2 3 -1 4 0 -4 1 -3 2 -2 3 -1 4 0 -4 1 -3 2 -2 3 -1 4 0 -4 1 -3 2 -2 3 -1 4 0 -4" --input="4x3xf32=-2 0 2 -1 1 -2 0 2 -1 1 -2 0" --input="3xf32=1 -2 3" | diff - %t.layer
// RUN: env GENC_CPU_DEVICES=8 genc run %t.4.mlir --function=contract --input="4x8xf32=-3 0 3 -1 2 -2 1 -3 0 3 -1 2 -2 1 -3 0 3 -1 2 -2 1 -3 0 3 -1 2 -2 1 -3 0 3 -1" --input="8x3xf32=-2 0 2 -1 1 -2 0 2 -1 1 -2 0 2 -1 1 -2 0 2 -1 1 -2 0 2 -1" | diff - %t.contract
// RUN: env GENC_CPU_DEVICES=8 genc run %t.4.mlir --function=batched --input="16x6xf32=-5 0 5 -1 4 -2 3 -3 2 -4 1 -5 0 5 -1 4 -2 3 -3 2 -4 1 -5 0 5 -1 4 -2 3 -3 2 -4 1 -5 0 5 -1 4 -2 3 -3 2 -4 1 -5 0 5 -1 4 -2 3 -3 2 -4 1 -5 0 5 -1 4 -2 3 -3 2 -4 1 -5 0 5 -1 4 -2 3 -3 2 -4 1 -5 0 5 -1 4 -2 3 -3 2 -4 1 -5 0 5 -1 4 -2 3 -3" | diff - %t.batched
// RUN: sed -e 's/NDEV/8/g' %s > %t.8.mlir
// RUN: env GENC_CPU_DEVICES=8 genc run %t.8.mlir --function=layer --input="16x4xf32=-4 1 -3 2 -2 3 -1 4 0 -4 1 -3 2 -2 3 -1 4 0 -4 1 -3 2 -2 3 -1 4 0 -4 1 -3 2 -2 3 -1 4 0 -4 1 -3 2 -2 3 -1 4 0 -4 1 -3 2 -2 3 -1 4 0 -4 1 -3 2 -2 3 -1 4 0 -4" --input="4x3xf32=-2 0 2 -1 1 -2 0 2 -1 1 -2 0" --input="3xf32=1 -2 3" | diff - %t.layer
// RUN: env GENC_CPU_DEVICES=8 genc run %t.8.mlir --function=contract --input="4x8xf32=-3 0 3 -1 2 -2 1 -3 0 3 -1 2 -2 1 -3 0 3 -1 2 -2 1 -3 0 3 -1 2 -2 1 -3 0 3 -1" --input="8x3xf32=-2 0 2 -1 1 -2 0 2 -1 1 -2 0 2 -1 1 -2 0 2 -1 1 -2 0 2 -1" | diff - %t.contract
// RUN: env GENC_CPU_DEVICES=8 genc run %t.8.mlir --function=batched --input="16x6xf32=-5 0 5 -1 4 -2 3 -3 2 -4 1 -5 0 5 -1 4 -2 3 -3 2 -4 1 -5 0 5 -1 4 -2 3 -3 2 -4 1 -5 0 5 -1 4 -2 3 -3 2 -4 1 -5 0 5 -1 4 -2 3 -3 2 -4 1 -5 0 5 -1 4 -2 3 -3 2 -4 1 -5 0 5 -1 4 -2 3 -3 2 -4 1 -5 0 5 -1 4 -2 3 -3 2 -4 1 -5 0 5 -1 4 -2 3 -3" | diff - %t.batched
// RUN: FileCheck %s < %t.layer
// CHECK: 16x3xf32=
// CHECK-NEXT: f32=

func.func @layer(%x: tensor<16x4xf32> {genc.sharding = [["data"]]}, %w: tensor<4x3xf32>, %b: tensor<3xf32>) -> (tensor<16x3xf32>, tensor<f32>) attributes {genc.mesh_axes = ["data"], genc.mesh_shape = array<i64: NDEV>} {
  %y = genc.dot_general %x, %w, batch = [] x [], contract = [1] x [0] : (tensor<16x4xf32>, tensor<4x3xf32>) -> tensor<16x3xf32>
  %bb = genc.broadcast_in_dim %b, dims = [1] : (tensor<3xf32>) -> tensor<16x3xf32>
  %z = genc.add %y, %bb : tensor<16x3xf32>
  %t = genc.transpose %z, dims = [1, 0] : (tensor<16x3xf32>) -> tensor<3x16xf32>
  %m = genc.max %z, %bb : tensor<16x3xf32>
  %zero = genc.constant dense<0.0> : tensor<f32>
  %s = genc.reduce %t, %zero dims = [0, 1] : (tensor<3x16xf32>, tensor<f32>) -> tensor<f32> {
  ^bb0(%a: tensor<f32>, %c: tensor<f32>):
    %r = genc.add %a, %c : tensor<f32>
    genc.return %r : tensor<f32>
  }
  return %m, %s : tensor<16x3xf32>, tensor<f32>
}

func.func @contract(%x: tensor<4x8xf32> {genc.sharding = [[], ["model"]]}, %w: tensor<8x3xf32> {genc.sharding = [["model"]]}) -> tensor<4x3xf32> attributes {genc.mesh_axes = ["model"], genc.mesh_shape = array<i64: NDEV>} {
  %y = genc.dot_general %x, %w, batch = [] x [], contract = [1] x [0] : (tensor<4x8xf32>, tensor<8x3xf32>) -> tensor<4x3xf32>
  return %y : tensor<4x3xf32>
}

// 8 devices: rows split 8 ways through elementwise ops, a transpose, a
// max-reduction over the split rows and a sum over the kept columns.
func.func @batched(%x: tensor<16x6xf32> {genc.sharding = [["data"]]}) -> (tensor<6xf32>, tensor<16xf32>, tensor<6x16xf32>) attributes {genc.mesh_axes = ["data"], genc.mesh_shape = array<i64: NDEV>} {
  %sq = genc.mul %x, %x : tensor<16x6xf32>
  %d = genc.sub %sq, %x : tensor<16x6xf32>
  %ninf = genc.constant dense<-1.0e30> : tensor<f32>
  %zero = genc.constant dense<0.0> : tensor<f32>
  %mx = genc.reduce %d, %ninf dims = [0] : (tensor<16x6xf32>, tensor<f32>) -> tensor<6xf32> {
  ^bb0(%a: tensor<f32>, %c: tensor<f32>):
    %r = genc.max %a, %c : tensor<f32>
    genc.return %r : tensor<f32>
  }
  %rows = genc.reduce %d, %zero dims = [1] : (tensor<16x6xf32>, tensor<f32>) -> tensor<16xf32> {
  ^bb0(%a: tensor<f32>, %c: tensor<f32>):
    %r = genc.add %a, %c : tensor<f32>
    genc.return %r : tensor<f32>
  }
  %t = genc.transpose %d, dims = [1, 0] : (tensor<16x6xf32>) -> tensor<6x16xf32>
  return %mx, %rows, %t : tensor<6xf32>, tensor<16xf32>, tensor<6x16xf32>
}

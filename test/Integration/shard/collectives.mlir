// Every collective and shard_map's slicing/gathering on NDEV in-process
// devices (2, 4 and 8) equals the unsharded program. Data are small
// integers, so sums are exact and the results print identically.
// RUN: sed -e 's/NDEV/2/g' -e 's/LROWS/8/g' -e 's/LCOLS/4/g' -e 's/SPLIT/8/g' -e 's/PAIRS/[[0, 1], [1, 0]]/g' %s > %t.2.mlir
// RUN: env GENC_CPU_DEVICES=8 genc run %t.2.mlir | FileCheck %s --check-prefixes=CHECK,N2
// RUN: sed -e 's/NDEV/4/g' -e 's/LROWS/4/g' -e 's/LCOLS/2/g' -e 's/SPLIT/12/g' -e 's/PAIRS/[[0, 1], [1, 2], [2, 3], [3, 0]]/g' %s > %t.4.mlir
// RUN: env GENC_CPU_DEVICES=8 genc run %t.4.mlir | FileCheck %s --check-prefixes=CHECK,N4
// RUN: sed -e 's/NDEV/8/g' -e 's/LROWS/2/g' -e 's/LCOLS/1/g' -e 's/SPLIT/14/g' -e 's/PAIRS/[[0, 1], [1, 2], [2, 3], [3, 4], [4, 5], [5, 6], [6, 7], [7, 0]]/g' %s > %t.8.mlir
// RUN: env GENC_CPU_DEVICES=8 genc run %t.8.mlir | FileCheck %s --check-prefixes=CHECK,N8

// psum of partial column sums == column sums
// CHECK: 3xf32=[[PSUM:.*]]
// CHECK-NEXT: 3xf32=[[PSUM]]
// sharded matmul rows gathered == matmul
// CHECK-NEXT: 16x3xf32=[[MM:.*]]
// CHECK-NEXT: 16x3xf32=[[MM]]
// pmax of row maxima == max
// CHECK-NEXT: 3xf32=[[MAX:.*]]
// CHECK-NEXT: 3xf32=[[MAX]]
// all_gather (replicated result) == x
// CHECK-NEXT: 16x8xf32=[[X:.*]]
// CHECK-NEXT: 16x8xf32=[[X]]
// psum_scatter of the gathered product == NDEV * (x @ w)
// CHECK-NEXT: 16x3xf32=[[RS:.*]]
// CHECK-NEXT: 16x3xf32=[[RS]]
// all_to_all (rows split -> columns split) == x
// CHECK-NEXT: 16x8xf32=[[X]]
// ppermute by one along data == rows rolled by LROWS
// CHECK-NEXT: 16x8xf32=[[ROLL:.*]]
// CHECK-NEXT: 16x8xf32=[[ROLL]]
// axis_index == iota
// N2-NEXT: 2xi32=0 1
// N4-NEXT: 4xi32=0 1 2 3
// N8-NEXT: 8xi32=0 1 2 3 4 5 6 7
func.func private @body(%x: tensor<LROWSx8xf32>, %w: tensor<8x3xf32>)
    -> (tensor<3xf32>, tensor<LROWSx3xf32>, tensor<3xf32>, tensor<16x8xf32>,
        tensor<LROWSx3xf32>, tensor<16xLCOLSxf32>, tensor<LROWSx8xf32>, tensor<1xi32>) {
  %zero = genc.constant dense<0.0> : tensor<f32>
  %ninf = genc.constant dense<-1.0e30> : tensor<f32>
  %y = genc.dot_general %x, %w, batch = [] x [], contract = [1] x [0] : (tensor<LROWSx8xf32>, tensor<8x3xf32>) -> tensor<LROWSx3xf32>
  %cs = genc.reduce %y, %zero dims = [0] : (tensor<LROWSx3xf32>, tensor<f32>) -> tensor<3xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %s = genc.add %a, %b : tensor<f32>
    genc.return %s : tensor<f32>
  }
  %psum = genc.all_reduce sum, %cs {axes = ["data"]} : (tensor<3xf32>) -> tensor<3xf32>
  %mx = genc.reduce %y, %ninf dims = [0] : (tensor<LROWSx3xf32>, tensor<f32>) -> tensor<3xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %s = genc.max %a, %b : tensor<f32>
    genc.return %s : tensor<f32>
  }
  %pmax = genc.all_reduce max, %mx {axes = ["data"]} : (tensor<3xf32>) -> tensor<3xf32>
  %g = genc.all_gather %x, dim = 0 {axes = ["data"]} : (tensor<LROWSx8xf32>) -> tensor<16x8xf32>
  %gy = genc.all_gather %y, dim = 0 {axes = ["data"]} : (tensor<LROWSx3xf32>) -> tensor<16x3xf32>
  %rs = genc.reduce_scatter sum, %gy, dim = 0 {axes = ["data"]} : (tensor<16x3xf32>) -> tensor<LROWSx3xf32>
  %a2a = genc.all_to_all %x, split_dim = 1, concat_dim = 0 {axes = ["data"]} : (tensor<LROWSx8xf32>) -> tensor<16xLCOLSxf32>
  %p = genc.collective_permute %x {axes = ["data"], pairs = dense<PAIRS> : tensor<NDEVx2xi64>} : (tensor<LROWSx8xf32>) -> tensor<LROWSx8xf32>
  %i = genc.axis_index "data" : tensor<i32>
  %i1 = genc.reshape %i : (tensor<i32>) -> tensor<1xi32>
  return %psum, %y, %pmax, %g, %rs, %a2a, %p, %i1 : tensor<3xf32>, tensor<LROWSx3xf32>, tensor<3xf32>, tensor<16x8xf32>, tensor<LROWSx3xf32>, tensor<16xLCOLSxf32>, tensor<LROWSx8xf32>, tensor<1xi32>
}

func.func @main() -> (tensor<3xf32>, tensor<3xf32>, tensor<16x3xf32>, tensor<16x3xf32>,
                      tensor<3xf32>, tensor<3xf32>, tensor<16x8xf32>, tensor<16x8xf32>,
                      tensor<16x3xf32>, tensor<16x3xf32>, tensor<16x8xf32>,
                      tensor<16x8xf32>, tensor<16x8xf32>, tensor<NDEVxi32>) {
  %x = genc.constant dense<[[-5.0, 2.0, -2.0, 5.0, 1.0, -3.0, 4.0, 0.0], [-4.0, 3.0, -1.0, -5.0, 2.0, -2.0, 5.0, 1.0], [-3.0, 4.0, 0.0, -4.0, 3.0, -1.0, -5.0, 2.0], [-2.0, 5.0, 1.0, -3.0, 4.0, 0.0, -4.0, 3.0], [-1.0, -5.0, 2.0, -2.0, 5.0, 1.0, -3.0, 4.0], [0.0, -4.0, 3.0, -1.0, -5.0, 2.0, -2.0, 5.0], [1.0, -3.0, 4.0, 0.0, -4.0, 3.0, -1.0, -5.0], [2.0, -2.0, 5.0, 1.0, -3.0, 4.0, 0.0, -4.0], [3.0, -1.0, -5.0, 2.0, -2.0, 5.0, 1.0, -3.0], [4.0, 0.0, -4.0, 3.0, -1.0, -5.0, 2.0, -2.0], [5.0, 1.0, -3.0, 4.0, 0.0, -4.0, 3.0, -1.0], [-5.0, 2.0, -2.0, 5.0, 1.0, -3.0, 4.0, 0.0], [-4.0, 3.0, -1.0, -5.0, 2.0, -2.0, 5.0, 1.0], [-3.0, 4.0, 0.0, -4.0, 3.0, -1.0, -5.0, 2.0], [-2.0, 5.0, 1.0, -3.0, 4.0, 0.0, -4.0, 3.0], [-1.0, -5.0, 2.0, -2.0, 5.0, 1.0, -3.0, 4.0]]> : tensor<16x8xf32>
  %w = genc.constant dense<[[-3.0, 2.0, 0.0], [-2.0, 3.0, 1.0], [-1.0, -3.0, 2.0], [0.0, -2.0, 3.0], [1.0, -1.0, -3.0], [2.0, 0.0, -2.0], [3.0, 1.0, -1.0], [-3.0, 2.0, 0.0]]> : tensor<8x3xf32>
  %r:8 = genc.shard_map @body(%x, %w) {mesh_axes = ["data"], mesh_shape = array<i64: NDEV>, in_specs = [[["data"]], []], out_specs = [[], [["data"]], [], [], [["data"]], [[], ["data"]], [["data"]], [["data"]]]} : (tensor<16x8xf32>, tensor<8x3xf32>) -> (tensor<3xf32>, tensor<16x3xf32>, tensor<3xf32>, tensor<16x8xf32>, tensor<16x3xf32>, tensor<16x8xf32>, tensor<16x8xf32>, tensor<NDEVxi32>)
  // The unsharded program.
  %zero = genc.constant dense<0.0> : tensor<f32>
  %ninf = genc.constant dense<-1.0e30> : tensor<f32>
  %y = genc.dot_general %x, %w, batch = [] x [], contract = [1] x [0] : (tensor<16x8xf32>, tensor<8x3xf32>) -> tensor<16x3xf32>
  %cs = genc.reduce %y, %zero dims = [0] : (tensor<16x3xf32>, tensor<f32>) -> tensor<3xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %s = genc.add %a, %b : tensor<f32>
    genc.return %s : tensor<f32>
  }
  %mx = genc.reduce %y, %ninf dims = [0] : (tensor<16x3xf32>, tensor<f32>) -> tensor<3xf32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %s = genc.max %a, %b : tensor<f32>
    genc.return %s : tensor<f32>
  }
  %n = genc.constant dense<NDEV.0> : tensor<16x3xf32>
  %ny = genc.mul %y, %n : tensor<16x3xf32>
  %head = genc.slice %x start = [SPLIT, 0] limit = [16, 8] strides = [1, 1] : (tensor<16x8xf32>) -> tensor<LROWSx8xf32>
  %tail = genc.slice %x start = [0, 0] limit = [SPLIT, 8] strides = [1, 1] : (tensor<16x8xf32>) -> tensor<SPLITx8xf32>
  %roll = genc.concatenate %head, %tail dim = 0 : (tensor<LROWSx8xf32>, tensor<SPLITx8xf32>) -> tensor<16x8xf32>
  return %r#0, %cs, %r#1, %y, %r#2, %mx, %r#3, %x, %r#4, %ny, %r#5, %r#6, %roll, %r#7 : tensor<3xf32>, tensor<3xf32>, tensor<16x3xf32>, tensor<16x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<16x8xf32>, tensor<16x8xf32>, tensor<16x3xf32>, tensor<16x3xf32>, tensor<16x8xf32>, tensor<16x8xf32>, tensor<16x8xf32>, tensor<NDEVxi32>
}

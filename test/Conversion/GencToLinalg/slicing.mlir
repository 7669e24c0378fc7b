// RUN: genc-opt %s --genc-convert-to-linalg --split-input-file | FileCheck %s

// CHECK-LABEL: func.func @slice
// CHECK-SAME: (%[[X:.*]]: tensor<7x4xf32>)
// CHECK: %[[S:.*]] = tensor.extract_slice %[[X]][1, 0] [3, 2] [2, 2] : tensor<7x4xf32> to tensor<3x2xf32>
// CHECK: return %[[S]]
func.func @slice(%x: tensor<7x4xf32>) -> tensor<3x2xf32> {
  %r = genc.slice %x start = [1, 0] limit = [7, 4] strides = [2, 2] : (tensor<7x4xf32>) -> tensor<3x2xf32>
  return %r : tensor<3x2xf32>
}

// -----

// Start indices are clamped into [0, dim - size].
// CHECK-LABEL: func.func @dynamic_slice
// CHECK-SAME: (%[[X:.*]]: tensor<4x4xf32>, %[[I:.*]]: tensor<i32>, %[[J:.*]]: tensor<i64>)
// CHECK: %[[IV:.*]] = tensor.extract %[[I]][] : tensor<i32>
// CHECK: %[[II:.*]] = arith.index_cast %[[IV]] : i32 to index
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[C2:.*]] = arith.constant 2 : index
// CHECK: %[[MAX:.*]] = arith.maxsi %[[II]], %[[C0]] : index
// CHECK: %[[OFF0:.*]] = arith.minsi %[[MAX]], %[[C2]] : index
// CHECK: %[[JV:.*]] = tensor.extract %[[J]][] : tensor<i64>
// CHECK: arith.index_cast %[[JV]] : i64 to index
// CHECK: %[[C1:.*]] = arith.constant 1 : index
// CHECK: %[[OFF1:.*]] = arith.minsi %{{.*}}, %[[C1]] : index
// CHECK: tensor.extract_slice %[[X]][%[[OFF0]], %[[OFF1]]] [2, 3] [1, 1] : tensor<4x4xf32> to tensor<2x3xf32>
func.func @dynamic_slice(%x: tensor<4x4xf32>, %i: tensor<i32>, %j: tensor<i64>) -> tensor<2x3xf32> {
  %r = genc.dynamic_slice %x, %i, %j sizes = [2, 3] : (tensor<4x4xf32>, tensor<i32>, tensor<i64>) -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @concatenate
// CHECK-SAME: (%[[A:.*]]: tensor<2x1xf32>, %[[B:.*]]: tensor<2x2xf32>)
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2x4xf32>
// CHECK: %[[S0:.*]] = tensor.insert_slice %[[A]] into %[[E]][0, 0] [2, 1] [1, 1]
// CHECK: %[[S1:.*]] = tensor.insert_slice %[[B]] into %[[S0]][0, 1] [2, 2] [1, 1]
// CHECK: %[[S2:.*]] = tensor.insert_slice %[[A]] into %[[S1]][0, 3] [2, 1] [1, 1]
// CHECK: return %[[S2]]
func.func @concatenate(%a: tensor<2x1xf32>, %b: tensor<2x2xf32>) -> tensor<2x4xf32> {
  %r = genc.concatenate %a, %b, %a dim = 1 : (tensor<2x1xf32>, tensor<2x2xf32>, tensor<2x1xf32>) -> tensor<2x4xf32>
  return %r : tensor<2x4xf32>
}

// -----

// Edge padding only: a tensor.pad yielding the padding value.
// CHECK-LABEL: func.func @pad_edges
// CHECK-SAME: (%[[X:.*]]: tensor<3xf32>, %[[V:.*]]: tensor<f32>)
// CHECK: %[[PV:.*]] = tensor.extract %[[V]][] : tensor<f32>
// CHECK: %[[P:.*]] = tensor.pad %[[X]] low[1] high[2]
// CHECK: tensor.yield %[[PV]] : f32
// CHECK: } : tensor<3xf32> to tensor<6xf32>
// CHECK: return %[[P]]
func.func @pad_edges(%x: tensor<3xf32>, %v: tensor<f32>) -> tensor<6xf32> {
  %r = genc.pad %x, %v low = [1] high = [2] interior = [0] : (tensor<3xf32>, tensor<f32>) -> tensor<6xf32>
  return %r : tensor<6xf32>
}

// -----

// Interior and negative padding: fill, strided insert, then crop.
// CHECK-LABEL: func.func @pad_interior_negative
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xi32>, %[[V:.*]]: tensor<i32>)
// CHECK: %[[PV:.*]] = tensor.extract %[[V]][] : tensor<i32>
// CHECK: %[[E:.*]] = tensor.empty() : tensor<3x5xi32>
// CHECK: %[[F:.*]] = linalg.fill ins(%[[PV]] : i32) outs(%[[E]] : tensor<3x5xi32>)
// CHECK: %[[I:.*]] = tensor.insert_slice %[[X]] into %[[F]][0, 0] [2, 3] [2, 2] : tensor<2x3xi32> into tensor<3x5xi32>
// CHECK: %[[C:.*]] = tensor.extract_slice %[[I]][0, 1] [3, 4] [1, 1] : tensor<3x5xi32> to tensor<3x4xi32>
// CHECK: return %[[C]]
func.func @pad_interior_negative(%x: tensor<2x3xi32>, %v: tensor<i32>) -> tensor<3x4xi32> {
  %r = genc.pad %x, %v low = [0, -1] high = [0, 0] interior = [1, 1] : (tensor<2x3xi32>, tensor<i32>) -> tensor<3x4xi32>
  return %r : tensor<3x4xi32>
}

// -----

// Interior padding without cropping needs no extract_slice.
// CHECK-LABEL: func.func @pad_interior_only
// CHECK: linalg.fill
// CHECK: %[[I:.*]] = tensor.insert_slice %{{.*}} into %{{.*}}[1] [3] [3] : tensor<3xf32> into tensor<9xf32>
// CHECK-NOT: tensor.extract_slice
// CHECK: return %[[I]]
func.func @pad_interior_only(%x: tensor<3xf32>, %v: tensor<f32>) -> tensor<9xf32> {
  %r = genc.pad %x, %v low = [1] high = [1] interior = [2] : (tensor<3xf32>, tensor<f32>) -> tensor<9xf32>
  return %r : tensor<9xf32>
}

// RUN: genc-opt %s --genc-convert-to-linalg --split-input-file | FileCheck %s

// gather: a parallel generic over the result that loads the operand at the
// clamped index.
// CHECK-DAG: #[[IDX:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @gather
// CHECK-SAME: (%[[T:.*]]: tensor<10x4xf32>, %[[I:.*]]: tensor<3xi32>)
// CHECK: linalg.generic {indexing_maps = [#[[IDX]], #[[OUT]]], iterator_types = ["parallel", "parallel"]} ins(%[[I]] : tensor<3xi32>)
// CHECK-NEXT: ^bb0(%[[V:.*]]: i32, %{{.*}}: f32):
// CHECK-NEXT: %[[X:.*]] = arith.index_cast %[[V]] : i32 to index
// CHECK-NEXT: %[[C0:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[LO:.*]] = arith.maxsi %[[X]], %[[C0]] : index
// CHECK-NEXT: %[[C9:.*]] = arith.constant 9 : index
// CHECK-NEXT: %[[K:.*]] = arith.minsi %[[LO]], %[[C9]] : index
// CHECK-NEXT: %[[J:.*]] = linalg.index 1 : index
// CHECK-NEXT: %[[E:.*]] = tensor.extract %[[T]][%[[K]], %[[J]]] : tensor<10x4xf32>
// CHECK-NEXT: linalg.yield %[[E]] : f32
func.func @gather(%t: tensor<10x4xf32>, %i: tensor<3xi32>) -> tensor<3x4xf32> {
  %r = genc.gather %t, %i axis = 0 : (tensor<10x4xf32>, tensor<3xi32>) -> tensor<3x4xf32>
  return %r : tensor<3x4xf32>
}

// -----

// Gathering along axis 1 with 2-d indices: the index map reads loops 1, 2.
// CHECK-DAG: #[[IDX:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, d2)>
// CHECK-LABEL: func.func @gather_axis1
// CHECK: linalg.generic {indexing_maps = [#[[IDX]], #{{.*}}]
// CHECK: arith.index_cast %{{.*}} : i64 to index
// CHECK: %[[B:.*]] = linalg.index 0 : index
// CHECK: %[[F:.*]] = linalg.index 3 : index
// CHECK: tensor.extract %{{.*}}[%[[B]], %{{.*}}, %[[F]]] : tensor<2x5x3xi32>
func.func @gather_axis1(%x: tensor<2x5x3xi32>, %idx: tensor<2x2xi64>) -> tensor<2x2x2x3xi32> {
  %r = genc.gather %x, %idx axis = 1 : (tensor<2x5x3xi32>, tensor<2x2xi64>) -> tensor<2x2x2x3xi32>
  return %r : tensor<2x2x2x3xi32>
}

// -----

// scatter_add: a sequential loop nest over the updates; out-of-range
// indices are skipped.
// CHECK-LABEL: func.func @scatter_add
// CHECK-SAME: (%[[A:.*]]: tensor<5xi32>, %[[I:.*]]: tensor<3xi32>, %[[U:.*]]: tensor<3xi32>)
// CHECK: %[[R:.*]] = scf.for %[[IV:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[ACC:.*]] = %[[A]]) -> (tensor<5xi32>) {
// CHECK: %[[IDX:.*]] = tensor.extract %[[I]][%[[IV]]] : tensor<3xi32>
// CHECK: %[[K:.*]] = arith.index_cast %[[IDX]] : i32 to index
// CHECK: %[[GE:.*]] = arith.cmpi sge, %[[K]], %{{.*}} : index
// CHECK: %[[LT:.*]] = arith.cmpi slt, %[[K]], %{{.*}} : index
// CHECK: %[[OK:.*]] = arith.andi %[[GE]], %[[LT]] : i1
// CHECK: %[[NEXT:.*]] = scf.if %[[OK]] -> (tensor<5xi32>) {
// CHECK: %[[OLD:.*]] = tensor.extract %[[ACC]][%[[K]]] : tensor<5xi32>
// CHECK: %[[UPD:.*]] = tensor.extract %[[U]][%[[IV]]] : tensor<3xi32>
// CHECK: %[[SUM:.*]] = arith.addi %[[OLD]], %[[UPD]] : i32
// CHECK: %[[INS:.*]] = tensor.insert %[[SUM]] into %[[ACC]][%[[K]]] : tensor<5xi32>
// CHECK: scf.yield %[[INS]] : tensor<5xi32>
// CHECK: } else {
// CHECK: scf.yield %[[ACC]] : tensor<5xi32>
// CHECK: scf.yield %[[NEXT]] : tensor<5xi32>
// CHECK: return %[[R]]
func.func @scatter_add(%a: tensor<5xi32>, %i: tensor<3xi32>, %u: tensor<3xi32>) -> tensor<5xi32> {
  %r = genc.scatter_add %a, %i, %u axis = 0 : (tensor<5xi32>, tensor<3xi32>, tensor<3xi32>) -> tensor<5xi32>
  return %r : tensor<5xi32>
}

// -----

// One loop per updates dimension; floats accumulate with addf.
// CHECK-LABEL: func.func @scatter_add_2d
// CHECK: scf.for
// CHECK: scf.for
// CHECK-NOT: scf.for
// CHECK: arith.addf
func.func @scatter_add_2d(%a: tensor<10x4xf32>, %i: tensor<3xi32>, %u: tensor<3x4xf32>) -> tensor<10x4xf32> {
  %r = genc.scatter_add %a, %i, %u axis = 0 : (tensor<10x4xf32>, tensor<3xi32>, tensor<3x4xf32>) -> tensor<10x4xf32>
  return %r : tensor<10x4xf32>
}

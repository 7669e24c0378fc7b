// RUN: genc-opt %s --genc-cpu-pipeline="compile-to=genc" | FileCheck %s --check-prefix=GENC
// RUN: genc-opt %s --genc-cpu-pipeline="compile-to=linalg" | FileCheck %s --check-prefix=LINALG
// RUN: genc-opt %s --genc-cpu-pipeline="compile-to=bufferized" | FileCheck %s --check-prefix=BUF
// RUN: genc-opt %s --genc-cpu-pipeline="compile-to=loops" | FileCheck %s --check-prefix=LOOPS
// RUN: genc-opt %s --genc-cpu-pipeline="compile-to=llvm" | FileCheck %s --check-prefix=LLVM
// RUN: genc-opt %s --genc-cpu-pipeline | FileCheck %s --check-prefix=LLVM

// genc: signatures recorded, canonicalized (x * 1 folded), still genc.
// GENC: module attributes {genc.signatures = [{inputs = [tensor<4xf32>, tensor<4xf32>], name = "main", outputs = [tensor<4xf32>]}]}
// GENC-LABEL: func.func @main
// GENC-NOT: genc.mul
// GENC: %[[S:.*]] = genc.add
// GENC: %[[T:.*]] = genc.tanh %[[S]]
// GENC: return %[[T]]

// linalg: the add and tanh are fused into one generic.
// LINALG-LABEL: func.func @main
// LINALG-NOT: genc.
// LINALG: linalg.generic
// LINALG: arith.addf
// LINALG: math.tanh
// LINALG-NOT: linalg.generic

// bufferized: the result is an out-parameter.
// BUF-LABEL: func.func @main(%{{.*}}: memref<4xf32>, %{{.*}}: memref<4xf32>, %{{.*}}: memref<4xf32>) {
// BUF: linalg.generic
// BUF-NOT: tensor<

// loops: scf.for over memrefs.
// LOOPS-LABEL: func.func @main
// LOOPS: scf.for
// LOOPS: memref.load
// LOOPS: math.tanh
// LOOPS: memref.store
// LOOPS-NOT: linalg.

// llvm: LLVM dialect plus the artifact ABI.
// LLVM-DAG: llvm.func internal @genc_fn_main(
// LLVM-DAG: llvm.func @genc_invoke_main(%{{.*}}: !llvm.ptr)
// LLVM-DAG: llvm.func @genc_artifact_metadata() -> !llvm.ptr
// LLVM-NOT: func.func
// LLVM-NOT: scf.for
func.func @main(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %one = genc.constant dense<1.0> : tensor<4xf32>
  %m = genc.mul %a, %one : tensor<4xf32>
  %s = genc.add %m, %b : tensor<4xf32>
  %t = genc.tanh %s : tensor<4xf32>
  return %t : tensor<4xf32>
}

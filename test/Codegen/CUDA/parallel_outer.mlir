// genc-cuda-parallel-outer: a reduction over the leading dimension would
// launch one kernel per row (an scf.for around the kernel); generalized
// with the parallel iterator first it is one kernel, each thread looping
// over its column.
// RUN: genc-opt %s --genc-cuda-parallel-outer | FileCheck %s
// RUN: genc-opt %s --genc-cuda-parallel-outer --convert-linalg-to-parallel-loops --genc-cuda-tile-parallel-loops --gpu-map-parallel-loops --convert-parallel-loops-to-gpu --lower-affine --canonicalize --gpu-kernel-outlining | FileCheck %s --check-prefix=GPU

// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1) -> (d1, d0)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @bias_gradient
// CHECK: linalg.generic {indexing_maps = [#[[IN]], #[[OUT]]], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME: ins(%{{.*}} : memref<64x48xf32>) outs(%{{.*}} : memref<48xf32>)
// CHECK: arith.addf

// A row reduction is already parallel-first: left alone.
// CHECK-LABEL: func.func @row_sums
// CHECK: linalg.reduce

// GPU-LABEL: func.func @bias_gradient
// GPU-NOT: scf.for
// GPU: gpu.launch_func
// GPU-NOT: gpu.launch_func
// GPU: return
func.func @bias_gradient(%x: memref<64x48xf32>, %out: memref<48xf32>) {
  linalg.reduce ins(%x : memref<64x48xf32>) outs(%out : memref<48xf32>) dimensions = [0]
    (%in: f32, %acc: f32) {
      %s = arith.addf %in, %acc : f32
      linalg.yield %s : f32
    }
  return
}

func.func @row_sums(%x: memref<64x48xf32>, %out: memref<64xf32>) {
  linalg.reduce ins(%x : memref<64x48xf32>) outs(%out : memref<64xf32>) dimensions = [1]
    (%in: f32, %acc: f32) {
      %s = arith.addf %in, %acc : f32
      linalg.yield %s : f32
    }
  return
}

// RUN: genc-opt %s --genc-cpu-pipeline="compile-to=llvm" | FileCheck %s

// The artifact ABI: the function becomes internal, genc_invoke_main unpacks
// one pointer per input and output, and the metadata describes them.
// CHECK: llvm.func internal @genc_fn_main(
// CHECK: llvm.func @genc_invoke_main(%[[ARGS:.*]]: !llvm.ptr)
// CHECK: llvm.getelementptr %[[ARGS]][1]
// CHECK: llvm.getelementptr %[[ARGS]][2]
// CHECK: llvm.call @genc_fn_main(
// CHECK: llvm.mlir.global internal constant @__genc_metadata("genc-artifact 1\0Afunc main\0Ainput 2x3xf32\0Ainput f32\0Aoutput 2x3xf32\0Aend\0A\00")
// CHECK: llvm.func @genc_artifact_metadata() -> !llvm.ptr
// CHECK-NOT: genc.signatures
func.func @main(%x: tensor<2x3xf32>, %s: tensor<f32>) -> tensor<2x3xf32> {
  %b = genc.broadcast_in_dim %s, dims = [] : (tensor<f32>) -> tensor<2x3xf32>
  %y = genc.mul %x, %b : tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

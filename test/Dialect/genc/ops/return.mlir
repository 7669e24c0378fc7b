// RUN: genc-opt %s | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// genc.return terminates the regions of reduce, while and if, with zero or
// more values.

// CHECK-LABEL: func.func @return_in_regions
func.func @return_in_regions(%p: tensor<i1>, %x: tensor<3xf32>, %z: tensor<f32>) -> (tensor<f32>, tensor<3xf32>) {
  // CHECK: genc.reduce
  // CHECK: genc.return %{{.*}} : tensor<f32>
  // GENERIC: "genc.return"(%{{.*}}) : (tensor<f32>) -> ()
  %s = genc.reduce %x, %z dims = [0] : (tensor<3xf32>, tensor<f32>) -> tensor<f32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %t = genc.min %a, %b : tensor<f32>
    genc.return %t : tensor<f32>
  }
  // CHECK: genc.if
  // CHECK-NEXT: genc.return %{{.*}}, %{{.*}} : tensor<f32>, tensor<3xf32>
  // GENERIC: "genc.return"(%{{.*}}, %{{.*}}) : (tensor<f32>, tensor<3xf32>) -> ()
  %r:2 = genc.if %p : tensor<i1> -> tensor<f32>, tensor<3xf32> {
    genc.return %s, %x : tensor<f32>, tensor<3xf32>
  } else {
    genc.return %z, %x : tensor<f32>, tensor<3xf32>
  }
  // CHECK: genc.if
  // CHECK-NEXT: genc.return{{$}}
  // GENERIC: "genc.return"() : () -> ()
  genc.if %p : tensor<i1> {
    genc.return
  } else {
    genc.return
  }
  return %r#0, %r#1 : tensor<f32>, tensor<3xf32>
}

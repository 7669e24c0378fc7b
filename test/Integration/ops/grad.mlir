// genc.value_and_grad and genc.grad on both backends: loss = sum(w * w * x),
// d/dw = 2 w x.
// RUN: genc run %s --backend=interp --input='3xf32=1 2 3' --input='3xf32=4 5 6' | FileCheck %s --match-full-lines
// RUN: genc run %s --backend=cpu --input='3xf32=1 2 3' --input='3xf32=4 5 6' | FileCheck %s --match-full-lines

// CHECK: f32=78
// CHECK-NEXT: 3xf32=8 20 36
// CHECK-NEXT: 3xf32=1 4 9
func.func private @loss(%w: tensor<3xf32>, %x: tensor<3xf32>) -> tensor<f32> {
  %ww = genc.mul %w, %w : tensor<3xf32>
  %p = genc.mul %ww, %x : tensor<3xf32>
  %zero = genc.constant dense<0.0> : tensor<f32>
  %s = genc.reduce %p, %zero dims = [0] : (tensor<3xf32>, tensor<f32>) -> tensor<f32> {
  ^bb0(%a: tensor<f32>, %b: tensor<f32>):
    %c = genc.add %a, %b : tensor<f32>
    genc.return %c : tensor<f32>
  }
  return %s : tensor<f32>
}
func.func @main(%w: tensor<3xf32>, %x: tensor<3xf32>) -> (tensor<f32>, tensor<3xf32>, tensor<3xf32>) {
  %l, %dw = genc.value_and_grad @loss(%w, %x) argnums = [0] : (tensor<3xf32>, tensor<3xf32>) -> (tensor<f32>, tensor<3xf32>)
  %dx = genc.grad @loss(%w, %x) argnums = [1] : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %l, %dw, %dx : tensor<f32>, tensor<3xf32>, tensor<3xf32>
}

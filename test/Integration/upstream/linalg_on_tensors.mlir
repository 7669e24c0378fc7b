// Upstream tensor-level input (func, arith, math, tensor, linalg) compiles
// and runs on the CPU backend, and the interpreter agrees.
// RUN: genc run %s --input='2x3xf32=1 2 3 4 5 6' --input='3x2xf32=1 0 0 1 1 1' | FileCheck %s
// RUN: genc run %s --backend=interp --input='2x3xf32=1 2 3 4 5 6' --input='3x2xf32=1 0 0 1 1 1' | FileCheck %s

// [1 2 3; 4 5 6] x [1 0; 0 1; 1 1] = [4 5; 10 11], then exp(-x) + 1.
// CHECK: 2x2xf32=[1.01831567 1.00673795][1.00004542 1.00001669]

#map = affine_map<(d0, d1) -> (d0, d1)>
func.func @main(%a: tensor<2x3xf32>, %b: tensor<3x2xf32>) -> tensor<2x2xf32> {
  %zero = arith.constant 0.0 : f32
  %one = arith.constant 1.0 : f32
  %e = tensor.empty() : tensor<2x2xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<2x2xf32>) -> tensor<2x2xf32>
  %m = linalg.matmul ins(%a, %b : tensor<2x3xf32>, tensor<3x2xf32>) outs(%acc : tensor<2x2xf32>) -> tensor<2x2xf32>
  %r = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel", "parallel"]}
      ins(%m : tensor<2x2xf32>) outs(%e : tensor<2x2xf32>) {
  ^bb0(%x: f32, %o: f32):
    %n = arith.negf %x : f32
    %x1 = math.exp %n : f32
    %y = arith.addf %x1, %one : f32
    linalg.yield %y : f32
  } -> tensor<2x2xf32>
  return %r : tensor<2x2xf32>
}

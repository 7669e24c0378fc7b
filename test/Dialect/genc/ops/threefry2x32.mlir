// RUN: genc-opt %s | genc-opt | FileCheck %s
// RUN: genc-opt %s --mlir-print-op-generic | genc-opt | FileCheck %s

// CHECK-LABEL: func.func @threefry
// CHECK: %{{.*}}, %{{.*}} = genc.threefry2x32 %arg0, %arg1, %arg2, %arg3 : tensor<3x2xi32>
func.func @threefry(%a: tensor<3x2xi32>, %b: tensor<3x2xi32>, %c: tensor<3x2xi32>, %d: tensor<3x2xi32>) -> (tensor<3x2xi32>, tensor<3x2xi32>) {
  %y0, %y1 = genc.threefry2x32 %a, %b, %c, %d : tensor<3x2xi32>
  return %y0, %y1 : tensor<3x2xi32>, tensor<3x2xi32>
}

// RUN: genc-opt %s --genc-convert-to-linalg | FileCheck %s

// CHECK-LABEL: func.func @convert_kinds
// CHECK: arith.extf %{{.*}} : f32 to f64
// CHECK: arith.truncf %{{.*}} : f32 to f16
// CHECK: arith.fptosi %{{.*}} : f32 to i32
// CHECK: arith.sitofp %{{.*}} : i32 to f32
// CHECK: arith.cmpf une, %{{.*}}, %{{.*}} : f32
// CHECK: arith.cmpi ne, %{{.*}}, %{{.*}} : i32
// CHECK: arith.uitofp %{{.*}} : i1 to f32
// CHECK: arith.extui %{{.*}} : i1 to i32
// CHECK: arith.extsi %{{.*}} : i8 to i64
// CHECK: arith.trunci %{{.*}} : i64 to i8
func.func @convert_kinds(%f: tensor<4xf32>, %i: tensor<4xi32>, %p: tensor<4xi1>, %b: tensor<4xi8>, %l: tensor<4xi64>) -> (tensor<4xf64>, tensor<4xf16>, tensor<4xi32>, tensor<4xf32>, tensor<4xi1>, tensor<4xi1>, tensor<4xf32>, tensor<4xi32>, tensor<4xi64>, tensor<4xi8>) {
  %0 = genc.convert %f : (tensor<4xf32>) -> tensor<4xf64>
  %1 = genc.convert %f : (tensor<4xf32>) -> tensor<4xf16>
  %2 = genc.convert %f : (tensor<4xf32>) -> tensor<4xi32>
  %3 = genc.convert %i : (tensor<4xi32>) -> tensor<4xf32>
  %4 = genc.convert %f : (tensor<4xf32>) -> tensor<4xi1>
  %5 = genc.convert %i : (tensor<4xi32>) -> tensor<4xi1>
  %6 = genc.convert %p : (tensor<4xi1>) -> tensor<4xf32>
  %7 = genc.convert %p : (tensor<4xi1>) -> tensor<4xi32>
  %8 = genc.convert %b : (tensor<4xi8>) -> tensor<4xi64>
  %9 = genc.convert %l : (tensor<4xi64>) -> tensor<4xi8>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9 : tensor<4xf64>, tensor<4xf16>, tensor<4xi32>, tensor<4xf32>, tensor<4xi1>, tensor<4xi1>, tensor<4xf32>, tensor<4xi32>, tensor<4xi64>, tensor<4xi8>
}

// f16 <-> bf16 goes through f32; convert itself is never widened.
// CHECK-LABEL: func.func @convert_halves
// CHECK: ^bb0(%[[X:.*]]: f16, %{{.*}}: bf16):
// CHECK-NEXT: %[[W:.*]] = arith.extf %[[X]] : f16 to f32
// CHECK-NEXT: %[[N:.*]] = arith.truncf %[[W]] : f32 to bf16
// CHECK-NEXT: linalg.yield %[[N]] : bf16
// CHECK: ^bb0(%[[Y:.*]]: f16, %{{.*}}: f32):
// CHECK-NEXT: %[[E:.*]] = arith.extf %[[Y]] : f16 to f32
// CHECK-NEXT: linalg.yield %[[E]] : f32
func.func @convert_halves(%h: tensor<2xf16>) -> (tensor<2xbf16>, tensor<2xf32>) {
  %0 = genc.convert %h : (tensor<2xf16>) -> tensor<2xbf16>
  %1 = genc.convert %h : (tensor<2xf16>) -> tensor<2xf32>
  return %0, %1 : tensor<2xbf16>, tensor<2xf32>
}

// genc.constant of every element type, returned without inputs.
// RUN: genc run %s --backend=interp | FileCheck %s --match-full-lines
// RUN: genc run %s --backend=cpu | FileCheck %s --match-full-lines

// CHECK: 2x2xf32=[1.5 -2][0.100000001 1e+10]
// CHECK-NEXT: 3xf64=0.10000000000000001 -0 inf
// CHECK-NEXT: 2xf16=0.33325 65504
// CHECK-NEXT: bf16=3.141
// CHECK-NEXT: 3xi8=-128 0 127
// CHECK-NEXT: 2xi32=-2147483648 2147483647
// CHECK-NEXT: i64=-9223372036854775808
// CHECK-NEXT: 4xi1=1 0 0 1
// CHECK-NEXT: 2x3xi32=[7 7 7][7 7 7]
func.func @main() -> (tensor<2x2xf32>, tensor<3xf64>, tensor<2xf16>, tensor<bf16>, tensor<3xi8>, tensor<2xi32>, tensor<i64>, tensor<4xi1>, tensor<2x3xi32>) {
  %0 = genc.constant dense<[[1.5, -2.0], [0.1, 1.0e10]]> : tensor<2x2xf32>
  %1 = genc.constant dense<[0.1, -0.0, 0x7FF0000000000000]> : tensor<3xf64>
  %2 = genc.constant dense<[0.3333, 65504.0]> : tensor<2xf16>
  %3 = genc.constant dense<3.14159> : tensor<bf16>
  %4 = genc.constant dense<[-128, 0, 127]> : tensor<3xi8>
  %5 = genc.constant dense<[-2147483648, 2147483647]> : tensor<2xi32>
  %6 = genc.constant dense<-9223372036854775808> : tensor<i64>
  %7 = genc.constant dense<[true, false, false, true]> : tensor<4xi1>
  %8 = genc.constant dense<7> : tensor<2x3xi32>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8 : tensor<2x2xf32>, tensor<3xf64>, tensor<2xf16>, tensor<bf16>, tensor<3xi8>, tensor<2xi32>, tensor<i64>, tensor<4xi1>, tensor<2x3xi32>
}

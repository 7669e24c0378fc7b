// genc.convert: float to int truncates toward zero, to i1 means != 0 (NaN
// too), from i1 gives 0/1, float narrowing rounds to nearest even, int
// narrowing wraps. Inputs stay in range (out-of-range float to int is not
// checked here).
// RUN: genc run %s --backend=interp --input='7xf32=2.7 -2.7 0.4 -0 100.5 -128.9 nan' | FileCheck %s --match-full-lines
// RUN: genc run %s --backend=cpu --input='7xf32=2.7 -2.7 0.4 -0 100.5 -128.9 nan' | FileCheck %s --match-full-lines
// RUN: genc run %s --function=from_int --backend=interp --input='5xi32=0 1 -1 16777217 300' --input='3xi1=1 0 1' | FileCheck %s --check-prefix=INT --match-full-lines
// RUN: genc run %s --function=from_int --backend=cpu --input='5xi32=0 1 -1 16777217 300' --input='3xi1=1 0 1' | FileCheck %s --check-prefix=INT --match-full-lines
// RUN: genc run %s --function=halves --backend=interp --input='4xf32=1.00048828 65520 0.1 -3.14159274' | FileCheck %s --check-prefix=HALF --match-full-lines
// RUN: genc run %s --function=halves --backend=cpu --input='4xf32=1.00048828 65520 0.1 -3.14159274' | FileCheck %s --check-prefix=HALF --match-full-lines

// CHECK: 7xi32=2 -2 0 0 100 -128 0
// CHECK-NEXT: 7xi1=1 1 1 0 1 1 1
// CHECK-NEXT: 7xf64=2.7000000476837158 -2.7000000476837158 0.40000000596046448 -0 100.5 -128.89999389648438 nan
func.func @main(%x: tensor<7xf32>) -> (tensor<7xi32>, tensor<7xi1>, tensor<7xf64>) {
  // NaN is replaced by 0 before the conversion to i32.
  %isnan = genc.compare NE, %x, %x : (tensor<7xf32>, tensor<7xf32>) -> tensor<7xi1>
  %zero = genc.constant dense<0.0> : tensor<7xf32>
  %i = genc.select %isnan, %zero, %x : tensor<7xi1>, tensor<7xf32>
  %0 = genc.convert %i : (tensor<7xf32>) -> tensor<7xi32>
  %1 = genc.convert %x : (tensor<7xf32>) -> tensor<7xi1>
  %2 = genc.convert %x : (tensor<7xf32>) -> tensor<7xf64>
  return %0, %1, %2 : tensor<7xi32>, tensor<7xi1>, tensor<7xf64>
}

// 16777217 = 2^24 + 1 rounds to 2^24 in f32; 300 wraps to 44 in i8.
// INT: 5xf32=0 1 -1 16777216 300
// INT-NEXT: 5xi8=0 1 -1 1 44
// INT-NEXT: 5xi1=0 1 1 1 1
// INT-NEXT: 3xf32=1 0 1
// INT-NEXT: 3xi32=1 0 1
func.func @from_int(%x: tensor<5xi32>, %p: tensor<3xi1>) -> (tensor<5xf32>, tensor<5xi8>, tensor<5xi1>, tensor<3xf32>, tensor<3xi32>) {
  %0 = genc.convert %x : (tensor<5xi32>) -> tensor<5xf32>
  %1 = genc.convert %x : (tensor<5xi32>) -> tensor<5xi8>
  %2 = genc.convert %x : (tensor<5xi32>) -> tensor<5xi1>
  %3 = genc.convert %p : (tensor<3xi1>) -> tensor<3xf32>
  %4 = genc.convert %p : (tensor<3xi1>) -> tensor<3xi32>
  return %0, %1, %2, %3, %4 : tensor<5xf32>, tensor<5xi8>, tensor<5xi1>, tensor<3xf32>, tensor<3xi32>
}

// 1.00048828 = 1 + 2^-11 is a tie in f16 and rounds to even (1); 65520
// overflows f16 to inf.
// HALF: 4xf16=1 inf 0.099976 -3.1406
// HALF-NEXT: 4xbf16=1 6.554e+04 0.1001 -3.141
func.func @halves(%x: tensor<4xf32>) -> (tensor<4xf16>, tensor<4xbf16>) {
  %0 = genc.convert %x : (tensor<4xf32>) -> tensor<4xf16>
  %1 = genc.convert %x : (tensor<4xf32>) -> tensor<4xbf16>
  return %0, %1 : tensor<4xf16>, tensor<4xbf16>
}

// genc.add: IEEE f32 addition, wrap-around integers, logical or on i1.
// RUN: genc run %s --backend=interp --input='6xf32=0.1 1e30 -0 -0 inf 3' --input='6xf32=0.2 1e30 -0 0 -inf -1e-8' | FileCheck %s --match-full-lines
// RUN: genc run %s --backend=cpu --input='6xf32=0.1 1e30 -0 -0 inf 3' --input='6xf32=0.2 1e30 -0 0 -inf -1e-8' | FileCheck %s --match-full-lines
// RUN: genc run %s --function=ints --backend=interp --input='4xi8=100 -128 1 -1' --input='4xi8=100 -1 2 1' --input='3xi1=0 0 1' --input='3xi1=0 1 0' | FileCheck %s --check-prefix=INT --match-full-lines
// RUN: genc run %s --function=ints --backend=cpu --input='4xi8=100 -128 1 -1' --input='4xi8=100 -1 2 1' --input='3xi1=0 0 1' --input='3xi1=0 1 0' | FileCheck %s --check-prefix=INT --match-full-lines
// RUN: genc run %s --function=i64 --backend=interp --input='2xi64=9223372036854775807 -5' --input='2xi64=1 3' | FileCheck %s --check-prefix=I64 --match-full-lines
// RUN: genc run %s --function=i64 --backend=cpu --input='2xi64=9223372036854775807 -5' --input='2xi64=1 3' | FileCheck %s --check-prefix=I64 --match-full-lines

// CHECK: 6xf32=0.300000012 2.00000003e+30 -0 0 {{-?}}nan 3
func.func @main(%a: tensor<6xf32>, %b: tensor<6xf32>) -> tensor<6xf32> {
  %r = genc.add %a, %b : tensor<6xf32>
  return %r : tensor<6xf32>
}

// INT: 4xi8=-56 127 3 0
// INT-NEXT: 3xi1=0 1 1
func.func @ints(%a: tensor<4xi8>, %b: tensor<4xi8>, %p: tensor<3xi1>, %q: tensor<3xi1>) -> (tensor<4xi8>, tensor<3xi1>) {
  %r = genc.add %a, %b : tensor<4xi8>
  %s = genc.add %p, %q : tensor<3xi1>
  return %r, %s : tensor<4xi8>, tensor<3xi1>
}

// I64: 2xi64=-9223372036854775808 -2
func.func @i64(%a: tensor<2xi64>, %b: tensor<2xi64>) -> tensor<2xi64> {
  %r = genc.add %a, %b : tensor<2xi64>
  return %r : tensor<2xi64>
}

// genc.rng_bit_generator: JAX's threefry_2x32(key, iota(N)); both
// backends produce the same bits. The values were checked against an
// independent threefry2x32-20 implementation (which reproduces the
// Random123 known-answer vector). Only even output sizes are checked here.
// RUN: genc run %s --backend=interp --input='2xi32=0 42' | FileCheck %s --match-full-lines
// RUN: genc run %s --backend=cpu --input='2xi32=0 42' | FileCheck %s --match-full-lines
// RUN: genc run %s --function=chained --backend=interp --input='2xi32=0 42' | FileCheck %s --check-prefix=CHAIN --match-full-lines
// RUN: genc run %s --function=chained --backend=cpu --input='2xi32=0 42' | FileCheck %s --check-prefix=CHAIN --match-full-lines

// CHECK: 2xi32=-1316575218 1639211046
// CHECK-NEXT: 2x2xi32=[-1829035798 -615737125][255383827 267815257]
func.func @main(%key: tensor<2xi32>) -> (tensor<2xi32>, tensor<2x2xi32>) {
  %k2, %bits = genc.rng_bit_generator %key : (tensor<2xi32>) -> (tensor<2xi32>, tensor<2x2xi32>)
  return %k2, %bits : tensor<2xi32>, tensor<2x2xi32>
}

// A 1-d output of 4 has the same bits as the 2x2 one; the new key feeds a
// second generator.
// CHAIN: 4xi32=-1829035798 -615737125 255383827 267815257
// CHAIN-NEXT: 2xi32=-1316575218 1639211046
// CHAIN-NEXT: 6xi32=-1047970852 1569407573 672414629 678868018 666485306 1365411088
func.func @chained(%key: tensor<2xi32>) -> (tensor<4xi32>, tensor<2xi32>, tensor<6xi32>) {
  %k2, %bits = genc.rng_bit_generator %key : (tensor<2xi32>) -> (tensor<2xi32>, tensor<4xi32>)
  %k3, %more = genc.rng_bit_generator %k2 : (tensor<2xi32>) -> (tensor<2xi32>, tensor<6xi32>)
  return %bits, %k2, %more : tensor<4xi32>, tensor<2xi32>, tensor<6xi32>
}

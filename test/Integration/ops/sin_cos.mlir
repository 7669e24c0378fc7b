// genc.sin and genc.cos on small arguments (the f32 CPU polynomials lose
// accuracy far from 0; the f64 ones call libm).
// RUN: genc run %s --function=sin_f32 --backend=interp --input='5xf32=0.5 0 -1.5 1 0.25' | FileCheck %s --check-prefix=SIN --match-full-lines
// RUN: genc run %s --function=sin_f32 --backend=cpu --input='5xf32=0.5 0 -1.5 1 0.25' | FileCheck %s --check-prefix=SIN --match-full-lines
// RUN: genc run %s --function=cos_f32 --backend=interp --input='5xf32=0.5 -0.5 0 3 1' | FileCheck %s --check-prefix=COS --match-full-lines
// RUN: genc run %s --function=cos_f32 --backend=cpu --input='5xf32=0.5 -0.5 0 3 1' | FileCheck %s --check-prefix=COS --match-full-lines
// RUN: genc run %s --function=f64 --backend=interp --input='2xf64=2 -0.5' | FileCheck %s --check-prefix=F64 --match-full-lines
// RUN: genc run %s --function=f64 --backend=cpu --input='2xf64=2 -0.5' | FileCheck %s --check-prefix=F64 --match-full-lines

// SIN: 5xf32=0.47942555 0 -0.997494996 0.841470957 0.247403964
func.func @sin_f32(%x: tensor<5xf32>) -> tensor<5xf32> {
  %r = genc.sin %x : tensor<5xf32>
  return %r : tensor<5xf32>
}

// COS: 5xf32=0.87758255 0.87758255 1 -0.989992499 0.540302277
func.func @cos_f32(%x: tensor<5xf32>) -> tensor<5xf32> {
  %r = genc.cos %x : tensor<5xf32>
  return %r : tensor<5xf32>
}

// F64: 2xf64=0.90929742682568171 -0.47942553860420301
// F64-NEXT: 2xf64=-0.41614683654714241 0.87758256189037276
func.func @f64(%x: tensor<2xf64>) -> (tensor<2xf64>, tensor<2xf64>) {
  %s = genc.sin %x : tensor<2xf64>
  %c = genc.cos %x : tensor<2xf64>
  return %s, %c : tensor<2xf64>, tensor<2xf64>
}


func.func @sin_f32(%x: tensor<5xf32>) -> tensor<5xf32> {
  %r = genc.sin %x : tensor<5xf32>
  return %r : tensor<5xf32>
}

func.func @cos_f32(%x: tensor<5xf32>) -> tensor<5xf32> {
  %r = genc.cos %x : tensor<5xf32>
  return %r : tensor<5xf32>
}

func.func @f64(%x: tensor<2xf64>) -> (tensor<2xf64>, tensor<2xf64>) {
  %s = genc.sin %x : tensor<2xf64>
  %c = genc.cos %x : tensor<2xf64>
  return %s, %c : tensor<2xf64>, tensor<2xf64>
}


func.func @main(%lo: tensor<5xf32>, %x: tensor<5xf32>, %hi: tensor<5xf32>) -> tensor<5xf32> {
  %r = genc.clamp %lo, %x, %hi : tensor<5xf32>
  return %r : tensor<5xf32>
}

func.func @ints(%x: tensor<5xi8>) -> tensor<5xi8> {
  %lo0 = genc.constant dense<-10> : tensor<i8>
  %hi0 = genc.constant dense<10> : tensor<i8>
  %lo = genc.broadcast_in_dim %lo0, dims = [] : (tensor<i8>) -> tensor<5xi8>
  %hi = genc.broadcast_in_dim %hi0, dims = [] : (tensor<i8>) -> tensor<5xi8>
  %r = genc.clamp %lo, %x, %hi : tensor<5xi8>
  return %r : tensor<5xi8>
}

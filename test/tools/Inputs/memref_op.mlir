// A memref value: the interpreter only holds tensors.
func.func @main(%a: tensor<2xf32>) -> tensor<2xf32> {
  %m = bufferization.to_memref %a : memref<2xf32>
  %t = bufferization.to_tensor %m : memref<2xf32>
  %n = genc.neg %t : tensor<2xf32>
  return %n : tensor<2xf32>
}

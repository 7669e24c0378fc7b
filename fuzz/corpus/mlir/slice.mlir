
func.func @main(%x: tensor<4x5xi32>, %v: tensor<7xf32>) -> (tensor<2x2xi32>, tensor<2x2xi32>, tensor<3xf32>, tensor<1xf32>, tensor<0xf32>) {
  %0 = genc.slice %x start = [1, 1] limit = [3, 3] strides = [1, 1] : (tensor<4x5xi32>) -> tensor<2x2xi32>
  %1 = genc.slice %x start = [0, 1] limit = [4, 5] strides = [2, 3] : (tensor<4x5xi32>) -> tensor<2x2xi32>
  %2 = genc.slice %v start = [1] limit = [7] strides = [2] : (tensor<7xf32>) -> tensor<3xf32>
  %3 = genc.slice %v start = [6] limit = [7] strides = [5] : (tensor<7xf32>) -> tensor<1xf32>
  %4 = genc.slice %v start = [3] limit = [3] strides = [1] : (tensor<7xf32>) -> tensor<0xf32>
  return %0, %1, %2, %3, %4 : tensor<2x2xi32>, tensor<2x2xi32>, tensor<3xf32>, tensor<1xf32>, tensor<0xf32>
}

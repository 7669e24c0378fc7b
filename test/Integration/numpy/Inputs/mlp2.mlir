// Two dense layers with relu: two BLAS calls sharing planned temporaries
// (regression: memref.view byte shifts were dropped by expand-strided-metadata).
func.func @main(%arg0: tensor<16x32xf32>, %arg1: tensor<32x64xf32>, %arg2: tensor<64xf32>, %arg3: tensor<64x64xf32>) -> tensor<16x64xf32> {
    %0 = genc.dot_general %arg0, %arg1, batch = [] x [], contract = [1] x [0] : (tensor<16x32xf32>, tensor<32x64xf32>) -> tensor<16x64xf32>
    %1 = genc.broadcast_in_dim %arg2, dims = [1] : (tensor<64xf32>) -> tensor<16x64xf32>
    %2 = genc.add %0, %1 : tensor<16x64xf32>
    %3 = genc.constant dense<0.000000e+00> : tensor<f32>
    %4 = genc.broadcast_in_dim %3, dims = [] : (tensor<f32>) -> tensor<16x64xf32>
    %5 = genc.max %2, %4 : tensor<16x64xf32>
    %6 = genc.dot_general %5, %arg3, batch = [] x [], contract = [1] x [0] : (tensor<16x64xf32>, tensor<64x64xf32>) -> tensor<16x64xf32>
    return %6 : tensor<16x64xf32>
}


func.func @main(%x: tensor<1x2x3x3xf32>, %w: tensor<1x2x2x2xf32>) -> tensor<1x1x2x2xf32> {
  %y = genc.convolution %x, %w {
      input_batch_dimension = 0 : i64, input_feature_dimension = 1 : i64,
      input_spatial_dimensions = array<i64: 2, 3>,
      kernel_input_feature_dimension = 1 : i64, kernel_output_feature_dimension = 0 : i64,
      kernel_spatial_dimensions = array<i64: 2, 3>,
      output_batch_dimension = 0 : i64, output_feature_dimension = 1 : i64,
      output_spatial_dimensions = array<i64: 2, 3>}
    : (tensor<1x2x3x3xf32>, tensor<1x2x2x2xf32>) -> tensor<1x1x2x2xf32>
  return %y : tensor<1x1x2x2xf32>
}

func.func @batch_last(%x: tensor<3x2x1xf32>, %w: tensor<2x1x1xf32>) -> tensor<2x2x1xf32> {
  %y = genc.convolution %x, %w {
      input_batch_dimension = 1 : i64, input_feature_dimension = 2 : i64,
      input_spatial_dimensions = array<i64: 0>,
      output_batch_dimension = 0 : i64, output_feature_dimension = 2 : i64,
      output_spatial_dimensions = array<i64: 1>}
    : (tensor<3x2x1xf32>, tensor<2x1x1xf32>) -> tensor<2x2x1xf32>
  return %y : tensor<2x2x1xf32>
}

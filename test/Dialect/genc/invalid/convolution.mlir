// RUN: genc-opt %s -split-input-file -verify-diagnostics

func.func @conv_rank2(%x: tensor<4x3xf32>, %w: tensor<3x3xf32>) -> tensor<4x3xf32> {
  // expected-error@+1 {{'genc.convolution' op input must have rank at least 3, got 2}}
  %y = genc.convolution %x, %w : (tensor<4x3xf32>, tensor<3x3xf32>) -> tensor<4x3xf32>
  return %y : tensor<4x3xf32>
}

// -----

func.func @conv_rank_mismatch(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x16xf32>) -> tensor<1x6x6x16xf32> {
  // expected-error@+1 {{'genc.convolution' op input, kernel and result must have the same rank}}
  %y = genc.convolution %x, %w : (tensor<1x8x8x3xf32>, tensor<3x3x16xf32>) -> tensor<1x6x6x16xf32>
  return %y : tensor<1x6x6x16xf32>
}

// -----

func.func @conv_strides_count(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32> {
  // expected-error@+1 {{'genc.convolution' op window_strides, lhs_dilation and rhs_dilation need one entry per spatial dimension (2) and padding two}}
  %y = genc.convolution %x, %w {window_strides = array<i64: 1>} : (tensor<1x8x8x3xf32>, tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32>
  return %y : tensor<1x6x6x16xf32>
}

// -----

func.func @conv_padding_count(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x16xf32>) -> tensor<1x8x8x16xf32> {
  // expected-error@+1 {{'genc.convolution' op window_strides, lhs_dilation and rhs_dilation need one entry per spatial dimension (2) and padding two}}
  %y = genc.convolution %x, %w {padding = array<i64: 1, 1>} : (tensor<1x8x8x3xf32>, tensor<3x3x3x16xf32>) -> tensor<1x8x8x16xf32>
  return %y : tensor<1x8x8x16xf32>
}

// -----

func.func @conv_rhs_dilation_count(%x: tensor<1x8x3xf32>, %w: tensor<3x3x16xf32>) -> tensor<1x6x16xf32> {
  // expected-error@+1 {{'genc.convolution' op window_strides, lhs_dilation and rhs_dilation need one entry per spatial dimension (1) and padding two}}
  %y = genc.convolution %x, %w {rhs_dilation = array<i64: 1, 1>} : (tensor<1x8x3xf32>, tensor<3x3x16xf32>) -> tensor<1x6x16xf32>
  return %y : tensor<1x6x16xf32>
}

// -----

func.func @conv_spatial_list(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32> {
  // expected-error@+1 {{'genc.convolution' op spatial dimension lists need 2 entries}}
  %y = genc.convolution %x, %w {input_spatial_dimensions = array<i64: 1>} : (tensor<1x8x8x3xf32>, tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32>
  return %y : tensor<1x6x6x16xf32>
}

// -----

func.func @conv_input_dim_range(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32> {
  // expected-error@+1 {{'genc.convolution' op input dimension 4 is out of range for rank 4}}
  %y = genc.convolution %x, %w {input_feature_dimension = 4 : i64, input_spatial_dimensions = array<i64: 1, 2>} : (tensor<1x8x8x3xf32>, tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32>
  return %y : tensor<1x6x6x16xf32>
}

// -----

func.func @conv_input_dim_twice(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32> {
  // expected-error@+1 {{'genc.convolution' op input dimension 1 appears twice}}
  %y = genc.convolution %x, %w {input_spatial_dimensions = array<i64: 1, 1>} : (tensor<1x8x8x3xf32>, tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32>
  return %y : tensor<1x6x6x16xf32>
}

// -----

func.func @conv_kernel_dim_twice(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32> {
  // expected-error@+1 {{'genc.convolution' op kernel dimension 3 appears twice}}
  %y = genc.convolution %x, %w {kernel_input_feature_dimension = 3 : i64, kernel_spatial_dimensions = array<i64: 0, 1>} : (tensor<1x8x8x3xf32>, tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32>
  return %y : tensor<1x6x6x16xf32>
}

// -----

func.func @conv_output_dim_range(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32> {
  // expected-error@+1 {{'genc.convolution' op output dimension 5 is out of range for rank 4}}
  %y = genc.convolution %x, %w {output_spatial_dimensions = array<i64: 1, 5>} : (tensor<1x8x8x3xf32>, tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32>
  return %y : tensor<1x6x6x16xf32>
}

// -----

func.func @conv_groups_divide(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x1x16xf32>) -> tensor<1x6x6x16xf32> {
  // expected-error@+1 {{'genc.convolution' op feature_group_count 2 must divide input features 3 and output features 16}}
  %y = genc.convolution %x, %w {feature_group_count = 2 : i64} : (tensor<1x8x8x3xf32>, tensor<3x3x1x16xf32>) -> tensor<1x6x6x16xf32>
  return %y : tensor<1x6x6x16xf32>
}

// -----

func.func @conv_groups_zero(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x16xf32>) -> tensor<1x6x6x16xf32> {
  // expected-error@+1 {{'genc.convolution' op feature_group_count 0 must divide input features 4 and output features 16}}
  %y = genc.convolution %x, %w {feature_group_count = 0 : i64} : (tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32>) -> tensor<1x6x6x16xf32>
  return %y : tensor<1x6x6x16xf32>
}

// -----

func.func @conv_kernel_in_features(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x16xf32>) -> tensor<1x6x6x16xf32> {
  // expected-error@+1 {{'genc.convolution' op kernel input features (4) times feature_group_count (2) must equal input features (4)}}
  %y = genc.convolution %x, %w {feature_group_count = 2 : i64} : (tensor<1x8x8x4xf32>, tensor<3x3x4x16xf32>) -> tensor<1x6x6x16xf32>
  return %y : tensor<1x6x6x16xf32>
}

// -----

func.func @conv_batch(%x: tensor<2x8x8x3xf32>, %w: tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32> {
  // expected-error@+1 {{'genc.convolution' op result batch size 1 differs from input batch size 2}}
  %y = genc.convolution %x, %w : (tensor<2x8x8x3xf32>, tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32>
  return %y : tensor<1x6x6x16xf32>
}

// -----

func.func @conv_out_features(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x16xf32>) -> tensor<1x6x6x8xf32> {
  // expected-error@+1 {{'genc.convolution' op result feature size 8 differs from kernel output features 16}}
  %y = genc.convolution %x, %w : (tensor<1x8x8x3xf32>, tensor<3x3x3x16xf32>) -> tensor<1x6x6x8xf32>
  return %y : tensor<1x6x6x8xf32>
}

// -----

func.func @conv_zero_stride(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32> {
  // expected-error@+1 {{'genc.convolution' op strides and dilations must be positive}}
  %y = genc.convolution %x, %w {window_strides = array<i64: 1, 0>} : (tensor<1x8x8x3xf32>, tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32>
  return %y : tensor<1x6x6x16xf32>
}

// -----

func.func @conv_zero_lhs_dilation(%x: tensor<1x8x3xf32>, %w: tensor<3x3x16xf32>) -> tensor<1x6x16xf32> {
  // expected-error@+1 {{'genc.convolution' op strides and dilations must be positive}}
  %y = genc.convolution %x, %w {lhs_dilation = array<i64: 0>} : (tensor<1x8x3xf32>, tensor<3x3x16xf32>) -> tensor<1x6x16xf32>
  return %y : tensor<1x6x16xf32>
}

// -----

func.func @conv_spatial_size(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32> {
  // expected-error@+1 {{'genc.convolution' op result spatial dimension 1 should be 3, got 6}}
  %y = genc.convolution %x, %w {window_strides = array<i64: 1, 2>} : (tensor<1x8x8x3xf32>, tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32>
  return %y : tensor<1x6x6x16xf32>
}

// -----

func.func @conv_int(%x: tensor<1x8x8x3xi32>, %w: tensor<3x3x3x16xi32>) -> tensor<1x6x6x16xi32> {
  // expected-error@+1 {{'genc.convolution' op operand #0 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<1x8x8x3xi32>'}}
  %y = genc.convolution %x, %w : (tensor<1x8x8x3xi32>, tensor<3x3x3x16xi32>) -> tensor<1x6x6x16xi32>
  return %y : tensor<1x6x6x16xi32>
}

// -----

func.func @conv_element_types(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x16xf16>) -> tensor<1x6x6x16xf32> {
  // expected-error@+1 {{'genc.convolution' op requires the same element type for all operands and results}}
  %y = genc.convolution %x, %w : (tensor<1x8x8x3xf32>, tensor<3x3x3x16xf16>) -> tensor<1x6x6x16xf32>
  return %y : tensor<1x6x6x16xf32>
}

// RUN: genc-opt %s -split-input-file -verify-diagnostics

func.func @slice_entry_count(%x: tensor<4x4xf32>) -> tensor<2x2xf32> {
  // expected-error@+1 {{'genc.slice' op start, limit and strides need 2 entries each (the operand's rank)}}
  %r = genc.slice %x start = [0] limit = [2, 2] strides = [1, 1] : (tensor<4x4xf32>) -> tensor<2x2xf32>
  return %r : tensor<2x2xf32>
}

// -----

func.func @slice_strides_count(%x: tensor<4x4xf32>) -> tensor<2x2xf32> {
  // expected-error@+1 {{'genc.slice' op start, limit and strides need 2 entries each (the operand's rank)}}
  %r = genc.slice %x start = [0, 0] limit = [2, 2] strides = [1] : (tensor<4x4xf32>) -> tensor<2x2xf32>
  return %r : tensor<2x2xf32>
}

// -----

func.func @slice_zero_stride(%x: tensor<4xf32>) -> tensor<2xf32> {
  // expected-error@+1 {{'genc.slice' op stride 0 in dimension 0 must be positive}}
  %r = genc.slice %x start = [0] limit = [2] strides = [0] : (tensor<4xf32>) -> tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

func.func @slice_negative_stride(%x: tensor<4x4xf32>) -> tensor<4x2xf32> {
  // expected-error@+1 {{'genc.slice' op stride -1 in dimension 1 must be positive}}
  %r = genc.slice %x start = [0, 3] limit = [4, 1] strides = [1, -1] : (tensor<4x4xf32>) -> tensor<4x2xf32>
  return %r : tensor<4x2xf32>
}

// -----

func.func @slice_negative_start(%x: tensor<4xf32>) -> tensor<2xf32> {
  // expected-error@+1 {{'genc.slice' op slice [-1, 1) is out of bounds for dimension 0 of size 4}}
  %r = genc.slice %x start = [-1] limit = [1] strides = [1] : (tensor<4xf32>) -> tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

func.func @slice_start_after_limit(%x: tensor<4xf32>) -> tensor<0xf32> {
  // expected-error@+1 {{'genc.slice' op slice [3, 2) is out of bounds for dimension 0 of size 4}}
  %r = genc.slice %x start = [3] limit = [2] strides = [1] : (tensor<4xf32>) -> tensor<0xf32>
  return %r : tensor<0xf32>
}

// -----

func.func @slice_limit_too_large(%x: tensor<4x4xf32>) -> tensor<4x5xf32> {
  // expected-error@+1 {{'genc.slice' op slice [0, 5) is out of bounds for dimension 1 of size 4}}
  %r = genc.slice %x start = [0, 0] limit = [4, 5] strides = [1, 1] : (tensor<4x4xf32>) -> tensor<4x5xf32>
  return %r : tensor<4x5xf32>
}

// -----

func.func @slice_result_size(%x: tensor<7xf32>) -> tensor<2xf32> {
  // expected-error@+1 {{'genc.slice' op result dimension 0 should be 3, got 2}}
  %r = genc.slice %x start = [1] limit = [7] strides = [2] : (tensor<7xf32>) -> tensor<2xf32>
  return %r : tensor<2xf32>
}

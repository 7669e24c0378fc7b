// RUN: genc-opt %s -split-input-file -verify-diagnostics

func.func @dynamic_slice_index_count(%x: tensor<4x4xf32>, %i: tensor<i32>) -> tensor<2x2xf32> {
  // expected-error@+1 {{'genc.dynamic_slice' op needs 2 start indices, got 1}}
  %r = genc.dynamic_slice %x, %i sizes = [2, 2] : (tensor<4x4xf32>, tensor<i32>) -> tensor<2x2xf32>
  return %r : tensor<2x2xf32>
}

// -----

func.func @dynamic_slice_sizes_count(%x: tensor<4x4xf32>, %i: tensor<i32>) -> tensor<2x2xf32> {
  // expected-error@+1 {{'genc.dynamic_slice' op slice_sizes needs 2 entries}}
  %r = genc.dynamic_slice %x, %i, %i sizes = [2] : (tensor<4x4xf32>, tensor<i32>, tensor<i32>) -> tensor<2x2xf32>
  return %r : tensor<2x2xf32>
}

// -----

func.func @dynamic_slice_size_too_big(%x: tensor<4x4xf32>, %i: tensor<i32>) -> tensor<2x5xf32> {
  // expected-error@+1 {{'genc.dynamic_slice' op slice size 5 in dimension 1 exceeds the operand's size 4}}
  %r = genc.dynamic_slice %x, %i, %i sizes = [2, 5] : (tensor<4x4xf32>, tensor<i32>, tensor<i32>) -> tensor<2x5xf32>
  return %r : tensor<2x5xf32>
}

// -----

func.func @dynamic_slice_negative_size(%x: tensor<4xf32>, %i: tensor<i32>) -> tensor<0xf32> {
  // expected-error@+1 {{'genc.dynamic_slice' op slice size -1 in dimension 0 exceeds the operand's size 4}}
  %r = genc.dynamic_slice %x, %i sizes = [-1] : (tensor<4xf32>, tensor<i32>) -> tensor<0xf32>
  return %r : tensor<0xf32>
}

// -----

func.func @dynamic_slice_result(%x: tensor<4x4xf32>, %i: tensor<i32>) -> tensor<2x3xf32> {
  // expected-error@+1 {{'genc.dynamic_slice' op result dimension 1 should be 2}}
  %r = genc.dynamic_slice %x, %i, %i sizes = [2, 2] : (tensor<4x4xf32>, tensor<i32>, tensor<i32>) -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// -----

func.func @dynamic_slice_index_not_scalar(%x: tensor<4xf32>, %i: tensor<1xi32>) -> tensor<2xf32> {
  // expected-error@+1 {{'genc.dynamic_slice' op operand #1 must be variadic of 0D tensor of 32-bit signless integer or 64-bit signless integer values}}
  %r = genc.dynamic_slice %x, %i sizes = [2] : (tensor<4xf32>, tensor<1xi32>) -> tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

func.func @dynamic_slice_index_float(%x: tensor<4xf32>, %i: tensor<f32>) -> tensor<2xf32> {
  // expected-error@+1 {{'genc.dynamic_slice' op operand #1 must be variadic of 0D tensor of 32-bit signless integer or 64-bit signless integer values, but got 'tensor<f32>'}}
  %r = genc.dynamic_slice %x, %i sizes = [2] : (tensor<4xf32>, tensor<f32>) -> tensor<2xf32>
  return %r : tensor<2xf32>
}

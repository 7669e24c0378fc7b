// RUN: genc-opt %s -split-input-file -verify-diagnostics

func.func @constant_type_mismatch() -> tensor<3xf32> {
  // expected-error@+1 {{'genc.constant' op failed to verify that all of {value, result} have same type}}
  %c = "genc.constant"() {value = dense<[1.0, 2.0]> : tensor<2xf32>} : () -> tensor<3xf32>
  return %c : tensor<3xf32>
}

// -----

func.func @constant_unsupported_element() -> tensor<2xi16> {
  // expected-error@+1 {{op result #0 must be ranked tensor of}}
  %c = genc.constant dense<[1, 2]> : tensor<2xi16>
  return %c : tensor<2xi16>
}

// -----

func.func @constant_unranked() {
  // expected-error@+1 {{op result #0 must be ranked tensor of}}
  %c = "genc.constant"() {value = dense<1.0> : tensor<2xf32>} : () -> tensor<*xf32>
  return
}

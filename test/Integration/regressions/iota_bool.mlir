// iota into i1 means index != 0.
// RUN: genc run %s | FileCheck %s
// RUN: genc run %s --backend=interp | FileCheck %s
// CHECK: 3xi1=0 1 1
func.func @main() -> tensor<3xi1> {
  %i = genc.iota dim = 0 : tensor<3xi1>
  return %i : tensor<3xi1>
}

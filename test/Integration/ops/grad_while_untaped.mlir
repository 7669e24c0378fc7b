// A loop that writes its output one column per iteration (genc.scatter_add)
// and keeps a running sum next to a state it reads through tanh: the
// output's and the sum's carries are not taped (their cotangents pass
// through linear ops), the state is; the gradient still matches central
// differences. CPU and interpreter agree.
// RUN: genc run %s --backend=interp --input='2x4xf32=0.1 -0.2 0.3 0.4 -0.5 0.6 0.7 -0.8' | FileCheck %s
// RUN: genc run %s --backend=cpu --input='2x4xf32=0.1 -0.2 0.3 0.4 -0.5 0.6 0.7 -0.8' | FileCheck %s
// Central differences in f64 (NumPy): 0.930868 1.765870 0.184239 0.775708
// -0.625626 -0.607275 0.301256 0.304778.
// CHECK: 2x4xf32=[0.93086{{[0-9]*}} 1.76586{{[0-9]*}} 0.18423{{[0-9]*}} 0.77570{{[0-9]*}}][-0.62562{{[0-9]*}} -0.60727{{[0-9]*}} 0.30125{{[0-9]*}} 0.30477{{[0-9]*}}]
// RUN: genc-opt %s --genc-autodiff | FileCheck %s --check-prefix=TAPE

// TAPE-LABEL: func.func private @columns__vjp_0
// TAPE: genc.while ({{.*}}) : tensor<i32>, tensor<2x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<i32>, tensor<4xi32>, tensor<4x2xf32> cond
func.func @columns(%x: tensor<2x4xf32>) -> (tensor<2x4xf32>, tensor<2xf32>) {
  %zero = genc.constant dense<0> : tensor<i32>
  %one = genc.constant dense<1> : tensor<i32>
  %four = genc.constant dense<4> : tensor<i32>
  %out0 = genc.constant dense<0.0> : tensor<2x4xf32>
  %h0 = genc.constant dense<0.5> : tensor<2xf32>
  %s0 = genc.constant dense<0.0> : tensor<2xf32>
  %r:4 = genc.while (%i = %zero, %out = %out0, %h = %h0, %s = %s0) : tensor<i32>, tensor<2x4xf32>, tensor<2xf32>, tensor<2xf32> cond {
    %p = genc.compare LT, %i, %four : (tensor<i32>, tensor<i32>) -> tensor<i1>
    genc.return %p : tensor<i1>
  } do {
  ^bb0(%j: tensor<i32>, %o: tensor<2x4xf32>, %hh: tensor<2xf32>, %ss: tensor<2xf32>):
    %idx = genc.reshape %j : (tensor<i32>) -> tensor<1xi32>
    %col = genc.gather %x, %idx axis = 1 : (tensor<2x4xf32>, tensor<1xi32>) -> tensor<2x1xf32>
    %c = genc.reshape %col : (tensor<2x1xf32>) -> tensor<2xf32>
    %t = genc.tanh %hh : tensor<2xf32>
    %v = genc.mul %t, %c : tensor<2xf32>
    %v2 = genc.reshape %v : (tensor<2xf32>) -> tensor<2x1xf32>
    %o2 = genc.scatter_add %o, %idx, %v2 axis = 1 : (tensor<2x4xf32>, tensor<1xi32>, tensor<2x1xf32>) -> tensor<2x4xf32>
    %h2 = genc.add %hh, %v : tensor<2xf32>
    %s2 = genc.add %ss, %v : tensor<2xf32>
    %j2 = genc.add %j, %one : tensor<i32>
    genc.return %j2, %o2, %h2, %s2 : tensor<i32>, tensor<2x4xf32>, tensor<2xf32>, tensor<2xf32>
  }
  return %r#1, %r#3 : tensor<2x4xf32>, tensor<2xf32>
}
func.func @main(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %ct = genc.constant dense<[[1.0, 2.0, -1.0, 0.5], [0.25, -2.0, 1.5, 1.0]]> : tensor<2x4xf32>
  %cs = genc.constant dense<[1.0, -0.5]> : tensor<2xf32>
  %o, %s, %dx = genc.vjp @columns(%x) cotangents(%ct, %cs) argnums = [0] : (tensor<2x4xf32>, tensor<2x4xf32>, tensor<2xf32>) -> (tensor<2x4xf32>, tensor<2xf32>, tensor<2x4xf32>)
  return %dx : tensor<2x4xf32>
}

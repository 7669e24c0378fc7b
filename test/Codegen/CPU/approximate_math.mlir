// RUN: genc-opt %s --genc-cpu-approximate-math | FileCheck %s

// f32 tanh becomes inline arithmetic; f64 is left for libm.
// CHECK-LABEL: func.func @tanh
// CHECK-NOT: math.tanh %{{.*}} : f32
// CHECK: math.tanh %{{.*}} : f64
func.func @tanh(%x: f32, %y: f64) -> (f32, f64) {
  %a = math.tanh %x : f32
  %b = math.tanh %y : f64
  return %a, %b : f32, f64
}

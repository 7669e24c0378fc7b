// RUN: genc-opt %s --split-input-file --genc-autodiff | FileCheck %s

// Unary rules read the saved operand or result: exp uses its result.
// CHECK-LABEL: func.func private @exp__vjp_0
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>, %[[CT:.*]]: tensor<4xf32>)
// CHECK: %[[Y:.*]] = genc.exp %[[X]]
// CHECK: %[[D:.*]] = genc.mul %[[CT]], %[[Y]] : tensor<4xf32>
// CHECK: return %[[Y]], %[[D]]
func.func @exp(%x: tensor<4xf32>) -> tensor<4xf32> {
  %y = genc.exp %x : tensor<4xf32>
  return %y : tensor<4xf32>
}
func.func @main(%x: tensor<4xf32>, %ct: tensor<4xf32>) -> tensor<4xf32> {
  %y, %dx = genc.vjp @exp(%x) cotangents(%ct) argnums = [0] : (tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %dx : tensor<4xf32>
}

// -----

// log: ct / x. tanh: ct * (1 - y*y).
// CHECK-LABEL: func.func private @logtanh__vjp_0
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>, %[[CT:.*]]: tensor<4xf32>)
// CHECK: %[[L:.*]] = genc.log %[[X]]
// CHECK: %[[T:.*]] = genc.tanh %[[L]]
// CHECK: %[[ONE:.*]] = genc.constant dense<1.000000e+00> : tensor<4xf32>
// CHECK: %[[SQ:.*]] = genc.mul %[[T]], %[[T]]
// CHECK: %[[DT:.*]] = genc.sub %[[ONE]], %[[SQ]]
// CHECK: %[[CL:.*]] = genc.mul %[[CT]], %[[DT]]
// CHECK: %[[DX:.*]] = genc.div %[[CL]], %[[X]]
// CHECK: return %[[T]], %[[DX]]
func.func @logtanh(%x: tensor<4xf32>) -> tensor<4xf32> {
  %l = genc.log %x : tensor<4xf32>
  %t = genc.tanh %l : tensor<4xf32>
  return %t : tensor<4xf32>
}
func.func @main(%x: tensor<4xf32>, %ct: tensor<4xf32>) -> tensor<4xf32> {
  %y, %dx = genc.vjp @logtanh(%x) cotangents(%ct) argnums = [0] : (tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %dx : tensor<4xf32>
}

// -----

// floor and sign have zero gradients: nothing flows, the cotangent is a
// zero constant.
// CHECK-LABEL: func.func private @steps__vjp_0
// CHECK: genc.floor
// CHECK: genc.sign
// CHECK-NEXT: %[[Z:.*]] = genc.constant dense<0.000000e+00> : tensor<3xf64>
// CHECK-NEXT: return %{{.*}}, %[[Z]]
func.func @steps(%x: tensor<3xf64>) -> tensor<3xf64> {
  %f = genc.floor %x : tensor<3xf64>
  %s = genc.sign %f : tensor<3xf64>
  return %s : tensor<3xf64>
}
func.func @main(%x: tensor<3xf64>, %ct: tensor<3xf64>) -> tensor<3xf64> {
  %y, %dx = genc.vjp @steps(%x) cotangents(%ct) argnums = [0] : (tensor<3xf64>, tensor<3xf64>) -> (tensor<3xf64>, tensor<3xf64>)
  return %dx : tensor<3xf64>
}

// -----

// sub and div: both operands.
// CHECK-LABEL: func.func private @subdiv__vjp_0_1
// CHECK-SAME: (%[[A:.*]]: tensor<2xf32>, %[[B:.*]]: tensor<2xf32>, %[[CT:.*]]: tensor<2xf32>)
// CHECK: %[[S:.*]] = genc.sub %[[A]], %[[B]]
// CHECK: %[[Q:.*]] = genc.div %[[S]], %[[B]]
// CHECK: %[[DS:.*]] = genc.div %[[CT]], %[[B]]
// CHECK: %[[N:.*]] = genc.mul %[[CT]], %[[S]]
// CHECK: %[[BB:.*]] = genc.mul %[[B]], %[[B]]
// CHECK: %[[R:.*]] = genc.div %[[N]], %[[BB]]
// CHECK: %[[DB1:.*]] = genc.neg %[[R]]
// CHECK: %[[DB2:.*]] = genc.neg %[[DS]]
// CHECK: %[[DB:.*]] = genc.add %[[DB1]], %[[DB2]]
// CHECK: return %[[Q]], %[[DS]], %[[DB]]
func.func @subdiv(%a: tensor<2xf32>, %b: tensor<2xf32>) -> tensor<2xf32> {
  %s = genc.sub %a, %b : tensor<2xf32>
  %q = genc.div %s, %b : tensor<2xf32>
  return %q : tensor<2xf32>
}
func.func @main(%a: tensor<2xf32>, %b: tensor<2xf32>, %ct: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>) {
  %y, %da, %db = genc.vjp @subdiv(%a, %b) cotangents(%ct) argnums = [0, 1] : (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>)
  return %da, %db : tensor<2xf32>, tensor<2xf32>
}

// -----

// pow: the base's cotangent is masked where the exponent is 0, the
// exponent's where the base is not positive.
// CHECK-LABEL: func.func private @pow__vjp_0_1
// CHECK: %[[P:.*]] = genc.pow
// CHECK: genc.compare EQ
// CHECK: genc.pow
// CHECK: genc.select
// CHECK: %[[POS:.*]] = genc.compare GT
// CHECK: %[[SAFE:.*]] = genc.select %[[POS]]
// CHECK: genc.log %[[SAFE]]
// CHECK: genc.select %[[POS]]
// CHECK: genc.mul %{{.*}}, %[[P]]
func.func @pow(%a: tensor<2xf64>, %b: tensor<2xf64>) -> tensor<2xf64> {
  %y = genc.pow %a, %b : tensor<2xf64>
  return %y : tensor<2xf64>
}
func.func @main(%a: tensor<2xf64>, %b: tensor<2xf64>, %ct: tensor<2xf64>) -> (tensor<2xf64>, tensor<2xf64>) {
  %y, %da, %db = genc.vjp @pow(%a, %b) cotangents(%ct) argnums = [0, 1] : (tensor<2xf64>, tensor<2xf64>, tensor<2xf64>) -> (tensor<2xf64>, tensor<2xf64>, tensor<2xf64>)
  return %da, %db : tensor<2xf64>, tensor<2xf64>
}

// -----

// max: the operand equal to the result gets the cotangent, half of it on
// ties.
// CHECK-LABEL: func.func private @max__vjp_0_1
// CHECK-SAME: (%[[A:.*]]: tensor<2xf32>, %[[B:.*]]: tensor<2xf32>, %[[CT:.*]]: tensor<2xf32>)
// CHECK: %[[M:.*]] = genc.max %[[A]], %[[B]]
// CHECK: %[[AW:.*]] = genc.compare EQ, %[[A]], %[[M]]
// CHECK: %[[BW:.*]] = genc.compare EQ, %[[B]], %[[M]]
// CHECK: %[[HALF:.*]] = genc.constant dense<5.000000e-01>
// CHECK: %[[H:.*]] = genc.mul %[[CT]], %[[HALF]]
// CHECK: %[[Z:.*]] = genc.constant dense<0.000000e+00>
// CHECK: %[[T1:.*]] = genc.select %[[BW]], %[[H]], %[[CT]]
// CHECK: %[[DA:.*]] = genc.select %[[AW]], %[[T1]], %[[Z]]
// CHECK: %[[T2:.*]] = genc.select %[[AW]], %[[H]], %[[CT]]
// CHECK: %[[DB:.*]] = genc.select %[[BW]], %[[T2]], %[[Z]]
// CHECK: return %[[M]], %[[DA]], %[[DB]]
func.func @max(%a: tensor<2xf32>, %b: tensor<2xf32>) -> tensor<2xf32> {
  %y = genc.max %a, %b : tensor<2xf32>
  return %y : tensor<2xf32>
}
func.func @main(%a: tensor<2xf32>, %b: tensor<2xf32>, %ct: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>) {
  %y, %da, %db = genc.vjp @max(%a, %b) cotangents(%ct) argnums = [0, 1] : (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>)
  return %da, %db : tensor<2xf32>, tensor<2xf32>
}

// -----

// select: nothing for the predicate, masked cotangents for the branches.
// CHECK-LABEL: func.func private @sel__vjp_1_2
// CHECK-SAME: (%[[P:.*]]: tensor<3xi1>, %{{.*}}: tensor<3xf32>, %{{.*}}: tensor<3xf32>, %[[CT:.*]]: tensor<3xf32>)
// CHECK: %[[Z:.*]] = genc.constant dense<0.000000e+00> : tensor<3xf32>
// CHECK: %[[DT:.*]] = genc.select %[[P]], %[[CT]], %[[Z]]
// CHECK: %[[DF:.*]] = genc.select %[[P]], %[[Z]], %[[CT]]
// CHECK: return %{{.*}}, %[[DT]], %[[DF]]
func.func @sel(%p: tensor<3xi1>, %a: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<3xf32> {
  %y = genc.select %p, %a, %b : tensor<3xi1>, tensor<3xf32>
  return %y : tensor<3xf32>
}
func.func @main(%p: tensor<3xi1>, %a: tensor<3xf32>, %b: tensor<3xf32>, %ct: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %y, %da, %db = genc.vjp @sel(%p, %a, %b) cotangents(%ct) argnums = [1, 2] : (tensor<3xi1>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>)
  return %da, %db : tensor<3xf32>, tensor<3xf32>
}

// -----

// clamp: operand where lo <= x <= hi, lo where x < lo <= hi, hi elsewhere.
// CHECK-LABEL: func.func private @clamp__vjp_0_1_2
// CHECK-SAME: (%[[LO:.*]]: tensor<3xf32>, %[[X:.*]]: tensor<3xf32>, %[[HI:.*]]: tensor<3xf32>, %[[CT:.*]]: tensor<3xf32>)
// CHECK: %[[GE:.*]] = genc.compare GE, %[[X]], %[[LO]]
// CHECK: %[[LE:.*]] = genc.compare LE, %[[X]], %[[HI]]
// CHECK: %[[ORD:.*]] = genc.compare LE, %[[LO]], %[[HI]]
// CHECK: %[[IN:.*]] = genc.and %[[GE]], %[[LE]]
// CHECK: %[[LT:.*]] = genc.compare LT, %[[X]], %[[LO]]
// CHECK: %[[LOW:.*]] = genc.and %[[LT]], %[[ORD]]
// CHECK: %[[DLO:.*]] = genc.select %[[LOW]], %[[CT]]
// CHECK: %[[DX:.*]] = genc.select %[[IN]], %[[CT]]
// CHECK: %[[REST:.*]] = genc.select %[[LOW]], %{{.*}}, %[[CT]]
// CHECK: %[[DHI:.*]] = genc.select %[[IN]], %{{.*}}, %[[REST]]
// CHECK: return %{{.*}}, %[[DLO]], %[[DX]], %[[DHI]]
func.func @clamp(%lo: tensor<3xf32>, %x: tensor<3xf32>, %hi: tensor<3xf32>) -> tensor<3xf32> {
  %y = genc.clamp %lo, %x, %hi : tensor<3xf32>
  return %y : tensor<3xf32>
}
func.func @main(%lo: tensor<3xf32>, %x: tensor<3xf32>, %hi: tensor<3xf32>, %ct: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) {
  %y, %a, %b, %c = genc.vjp @clamp(%lo, %x, %hi) cotangents(%ct) argnums = [0, 1, 2] : (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>)
  return %a, %b, %c : tensor<3xf32>, tensor<3xf32>, tensor<3xf32>
}

// -----

// convert: float to float converts the cotangent back; nothing flows
// through an integer.
// CHECK-LABEL: func.func private @conv__vjp_0
// CHECK-SAME: (%[[X:.*]]: tensor<2xf32>, %[[CT:.*]]: tensor<2xf64>)
// CHECK: %[[D:.*]] = genc.convert %[[CT]] : (tensor<2xf64>) -> tensor<2xf32>
// CHECK: return %{{.*}}, %[[D]]
func.func @conv(%x: tensor<2xf32>) -> tensor<2xf64> {
  %y = genc.convert %x : (tensor<2xf32>) -> tensor<2xf64>
  return %y : tensor<2xf64>
}
func.func @main(%x: tensor<2xf32>, %ct: tensor<2xf64>) -> tensor<2xf32> {
  %y, %dx = genc.vjp @conv(%x) cotangents(%ct) argnums = [0] : (tensor<2xf32>, tensor<2xf64>) -> (tensor<2xf64>, tensor<2xf32>)
  return %dx : tensor<2xf32>
}


func.func @exp(%x: tensor<4xf32>) -> tensor<4xf32> {
  %y = genc.exp %x : tensor<4xf32>
  return %y : tensor<4xf32>
}
func.func @main(%x: tensor<4xf32>, %ct: tensor<4xf32>) -> tensor<4xf32> {
  %y, %dx = genc.vjp @exp(%x) cotangents(%ct) argnums = [0] : (tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %dx : tensor<4xf32>
}


func.func @logtanh(%x: tensor<4xf32>) -> tensor<4xf32> {
  %l = genc.log %x : tensor<4xf32>
  %t = genc.tanh %l : tensor<4xf32>
  return %t : tensor<4xf32>
}
func.func @main(%x: tensor<4xf32>, %ct: tensor<4xf32>) -> tensor<4xf32> {
  %y, %dx = genc.vjp @logtanh(%x) cotangents(%ct) argnums = [0] : (tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %dx : tensor<4xf32>
}


func.func @steps(%x: tensor<3xf64>) -> tensor<3xf64> {
  %f = genc.floor %x : tensor<3xf64>
  %s = genc.sign %f : tensor<3xf64>
  return %s : tensor<3xf64>
}
func.func @main(%x: tensor<3xf64>, %ct: tensor<3xf64>) -> tensor<3xf64> {
  %y, %dx = genc.vjp @steps(%x) cotangents(%ct) argnums = [0] : (tensor<3xf64>, tensor<3xf64>) -> (tensor<3xf64>, tensor<3xf64>)
  return %dx : tensor<3xf64>
}


func.func @subdiv(%a: tensor<2xf32>, %b: tensor<2xf32>) -> tensor<2xf32> {
  %s = genc.sub %a, %b : tensor<2xf32>
  %q = genc.div %s, %b : tensor<2xf32>
  return %q : tensor<2xf32>
}
func.func @main(%a: tensor<2xf32>, %b: tensor<2xf32>, %ct: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>) {
  %y, %da, %db = genc.vjp @subdiv(%a, %b) cotangents(%ct) argnums = [0, 1] : (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>)
  return %da, %db : tensor<2xf32>, tensor<2xf32>
}


func.func @pow(%a: tensor<2xf64>, %b: tensor<2xf64>) -> tensor<2xf64> {
  %y = genc.pow %a, %b : tensor<2xf64>
  return %y : tensor<2xf64>
}
func.func @main(%a: tensor<2xf64>, %b: tensor<2xf64>, %ct: tensor<2xf64>) -> (tensor<2xf64>, tensor<2xf64>) {
  %y, %da, %db = genc.vjp @pow(%a, %b) cotangents(%ct) argnums = [0, 1] : (tensor<2xf64>, tensor<2xf64>, tensor<2xf64>) -> (tensor<2xf64>, tensor<2xf64>, tensor<2xf64>)
  return %da, %db : tensor<2xf64>, tensor<2xf64>
}


func.func @max(%a: tensor<2xf32>, %b: tensor<2xf32>) -> tensor<2xf32> {
  %y = genc.max %a, %b : tensor<2xf32>
  return %y : tensor<2xf32>
}
func.func @main(%a: tensor<2xf32>, %b: tensor<2xf32>, %ct: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>) {
  %y, %da, %db = genc.vjp @max(%a, %b) cotangents(%ct) argnums = [0, 1] : (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>)
  return %da, %db : tensor<2xf32>, tensor<2xf32>
}


func.func @sel(%p: tensor<3xi1>, %a: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<3xf32> {
  %y = genc.select %p, %a, %b : tensor<3xi1>, tensor<3xf32>
  return %y : tensor<3xf32>
}
func.func @main(%p: tensor<3xi1>, %a: tensor<3xf32>, %b: tensor<3xf32>, %ct: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %y, %da, %db = genc.vjp @sel(%p, %a, %b) cotangents(%ct) argnums = [1, 2] : (tensor<3xi1>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>)
  return %da, %db : tensor<3xf32>, tensor<3xf32>
}


func.func @clamp(%lo: tensor<3xf32>, %x: tensor<3xf32>, %hi: tensor<3xf32>) -> tensor<3xf32> {
  %y = genc.clamp %lo, %x, %hi : tensor<3xf32>
  return %y : tensor<3xf32>
}
func.func @main(%lo: tensor<3xf32>, %x: tensor<3xf32>, %hi: tensor<3xf32>, %ct: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) {
  %y, %a, %b, %c = genc.vjp @clamp(%lo, %x, %hi) cotangents(%ct) argnums = [0, 1, 2] : (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>)
  return %a, %b, %c : tensor<3xf32>, tensor<3xf32>, tensor<3xf32>
}


func.func @conv(%x: tensor<2xf32>) -> tensor<2xf64> {
  %y = genc.convert %x : (tensor<2xf32>) -> tensor<2xf64>
  return %y : tensor<2xf64>
}
func.func @main(%x: tensor<2xf32>, %ct: tensor<2xf64>) -> tensor<2xf32> {
  %y, %dx = genc.vjp @conv(%x) cotangents(%ct) argnums = [0] : (tensor<2xf32>, tensor<2xf64>) -> (tensor<2xf64>, tensor<2xf32>)
  return %dx : tensor<2xf32>
}

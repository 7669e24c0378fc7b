
func.func @main(%x: tensor<7xf32>) -> (tensor<7xi32>, tensor<7xi1>, tensor<7xf64>) {
  %isnan = genc.compare NE, %x, %x : (tensor<7xf32>, tensor<7xf32>) -> tensor<7xi1>
  %zero = genc.constant dense<0.0> : tensor<7xf32>
  %i = genc.select %isnan, %zero, %x : tensor<7xi1>, tensor<7xf32>
  %0 = genc.convert %i : (tensor<7xf32>) -> tensor<7xi32>
  %1 = genc.convert %x : (tensor<7xf32>) -> tensor<7xi1>
  %2 = genc.convert %x : (tensor<7xf32>) -> tensor<7xf64>
  return %0, %1, %2 : tensor<7xi32>, tensor<7xi1>, tensor<7xf64>
}

func.func @from_int(%x: tensor<5xi32>, %p: tensor<3xi1>) -> (tensor<5xf32>, tensor<5xi8>, tensor<5xi1>, tensor<3xf32>, tensor<3xi32>) {
  %0 = genc.convert %x : (tensor<5xi32>) -> tensor<5xf32>
  %1 = genc.convert %x : (tensor<5xi32>) -> tensor<5xi8>
  %2 = genc.convert %x : (tensor<5xi32>) -> tensor<5xi1>
  %3 = genc.convert %p : (tensor<3xi1>) -> tensor<3xf32>
  %4 = genc.convert %p : (tensor<3xi1>) -> tensor<3xi32>
  return %0, %1, %2, %3, %4 : tensor<5xf32>, tensor<5xi8>, tensor<5xi1>, tensor<3xf32>, tensor<3xi32>
}

func.func @halves(%x: tensor<4xf32>) -> (tensor<4xf16>, tensor<4xbf16>) {
  %0 = genc.convert %x : (tensor<4xf32>) -> tensor<4xf16>
  %1 = genc.convert %x : (tensor<4xf32>) -> tensor<4xbf16>
  return %0, %1 : tensor<4xf16>, tensor<4xbf16>
}

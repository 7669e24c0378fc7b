// An entry point with a dynamically shaped argument cannot be compiled.
func.func @main(%a: tensor<?xf32>) -> tensor<?xf32> {
  %r = genc.neg %a : tensor<?xf32>
  return %r : tensor<?xf32>
}

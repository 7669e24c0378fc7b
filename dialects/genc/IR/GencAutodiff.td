//===- GencAutodiff.td - differentiation ops ------------------*- tablegen -*-===//
//
// Call-like transform ops expanded by the genc-autodiff pass, and
// stop_gradient. Included by GencOps.td.
//
//===----------------------------------------------------------------------===//

#ifndef GENC_AUTODIFF_TD
#define GENC_AUTODIFF_TD

include "mlir/IR/SymbolInterfaces.td"
include "mlir/Interfaces/CallInterfaces.td"

def Genc_StopGradientOp : Genc_Op<"stop_gradient", [Pure,
    SameOperandsAndResultType]> {
  let summary = "identity that blocks gradients";
  let description = [{
    Returns its operand; `genc-autodiff` treats the result as a constant (no
    cotangent flows to the operand). Lowering replaces it by its operand.

    ```mlir
    %y = genc.stop_gradient %x : tensor<4xf32>
    ```
  }];
  let arguments = (ins Genc_Tensor:$operand);
  let results = (outs Genc_Tensor:$result);
  let assemblyFormat = "$operand attr-dict `:` type($result)";
}

def Genc_VjpOp : Genc_Op<"vjp", [AttrSizedOperandSegments,
    DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "vector-Jacobian product of a function";
  let description = [{
    Calls `callee` on `primals` and pulls `cotangents` (one per callee
    result) back to the arguments listed in `argnums`. Results: the callee's
    results, then one cotangent per entry of `argnums` (same type as that
    argument). `genc-autodiff` replaces the op by a call of a generated
    function that runs the forward sweep, then the adjoint sweep built from
    each op's `GradOpInterface` rule.

    ```mlir
    %y, %dx = genc.vjp @f(%x) cotangents(%ct) argnums = [0] : (tensor<4xf32>, tensor<f32>) -> (tensor<f32>, tensor<4xf32>)
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$callee,
                       Variadic<Genc_Tensor>:$primals,
                       Variadic<Genc_Tensor>:$cotangents,
                       DenseI64ArrayAttr:$argnums);
  let results = (outs Variadic<Genc_Tensor>:$results);
  let assemblyFormat = [{
    $callee `(` $primals `)` `cotangents` `(` $cotangents `)` `argnums` `=`
    $argnums attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Genc_JvpOp : Genc_Op<"jvp", [AttrSizedOperandSegments,
    DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "Jacobian-vector product of a function (forward mode)";
  let description = [{
    Calls `callee` on `primals` and pushes `tangents` (one per primal, same
    types) forward. Results: the callee's results, then one tangent per
    result. `genc-autodiff` derives it from reverse mode: the VJP is linear
    in its cotangent, so the VJP of `u -> J^T u` at `u = 0` with cotangent
    `t` is `J t` — no separate forward rules are needed, and every op with a
    gradient rule supports JVP. Integer primals get no tangent (ignored).

    ```mlir
    %y, %dy = genc.jvp @f(%x) tangents(%t) : (tensor<4xf32>, tensor<4xf32>) -> (tensor<f32>, tensor<f32>)
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$callee,
                       Variadic<Genc_Tensor>:$primals,
                       Variadic<Genc_Tensor>:$tangents);
  let results = (outs Variadic<Genc_Tensor>:$results);
  let assemblyFormat = [{
    $callee `(` $primals `)` `tangents` `(` $tangents `)` attr-dict `:`
    functional-type(operands, results)
  }];
}

def Genc_ValueAndGradOp : Genc_Op<"value_and_grad", [
    DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "a function's value and gradient (jax.value_and_grad)";
  let description = [{
    Calls `callee`, whose first result must be a 0-d float tensor (the
    loss; further results are auxiliary outputs, not differentiated), and
    returns all its results, then the gradient of the first result with
    respect to each argument listed in `argnums`. `genc-autodiff` rewrites
    it into `genc.vjp` seeded with 1 for the loss and 0 for the rest.

    ```mlir
    %loss, %dw = genc.value_and_grad @f(%w, %x) argnums = [0] : (tensor<4xf32>, tensor<4xf32>) -> (tensor<f32>, tensor<4xf32>)
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$callee,
                       Variadic<Genc_Tensor>:$primals,
                       DenseI64ArrayAttr:$argnums);
  let results = (outs Variadic<Genc_Tensor>:$results);
  let assemblyFormat = [{
    $callee `(` $primals `)` `argnums` `=` $argnums attr-dict `:`
    functional-type($primals, $results)
  }];
  let hasVerifier = 1;
}

def Genc_GradOp : Genc_Op<"grad", [
    DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "a function's gradient (jax.grad)";
  let description = [{
    The gradient of `callee`'s first result (a 0-d float tensor) with respect
    to the arguments in `argnums`, one result per argnum. With `has_aux`,
    the callee's other results follow the gradients (jax.grad(has_aux=True));
    without it the callee must have exactly one result. Rewritten into
    `genc.vjp` by `genc-autodiff`.

    ```mlir
    %dw, %dx = genc.grad @f(%w, %x) argnums = [0, 1] : (tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$callee,
                       Variadic<Genc_Tensor>:$primals,
                       DenseI64ArrayAttr:$argnums, UnitAttr:$has_aux);
  let results = (outs Variadic<Genc_Tensor>:$results);
  let assemblyFormat = [{
    $callee `(` $primals `)` `argnums` `=` $argnums attr-dict `:`
    functional-type($primals, $results)
  }];
  let hasVerifier = 1;
}

def Genc_VmapOp : Genc_Op<"vmap", [
    DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "a function mapped over a batch dimension (jax.vmap)";
  let description = [{
    Calls `callee` once per example of a batch of `axis_size` examples, as
    one batched program. `in_axes` gives, per primal, the dimension holding
    the batch, or -1 for an argument shared by all examples; `out_axes`
    gives, per result, where the batch dimension goes. The `genc-vmap` pass
    generates the batched function from each op's batching rule
    (`BatchingOpInterface`): batches are folded into the ops (a batched
    dot_general, one convolution over all images), never a per-example loop.

    `axis_name` (jax.vmap's axis_name) and `spmd_axis_name` (the mesh axis
    a sharded program maps this batch to) are reserved for collectives over
    the mapped axis (issue #8): they are verified (non-empty, and a nested
    vmap may not reuse an enclosing one's axis_name) and carried, and
    genc-vmap does not read them yet.

    ```mlir
    %y = genc.vmap @f(%xs, %w) in_axes = [0, -1] out_axes = [0] axis_size = 8 : (tensor<8x3xf32>, tensor<3x4xf32>) -> tensor<8x4xf32>
    %z = genc.vmap @f(%xs, %w) in_axes = [0, -1] out_axes = [0] axis_size = 8 {axis_name = "batch", spmd_axis_name = "data"} : (tensor<8x3xf32>, tensor<3x4xf32>) -> tensor<8x4xf32>
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$callee,
                       Variadic<Genc_Tensor>:$primals,
                       DenseI64ArrayAttr:$in_axes, DenseI64ArrayAttr:$out_axes,
                       I64Attr:$axis_size,
                       OptionalAttr<StrAttr>:$axis_name,
                       OptionalAttr<StrAttr>:$spmd_axis_name);
  let results = (outs Variadic<Genc_Tensor>:$results);
  let assemblyFormat = [{
    $callee `(` $primals `)` `in_axes` `=` $in_axes `out_axes` `=` $out_axes
    `axis_size` `=` $axis_size attr-dict `:`
    functional-type($primals, $results)
  }];
}

#endif // GENC_AUTODIFF_TD

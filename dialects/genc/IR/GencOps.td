//===- GencOps.td - genc dialect operations ------------------*- tablegen -*-===//
//
// Ops of the genc dialect. Semantics follow StableHLO where an equivalent
// exists; each description states exactly what the op computes.
//
//===----------------------------------------------------------------------===//

#ifndef GENC_OPS_TD
#define GENC_OPS_TD

include "dialects/genc/IR/GencBase.td"
include "dialects/genc/IR/GencInterfaces.td"
include "mlir/IR/BuiltinAttributes.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"

//===----------------------------------------------------------------------===//
// Constants and generators
//===----------------------------------------------------------------------===//

def Genc_ConstantOp : Genc_Op<"constant", [ConstantLike, Pure,
    AllTypesMatch<["value", "result"]>]> {
  let summary = "a constant tensor";
  let description = [{
    Produces the tensor given by the dense elements attribute `value`.

    ```mlir
    %c = genc.constant dense<[1.0, 2.0]> : tensor<2xf32>
    ```
  }];
  let arguments = (ins ElementsAttr:$value);
  let results = (outs Genc_Tensor:$result);
  let assemblyFormat = "attr-dict $value";
  let hasFolder = 1;
}

def Genc_IotaOp : Genc_Op<"iota", [Pure]> {
  let summary = "a tensor counting along one dimension";
  let description = [{
    `result[i0, ..., iN] = i_d` where `d = iota_dimension`, converted to the
    result element type.

    ```mlir
    %i = genc.iota dim = 1 : tensor<2x3xi32>
    ```
  }];
  let arguments = (ins I64Attr:$iota_dimension);
  let results = (outs Genc_Tensor:$result);
  let assemblyFormat = "`dim` `=` $iota_dimension attr-dict `:` type($result)";
  let hasVerifier = 1;
}

def Genc_RngBitGeneratorOp : Genc_Op<"rng_bit_generator", [Pure]> {
  let summary = "counter-based random bits (threefry2x32)";
  let description = [{
    Given a threefry2x32 key `initial_state` (tensor<2xi32>: the key's two
    32-bit words), returns a new key and a tensor of uniformly random 32-bit
    words. With `N` output elements (row-major), the words are JAX's
    `threefry_2x32(key, iota(N))`: the counters `0..N-1` (padded when
    `N` is odd, with a zero counter, as JAX) are split into halves
    `x0 = c[:M]`, `x1 = c[M:]`, hashed
    pairwise, and the two output words are concatenated. The new key is
    `threefry2x32(key, (N', N' + 1))` for `N' = N` rounded up to even, so
    it never reuses a counter of `output`. Same key, same bits, on every
    backend.

    ```mlir
    %k2, %bits = genc.rng_bit_generator %key : (tensor<2xi32>) -> (tensor<2xi32>, tensor<4x4xi32>)
    ```
  }];
  let arguments = (ins Genc_RngStateTensor:$initial_state);
  let results = (outs Genc_RngStateTensor:$output_state,
                      Genc_RngStateTensor:$output);
  let assemblyFormat = "$initial_state attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Genc_Threefry2x32Op : Genc_Op<"threefry2x32", [Pure,
    AllTypesMatch<["key0", "key1", "x0", "x1", "out0", "out1"]>]> {
  let summary = "the threefry2x32 hash, elementwise";
  let description = [{
    Threefry-2x32 with 20 rounds (Random123; JAX's `threefry2x32_p`) applied
    elementwise: for each position, the key `(key0, key1)` hashes the
    counter `(x0, x1)` to `(out0, out1)`. All six tensors have one shape and
    element type i32 (bit patterns; arithmetic wraps). The frontend builds
    JAX-compatible `split`, `fold_in` and random bits from it.

    ```mlir
    %y0, %y1 = genc.threefry2x32 %k0, %k1, %x0, %x1 : tensor<4xi32>
    ```
  }];
  let arguments = (ins TensorOf<[I32]>:$key0, TensorOf<[I32]>:$key1,
                       TensorOf<[I32]>:$x0, TensorOf<[I32]>:$x1);
  let results = (outs TensorOf<[I32]>:$out0, TensorOf<[I32]>:$out1);
  let assemblyFormat = [{
    $key0 `,` $key1 `,` $x0 `,` $x1 attr-dict `:` type($out0)
  }];
}

//===----------------------------------------------------------------------===//
// Elementwise ops
//===----------------------------------------------------------------------===//

class Genc_UnaryOp<string mnemonic, Type type, list<Trait> traits = []>
    : Genc_Op<mnemonic, traits # [Pure, Elementwise, SameOperandsAndResultType,
        DeclareOpInterfaceMethods<Genc_ScalarizableOpInterface>,
        DeclareOpInterfaceMethods<Genc_GradOpInterface, ["buildVjp"]>]> {
  let arguments = (ins type:$operand);
  let results = (outs type:$result);
  let assemblyFormat = "$operand attr-dict `:` type($result)";
}

class Genc_FloatUnaryOp<string mnemonic, string formula>
    : Genc_UnaryOp<mnemonic, Genc_FloatTensor> {
  let summary = "elementwise " # formula;
  let description = "Computes `" # formula # "` for every element.\n\n"
    "```mlir\n%r = genc." # mnemonic # " %x : tensor<4xf32>\n```";
}

def Genc_NegOp : Genc_UnaryOp<"neg", Genc_Tensor, [Genc_Linear]> {
  let summary = "elementwise negation";
  let description = [{
    `result = -operand` elementwise (two's complement for integers).

    ```mlir
    %r = genc.neg %x : tensor<4xf32>
    ```
  }];
  let hasFolder = 1;
}
def Genc_AbsOp : Genc_UnaryOp<"abs", Genc_Tensor> {
  let summary = "elementwise absolute value";
  let description = [{
    `result = |operand|` elementwise.

    ```mlir
    %r = genc.abs %x : tensor<4xf32>
    ```
  }];
}
def Genc_SignOp : Genc_UnaryOp<"sign", Genc_Tensor> {
  let summary = "elementwise sign";
  let description = [{
    `-1`, `0` or `1` by the sign of each element; NaN stays NaN and `-0.0`
    stays `-0.0`, as in StableHLO.

    ```mlir
    %r = genc.sign %x : tensor<4xf32>
    ```
  }];
}
def Genc_ExpOp : Genc_FloatUnaryOp<"exp", "e^x">;
def Genc_LogOp : Genc_FloatUnaryOp<"log", "ln(x)">;
def Genc_Log1pOp : Genc_FloatUnaryOp<"log1p", "ln(1 + x)">;
def Genc_Expm1Op : Genc_FloatUnaryOp<"expm1", "e^x - 1">;
def Genc_SqrtOp : Genc_FloatUnaryOp<"sqrt", "sqrt(x)">;
def Genc_RsqrtOp : Genc_FloatUnaryOp<"rsqrt", "1 / sqrt(x)">;
def Genc_TanhOp : Genc_FloatUnaryOp<"tanh", "tanh(x)">;
def Genc_LogisticOp : Genc_FloatUnaryOp<"logistic", "1 / (1 + e^-x)">;
def Genc_SinOp : Genc_FloatUnaryOp<"sin", "sin(x)">;
def Genc_CosOp : Genc_FloatUnaryOp<"cos", "cos(x)">;
def Genc_FloorOp : Genc_FloatUnaryOp<"floor", "floor(x)">;

class Genc_BinaryOp<string mnemonic, Type type, string formula,
                    list<Trait> traits = []>
    : Genc_Op<mnemonic, traits # [Pure, Elementwise, SameOperandsAndResultType,
        DeclareOpInterfaceMethods<Genc_ScalarizableOpInterface>,
        DeclareOpInterfaceMethods<Genc_GradOpInterface, ["buildVjp"]>]> {
  let summary = "elementwise " # formula;
  let description = "Computes `" # formula # "` for every pair of elements; "
    "both operands and the result have the same type (broadcasting is "
    "explicit, with `genc.broadcast_in_dim`).\n\n"
    "```mlir\n%r = genc." # mnemonic # " %a, %b : tensor<2x3xf32>\n```";
  let arguments = (ins type:$lhs, type:$rhs);
  let results = (outs type:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` type($result)";
}

def Genc_AddOp : Genc_BinaryOp<"add", Genc_Tensor, "lhs + rhs", [Commutative, Genc_Linear]> {
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}
def Genc_SubOp : Genc_BinaryOp<"sub", Genc_Tensor, "lhs - rhs", [Genc_Linear]> {
  let hasFolder = 1;
}
def Genc_MulOp : Genc_BinaryOp<"mul", Genc_Tensor, "lhs * rhs", [Commutative]> {
  let hasFolder = 1;
}
def Genc_DivOp : Genc_BinaryOp<"div", Genc_Tensor,
    "lhs / rhs (integers: truncating; division by zero gives -1, as in StableHLO)">;
def Genc_RemOp : Genc_BinaryOp<"rem", Genc_Tensor,
    "lhs - rhs * trunc(lhs / rhs) (C fmod; the sign of lhs)">;
def Genc_PowOp : Genc_BinaryOp<"pow", Genc_FloatTensor, "lhs ^ rhs">;
def Genc_MaxOp : Genc_BinaryOp<"max", Genc_Tensor,
    "max(lhs, rhs) (NaN if either is NaN)", [Commutative]>;
def Genc_MinOp : Genc_BinaryOp<"min", Genc_Tensor,
    "min(lhs, rhs) (NaN if either is NaN)", [Commutative]>;
def Genc_AndOp : Genc_BinaryOp<"and", Genc_IntTensor, "lhs & rhs", [Commutative]>;
def Genc_OrOp : Genc_BinaryOp<"or", Genc_IntTensor, "lhs | rhs", [Commutative]>;

def Genc_CompareOp : Genc_Op<"compare", [Pure, Elementwise,
    SameTypeOperands, SameOperandsAndResultShape,
    DeclareOpInterfaceMethods<Genc_ScalarizableOpInterface>]> {
  let summary = "elementwise comparison";
  let description = [{
    Compares `lhs` and `rhs` elementwise by `comparison_direction` and yields
    an `i1` tensor. Floats compare as IEEE ordered comparisons (`NE` is
    unordered: true if either is NaN); integers compare signed.

    ```mlir
    %p = genc.compare LT, %a, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
    ```
  }];
  let arguments = (ins Genc_ComparisonDirectionAttr:$comparison_direction,
                       Genc_Tensor:$lhs, Genc_Tensor:$rhs);
  let results = (outs Genc_PredTensor:$result);
  let assemblyFormat = [{
    $comparison_direction `,` $lhs `,` $rhs attr-dict `:`
    functional-type(operands, results)
  }];
}

def Genc_SelectOp : Genc_Op<"select", [Pure, Elementwise,
    AllTypesMatch<["on_true", "on_false", "result"]>,
    AllShapesMatch<["pred", "on_true"]>,
    DeclareOpInterfaceMethods<Genc_ScalarizableOpInterface>,
    DeclareOpInterfaceMethods<Genc_GradOpInterface, ["buildVjp"]>]> {
  let summary = "elementwise choice";
  let description = [{
    `result[i] = pred[i] ? on_true[i] : on_false[i]`.

    ```mlir
    %r = genc.select %p, %a, %b : tensor<4xi1>, tensor<4xf32>
    ```
  }];
  let arguments = (ins Genc_PredTensor:$pred, Genc_Tensor:$on_true,
                       Genc_Tensor:$on_false);
  let results = (outs Genc_Tensor:$result);
  let assemblyFormat = [{
    $pred `,` $on_true `,` $on_false attr-dict `:` type($pred) `,` type($result)
  }];
}

def Genc_ClampOp : Genc_Op<"clamp", [Pure, Elementwise,
    AllTypesMatch<["min", "operand", "max", "result"]>,
    DeclareOpInterfaceMethods<Genc_ScalarizableOpInterface>,
    DeclareOpInterfaceMethods<Genc_GradOpInterface, ["buildVjp"]>]> {
  let summary = "elementwise clamp";
  let description = [{
    `result = min(max(operand, min), max)` elementwise (bounds have the
    operand's type; broadcast scalars explicitly).

    ```mlir
    %r = genc.clamp %lo, %x, %hi : tensor<4xf32>
    ```
  }];
  let arguments = (ins Genc_Tensor:$min, Genc_Tensor:$operand,
                       Genc_Tensor:$max);
  let results = (outs Genc_Tensor:$result);
  let assemblyFormat = "$min `,` $operand `,` $max attr-dict `:` type($result)";
}

def Genc_ConvertOp : Genc_Op<"convert", [Pure, Elementwise,
    SameOperandsAndResultShape,
    DeclareOpInterfaceMethods<Genc_ScalarizableOpInterface>,
    DeclareOpInterfaceMethods<Genc_GradOpInterface, ["buildVjp"]>]> {
  let summary = "elementwise type conversion";
  let description = [{
    Converts each element to the result element type: float to float rounds
    to nearest even; float to integer truncates toward zero and saturates
    at the integer range (NaN gives 0); integer to
    float rounds; to `i1` means `!= 0`; from `i1` gives 0 or 1.

    ```mlir
    %r = genc.convert %x : (tensor<4xi32>) -> tensor<4xf32>
    ```
  }];
  let arguments = (ins Genc_Tensor:$operand);
  let results = (outs Genc_Tensor:$result);
  let assemblyFormat = "$operand attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Shape and layout ops
//===----------------------------------------------------------------------===//

def Genc_BroadcastInDimOp : Genc_Op<"broadcast_in_dim", [Pure,
    AllElementTypesMatch<["operand", "result"]>,
    DeclareOpInterfaceMethods<Genc_GradOpInterface, ["buildVjp"]>,
    DeclareOpInterfaceMethods<Genc_ShardingOpInterface, ["buildPartitioned"]>]> {
  let summary = "broadcast to a larger shape";
  let description = [{
    Operand dimension `i` becomes result dimension `broadcast_dimensions[i]`;
    its size must equal the result's there or be 1 (then it is repeated).
    Result dimensions not named are new and the operand is repeated along
    them.

    ```mlir
    %r = genc.broadcast_in_dim %b, dims = [1] : (tensor<3xf32>) -> tensor<2x3xf32>
    ```
  }];
  let arguments = (ins Genc_Tensor:$operand,
                       DenseI64ArrayAttr:$broadcast_dimensions);
  let results = (outs Genc_Tensor:$result);
  let assemblyFormat = [{
    $operand `,` `dims` `=` $broadcast_dimensions attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Genc_ReshapeOp : Genc_Op<"reshape", [Pure, Genc_Linear,
    AllElementTypesMatch<["operand", "result"]>,
    DeclareOpInterfaceMethods<Genc_GradOpInterface, ["buildVjp"]>]> {
  let summary = "reinterpret the shape, row-major";
  let description = [{
    Same elements in row-major order, new shape with the same element count.

    ```mlir
    %r = genc.reshape %x : (tensor<2x3xf32>) -> tensor<6xf32>
    ```
  }];
  let arguments = (ins Genc_Tensor:$operand);
  let results = (outs Genc_Tensor:$result);
  let assemblyFormat = "$operand attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Genc_TransposeOp : Genc_Op<"transpose", [Pure,
    AllElementTypesMatch<["operand", "result"]>,
    DeclareOpInterfaceMethods<Genc_GradOpInterface, ["buildVjp"]>,
    DeclareOpInterfaceMethods<Genc_ShardingOpInterface, ["buildPartitioned"]>]> {
  let summary = "permute dimensions";
  let description = [{
    `result.shape[i] = operand.shape[permutation[i]]` and
    `result[i0..iN] = operand[j]` with `j[permutation[k]] = i_k`.

    ```mlir
    %r = genc.transpose %x, dims = [1, 0] : (tensor<2x3xf32>) -> tensor<3x2xf32>
    ```
  }];
  let arguments = (ins Genc_Tensor:$operand, DenseI64ArrayAttr:$permutation);
  let results = (outs Genc_Tensor:$result);
  let assemblyFormat = [{
    $operand `,` `dims` `=` $permutation attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
  let hasCanonicalizeMethod = 1;
}

def Genc_SliceOp : Genc_Op<"slice", [Pure,
    AllElementTypesMatch<["operand", "result"]>,
    DeclareOpInterfaceMethods<Genc_GradOpInterface, ["buildVjp"]>]> {
  let summary = "static strided slice";
  let description = [{
    Elements `start_indices[d] + k * strides[d]` for `k` while below
    `limit_indices[d]`, in every dimension `d`.

    ```mlir
    %r = genc.slice %x start = [0, 1] limit = [2, 3] strides = [1, 1] : (tensor<4x4xf32>) -> tensor<2x2xf32>
    ```
  }];
  let arguments = (ins Genc_Tensor:$operand, DenseI64ArrayAttr:$start_indices,
                       DenseI64ArrayAttr:$limit_indices,
                       DenseI64ArrayAttr:$strides);
  let results = (outs Genc_Tensor:$result);
  let assemblyFormat = [{
    $operand `start` `=` $start_indices `limit` `=` $limit_indices
    `strides` `=` $strides attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Genc_DynamicSliceOp : Genc_Op<"dynamic_slice", [Pure,
    AllElementTypesMatch<["operand", "result"]>,
    DeclareOpInterfaceMethods<Genc_GradOpInterface, ["buildVjp"]>]> {
  let summary = "slice at run-time start indices";
  let description = [{
    A slice of size `slice_sizes` starting at the run-time `start_indices`
    (one 0-d integer tensor per dimension). Starts are clamped into
    `[0, operand.shape[d] - slice_sizes[d]]`, as in StableHLO.

    ```mlir
    %r = genc.dynamic_slice %x, %i, %j sizes = [2, 2] : (tensor<4x4xf32>, tensor<i32>, tensor<i32>) -> tensor<2x2xf32>
    ```
  }];
  let arguments = (ins Genc_Tensor:$operand,
                       Variadic<Genc_ScalarIndexTensor>:$start_indices,
                       DenseI64ArrayAttr:$slice_sizes);
  let results = (outs Genc_Tensor:$result);
  let assemblyFormat = [{
    $operand `,` $start_indices `sizes` `=` $slice_sizes attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Genc_ConcatenateOp : Genc_Op<"concatenate", [Pure,
    SameOperandsAndResultElementType,
    DeclareOpInterfaceMethods<Genc_GradOpInterface, ["buildVjp"]>]> {
  let summary = "join tensors along one dimension";
  let description = [{
    Concatenates the inputs along `dimension`; all other dimensions agree.

    ```mlir
    %r = genc.concatenate %a, %b dim = 0 : (tensor<1x3xf32>, tensor<2x3xf32>) -> tensor<3x3xf32>
    ```
  }];
  let arguments = (ins Variadic<Genc_Tensor>:$inputs, I64Attr:$dimension);
  let results = (outs Genc_Tensor:$result);
  let assemblyFormat = [{
    $inputs `dim` `=` $dimension attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Genc_PadOp : Genc_Op<"pad", [Pure,
    AllElementTypesMatch<["operand", "padding_value", "result"]>,
    DeclareOpInterfaceMethods<Genc_GradOpInterface, ["buildVjp"]>]> {
  let summary = "pad with edge and interior padding";
  let description = [{
    Inserts `interior_padding[d]` copies of `padding_value` between adjacent
    elements, then `edge_padding_low[d]` before and `edge_padding_high[d]`
    after (negative edge padding removes elements), as in StableHLO.

    ```mlir
    %r = genc.pad %x, %zero low = [1] high = [2] interior = [0] : (tensor<3xf32>, tensor<f32>) -> tensor<6xf32>
    ```
  }];
  let arguments = (ins Genc_Tensor:$operand, Genc_ScalarTensor:$padding_value,
                       DenseI64ArrayAttr:$edge_padding_low,
                       DenseI64ArrayAttr:$edge_padding_high,
                       DenseI64ArrayAttr:$interior_padding);
  let results = (outs Genc_Tensor:$result);
  let assemblyFormat = [{
    $operand `,` $padding_value `low` `=` $edge_padding_low `high` `=`
    $edge_padding_high `interior` `=` $interior_padding attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Genc_ReverseOp : Genc_Op<"reverse", [Pure, SameOperandsAndResultType,
    DeclareOpInterfaceMethods<Genc_GradOpInterface, ["buildVjp"]>]> {
  let summary = "reverse along dimensions";
  let description = [{
    `result[.., i_d, ..] = operand[.., N_d - 1 - i_d, ..]` for each `d` in
    `dimensions`.

    ```mlir
    %r = genc.reverse %x, dims = [0] : tensor<4x3xf32>
    ```
  }];
  let arguments = (ins Genc_Tensor:$operand, DenseI64ArrayAttr:$dimensions);
  let results = (outs Genc_Tensor:$result);
  let assemblyFormat = "$operand `,` `dims` `=` $dimensions attr-dict `:` type($result)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Reductions and contractions
//===----------------------------------------------------------------------===//

def Genc_ReduceOp : Genc_Op<"reduce", [Pure,
    AllElementTypesMatch<["operand", "init_value", "result"]>,
    DeclareOpInterfaceMethods<Genc_GradOpInterface, ["buildVjp"]>,
    DeclareOpInterfaceMethods<Genc_ShardingOpInterface, ["buildPartitioned"]>]> {
  let summary = "reduce over dimensions with a combiner region";
  let description = [{
    Folds `operand` over `dimensions` with the body, starting from
    `init_value` (which must be an identity of the body for the result to be
    independent of the evaluation order). The body takes two 0-d tensors
    and returns one. The result has the operand's shape without
    `dimensions`.

    ```mlir
    %s = genc.reduce %x, %zero dims = [1] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2xf32> {
    ^bb0(%a: tensor<f32>, %b: tensor<f32>):
      %t = genc.add %a, %b : tensor<f32>
      genc.return %t : tensor<f32>
    }
    ```
  }];
  let arguments = (ins Genc_Tensor:$operand, Genc_ScalarTensor:$init_value,
                       DenseI64ArrayAttr:$dimensions);
  let results = (outs Genc_Tensor:$result);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    $operand `,` $init_value `dims` `=` $dimensions attr-dict `:`
    functional-type(operands, results) $body
  }];
  let hasVerifier = 1;
  let skipDefaultBuilders = 1;
  let builders = [
    // Builds a reduction whose body is one binary elementwise op `T`, e.g.
    // genc.add for a sum. Defined in GencOps.cpp.
    OpBuilder<(ins "Value":$operand, "Value":$init,
                   "ArrayRef<int64_t>":$dimensions,
                   "function_ref<Value(OpBuilder &, Location, Value, Value)>":$combiner)>
  ];
}

def Genc_DotGeneralOp : Genc_Op<"dot_general", [Pure,
    SameOperandsAndResultElementType,
    DeclareOpInterfaceMethods<Genc_GradOpInterface, ["buildVjp"]>,
    DeclareOpInterfaceMethods<Genc_ShardingOpInterface, ["buildPartitioned"]>]> {
  let summary = "general tensor contraction";
  let description = [{
    Contracts `lhs` and `rhs` over the paired contracting dimensions, batched
    over the paired batching dimensions. The result dimensions are: batch
    dimensions, then the remaining (free) `lhs` dimensions, then the free
    `rhs` dimensions, each in order — as StableHLO's `dot_general`.

    ```mlir
    %r = genc.dot_general %a, %b, batch = [] x [], contract = [1] x [0] : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
    ```
  }];
  let arguments = (ins Genc_Tensor:$lhs, Genc_Tensor:$rhs,
                       DenseI64ArrayAttr:$lhs_batching_dimensions,
                       DenseI64ArrayAttr:$rhs_batching_dimensions,
                       DenseI64ArrayAttr:$lhs_contracting_dimensions,
                       DenseI64ArrayAttr:$rhs_contracting_dimensions);
  let results = (outs Genc_Tensor:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs `,` `batch` `=` $lhs_batching_dimensions `x`
    $rhs_batching_dimensions `,` `contract` `=` $lhs_contracting_dimensions
    `x` $rhs_contracting_dimensions attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Genc_ConvolutionOp : Genc_Op<"convolution", [Pure,
    SameOperandsAndResultElementType,
    DeclareOpInterfaceMethods<Genc_GradOpInterface, ["buildVjp"]>]> {
  let summary = "N-d convolution with strides, padding, dilations and groups";
  let description = [{
    StableHLO's `convolution` (cross-correlation) with explicit dimension
    numbers. For each batch `b`, output feature `o` and output spatial
    position `p`:

    `result[b, o, p] = sum_{i, k} lhs_dilated_padded[b, g*Ci + i, p*stride + k*rhs_dilation] * rhs[i, o, k]`

    where `lhs_dilated_padded` inserts `lhs_dilation - 1` zeros between input
    elements (transposed convolution) then pads with `padding` (pairs
    low/high per spatial dimension, flattened), and `g` is the feature group
    of `o` (`feature_group_count` groups of `Ci` input features each).
    Dimension numbers say where batch/feature/spatial dimensions lie in each
    tensor; the defaults are NHWC input, HWIO kernel, NHWC output.

    ```mlir
    %y = genc.convolution %x, %w {window_strides = array<i64: 1, 1>, padding = array<i64: 1, 1, 1, 1>} : (tensor<1x8x8x3xf32>, tensor<3x3x3x16xf32>) -> tensor<1x8x8x16xf32>
    ```
  }];
  let arguments = (ins Genc_FloatTensor:$lhs, Genc_FloatTensor:$rhs,
      OptionalAttr<DenseI64ArrayAttr>:$window_strides,
      OptionalAttr<DenseI64ArrayAttr>:$padding,
      OptionalAttr<DenseI64ArrayAttr>:$lhs_dilation,
      OptionalAttr<DenseI64ArrayAttr>:$rhs_dilation,
      DefaultValuedAttr<I64Attr, "1">:$feature_group_count,
      DefaultValuedAttr<I64Attr, "0">:$input_batch_dimension,
      DefaultValuedAttr<I64Attr, "-1">:$input_feature_dimension,
      OptionalAttr<DenseI64ArrayAttr>:$input_spatial_dimensions,
      DefaultValuedAttr<I64Attr, "-2">:$kernel_input_feature_dimension,
      DefaultValuedAttr<I64Attr, "-1">:$kernel_output_feature_dimension,
      OptionalAttr<DenseI64ArrayAttr>:$kernel_spatial_dimensions,
      DefaultValuedAttr<I64Attr, "0">:$output_batch_dimension,
      DefaultValuedAttr<I64Attr, "-1">:$output_feature_dimension,
      OptionalAttr<DenseI64ArrayAttr>:$output_spatial_dimensions);
  let results = (outs Genc_FloatTensor:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The convolution's geometry with defaults and negative dimension
    /// numbers resolved. Valid once the op verifies.
    struct Geometry {
      int64_t numSpatial;
      int64_t inBatch, inFeature, kIn, kOut, outBatch, outFeature;
      SmallVector<int64_t> inSpatial, kSpatial, outSpatial;
      SmallVector<int64_t> strides, padLow, padHigh, lhsDilation, rhsDilation;
    };
    FailureOr<Geometry> getGeometry();
  }];
}

//===----------------------------------------------------------------------===//
// Indexing
//===----------------------------------------------------------------------===//

def Genc_GatherOp : Genc_Op<"gather", [Pure,
    AllElementTypesMatch<["operand", "result"]>,
    DeclareOpInterfaceMethods<Genc_GradOpInterface, ["buildVjp"]>]> {
  let summary = "take slices along one axis at run-time indices";
  let description = [{
    The subset of StableHLO's `gather` that `jnp.take(operand, indices,
    axis)` needs: `result.shape = operand.shape[:axis] + indices.shape +
    operand.shape[axis+1:]` and
    `result[a.., i.., b..] = operand[a.., clamp(indices[i..]), b..]`
    (out-of-range indices are clamped into range, as in StableHLO).

    ```mlir
    %r = genc.gather %table, %idx axis = 0 : (tensor<10x4xf32>, tensor<3xi32>) -> tensor<3x4xf32>
    ```
  }];
  let arguments = (ins Genc_Tensor:$operand, Genc_IndexTensor:$indices,
                       I64Attr:$axis);
  let results = (outs Genc_Tensor:$result);
  let assemblyFormat = [{
    $operand `,` $indices `axis` `=` $axis attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Genc_ScatterAddOp : Genc_Op<"scatter_add", [Pure, Genc_Linear,
    AllTypesMatch<["operand", "result"]>,
    AllElementTypesMatch<["operand", "updates"]>,
    DeclareOpInterfaceMethods<Genc_GradOpInterface, ["buildVjp"]>]> {
  let summary = "add slices into one axis at run-time indices";
  let description = [{
    The transpose of `genc.gather`: starting from `operand`, adds
    `updates[a.., i.., b..]` into `result[a.., indices[i..], b..]`;
    repeated indices accumulate; out-of-range indices are dropped (as
    StableHLO's scatter does).

    ```mlir
    %r = genc.scatter_add %acc, %idx, %upd axis = 0 : (tensor<10x4xf32>, tensor<3xi32>, tensor<3x4xf32>) -> tensor<10x4xf32>
    ```
  }];
  let arguments = (ins Genc_Tensor:$operand, Genc_IndexTensor:$indices,
                       Genc_Tensor:$updates, I64Attr:$axis);
  let results = (outs Genc_Tensor:$result);
  let assemblyFormat = [{
    $operand `,` $indices `,` $updates `axis` `=` $axis attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Control flow
//===----------------------------------------------------------------------===//

def Genc_ReturnOp : Genc_Op<"return", [Pure, Terminator,
    ParentOneOf<["ReduceOp", "WhileOp", "IfOp"]>]> {
  let summary = "yield values from a genc region";
  let description = [{
    Terminates the regions of `genc.reduce`, `genc.while` and `genc.if`.

    ```mlir
    genc.return %x : tensor<f32>
    ```
  }];
  let arguments = (ins Variadic<AnyType>:$results);
  let builders = [OpBuilder<(ins), [{ build($_builder, $_state, {}); }]>];
  let assemblyFormat = "attr-dict ($results^ `:` type($results))?";
}

def Genc_WhileOp : Genc_Op<"while", [RecursiveMemoryEffects,
    AllTypesMatch<["operands", "results"]>]> {
  let summary = "loop while a condition holds";
  let description = [{
    Loop-carried values start as `operands`. The `cond` region's arguments
    are named in the op's header; the `do` region names its own. `cond` maps them to a 0-d `i1`
    tensor; while it is true, `body` maps them to the next values. The
    results are the values when `cond` becomes false.

    ```mlir
    %r = genc.while (%i = %zero) : tensor<i32> cond {
      %p = genc.compare LT, %i, %ten : (tensor<i32>, tensor<i32>) -> tensor<i1>
      genc.return %p : tensor<i1>
    } do {
    ^bb0(%j: tensor<i32>):
      %n = genc.add %j, %one : tensor<i32>
      genc.return %n : tensor<i32>
    }
    ```
  }];
  let arguments = (ins Variadic<Genc_Tensor>:$operands);
  let results = (outs Variadic<Genc_Tensor>:$results);
  let regions = (region SizedRegion<1>:$cond, SizedRegion<1>:$body);
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
}

def Genc_IfOp : Genc_Op<"if", [RecursiveMemoryEffects]> {
  let summary = "choose one of two regions";
  let description = [{
    Runs `then_branch` if the 0-d `i1` tensor `pred` is true, else
    `else_branch`; both return values of the result types.

    ```mlir
    %r = genc.if %p : tensor<i1> -> tensor<f32> {
      genc.return %a : tensor<f32>
    } else {
      genc.return %b : tensor<f32>
    }
    ```
  }];
  let arguments = (ins 0DTensorOf<[I1]>:$pred);
  let results = (outs Variadic<Genc_Tensor>:$results);
  let regions = (region SizedRegion<1>:$then_branch,
                        SizedRegion<1>:$else_branch);
  let assemblyFormat = [{
    $pred `:` type($pred) (`->` type($results)^)? $then_branch `else`
    $else_branch attr-dict
  }];
  let hasVerifier = 1;
}

include "dialects/genc/IR/GencAutodiff.td"
include "dialects/genc/IR/GencSharding.td"

#endif // GENC_OPS_TD

//===- GencSharding.td - shard_map and collectives -------*- tablegen -*-===//
//
// SPMD programs: `genc.shard_map` runs a function once per device of a
// named mesh on its local shards (jax.shard_map); collectives communicate
// between the devices. Collectives name mesh axes (`axes`) inside a
// shard_map body; the `genc-shard` pass resolves them to StableHLO-style
// `replica_groups` (device indices) once the mesh is known.
//
//===----------------------------------------------------------------------===//

#ifndef GENC_SHARDING_TD
#define GENC_SHARDING_TD

def Genc_ReduceSum : I32EnumAttrCase<"sum", 0>;
def Genc_ReduceMax : I32EnumAttrCase<"max", 1>;
def Genc_ReduceMin : I32EnumAttrCase<"min", 2>;
def Genc_ReduceProd : I32EnumAttrCase<"prod", 3>;
def Genc_CollectiveReduceAttr
    : I32EnumAttr<"CollectiveReduce", "reduction of a collective",
                  [Genc_ReduceSum, Genc_ReduceMax, Genc_ReduceMin,
                   Genc_ReduceProd]> {
  let cppNamespace = "::mlir::genc";
}

/// The device groups of a collective: either mesh axis names (before
/// genc-shard) or replica groups (after).
class Genc_CollectiveOp<string mnemonic, list<Trait> traits = []>
    : Genc_Op<mnemonic, traits # [Pure,
        DeclareOpInterfaceMethods<Genc_GradOpInterface, ["buildVjp"]>]> {
  code commonDecls = [{
    /// Devices per group: the replica groups' width, or std::nullopt while
    /// the op still names mesh axes.
    std::optional<int64_t> groupSize();
  }];
  let extraClassDeclaration = commonDecls;
  let hasVerifier = 1;
}

def Genc_AllReduceOp : Genc_CollectiveOp<"all_reduce",
    [SameOperandsAndResultType]> {
  let summary = "reduce across devices (psum, pmax, pmin)";
  let description = [{
    Every device of a group gets the elementwise `kind` reduction of the
    operands of all devices in its group (StableHLO `all_reduce`; JAX
    `psum`/`pmax`/`pmin`). `axes` names the mesh axes to reduce over inside
    a `genc.shard_map` body; `replica_groups` (i64 [groups, size], device
    indices) is the resolved form.

    Gradient: the cotangent of a sum passes through unchanged (psum's
    transpose is a broadcast to every device); max/min/prod have no
    gradient rule.

    ```mlir
    %s = genc.all_reduce sum, %x {axes = ["data"]} : (tensor<4xf32>) -> tensor<4xf32>
    %t = genc.all_reduce max, %x {replica_groups = dense<[[0, 1], [2, 3]]> : tensor<2x2xi64>} : (tensor<4xf32>) -> tensor<4xf32>
    ```
  }];
  let arguments = (ins Genc_CollectiveReduceAttr:$kind, Genc_Tensor:$operand,
                       OptionalAttr<StrArrayAttr>:$axes,
                       OptionalAttr<I64ElementsAttr>:$replica_groups);
  let results = (outs Genc_Tensor:$result);
  let assemblyFormat = [{
    $kind `,` $operand attr-dict `:` functional-type(operands, results)
  }];
}

def Genc_AllGatherOp : Genc_CollectiveOp<"all_gather",
    [AllElementTypesMatch<["operand", "result"]>]> {
  let summary = "concatenate the devices' operands along a dimension";
  let description = [{
    Every device of a group gets the operands of the group's devices
    concatenated along `dim`, in group order (StableHLO `all_gather`; JAX
    `all_gather(..., tiled=True)`). Its gradient is a `reduce_scatter` of
    the cotangent.

    ```mlir
    %g = genc.all_gather %x, dim = 0 {axes = ["data"]} : (tensor<2x3xf32>) -> tensor<4x3xf32>
    ```
  }];
  let arguments = (ins Genc_Tensor:$operand, I64Attr:$dim,
                       OptionalAttr<StrArrayAttr>:$axes,
                       OptionalAttr<I64ElementsAttr>:$replica_groups);
  let results = (outs Genc_Tensor:$result);
  let assemblyFormat = [{
    $operand `,` `dim` `=` $dim attr-dict `:` functional-type(operands, results)
  }];
}

def Genc_ReduceScatterOp : Genc_CollectiveOp<"reduce_scatter",
    [AllElementTypesMatch<["operand", "result"]>]> {
  let summary = "reduce across devices, each keeping one block (psum_scatter)";
  let description = [{
    The operand's `dim` is split into as many blocks as the group has
    devices; device r of a group gets block r of the `kind` reduction over
    the group (StableHLO `reduce_scatter`; JAX
    `psum_scatter(..., tiled=True)`). Its gradient is an `all_gather`.

    ```mlir
    %r = genc.reduce_scatter sum, %x, dim = 0 {axes = ["data"]} : (tensor<4x3xf32>) -> tensor<2x3xf32>
    ```
  }];
  let arguments = (ins Genc_CollectiveReduceAttr:$kind, Genc_Tensor:$operand,
                       I64Attr:$dim, OptionalAttr<StrArrayAttr>:$axes,
                       OptionalAttr<I64ElementsAttr>:$replica_groups);
  let results = (outs Genc_Tensor:$result);
  let assemblyFormat = [{
    $kind `,` $operand `,` `dim` `=` $dim attr-dict `:`
    functional-type(operands, results)
  }];
}

def Genc_AllToAllOp : Genc_CollectiveOp<"all_to_all",
    [AllElementTypesMatch<["operand", "result"]>]> {
  let summary = "exchange blocks between the devices of a group";
  let description = [{
    The operand's `split_dim` is split into one block per device of the
    group; block j goes to device j, and each device concatenates the
    blocks it receives along `concat_dim` in group order (StableHLO
    `all_to_all`; JAX `all_to_all(..., tiled=True)`). Its gradient is the
    all_to_all with the two dimensions swapped.

    ```mlir
    %y = genc.all_to_all %x, split_dim = 0, concat_dim = 1 {axes = ["data"]} : (tensor<4x2xf32>) -> tensor<2x4xf32>
    ```
  }];
  let arguments = (ins Genc_Tensor:$operand, I64Attr:$split_dim,
                       I64Attr:$concat_dim, OptionalAttr<StrArrayAttr>:$axes,
                       OptionalAttr<I64ElementsAttr>:$replica_groups);
  let results = (outs Genc_Tensor:$result);
  let assemblyFormat = [{
    $operand `,` `split_dim` `=` $split_dim `,` `concat_dim` `=` $concat_dim
    attr-dict `:` functional-type(operands, results)
  }];
}

def Genc_CollectivePermuteOp : Genc_CollectiveOp<"collective_permute",
    [SameOperandsAndResultType]> {
  let summary = "send each device's operand to another device (ppermute)";
  let description = [{
    `pairs` (i64 [n, 2]) lists (source, target): the target gets the
    source's operand; a device that is no pair's target gets zeros
    (StableHLO `collective_permute`; JAX `ppermute`). With `axes` (one
    axis), sources and targets are positions along that axis and the
    permutation applies within every group along it; without, they are
    device indices. No source or target may appear twice. Its gradient is
    the inverse permutation.

    ```mlir
    %y = genc.collective_permute %x {axes = ["data"], pairs = dense<[[0, 1], [1, 0]]> : tensor<2x2xi64>} : (tensor<4xf32>) -> tensor<4xf32>
    ```
  }];
  let arguments = (ins Genc_Tensor:$operand, I64ElementsAttr:$pairs,
                       OptionalAttr<StrArrayAttr>:$axes);
  let results = (outs Genc_Tensor:$result);
  let assemblyFormat = [{
    $operand attr-dict `:` functional-type(operands, results)
  }];
  let extraClassDeclaration = "";
}

def Genc_AxisIndexOp : Genc_Op<"axis_index", [Pure]> {
  let summary = "this device's position along a mesh axis";
  let description = [{
    The device's coordinate (0-based) along mesh axis `axis` inside a
    `genc.shard_map` body (JAX `axis_index`). genc-shard rewrites it in
    terms of `genc.device_index`.

    ```mlir
    %i = genc.axis_index "data" : tensor<i32>
    ```
  }];
  let arguments = (ins StrAttr:$axis);
  let results = (outs 0DTensorOf<[I32]>:$result);
  let assemblyFormat = "$axis attr-dict `:` type($result)";
}

def Genc_DeviceIndexOp : Genc_Op<"device_index", [Pure]> {
  let summary = "this device's index in an SPMD program";
  let description = [{
    The index of the executing device among the devices running the program
    (StableHLO `partition_id`): 0 to N-1 in mesh order (row-major over the
    mesh axes), 0 in a single-device program.

    ```mlir
    %d = genc.device_index : tensor<i32>
    ```
  }];
  let results = (outs 0DTensorOf<[I32]>:$result);
  let assemblyFormat = "attr-dict `:` type($result)";
}

def Genc_ShardMapOp : Genc_Op<"shard_map", [
    DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "a function run per device on local shards (jax.shard_map)";
  let description = [{
    Runs `callee` on every device of the mesh `mesh_axes` × `mesh_shape`
    (row-major: the last axis varies fastest over device indices). Each
    operand is split by its partition spec in `in_specs`: one entry per
    leading dimension (missing trailing entries are replicated), each a
    list of mesh axes that dimension is split over (major to minor), `[]`
    for a replicated dimension. The callee sees the local shards; its
    results are assembled by `out_specs` the same way. A result dimension
    not split over some mesh axis is taken to be equal on all devices along
    it (as with jax.shard_map's check_rep=False: not checked). Collectives
    in the callee name the mesh axes. The `genc-shard` pass expands the op
    into an SPMD program over all mesh devices.

    ```mlir
    %y = genc.shard_map @f(%x, %w) {mesh_axes = ["data"], mesh_shape = array<i64: 2>, in_specs = [[["data"]], []], out_specs = [[]]} : (tensor<8x3xf32>, tensor<3x4xf32>) -> tensor<4xf32>
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$callee,
                       Variadic<Genc_Tensor>:$args,
                       StrArrayAttr:$mesh_axes,
                       DenseI64ArrayAttr:$mesh_shape,
                       ArrayAttr:$in_specs, ArrayAttr:$out_specs);
  let results = (outs Variadic<Genc_Tensor>:$results);
  let assemblyFormat = [{
    $callee `(` $args `)` attr-dict `:` functional-type($args, $results)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    int64_t numDevices();
    /// Size of mesh axis `axis` (0 if the mesh has none).
    int64_t axisSize(::llvm::StringRef axis);
    /// Position of `axis` in mesh_axes, or -1.
    int64_t axisPosition(::llvm::StringRef axis);
    /// The mesh axes dimension `dim` of a value with partition spec `spec`
    /// is split over (empty: replicated).
    static ::llvm::SmallVector<::llvm::StringRef>
    specAxes(::mlir::Attribute spec, int64_t dim);
    /// The per-device type of a value of type `global` split by `spec`.
    ::mlir::RankedTensorType localType(::mlir::RankedTensorType global,
                                       ::mlir::Attribute spec);
  }];
}

#endif // GENC_SHARDING_TD

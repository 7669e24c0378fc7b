//===- GencInterfaces.td - op interfaces of the genc dialect -*- tablegen -*-===//
//
// Per-op rules live with the op through these interfaces, so that passes
// (lowering, autodiff, vmap, shard) never switch on op names.
//
//===----------------------------------------------------------------------===//

#ifndef GENC_INTERFACES_TD
#define GENC_INTERFACES_TD

include "mlir/IR/OpBase.td"

def Genc_ScalarizableOpInterface : OpInterface<"ScalarizableOpInterface"> {
  let cppNamespace = "::mlir::genc";
  let description = [{
    An elementwise op whose per-element computation can be emitted on
    scalars. The genc-to-linalg lowering builds the body of a
    `linalg.generic` from it, and region-based reductions reuse it for their
    combiner.
  }];
  let methods = [
    InterfaceMethod<
      "Emits the scalar computation of this op on `operands` (scalars of the "
      "operands' element types) and returns the scalar result.",
      "::mlir::Value", "buildScalar",
      (ins "::mlir::OpBuilder &":$builder, "::mlir::Location":$loc,
           "::mlir::ValueRange":$operands)>,
  ];
}

def Genc_GradOpInterface : OpInterface<"GradOpInterface"> {
  let cppNamespace = "::mlir::genc";
  let description = [{
    Reverse- and forward-mode differentiation rules of an op, used by the
    `genc-autodiff` pass. `buildVjp` receives one cotangent per result (null
    for a zero cotangent) and appends one cotangent per operand (null where
    the operand gets no contribution). `buildJvp` maps operand tangents (null
    for zero) to result tangents.
  }];
  let methods = [
    InterfaceMethod<"Emits the vector-Jacobian product of this op.",
      "::mlir::LogicalResult", "buildVjp",
      (ins "::mlir::OpBuilder &":$builder, "::mlir::ValueRange":$cotangents,
           "::llvm::SmallVectorImpl<::mlir::Value> &":$operandCotangents),
      [{}], [{ return ::mlir::failure(); }]>,
    InterfaceMethod<"Emits the Jacobian-vector product of this op.",
      "::mlir::LogicalResult", "buildJvp",
      (ins "::mlir::OpBuilder &":$builder, "::mlir::ValueRange":$tangents,
           "::llvm::SmallVectorImpl<::mlir::Value> &":$resultTangents),
      [{}], [{ return ::mlir::failure(); }]>,
  ];
}

def Genc_BatchingOpInterface : OpInterface<"BatchingOpInterface"> {
  let cppNamespace = "::mlir::genc";
  let description = [{
    The batching rule of an op, used by the `genc-vmap` pass. Operands come
    already batched along `operandBatchDims` (`std::nullopt` for unbatched
    operands); the rule emits the batched op(s) and reports where the batch
    dimension of each result lies.
  }];
  let methods = [
    InterfaceMethod<"Emits the batched form of this op.",
      "::mlir::LogicalResult", "buildBatched",
      (ins "::mlir::OpBuilder &":$builder,
           "::mlir::ValueRange":$batchedOperands,
           "::llvm::ArrayRef<std::optional<int64_t>>":$operandBatchDims,
           "int64_t":$batchSize,
           "::llvm::SmallVectorImpl<::mlir::Value> &":$results,
           "::llvm::SmallVectorImpl<std::optional<int64_t>> &":$resultBatchDims),
      [{}], [{ return ::mlir::failure(); }]>,
  ];
}

def Genc_ShardingOpInterface : OpInterface<"ShardingOpInterface"> {
  let cppNamespace = "::mlir::genc";
  let description = [{
    The partitioning rule of an op, used by the `genc-shard` pass: given the
    sharding of each operand (one mesh-axis list per tensor dimension), emits
    the per-device op with local shapes plus the collectives it needs, and
    reports the sharding of each result.
  }];
  let methods = [
    InterfaceMethod<"Emits the per-device form of this op.",
      "::mlir::LogicalResult", "buildPartitioned",
      (ins "::mlir::OpBuilder &":$builder,
           "::mlir::ValueRange":$localOperands,
           "::llvm::ArrayRef<::mlir::Attribute>":$operandShardings,
           "::llvm::SmallVectorImpl<::mlir::Value> &":$localResults,
           "::llvm::SmallVectorImpl<::mlir::Attribute> &":$resultShardings),
      [{}], [{ return ::mlir::failure(); }]>,
  ];
}

#endif // GENC_INTERFACES_TD

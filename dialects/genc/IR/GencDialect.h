//===- GencDialect.h - the genc dialect -------------------------*- C++ -*-===//
//
// Declares the genc dialect, its enums and op interfaces, and its ops.
//
//===----------------------------------------------------------------------===//

#ifndef GENC_DIALECTS_GENC_IR_GENCDIALECT_H
#define GENC_DIALECTS_GENC_IR_GENCDIALECT_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "dialects/genc/IR/GencDialect.h.inc"
#include "dialects/genc/IR/GencEnums.h.inc"
#include "dialects/genc/IR/GencInterfaces.h.inc"

namespace mlir::OpTrait {
/// Ops whose result is linear in their float operands (jointly): their VJP
/// reads only the float operands' types and the integer operands, never a
/// float operand's value. Reverse mode of genc.while uses it to tape only
/// the loop-carried values the backward loop reads (a carry that is only
/// added to and passed on is not taped).
template <typename ConcreteType>
class GencLinear : public TraitBase<ConcreteType, GencLinear> {};
} // namespace mlir::OpTrait

#define GET_OP_CLASSES
#include "dialects/genc/IR/GencOps.h.inc"

namespace mlir::genc {
/// Attaches the batching rules (BatchingOpInterface external models,
/// GencBatching.cpp); called when the dialect is loaded.
void registerBatchingRules(MLIRContext *ctx);
/// `v`, shared by all examples, broadcast to [n, v's shape...].
Value broadcastToBatch(OpBuilder &b, Location loc, Value v, int64_t n);

/// Helpers of the partitioning rules (ShardingOpInterface,
/// GencShardingRules.cpp). A sharding is a partition spec as in
/// genc.shard_map: an array with, per dimension, the array of mesh axes it
/// is split over. The mesh is read from the function being built
/// (`genc.mesh_axes`, `genc.mesh_shape`). Reshards emit collectives and
/// genc.axis_index that genc-shard resolves.
namespace sharding {
using Spec = SmallVector<SmallVector<StringRef>>;
/// One entry per dimension of a rank-`rank` value (missing: replicated).
Spec dims(Attribute spec, int64_t rank);
Attribute attr(MLIRContext *ctx, const Spec &spec);
bool replicated(const Spec &spec);
/// Product of the sizes of `axes` in the mesh of the function `b` builds
/// in (0 when the function has no mesh or the mesh lacks an axis).
int64_t ways(OpBuilder &b, ArrayRef<StringRef> axes);
/// `local` (sharded by `from`) resharded to `to`: all_gather of the
/// dimensions `from` splits and `to` does not (or differently), then a
/// slice by axis_index of those `to` splits that `from` does not.
Value reshard(OpBuilder &b, Location loc, Value local, const Spec &from,
              const Spec &to);
/// The generic rule of an elementwise op: every operand resharded to the
/// first sharded operand's spec.
LogicalResult partitionElementwise(Operation *op, OpBuilder &b,
                                   ValueRange localOperands,
                                   ArrayRef<Attribute> operandShardings,
                                   SmallVectorImpl<Value> &localResults,
                                   SmallVectorImpl<Attribute> &resultShardings);
} // namespace sharding
} // namespace mlir::genc

#endif // GENC_DIALECTS_GENC_IR_GENCDIALECT_H

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

#define GET_OP_CLASSES
#include "dialects/genc/IR/GencOps.h.inc"

namespace mlir::genc {
/// Attaches the batching rules (BatchingOpInterface external models,
/// GencBatching.cpp); called when the dialect is loaded.
void registerBatchingRules(MLIRContext *ctx);
/// `v`, shared by all examples, broadcast to [n, v's shape...].
Value broadcastToBatch(OpBuilder &b, Location loc, Value v, int64_t n);
} // namespace mlir::genc

#endif // GENC_DIALECTS_GENC_IR_GENCDIALECT_H

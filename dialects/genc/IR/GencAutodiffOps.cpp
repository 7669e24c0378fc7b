//===- GencAutodiffOps.cpp - verifiers of the differentiation ops ---------===//

#include "dialects/genc/IR/GencDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/SmallSet.h"

using namespace mlir;
using namespace mlir::genc;

LogicalResult VjpOp::verify() {
  llvm::SmallSet<int64_t, 4> seen;
  for (int64_t a : getArgnums()) {
    if (a < 0 || a >= (int64_t)getPrimals().size())
      return emitOpError() << "argnum " << a << " is out of range for "
                           << getPrimals().size() << " primal(s)";
    if (!seen.insert(a).second)
      return emitOpError() << "argnum " << a << " appears twice";
  }
  return success();
}

/// The callee's type, checked against the primals; null after a diagnostic.
static FunctionType calleeType(Operation *op, FlatSymbolRefAttr callee,
                               ValueRange primals,
                               SymbolTableCollection &symbolTable) {
  auto fn = symbolTable.lookupNearestSymbolFrom<func::FuncOp>(op, callee);
  if (!fn) {
    op->emitOpError() << "'" << callee.getValue() << "' is not a function";
    return {};
  }
  FunctionType type = fn.getFunctionType();
  if (TypeRange(primals.getTypes()) != type.getInputs()) {
    op->emitOpError() << "primals do not match the inputs of '"
                      << callee.getValue() << "' " << type;
    return {};
  }
  return type;
}

LogicalResult VjpOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  FunctionType type =
      calleeType(*this, getCalleeAttr(), getPrimals(), symbolTable);
  if (!type)
    return failure();
  if (TypeRange(getCotangents().getTypes()) != type.getResults())
    return emitOpError() << "cotangents must match the results of '"
                         << getCallee() << "' " << type;
  SmallVector<Type> expected(type.getResults());
  for (int64_t a : getArgnums())
    expected.push_back(type.getInput(a));
  if (TypeRange(getResultTypes()) != TypeRange(expected))
    return emitOpError() << "results must be the callee's results then one "
                            "cotangent per argnum";
  return success();
}

LogicalResult JvpOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  FunctionType type =
      calleeType(*this, getCalleeAttr(), getPrimals(), symbolTable);
  if (!type)
    return failure();
  if (TypeRange(getTangents().getTypes()) != type.getInputs())
    return emitOpError() << "tangents must match the inputs of '"
                         << getCallee() << "' " << type;
  SmallVector<Type> expected(type.getResults());
  expected.append(type.getResults().begin(), type.getResults().end());
  if (TypeRange(getResultTypes()) != TypeRange(expected))
    return emitOpError() << "results must be the callee's results then one "
                            "tangent per result";
  return success();
}

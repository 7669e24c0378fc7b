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

LogicalResult VjpOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  auto fn = symbolTable.lookupNearestSymbolFrom<func::FuncOp>(*this,
                                                             getCalleeAttr());
  if (!fn)
    return emitOpError() << "'" << getCallee() << "' is not a function";
  FunctionType type = fn.getFunctionType();
  if (TypeRange(getPrimals().getTypes()) != type.getInputs())
    return emitOpError() << "primals do not match the inputs of '"
                         << getCallee() << "' " << type;
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
  auto fn = symbolTable.lookupNearestSymbolFrom<func::FuncOp>(*this,
                                                             getCalleeAttr());
  if (!fn)
    return emitOpError() << "'" << getCallee() << "' is not a function";
  FunctionType type = fn.getFunctionType();
  if (TypeRange(getPrimals().getTypes()) != type.getInputs())
    return emitOpError() << "primals do not match the inputs of '"
                         << getCallee() << "' " << type;
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

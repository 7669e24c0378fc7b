//===- GencAutodiffOps.cpp - verifiers of the differentiation ops ---------===//

#include "dialects/genc/IR/GencDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/SmallSet.h"

using namespace mlir;
using namespace mlir::genc;

static LogicalResult verifyArgnums(Operation *op, ArrayRef<int64_t> argnums,
                                   size_t numPrimals) {
  llvm::SmallSet<int64_t, 4> seen;
  for (int64_t a : argnums) {
    if (a < 0 || a >= (int64_t)numPrimals)
      return op->emitOpError() << "argnum " << a << " is out of range for "
                               << numPrimals << " primal(s)";
    if (!seen.insert(a).second)
      return op->emitOpError() << "argnum " << a << " appears twice";
  }
  return success();
}

LogicalResult VjpOp::verify() {
  return verifyArgnums(*this, getArgnums(), getPrimals().size());
}
LogicalResult ValueAndGradOp::verify() {
  return verifyArgnums(*this, getArgnums(), getPrimals().size());
}
LogicalResult GradOp::verify() {
  return verifyArgnums(*this, getArgnums(), getPrimals().size());
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

/// The callee of a grad/value_and_grad: its first result must be a 0-d
/// float loss. Returns its type, or null after a diagnostic.
static FunctionType lossCalleeType(Operation *op, FlatSymbolRefAttr callee,
                                   ValueRange primals,
                                   SymbolTableCollection &symbolTable) {
  FunctionType type = calleeType(op, callee, primals, symbolTable);
  if (!type)
    return {};
  auto loss = type.getNumResults()
                  ? dyn_cast<RankedTensorType>(type.getResult(0))
                  : RankedTensorType();
  if (!loss || loss.getRank() != 0 || !isa<FloatType>(loss.getElementType())) {
    op->emitOpError() << "'" << callee.getValue()
                      << "' must return a 0-d float loss first, got " << type;
    return {};
  }
  return type;
}

LogicalResult
ValueAndGradOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  FunctionType type =
      lossCalleeType(*this, getCalleeAttr(), getPrimals(), symbolTable);
  if (!type)
    return failure();
  SmallVector<Type> expected(type.getResults());
  for (int64_t a : getArgnums())
    expected.push_back(type.getInput(a));
  if (TypeRange(getResultTypes()) != TypeRange(expected))
    return emitOpError() << "results must be the callee's results then one "
                            "gradient per argnum";
  return success();
}

LogicalResult GradOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  FunctionType type =
      lossCalleeType(*this, getCalleeAttr(), getPrimals(), symbolTable);
  if (!type)
    return failure();
  if (!getHasAux() && type.getNumResults() != 1)
    return emitOpError() << "'" << getCallee() << "' returns "
                         << type.getNumResults()
                         << " results; set has_aux to return the others";
  SmallVector<Type> expected;
  for (int64_t a : getArgnums())
    expected.push_back(type.getInput(a));
  expected.append(type.getResults().begin() + 1, type.getResults().end());
  if (TypeRange(getResultTypes()) != TypeRange(expected))
    return emitOpError() << "results must be one gradient per argnum"
                         << (getHasAux() ? ", then the auxiliary results" : "");
  return success();
}

LogicalResult VmapOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  auto fn = symbolTable.lookupNearestSymbolFrom<func::FuncOp>(*this,
                                                             getCalleeAttr());
  if (!fn)
    return emitOpError() << "'" << getCallee() << "' is not a function";
  FunctionType type = fn.getFunctionType();
  if (type.getNumInputs() != getPrimals().size())
    return emitOpError() << "'" << getCallee() << "' takes "
                         << type.getNumInputs() << " argument(s), got "
                         << getPrimals().size();
  int64_t n = getAxisSize();
  if (n <= 0)
    return emitOpError() << "axis_size must be positive, got " << n;
  for (std::optional<StringRef> name : {getAxisName(), getSpmdAxisName()})
    if (name && name->empty())
      return emitOpError() << "axis names must not be empty";
  if (std::optional<StringRef> name = getAxisName()) {
    // A vmap inside the callee (directly) may not reuse this axis name.
    WalkResult clash = fn.walk([&](VmapOp inner) {
      return inner.getAxisName() == name ? WalkResult::interrupt()
                                         : WalkResult::advance();
    });
    if (clash.wasInterrupted())
      return emitOpError() << "axis_name '" << *name << "' is reused by a "
                           << "vmap nested in '" << getCallee() << "'";
  }
  if (getInAxes().size() != getPrimals().size())
    return emitOpError() << "needs one in_axes entry per primal ("
                         << getPrimals().size() << "), got "
                         << getInAxes().size();
  if (getOutAxes().size() != type.getNumResults())
    return emitOpError() << "needs one out_axes entry per result of '"
                         << getCallee() << "' (" << type.getNumResults()
                         << "), got " << getOutAxes().size();
  for (auto [i, axis] : llvm::enumerate(getInAxes())) {
    if (axis == -1)
      continue;
    auto t = cast<RankedTensorType>(getPrimals()[i].getType());
    if (axis < 0 || axis >= t.getRank() || t.getDimSize(axis) != n)
      return emitOpError() << "primal " << i << " of type " << t
                           << " has no dimension " << axis << " of size " << n;
  }
  for (auto [i, axis] : llvm::enumerate(getInAxes())) {
    auto t = cast<RankedTensorType>(getPrimals()[i].getType());
    SmallVector<int64_t> shape(t.getShape());
    if (axis != -1)
      shape.erase(shape.begin() + axis);
    if (RankedTensorType::get(shape, t.getElementType()) != type.getInput(i))
      return emitOpError() << "primal " << i << " (" << t << ", batch axis "
                           << axis << ") does not match argument " << i
                           << " of '" << getCallee() << "' "
                           << type.getInput(i);
  }
  for (auto [i, axis] : llvm::enumerate(getOutAxes())) {
    auto r = cast<RankedTensorType>(type.getResult(i));
    if (axis < 0 || axis > r.getRank())
      return emitOpError() << "out_axes entry " << axis << " is out of range "
                           << "for result " << i << " " << r;
    SmallVector<int64_t> shape(r.getShape());
    shape.insert(shape.begin() + axis, n);
    auto expected = RankedTensorType::get(shape, r.getElementType());
    if (getResult(i).getType() != expected)
      return emitOpError() << "result " << i << " must be " << expected;
  }
  return success();
}

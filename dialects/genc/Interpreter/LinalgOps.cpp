//===- LinalgOps.cpp - interpreter: linalg structured ops -----------------===//
//
// Every op implementing linalg::LinalgOp (generic, the named ops such as
// matmul or conv_2d_nhwc_hwcf, fill, copy, map, reduce, transpose,
// broadcast, ...) on tensors, through its generic form: the loop ranges are
// inferred from the operand shapes (getShapesToLoopsMap), and for every
// point of the loop domain, in row-major order (d0 outermost), the body runs
// on the operand elements that the indexing maps select; what it yields is
// stored into the results, which start as copies of the inits. A reduction
// therefore accumulates into its output in iteration order, each step
// rounded as the body's ops round.
//
// Bodies made only of scalar arith/math ops, arith.constant and
// linalg.index run as a compiled list of element functions (no allocation
// per point); any other body runs op by op through the interpreter.
//
//===----------------------------------------------------------------------===//

#include "dialects/genc/Interpreter/InterpreterImpl.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/AffineExpr.h"
#include "mlir/IR/AffineMap.h"

using namespace mlir;
using namespace mlir::genc;
using namespace mlir::genc::interp;
using namespace mlir::genc::interp::impl;

namespace {

int64_t floorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

/// `e` at the loop point `dims`, or std::nullopt if it has symbols or
/// divides by a non-positive number.
std::optional<int64_t> evalAffine(AffineExpr e, ArrayRef<int64_t> dims) {
  if (auto d = dyn_cast<AffineDimExpr>(e))
    return dims[d.getPosition()];
  if (auto c = dyn_cast<AffineConstantExpr>(e))
    return c.getValue();
  auto bin = dyn_cast<AffineBinaryOpExpr>(e);
  if (!bin)
    return std::nullopt;
  std::optional<int64_t> l = evalAffine(bin.getLHS(), dims);
  std::optional<int64_t> r = evalAffine(bin.getRHS(), dims);
  if (!l || !r)
    return std::nullopt;
  switch (e.getKind()) {
  case AffineExprKind::Add:
    return *l + *r;
  case AffineExprKind::Mul:
    return *l * *r;
  case AffineExprKind::Mod:
    if (*r <= 0)
      return std::nullopt;
    return ((*l % *r) + *r) % *r;
  case AffineExprKind::FloorDiv:
    if (*r <= 0)
      return std::nullopt;
    return floorDiv(*l, *r);
  case AffineExprKind::CeilDiv:
    if (*r <= 0)
      return std::nullopt;
    return -floorDiv(-*l, *r);
  default:
    return std::nullopt;
  }
}

/// Adds `scale * e` to `coeffs` (per loop) and `constant` if `e` is a sum of
/// loop dimensions times constants plus a constant; false otherwise.
bool addLinearForm(AffineExpr e, int64_t scale, MutableArrayRef<int64_t> coeffs,
                   int64_t &constant) {
  if (auto d = dyn_cast<AffineDimExpr>(e)) {
    coeffs[d.getPosition()] += scale;
    return true;
  }
  if (auto c = dyn_cast<AffineConstantExpr>(e)) {
    constant += scale * c.getValue();
    return true;
  }
  auto bin = dyn_cast<AffineBinaryOpExpr>(e);
  if (!bin)
    return false;
  if (e.getKind() == AffineExprKind::Add)
    return addLinearForm(bin.getLHS(), scale, coeffs, constant) &&
           addLinearForm(bin.getRHS(), scale, coeffs, constant);
  if (e.getKind() == AffineExprKind::Mul) {
    if (auto c = dyn_cast<AffineConstantExpr>(bin.getRHS()))
      return addLinearForm(bin.getLHS(), scale * c.getValue(), coeffs,
                           constant);
    if (auto c = dyn_cast<AffineConstantExpr>(bin.getLHS()))
      return addLinearForm(bin.getRHS(), scale * c.getValue(), coeffs,
                           constant);
  }
  return false;
}

std::string shapeString(ArrayRef<int64_t> shape) {
  std::string s = "[";
  for (auto [k, d] : llvm::enumerate(shape))
    s += (k ? ", " : "") + std::to_string(d);
  return s + "]";
}

/// Where an operand's element for a loop point lies.
struct Access {
  AffineMap map;
  SmallVector<int64_t> shape, strides;
  /// True if every result of `map` is linear in the loops: then the
  /// element is `base + sum(coeffs[l] * point[l])`, checked in bounds for
  /// the whole loop domain up front.
  bool linear = false;
  SmallVector<int64_t> coeffs;
  int64_t base = 0;

  /// The row-major position of the element at `point`, or -1 if it is out
  /// of bounds (non-linear maps only).
  int64_t at(ArrayRef<int64_t> point) const {
    if (linear) {
      int64_t pos = base;
      for (size_t l = 0; l < coeffs.size(); ++l)
        pos += coeffs[l] * point[l];
      return pos;
    }
    int64_t pos = 0;
    for (unsigned r = 0; r < map.getNumResults(); ++r) {
      std::optional<int64_t> i = evalAffine(map.getResult(r), point);
      if (!i || *i < 0 || *i >= shape[r])
        return -1;
      pos += *i * strides[r];
    }
    return pos;
  }
};

/// Builds the access of an operand of shape `shape` through `map` over the
/// loop ranges `ranges`; fails (with an error) if a linear access leaves
/// the operand somewhere in the domain.
FailureOr<Access> makeAccess(Operation *op, unsigned operandNumber,
                             AffineMap map, ArrayRef<int64_t> shape,
                             ArrayRef<int64_t> ranges) {
  Access a;
  a.map = map;
  a.shape.assign(shape.begin(), shape.end());
  a.strides = rowMajorStrides(shape);
  unsigned numLoops = ranges.size();
  bool empty = llvm::any_of(ranges, [](int64_t r) { return r == 0; });
  a.coeffs.assign(numLoops, 0);
  a.linear = true;
  for (unsigned r = 0; r < map.getNumResults() && a.linear; ++r) {
    SmallVector<int64_t> c(numLoops, 0);
    int64_t c0 = 0;
    if (!addLinearForm(map.getResult(r), 1, c, c0)) {
      a.linear = false;
      break;
    }
    int64_t lo = c0, hi = c0;
    for (unsigned l = 0; l < numLoops; ++l) {
      (c[l] < 0 ? lo : hi) += c[l] * (ranges[l] - 1);
      a.coeffs[l] += c[l] * a.strides[r];
    }
    a.base += c0 * a.strides[r];
    if (!empty && (lo < 0 || hi >= shape[r]))
      return op->emitError()
             << "interpreter: operand #" << operandNumber << " of shape "
             << shapeString(shape) << " is accessed out of bounds (dimension "
             << r << " ranges over [" << lo << ", " << hi
             << "]) in the loop domain " << shapeString(ranges);
  }
  if (!a.linear) {
    a.coeffs.clear();
    a.base = 0;
  }
  return a;
}

/// A body compiled to element functions over slots.
struct Program {
  struct Instr {
    ElemFn fn;
    SmallVector<unsigned, 4> in;
    unsigned out = 0;
    /// For linalg.index: the loop whose index it returns; else -1.
    int64_t indexDim = -1;
  };
  SmallVector<Elem> slots;
  SmallVector<Instr> instrs;
  SmallVector<unsigned> yields;
};

bool isScalarType(Type t) { return !isa<ShapedType>(t); }

/// Compiles `block` (the body of a linalg op) if it is made only of scalar
/// arith/math ops, scalar arith.constant and linalg.index; values from
/// outside must be scalars in `scope`. Returns success with `program` unset
/// when the body needs the general path, failure (with an error) if an op
/// is invalid.
LogicalResult compileBody(Block &block, const Scope &scope,
                          std::optional<Program> &program) {
  Program p;
  DenseMap<Value, unsigned> slotOf;
  for (BlockArgument arg : block.getArguments()) {
    slotOf[arg] = p.slots.size();
    p.slots.push_back(Elem());
  }
  // The slot of `v`: from the body, or a scalar from outside (read once).
  auto slotFor = [&](Value v) -> std::optional<unsigned> {
    auto it = slotOf.find(v);
    if (it != slotOf.end())
      return it->second;
    const RefTensor *t = scope.lookup(v);
    if (!t || !t->shape.empty())
      return std::nullopt;
    slotOf[v] = p.slots.size();
    p.slots.push_back(getElem(*t, 0));
    return slotOf[v];
  };
  for (Operation &op : block.without_terminator()) {
    if (op.getNumRegions() != 0 || op.getNumResults() != 1 ||
        !isScalarType(op.getResult(0).getType()) ||
        !refTypeOf(op.getResult(0).getType()))
      return success();
    Program::Instr instr;
    if (auto index = dyn_cast<linalg::IndexOp>(op)) {
      instr.indexDim = (int64_t)index.getDim();
    } else if (isa<arith::ConstantOp>(op)) {
      OpResults value = evalArithConstant(&op);
      if (failed(value))
        return failure();
      slotOf[op.getResult(0)] = p.slots.size();
      p.slots.push_back(getElem((*value)[0], 0));
      continue;
    } else if (isUpstreamElementwiseOp(&op)) {
      for (Value v : op.getOperands()) {
        if (!isScalarType(v.getType()))
          return success();
        std::optional<unsigned> slot = slotFor(v);
        if (!slot)
          return success();
        instr.in.push_back(*slot);
      }
      FailureOr<ElemFn> fn = resolveElementwise(&op);
      if (failed(fn))
        return failure();
      instr.fn = std::move(*fn);
    } else {
      return success();
    }
    instr.out = p.slots.size();
    slotOf[op.getResult(0)] = instr.out;
    p.slots.push_back(Elem());
    p.instrs.push_back(std::move(instr));
  }
  for (Value v : block.getTerminator()->getOperands()) {
    std::optional<unsigned> slot = slotFor(v);
    if (!slot)
      return success();
    p.yields.push_back(*slot);
  }
  program = std::move(p);
  return success();
}

} // namespace

OpResults Interpreter::evalLinalg(Operation *op,
                                  ArrayRef<const RefTensor *> operands,
                                  const Scope &scope) {
  auto linalgOp = cast<linalg::LinalgOp>(op);
  if (!linalgOp.hasPureTensorSemantics())
    return op->emitError() << "interpreter: unsupported op '" << op->getName()
                           << "' on buffers (only tensors are supported)";
  if (op->getNumRegions() != 1 || !op->getRegion(0).hasOneBlock())
    return op->emitError() << "interpreter: '" << op->getName()
                           << "' has no body";
  Block &body = op->getRegion(0).front();

  // The loop ranges, from the operand shapes.
  SmallVector<int64_t> flatShapes;
  for (const RefTensor *t : operands)
    flatShapes.append(t->shape.begin(), t->shape.end());
  AffineMap shapesToLoops = linalgOp.getShapesToLoopsMap();
  if (!shapesToLoops || shapesToLoops.getNumDims() != flatShapes.size() ||
      shapesToLoops.getNumSymbols() != 0)
    return op->emitError("interpreter: cannot infer the loop ranges from the "
                         "indexing maps");
  SmallVector<int64_t> ranges(shapesToLoops.compose(flatShapes));
  if (ranges.size() != linalgOp.getNumLoops())
    return op->emitError("interpreter: cannot infer the loop ranges from the "
                         "indexing maps");

  // Every operand's access; the sizes of dimensions indexed directly by a
  // loop must agree with that loop's range.
  SmallVector<AffineMap> maps = linalgOp.getIndexingMapsArray();
  SmallVector<Access> accesses;
  for (OpOperand &operand : op->getOpOperands()) {
    unsigned n = operand.getOperandNumber();
    AffineMap map = maps[n];
    const RefTensor &t = *operands[n];
    if (map.getNumResults() != t.shape.size())
      return op->emitError() << "interpreter: operand #" << n << " has rank "
                             << t.shape.size() << " but its indexing map has "
                             << map.getNumResults() << " result(s)";
    for (unsigned r = 0; r < map.getNumResults(); ++r)
      if (auto d = dyn_cast<AffineDimExpr>(map.getResult(r)))
        if (t.shape[r] != ranges[d.getPosition()])
          return op->emitError()
                 << "interpreter: operand #" << n << " of shape "
                 << shapeString(t.shape) << " disagrees with the loop ranges "
                 << shapeString(ranges) << " inferred from the operands";
    FailureOr<Access> access = makeAccess(op, n, map, t.shape, ranges);
    if (failed(access))
      return failure();
    accesses.push_back(std::move(*access));
  }

  // The results start as the inits.
  SmallVector<RefTensor> results;
  SmallVector<unsigned> initNumbers;
  for (OpOperand &init : linalgOp.getDpsInitsMutable()) {
    initNumbers.push_back(init.getOperandNumber());
    results.push_back(*operands[init.getOperandNumber()]);
  }
  if (results.size() != op->getNumResults())
    return op->emitError("interpreter: expected one result per init");

  // The operands bound to the body's arguments: an init's argument reads
  // the result being computed.
  struct Binding {
    unsigned operandNumber;
    int initIndex; // -1 for inputs
  };
  SmallVector<Binding> bindings;
  for (OpOperand *operand : linalgOp.getOpOperandsMatchingBBargs()) {
    unsigned n = operand->getOperandNumber();
    auto it = llvm::find(initNumbers, n);
    bindings.push_back(
        {n, it == initNumbers.end() ? -1 : (int)(it - initNumbers.begin())});
  }
  if (bindings.size() != body.getNumArguments())
    return op->emitError("interpreter: the body's arguments do not match "
                         "the operands");
  auto operandAt = [&](const Binding &b) -> const RefTensor & {
    return b.initIndex >= 0 ? results[b.initIndex] : *operands[b.operandNumber];
  };
  auto outOfBounds = [&](unsigned n, ArrayRef<int64_t> point) {
    return op->emitError() << "interpreter: operand #" << n
                           << " is accessed out of bounds at loop point "
                           << shapeString(point);
  };

  std::optional<Program> program;
  if (failed(compileBody(body, scope, program)))
    return failure();

  LogicalResult status = success();
  SmallVector<int64_t> argPos(bindings.size()), outPos(results.size());
  auto locate = [&](ArrayRef<int64_t> point) -> bool {
    for (auto [k, b] : llvm::enumerate(bindings))
      if ((argPos[k] = accesses[b.operandNumber].at(point)) < 0) {
        (void)outOfBounds(b.operandNumber, point);
        return false;
      }
    for (auto [j, n] : llvm::enumerate(initNumbers))
      if ((outPos[j] = accesses[n].at(point)) < 0) {
        (void)outOfBounds(n, point);
        return false;
      }
    return true;
  };

  if (program) {
    Program &p = *program;
    Elem buf[8];
    forEachIndex(ranges, [&](ArrayRef<int64_t> point, int64_t) {
      if (failed(status))
        return;
      if (!locate(point)) {
        status = failure();
        return;
      }
      for (auto [k, b] : llvm::enumerate(bindings))
        p.slots[k] = getElem(operandAt(b), argPos[k]);
      for (Program::Instr &instr : p.instrs) {
        if (instr.indexDim >= 0) {
          p.slots[instr.out] = intElem(point[instr.indexDim]);
          continue;
        }
        for (auto [k, s] : llvm::enumerate(instr.in))
          buf[k] = p.slots[s];
        p.slots[instr.out] = instr.fn(buf);
      }
      for (auto [j, s] : llvm::enumerate(p.yields))
        setElem(results[j], outPos[j], p.slots[s]);
    });
  } else {
    // A call in the body may run this op again (recursion); the point of
    // the outer run is restored when the inner one ends.
    auto saved = linalgPoints.find(op);
    std::optional<ArrayRef<int64_t>> outerPoint;
    if (saved != linalgPoints.end())
      outerPoint = saved->second;
    SmallVector<RefTensor> args;
    forEachIndex(ranges, [&](ArrayRef<int64_t> point, int64_t) {
      if (failed(status))
        return;
      if (!locate(point)) {
        status = failure();
        return;
      }
      args.clear();
      for (auto [k, b] : llvm::enumerate(bindings)) {
        const RefTensor &t = operandAt(b);
        args.push_back(scalarTensor(t.elementType, getElem(t, argPos[k])));
      }
      linalgPoints[op] = point;
      OpResults yielded = runRegion(op->getRegion(0), args, &scope, op);
      if (failed(yielded)) {
        status = failure();
        return;
      }
      for (auto [j, y] : llvm::enumerate(*yielded))
        copyElement(results[j], outPos[j], y, 0);
    });
    if (outerPoint)
      linalgPoints[op] = *outerPoint;
    else
      linalgPoints.erase(op);
  }
  if (failed(status))
    return failure();
  return results;
}

OpResults Interpreter::evalLinalgIndex(Operation *op) {
  auto index = cast<linalg::IndexOp>(op);
  auto parent = op->getParentOfType<linalg::LinalgOp>();
  auto it = parent ? linalgPoints.find(parent) : linalgPoints.end();
  if (it == linalgPoints.end())
    return op->emitError("interpreter: linalg.index outside a running "
                         "linalg op");
  SmallVector<RefTensor> results;
  results.push_back(scalarTensor(storageType(index.getType()),
                                 intElem(it->second[index.getDim()])));
  return results;
}

//===- Interpreter.cpp - reference interpreter for genc programs ----------===//
//
// RefTensor, the rounding and wrapping rules, threefry2x32, how values of
// MLIR types are held, and the driver: functions, calls, regions, dispatch,
// and the genc ops with regions (reduce, while, if). The other ops are
// evaluated in ElementwiseOps.cpp and TensorOps.cpp (genc), ArithMathOps.cpp,
// UpstreamTensorOps.cpp, LinalgOps.cpp and ScfOps.cpp (upstream dialects).
//
//===----------------------------------------------------------------------===//

#include "dialects/genc/Interpreter/Interpreter.h"
#include "dialects/genc/Interpreter/InterpreterImpl.h"

#include "dialects/genc/IR/GencDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/APInt.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::genc;
using namespace mlir::genc::interp;
using namespace mlir::genc::interp::impl;

//===----------------------------------------------------------------------===//
// Element types, rounding and wrapping
//===----------------------------------------------------------------------===//

bool interp::isSupportedElementType(Type type) {
  if (!type)
    return false;
  if (type.isF16() || type.isBF16() || type.isF32() || type.isF64())
    return true;
  auto intType = dyn_cast<IntegerType>(type);
  return intType && intType.isSignless() && intType.getWidth() >= 1 &&
         intType.getWidth() <= 64;
}

double interp::roundToFloatType(Type type, double value) {
  if (type.isF64())
    return value;
  if (type.isF32())
    return (double)(float)value;
  llvm::APFloat f(value);
  bool losesInfo = false;
  f.convert(cast<FloatType>(type).getFloatSemantics(),
            llvm::APFloat::rmNearestTiesToEven, &losesInfo);
  return f.convertToDouble();
}

int64_t interp::wrapToIntType(Type type, int64_t value) {
  unsigned width = type.getIntOrFloatBitWidth();
  if (width >= 64)
    return value;
  if (width == 1)
    return value & 1;
  uint64_t mask = (uint64_t(1) << width) - 1;
  uint64_t bits = (uint64_t)value & mask;
  if (bits >> (width - 1))
    bits |= ~mask; // Sign-extend.
  return (int64_t)bits;
}

//===----------------------------------------------------------------------===//
// threefry2x32
//===----------------------------------------------------------------------===//

static uint32_t rotateLeft(uint32_t v, unsigned r) {
  return (v << r) | (v >> (32 - r));
}

std::pair<uint32_t, uint32_t> interp::threefry2x32(uint32_t key0, uint32_t key1,
                                                   uint32_t x0, uint32_t x1) {
  static const unsigned rotations[2][4] = {{13, 15, 26, 6}, {17, 29, 16, 24}};
  uint32_t ks[3] = {key0, key1, key0 ^ key1 ^ 0x1BD11BDAu};
  x0 += ks[0];
  x1 += ks[1];
  // Five blocks of four rounds, each followed by a key injection.
  for (unsigned block = 0; block < 5; ++block) {
    for (unsigned r : rotations[block % 2]) {
      x0 += x1;
      x1 = rotateLeft(x1, r);
      x1 ^= x0;
    }
    x0 += ks[(block + 1) % 3];
    x1 += ks[(block + 2) % 3] + (block + 1);
  }
  return {x0, x1};
}

//===----------------------------------------------------------------------===//
// RefTensor
//===----------------------------------------------------------------------===//

int64_t RefTensor::numElements() const {
  int64_t n = 1;
  for (int64_t s : shape)
    n *= s;
  return n;
}

RankedTensorType RefTensor::getType() const {
  return RankedTensorType::get(shape, elementType);
}

RefTensor RefTensor::zeros(Type elementType, ArrayRef<int64_t> shape) {
  RefTensor t;
  t.elementType = elementType;
  t.shape.assign(shape.begin(), shape.end());
  if (t.isFloat())
    t.floats.assign(t.numElements(), 0.0);
  else
    t.ints.assign(t.numElements(), 0);
  return t;
}

RefTensor RefTensor::fromFloats(Type elementType, ArrayRef<int64_t> shape,
                                ArrayRef<double> values) {
  RefTensor t = zeros(elementType, shape);
  assert(t.isFloat() && (int64_t)values.size() == t.numElements() &&
         "fromFloats needs a float type and one value per element");
  for (auto [i, v] : llvm::enumerate(values))
    t.setFloat(i, v);
  return t;
}

RefTensor RefTensor::fromInts(Type elementType, ArrayRef<int64_t> shape,
                              ArrayRef<int64_t> values) {
  RefTensor t = zeros(elementType, shape);
  assert(!t.isFloat() && (int64_t)values.size() == t.numElements() &&
         "fromInts needs an integer type and one value per element");
  for (auto [i, v] : llvm::enumerate(values))
    t.setInt(i, v);
  return t;
}

FailureOr<RefTensor> RefTensor::fromAttr(ElementsAttr attr) {
  auto type = dyn_cast<RankedTensorType>(attr.getShapedType());
  if (!type || !type.hasStaticShape() ||
      !isSupportedElementType(type.getElementType()))
    return failure();
  RefTensor t = zeros(type.getElementType(), type.getShape());
  int64_t i = 0;
  if (t.isFloat()) {
    auto values = attr.tryGetValues<APFloat>();
    if (!values)
      return failure();
    for (const APFloat &v : *values)
      t.floats[i++] = v.convertToDouble();
  } else {
    auto values = attr.tryGetValues<APInt>();
    if (!values)
      return failure();
    bool isBool = t.elementType.isInteger(1);
    for (const APInt &v : *values)
      t.ints[i++] = isBool ? (int64_t)v.getZExtValue() : v.getSExtValue();
  }
  if (i != t.numElements())
    return failure();
  return t;
}

DenseElementsAttr RefTensor::toAttr() const {
  if (isFloat()) {
    const llvm::fltSemantics &sem =
        cast<FloatType>(elementType).getFloatSemantics();
    SmallVector<APFloat> values;
    for (double v : floats) {
      APFloat f(v);
      bool losesInfo = false;
      f.convert(sem, APFloat::rmNearestTiesToEven, &losesInfo);
      values.push_back(f);
    }
    return DenseElementsAttr::get(getType(), values);
  }
  unsigned width = elementType.getIntOrFloatBitWidth();
  SmallVector<APInt> values;
  for (int64_t v : ints)
    values.push_back(APInt(64, (uint64_t)v).trunc(width));
  return DenseElementsAttr::get(getType(), values);
}

double RefTensor::getFloat(int64_t linear) const {
  assert(isFloat() && "getFloat on an integer tensor");
  return floats[linear];
}

int64_t RefTensor::getInt(int64_t linear) const {
  assert(!isFloat() && "getInt on a float tensor");
  return ints[linear];
}

void RefTensor::setFloat(int64_t linear, double value) {
  floats[linear] = roundToFloatType(elementType, value);
}

void RefTensor::setInt(int64_t linear, int64_t value) {
  ints[linear] = wrapToIntType(elementType, value);
}

void RefTensor::print(raw_ostream &os) const {
  os << getType() << " [";
  if (isFloat())
    llvm::interleaveComma(floats, os);
  else
    llvm::interleaveComma(ints, os);
  os << "]";
}

//===----------------------------------------------------------------------===//
// Helpers shared with the op files
//===----------------------------------------------------------------------===//

SmallVector<int64_t>
mlir::genc::interp::impl::rowMajorStrides(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t d = (int64_t)shape.size() - 2; d >= 0; --d)
    strides[d] = strides[d + 1] * shape[d + 1];
  return strides;
}

RefTensor mlir::genc::interp::impl::zerosLikeResult(Operation *op, unsigned i) {
  auto type = cast<RankedTensorType>(op->getResult(i).getType());
  return RefTensor::zeros(type.getElementType(), type.getShape());
}

//===----------------------------------------------------------------------===//
// How values are held
//===----------------------------------------------------------------------===//

Type mlir::genc::interp::impl::storageType(Type type) {
  if (type && type.isIndex())
    return IntegerType::get(type.getContext(), 64);
  return type;
}

std::optional<RefType> mlir::genc::interp::impl::refTypeOf(Type type) {
  RefType r;
  if (auto tensorType = dyn_cast<RankedTensorType>(type)) {
    r.elementType = storageType(tensorType.getElementType());
    r.shape.assign(tensorType.getShape().begin(), tensorType.getShape().end());
  } else if (type.isIntOrIndexOrFloat()) {
    r.elementType = storageType(type);
  } else {
    return std::nullopt;
  }
  if (!isSupportedElementType(r.elementType))
    return std::nullopt;
  return r;
}

bool mlir::genc::interp::impl::fitsType(const RefTensor &t,
                                        const RefType &type) {
  if (t.elementType != type.elementType || t.shape.size() != type.shape.size())
    return false;
  for (auto [have, want] : llvm::zip_equal(t.shape, type.shape))
    if (!ShapedType::isDynamic(want) && have != want)
      return false;
  return true;
}

//===----------------------------------------------------------------------===//
// The driver
//===----------------------------------------------------------------------===//

namespace {

/// The maximum nesting of func.call.
constexpr unsigned kMaxCallDepth = 128;

/// A 0-d tensor holding element `i` of `t`.
RefTensor scalarAt(const RefTensor &t, int64_t i) {
  RefTensor s = RefTensor::zeros(t.elementType, {});
  copyElement(s, 0, t, i);
  return s;
}

/// How `t` reads in a diagnostic about a value of `expected` type: its
/// element type if `expected` is a scalar type, else its tensor type.
std::string describe(const RefTensor &t, Type expected) {
  std::string s;
  llvm::raw_string_ostream os(s);
  if (!isa<ShapedType>(expected) && t.shape.empty())
    os << t.elementType;
  else
    os << t.getType();
  return s;
}

} // namespace

FailureOr<SmallVector<RefTensor>>
Interpreter::checkArgs(func::FuncOp fn, ArrayRef<RefTensor> args,
                       Operation *site) {
  FunctionType type = fn.getFunctionType();
  if (type.getNumInputs() != args.size())
    return site->emitError()
           << "interpreter: function '@" << fn.getSymName() << "' takes "
           << type.getNumInputs() << " argument(s), got " << args.size();
  SmallVector<RefTensor> normalized;
  for (auto [i, arg] : llvm::enumerate(args)) {
    std::optional<RefType> expected = refTypeOf(type.getInput(i));
    if (!expected)
      return site->emitError()
             << "interpreter: argument #" << i << " of '@" << fn.getSymName()
             << "' has unsupported type " << type.getInput(i);
    if (!isSupportedElementType(arg.elementType))
      return site->emitError()
             << "interpreter: argument #" << i
             << " has an unsupported element type " << arg.elementType;
    size_t held = arg.isFloat() ? arg.floats.size() : arg.ints.size();
    if ((int64_t)held != arg.numElements())
      return site->emitError()
             << "interpreter: argument #" << i << " holds " << held
             << " element(s) but its shape needs " << arg.numElements();
    if (!fitsType(arg, *expected))
      return site->emitError()
             << "interpreter: argument #" << i << " of '@" << fn.getSymName()
             << "' has type '" << describe(arg, type.getInput(i))
             << "', expected " << type.getInput(i);
    RefTensor t = arg;
    for (int64_t j = 0, e = t.numElements(); j < e; ++j) {
      if (t.isFloat())
        t.setFloat(j, t.floats[j]);
      else
        t.setInt(j, t.ints[j]);
    }
    normalized.push_back(std::move(t));
  }
  return normalized;
}

OpResults Interpreter::call(func::FuncOp fn, ArrayRef<RefTensor> args,
                            Operation *site) {
  if (depth >= kMaxCallDepth)
    return site->emitError() << "interpreter: call depth limit of "
                             << kMaxCallDepth << " exceeded";
  if (fn.isExternal())
    return site->emitError()
           << "interpreter: function '@" << fn.getSymName() << "' has no body";
  if (!verified.contains(fn)) {
    if (failed(verify(fn)))
      return failure();
    verified.insert(fn);
  }
  FailureOr<SmallVector<RefTensor>> normalized = checkArgs(fn, args, site);
  if (failed(normalized))
    return failure();
  ++depth;
  OpResults results = runRegion(fn.getBody(), *normalized, nullptr, fn);
  --depth;
  return results;
}

OpResults Interpreter::runRegion(Region &region, ArrayRef<RefTensor> args,
                                 const Scope *parent, Operation *owner) {
  if (!region.hasOneBlock())
    return owner->emitError(
        "interpreter: regions with more than one block are not supported");
  Block &block = region.front();
  if (block.getNumArguments() != args.size())
    return owner->emitError()
           << "interpreter: region takes " << block.getNumArguments()
           << " argument(s), got " << args.size();
  Scope scope;
  scope.parent = parent;
  for (auto [blockArg, value] : llvm::zip_equal(block.getArguments(), args))
    scope.values[blockArg] = value;
  for (Operation &op : block.without_terminator())
    if (failed(runOp(&op, scope)))
      return failure();
  Operation *terminator = &block.back();
  if (!isa<func::ReturnOp, genc::ReturnOp, linalg::YieldOp, scf::YieldOp,
           scf::ConditionOp, tensor::YieldOp>(terminator))
    return terminator->emitError()
           << "interpreter: unsupported op '" << terminator->getName() << "'";
  SmallVector<RefTensor> results;
  for (Value v : terminator->getOperands()) {
    const RefTensor *t = scope.lookup(v);
    if (!t)
      return terminator->emitError("interpreter: operand has no value");
    results.push_back(*t);
  }
  return results;
}

LogicalResult Interpreter::runOp(Operation *op, Scope &scope) {
  SmallVector<const RefTensor *> operands;
  for (auto [i, v] : llvm::enumerate(op->getOperands())) {
    const RefTensor *t = scope.lookup(v);
    if (!t)
      return op->emitError()
             << "interpreter: operand #" << i << " has no value";
    operands.push_back(t);
  }
  SmallVector<RefType> resultTypes;
  for (Type type : op->getResultTypes()) {
    std::optional<RefType> refType = refTypeOf(type);
    if (!refType)
      return op->emitError() << "interpreter: unsupported op '" << op->getName()
                             << "' with result type " << type;
    resultTypes.push_back(std::move(*refType));
  }
  OpResults results = evalOp(op, operands, scope);
  if (failed(results))
    return failure();
  if (results->size() != op->getNumResults())
    return op->emitError() << "interpreter: internal error: computed "
                           << results->size() << " result(s), expected "
                           << op->getNumResults();
  for (auto [result, type, value] :
       llvm::zip_equal(op->getResults(), resultTypes, *results)) {
    if (!fitsType(value, type))
      return op->emitError()
             << "interpreter: internal error: computed " << value.getType()
             << ", expected " << result.getType();
    scope.values[result] = std::move(value);
  }
  return success();
}

OpResults Interpreter::evalOp(Operation *op,
                              ArrayRef<const RefTensor *> operands,
                              const Scope &scope) {
  if (op->getName().getDialectNamespace() ==
      GencDialect::getDialectNamespace()) {
    if (std::optional<OpResults> r = evalElementwiseOp(op, operands))
      return std::move(*r);
    if (std::optional<OpResults> r = evalTensorOp(op, operands))
      return std::move(*r);
  }
  if (isa<arith::ConstantOp>(op))
    return evalArithConstant(op);
  if (isUpstreamElementwiseOp(op))
    return evalUpstreamElementwise(op, operands);
  if (isa<linalg::LinalgOp>(op))
    return evalLinalg(op, operands, scope);
  if (isa<linalg::IndexOp>(op))
    return evalLinalgIndex(op);
  if (std::optional<OpResults> r = evalTensorDialectOp(op, operands, scope))
    return std::move(*r);
  if (std::optional<OpResults> r = evalScfOp(op, operands, scope))
    return std::move(*r);
  return llvm::TypeSwitch<Operation *, OpResults>(op)
      .Case([&](ReduceOp o) {
        return evalReduce(o, *operands[0], *operands[1], scope);
      })
      .Case([&](WhileOp o) { return evalWhile(o, operands, scope); })
      .Case([&](IfOp o) { return evalIf(o, *operands[0], scope); })
      .Case([&](func::CallOp o) { return evalCall(o, operands); })
      .Default([](Operation *o) -> OpResults {
        return o->emitError()
               << "interpreter: unsupported op '" << o->getName() << "'";
      });
}

/// Starts every result element at `init` and folds the operand's elements
/// into it in row-major order: `acc = body(acc, element)`.
OpResults Interpreter::evalReduce(ReduceOp op, const RefTensor &x,
                                  const RefTensor &init, const Scope &scope) {
  RefTensor r = zerosLikeResult(op);
  for (int64_t i = 0, e = r.numElements(); i < e; ++i)
    copyElement(r, i, init, 0);
  ArrayRef<int64_t> dims = op.getDimensions();
  SmallVector<int64_t> keptStrides;
  {
    SmallVector<int64_t> rStrides = rowMajorStrides(r.shape);
    size_t k = 0;
    for (size_t d = 0; d < x.shape.size(); ++d)
      keptStrides.push_back(
          llvm::is_contained(dims, (int64_t)d) ? 0 : rStrides[k++]);
  }
  LogicalResult status = success();
  SmallVector<RefTensor, 2> args;
  forEachIndex(x.shape, [&](ArrayRef<int64_t> index, int64_t linear) {
    if (failed(status))
      return;
    int64_t out = linearize(index, keptStrides);
    args.clear();
    args.push_back(scalarAt(r, out));
    args.push_back(scalarAt(x, linear));
    OpResults combined = runRegion(op.getBody(), args, &scope, op);
    if (failed(combined)) {
      status = failure();
      return;
    }
    copyElement(r, out, (*combined)[0], 0);
  });
  if (failed(status))
    return failure();
  SmallVector<RefTensor> results;
  results.push_back(std::move(r));
  return results;
}

OpResults Interpreter::evalWhile(WhileOp op,
                                 ArrayRef<const RefTensor *> operands,
                                 const Scope &scope) {
  SmallVector<RefTensor> values;
  for (const RefTensor *t : operands)
    values.push_back(*t);
  while (true) {
    OpResults cond = runRegion(op.getCond(), values, &scope, op);
    if (failed(cond))
      return failure();
    if (!(*cond)[0].ints[0])
      return values;
    OpResults next = runRegion(op.getBody(), values, &scope, op);
    if (failed(next))
      return failure();
    values = std::move(*next);
  }
}

OpResults Interpreter::evalIf(IfOp op, const RefTensor &pred,
                              const Scope &scope) {
  return runRegion(pred.ints[0] ? op.getThenBranch() : op.getElseBranch(), {},
                   &scope, op);
}

OpResults Interpreter::evalCall(func::CallOp op,
                                ArrayRef<const RefTensor *> operands) {
  auto callee = SymbolTable::lookupNearestSymbolFrom<func::FuncOp>(
      op, op.getCalleeAttr());
  if (!callee)
    return op.emitError() << "interpreter: callee '@" << op.getCallee()
                          << "' not found";
  SmallVector<RefTensor> args;
  for (const RefTensor *t : operands)
    args.push_back(*t);
  return call(callee, args, op);
}

FailureOr<SmallVector<RefTensor>> interp::interpret(func::FuncOp fn,
                                                    ArrayRef<RefTensor> args) {
  Interpreter interpreter;
  return interpreter.call(fn, args, fn);
}

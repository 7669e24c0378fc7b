//===- ElementwiseOps.cpp - interpreter: elementwise genc ops -------------===//
//
// Unary and binary arithmetic, compare, select, clamp and convert. Floats
// are computed in double and rounded to the element type; integers are
// computed with 64-bit wrap-around and wrapped to the element width.
//
//===----------------------------------------------------------------------===//

#include "dialects/genc/Interpreter/InterpreterImpl.h"

#include "dialects/genc/IR/GencDialect.h"

#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/APInt.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace mlir::genc;
using namespace mlir::genc::interp;
using namespace mlir::genc::interp::impl;

namespace {
using FloatUnaryFn = double (*)(double);
using IntUnaryFn = int64_t (*)(int64_t);
using FloatBinaryFn = double (*)(double, double);
using IntBinaryFn = int64_t (*)(int64_t, int64_t);
} // namespace

static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

//===----------------------------------------------------------------------===//
// Scalar semantics
//===----------------------------------------------------------------------===//

// Integer arithmetic goes through uint64_t so that overflow wraps instead of
// being undefined; the caller then wraps to the element width.
static int64_t wrapAdd(int64_t a, int64_t b) {
  return (int64_t)((uint64_t)a + (uint64_t)b);
}
static int64_t wrapSub(int64_t a, int64_t b) {
  return (int64_t)((uint64_t)a - (uint64_t)b);
}
static int64_t wrapMul(int64_t a, int64_t b) {
  return (int64_t)((uint64_t)a * (uint64_t)b);
}

/// StableHLO integer division: truncating; x / 0 = -1; INT_MIN / -1 = INT_MIN
/// (for narrower types the 64-bit quotient wraps to INT_MIN afterwards).
static int64_t intDiv(int64_t a, int64_t b) {
  if (b == 0)
    return -1;
  if (b == -1)
    return wrapSub(0, a);
  return a / b;
}

/// StableHLO integer remainder: the sign of `a`; x % 0 = x; x % -1 = 0.
static int64_t intRem(int64_t a, int64_t b) {
  if (b == 0)
    return a;
  if (b == -1)
    return 0;
  return a % b;
}

/// IEEE-754 maximum: NaN if either is NaN, and +0 > -0.
static double floatMax(double a, double b) {
  if (std::isnan(a) || std::isnan(b))
    return kNaN;
  if (a == b)
    return std::signbit(a) ? b : a;
  return a > b ? a : b;
}

/// IEEE-754 minimum: NaN if either is NaN, and -0 < +0.
static double floatMin(double a, double b) {
  if (std::isnan(a) || std::isnan(b))
    return kNaN;
  if (a == b)
    return std::signbit(a) ? a : b;
  return a < b ? a : b;
}

/// -1, 0 or 1; NaN and -0.0 are kept.
static double floatSign(double x) {
  if (std::isnan(x) || x == 0)
    return x;
  return x > 0 ? 1.0 : -1.0;
}

static bool compareFloats(ComparisonDirection dir, double a, double b) {
  switch (dir) {
  case ComparisonDirection::EQ:
    return a == b;
  case ComparisonDirection::NE:
    return !(a == b); // Unordered: true if either is NaN.
  case ComparisonDirection::LT:
    return a < b;
  case ComparisonDirection::LE:
    return a <= b;
  case ComparisonDirection::GT:
    return a > b;
  case ComparisonDirection::GE:
    return a >= b;
  }
  llvm_unreachable("unknown comparison direction");
}

/// Signed comparison of the held values; an i1 holds 0 or 1, so booleans
/// compare as unsigned (false < true).
static bool compareInts(ComparisonDirection dir, int64_t a, int64_t b) {
  switch (dir) {
  case ComparisonDirection::EQ:
    return a == b;
  case ComparisonDirection::NE:
    return a != b;
  case ComparisonDirection::LT:
    return a < b;
  case ComparisonDirection::LE:
    return a <= b;
  case ComparisonDirection::GT:
    return a > b;
  case ComparisonDirection::GE:
    return a >= b;
  }
  llvm_unreachable("unknown comparison direction");
}

/// Float to integer: truncates toward zero and saturates to the type's
/// range; NaN gives 0. To i1: `x != 0` (so NaN gives 1).
static int64_t floatToInt(double x, unsigned width) {
  if (width == 1)
    return x != 0 ? 1 : 0;
  if (std::isnan(x))
    return 0;
  double t = std::trunc(x);
  // Both bounds are powers of two, so exact in double.
  double lo = -std::ldexp(1.0, width - 1), hi = std::ldexp(1.0, width - 1);
  if (t < lo)
    return width == 64 ? std::numeric_limits<int64_t>::min()
                       : -(int64_t(1) << (width - 1));
  if (t >= hi)
    return width == 64 ? std::numeric_limits<int64_t>::max()
                       : (int64_t(1) << (width - 1)) - 1;
  return (int64_t)t;
}

/// Integer (held value, signed; i1 holds 0/1) to float type `type`, rounded
/// once to nearest even.
static double intToFloat(int64_t x, Type type) {
  llvm::APFloat f(cast<FloatType>(type).getFloatSemantics());
  f.convertFromAPInt(llvm::APInt(64, (uint64_t)x, /*isSigned=*/true),
                     /*IsSigned=*/true, llvm::APFloat::rmNearestTiesToEven);
  bool losesInfo = false;
  f.convert(llvm::APFloat::IEEEdouble(), llvm::APFloat::rmNearestTiesToEven,
            &losesInfo);
  return f.convertToDouble();
}

//===----------------------------------------------------------------------===//
// Op families
//===----------------------------------------------------------------------===//

static OpResults single(RefTensor t) {
  SmallVector<RefTensor> results;
  results.push_back(std::move(t));
  return results;
}

static OpResults notDefinedOn(Operation *op, const RefTensor &x) {
  return op->emitError() << "interpreter: '" << op->getName()
                         << "' is not defined on elements of type "
                         << x.elementType;
}

static std::optional<OpResults> evalUnary(Operation *op, const RefTensor &x) {
  FloatUnaryFn ff = nullptr;
  IntUnaryFn fi = nullptr;
  if (isa<NegOp>(op)) {
    ff = [](double v) { return -v; };
    fi = [](int64_t v) { return wrapSub(0, v); };
  } else if (isa<AbsOp>(op)) {
    ff = [](double v) { return std::fabs(v); };
    fi = [](int64_t v) { return v < 0 ? wrapSub(0, v) : v; };
  } else if (isa<SignOp>(op)) {
    ff = floatSign;
    fi = [](int64_t v) -> int64_t { return (v > 0) - (v < 0); };
  } else if (isa<ExpOp>(op)) {
    ff = [](double v) { return std::exp(v); };
  } else if (isa<LogOp>(op)) {
    ff = [](double v) { return std::log(v); };
  } else if (isa<Log1pOp>(op)) {
    ff = [](double v) { return std::log1p(v); };
  } else if (isa<Expm1Op>(op)) {
    ff = [](double v) { return std::expm1(v); };
  } else if (isa<SqrtOp>(op)) {
    ff = [](double v) { return std::sqrt(v); };
  } else if (isa<RsqrtOp>(op)) {
    ff = [](double v) { return 1.0 / std::sqrt(v); };
  } else if (isa<TanhOp>(op)) {
    ff = [](double v) { return std::tanh(v); };
  } else if (isa<LogisticOp>(op)) {
    ff = [](double v) { return 1.0 / (1.0 + std::exp(-v)); };
  } else if (isa<SinOp>(op)) {
    ff = [](double v) { return std::sin(v); };
  } else if (isa<CosOp>(op)) {
    ff = [](double v) { return std::cos(v); };
  } else if (isa<FloorOp>(op)) {
    ff = [](double v) { return std::floor(v); };
  } else {
    return std::nullopt;
  }

  RefTensor r = RefTensor::zeros(x.elementType, x.shape);
  if (x.isFloat()) {
    if (!ff)
      return notDefinedOn(op, x);
    for (int64_t i = 0, e = x.numElements(); i < e; ++i)
      r.setFloat(i, ff(x.floats[i]));
  } else {
    if (!fi)
      return notDefinedOn(op, x);
    for (int64_t i = 0, e = x.numElements(); i < e; ++i)
      r.setInt(i, fi(x.ints[i]));
  }
  return single(std::move(r));
}

static std::optional<OpResults> evalBinary(Operation *op, const RefTensor &a,
                                           const RefTensor &b) {
  FloatBinaryFn ff = nullptr;
  IntBinaryFn fi = nullptr;
  if (isa<AddOp>(op)) {
    ff = [](double x, double y) { return x + y; };
    fi = wrapAdd;
  } else if (isa<SubOp>(op)) {
    ff = [](double x, double y) { return x - y; };
    fi = wrapSub;
  } else if (isa<MulOp>(op)) {
    ff = [](double x, double y) { return x * y; };
    fi = wrapMul;
  } else if (isa<DivOp>(op)) {
    ff = [](double x, double y) { return x / y; };
    fi = intDiv;
  } else if (isa<RemOp>(op)) {
    ff = [](double x, double y) { return std::fmod(x, y); };
    fi = intRem;
  } else if (isa<PowOp>(op)) {
    ff = [](double x, double y) { return std::pow(x, y); };
  } else if (isa<MaxOp>(op)) {
    ff = floatMax;
    fi = [](int64_t x, int64_t y) { return std::max(x, y); };
  } else if (isa<MinOp>(op)) {
    ff = floatMin;
    fi = [](int64_t x, int64_t y) { return std::min(x, y); };
  } else if (isa<AndOp>(op)) {
    fi = [](int64_t x, int64_t y) { return x & y; };
  } else if (isa<OrOp>(op)) {
    fi = [](int64_t x, int64_t y) { return x | y; };
  } else {
    return std::nullopt;
  }
  // On i1, add is logical or (StableHLO), not addition modulo 2.
  if (isa<AddOp>(op) && a.elementType.isInteger(1))
    fi = [](int64_t x, int64_t y) { return x | y; };

  RefTensor r = RefTensor::zeros(a.elementType, a.shape);
  if (a.isFloat()) {
    if (!ff)
      return notDefinedOn(op, a);
    for (int64_t i = 0, e = a.numElements(); i < e; ++i)
      r.setFloat(i, ff(a.floats[i], b.floats[i]));
  } else {
    if (!fi)
      return notDefinedOn(op, a);
    for (int64_t i = 0, e = a.numElements(); i < e; ++i)
      r.setInt(i, fi(a.ints[i], b.ints[i]));
  }
  return single(std::move(r));
}

static OpResults evalCompare(CompareOp op, const RefTensor &a,
                             const RefTensor &b) {
  RefTensor r = zerosLikeResult(op);
  ComparisonDirection dir = op.getComparisonDirection();
  for (int64_t i = 0, e = a.numElements(); i < e; ++i)
    r.ints[i] = a.isFloat() ? compareFloats(dir, a.floats[i], b.floats[i])
                            : compareInts(dir, a.ints[i], b.ints[i]);
  return single(std::move(r));
}

static OpResults evalSelect(const RefTensor &pred, const RefTensor &onTrue,
                            const RefTensor &onFalse) {
  RefTensor r = RefTensor::zeros(onTrue.elementType, onTrue.shape);
  for (int64_t i = 0, e = r.numElements(); i < e; ++i)
    copyElement(r, i, pred.ints[i] ? onTrue : onFalse, i);
  return single(std::move(r));
}

/// `min(max(x, lo), hi)` with the NaN-propagating max/min. A 0-d bound
/// applies to every element, as in StableHLO.
static OpResults evalClamp(const RefTensor &lo, const RefTensor &x,
                           const RefTensor &hi) {
  RefTensor r = RefTensor::zeros(x.elementType, x.shape);
  auto at = [](const RefTensor &bound, int64_t i) {
    return bound.numElements() == 1 ? 0 : i;
  };
  for (int64_t i = 0, e = x.numElements(); i < e; ++i) {
    if (x.isFloat())
      r.setFloat(i, floatMin(floatMax(x.floats[i], lo.floats[at(lo, i)]),
                             hi.floats[at(hi, i)]));
    else
      r.setInt(i, std::min(std::max(x.ints[i], lo.ints[at(lo, i)]),
                           hi.ints[at(hi, i)]));
  }
  return single(std::move(r));
}

static OpResults evalConvert(ConvertOp op, const RefTensor &x) {
  RefTensor r = zerosLikeResult(op);
  Type to = r.elementType;
  unsigned width = r.isFloat() ? 0 : to.getIntOrFloatBitWidth();
  for (int64_t i = 0, e = x.numElements(); i < e; ++i) {
    if (x.isFloat() && r.isFloat())
      r.setFloat(i, x.floats[i]);
    else if (x.isFloat())
      r.setInt(i, floatToInt(x.floats[i], width));
    else if (r.isFloat())
      r.setFloat(i, intToFloat(x.ints[i], to));
    else if (width == 1)
      r.ints[i] = x.ints[i] != 0;
    else
      r.setInt(i, x.ints[i]);
  }
  return single(std::move(r));
}

std::optional<OpResults> mlir::genc::interp::impl::evalElementwiseOp(
    Operation *op, ArrayRef<const RefTensor *> operands) {
  if (auto cmp = dyn_cast<CompareOp>(op))
    return evalCompare(cmp, *operands[0], *operands[1]);
  if (isa<SelectOp>(op))
    return evalSelect(*operands[0], *operands[1], *operands[2]);
  if (isa<ClampOp>(op))
    return evalClamp(*operands[0], *operands[1], *operands[2]);
  if (auto convert = dyn_cast<ConvertOp>(op))
    return evalConvert(convert, *operands[0]);
  if (operands.size() == 1)
    return evalUnary(op, *operands[0]);
  if (operands.size() == 2)
    return evalBinary(op, *operands[0], *operands[1]);
  return std::nullopt;
}

//===- GencScalar.cpp - scalar bodies of elementwise genc ops -------------===//
//
// Implements ScalarizableOpInterface: each elementwise op emits its
// per-element computation in arith/math. The genc-to-linalg lowering wraps
// these in linalg.generic; reductions reuse them for their combiners.
//
//===----------------------------------------------------------------------===//

#include "dialects/genc/IR/GencDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/Builders.h"

#include <cmath>

using namespace mlir;
using namespace mlir::genc;

static bool isFloat(Value v) { return isa<FloatType>(v.getType()); }

static Value floatConst(OpBuilder &b, Location loc, Type t, double v) {
  return b.create<arith::ConstantOp>(loc, t, b.getFloatAttr(t, v));
}

static Value intConst(OpBuilder &b, Location loc, Type t, int64_t v) {
  return b.create<arith::ConstantOp>(loc, t, b.getIntegerAttr(t, v));
}

Value NegOp::buildScalar(OpBuilder &b, Location loc, ValueRange ops) {
  Value x = ops[0];
  if (isFloat(x))
    return b.create<arith::NegFOp>(loc, x);
  return b.create<arith::SubIOp>(loc, intConst(b, loc, x.getType(), 0), x);
}

Value AbsOp::buildScalar(OpBuilder &b, Location loc, ValueRange ops) {
  Value x = ops[0];
  if (isFloat(x))
    return b.create<math::AbsFOp>(loc, x);
  return b.create<math::AbsIOp>(loc, x);
}

Value SignOp::buildScalar(OpBuilder &b, Location loc, ValueRange ops) {
  Value x = ops[0];
  Type t = x.getType();
  if (isFloat(x)) {
    // copysign(1, x) where x != 0, else x (keeps +-0 and NaN).
    Value one = b.create<math::CopySignOp>(loc, floatConst(b, loc, t, 1.0), x);
    Value zero = floatConst(b, loc, t, 0.0);
    Value isZeroOrNan =
        b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::UEQ, x, zero);
    return b.create<arith::SelectOp>(loc, isZeroOrNan, x, one);
  }
  if (t.isInteger(1))
    return x;
  Value zero = intConst(b, loc, t, 0);
  Value pos = b.create<arith::ExtUIOp>(
      loc, t, b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::sgt, x, zero));
  Value neg = b.create<arith::ExtUIOp>(
      loc, t, b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::slt, x, zero));
  return b.create<arith::SubIOp>(loc, pos, neg);
}

Value ExpOp::buildScalar(OpBuilder &b, Location loc, ValueRange ops) {
  return b.create<math::ExpOp>(loc, ops[0]);
}
Value LogOp::buildScalar(OpBuilder &b, Location loc, ValueRange ops) {
  return b.create<math::LogOp>(loc, ops[0]);
}
Value Log1pOp::buildScalar(OpBuilder &b, Location loc, ValueRange ops) {
  return b.create<math::Log1pOp>(loc, ops[0]);
}
Value Expm1Op::buildScalar(OpBuilder &b, Location loc, ValueRange ops) {
  return b.create<math::ExpM1Op>(loc, ops[0]);
}
Value SqrtOp::buildScalar(OpBuilder &b, Location loc, ValueRange ops) {
  return b.create<math::SqrtOp>(loc, ops[0]);
}
Value RsqrtOp::buildScalar(OpBuilder &b, Location loc, ValueRange ops) {
  return b.create<math::RsqrtOp>(loc, ops[0]);
}
Value TanhOp::buildScalar(OpBuilder &b, Location loc, ValueRange ops) {
  return b.create<math::TanhOp>(loc, ops[0]);
}
Value LogisticOp::buildScalar(OpBuilder &b, Location loc, ValueRange ops) {
  // 1 / (1 + exp(-x))
  Value x = ops[0];
  Value one = floatConst(b, loc, x.getType(), 1.0);
  Value e = b.create<math::ExpOp>(loc, b.create<arith::NegFOp>(loc, x));
  return b.create<arith::DivFOp>(loc, one, b.create<arith::AddFOp>(loc, one, e));
}
Value SinOp::buildScalar(OpBuilder &b, Location loc, ValueRange ops) {
  return b.create<math::SinOp>(loc, ops[0]);
}
Value CosOp::buildScalar(OpBuilder &b, Location loc, ValueRange ops) {
  return b.create<math::CosOp>(loc, ops[0]);
}
Value FloorOp::buildScalar(OpBuilder &b, Location loc, ValueRange ops) {
  return b.create<math::FloorOp>(loc, ops[0]);
}

Value AddOp::buildScalar(OpBuilder &b, Location loc, ValueRange ops) {
  if (isFloat(ops[0]))
    return b.create<arith::AddFOp>(loc, ops[0], ops[1]);
  if (ops[0].getType().isInteger(1))
    return b.create<arith::OrIOp>(loc, ops[0], ops[1]);
  return b.create<arith::AddIOp>(loc, ops[0], ops[1]);
}
Value SubOp::buildScalar(OpBuilder &b, Location loc, ValueRange ops) {
  if (isFloat(ops[0]))
    return b.create<arith::SubFOp>(loc, ops[0], ops[1]);
  return b.create<arith::SubIOp>(loc, ops[0], ops[1]);
}
Value MulOp::buildScalar(OpBuilder &b, Location loc, ValueRange ops) {
  if (isFloat(ops[0]))
    return b.create<arith::MulFOp>(loc, ops[0], ops[1]);
  if (ops[0].getType().isInteger(1))
    return b.create<arith::AndIOp>(loc, ops[0], ops[1]);
  return b.create<arith::MulIOp>(loc, ops[0], ops[1]);
}
/// Integer division guards: StableHLO defines x / 0 = -1, x % 0 = x, and
/// INT_MIN / -1 = INT_MIN, INT_MIN % -1 = 0. The divisor is replaced by 1
/// in those cases so the generated code never traps.
struct IntDivGuards {
  Value byZero, overflow, safeDivisor;
};
static IntDivGuards intDivGuards(OpBuilder &b, Location loc, Value lhs,
                                 Value rhs) {
  Type t = lhs.getType();
  unsigned width = t.getIntOrFloatBitWidth();
  Value zero = intConst(b, loc, t, 0);
  Value byZero =
      b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, rhs, zero);
  Value minusOne = intConst(b, loc, t, -1);
  Value intMin = b.create<arith::ConstantOp>(
      loc, t, b.getIntegerAttr(t, APInt::getSignedMinValue(width)));
  Value overflow = b.create<arith::AndIOp>(
      loc, b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, lhs, intMin),
      b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, rhs, minusOne));
  Value bad = b.create<arith::OrIOp>(loc, byZero, overflow);
  Value safe = b.create<arith::SelectOp>(loc, bad, intConst(b, loc, t, 1), rhs);
  return {byZero, overflow, safe};
}

Value DivOp::buildScalar(OpBuilder &b, Location loc, ValueRange ops) {
  if (isFloat(ops[0]))
    return b.create<arith::DivFOp>(loc, ops[0], ops[1]);
  Type t = ops[0].getType();
  if (t.isInteger(1)) // 1/1 = 1, x/0 = -1 = true
    return b.create<arith::OrIOp>(
        loc, ops[0],
        b.create<arith::XOrIOp>(loc, ops[1], intConst(b, loc, t, 1)));
  IntDivGuards g = intDivGuards(b, loc, ops[0], ops[1]);
  // With divisor 1 the overflow case already yields lhs = INT_MIN.
  Value q = b.create<arith::DivSIOp>(loc, ops[0], g.safeDivisor);
  return b.create<arith::SelectOp>(loc, g.byZero, intConst(b, loc, t, -1), q);
}
Value RemOp::buildScalar(OpBuilder &b, Location loc, ValueRange ops) {
  if (isFloat(ops[0]))
    return b.create<arith::RemFOp>(loc, ops[0], ops[1]);
  Type t = ops[0].getType();
  if (t.isInteger(1)) // x % 1 = 0, x % 0 = x
    return b.create<arith::AndIOp>(
        loc, ops[0],
        b.create<arith::XOrIOp>(loc, ops[1], intConst(b, loc, t, 1)));
  IntDivGuards g = intDivGuards(b, loc, ops[0], ops[1]);
  Value r = b.create<arith::RemSIOp>(loc, ops[0], g.safeDivisor);
  r = b.create<arith::SelectOp>(loc, g.overflow, intConst(b, loc, t, 0), r);
  return b.create<arith::SelectOp>(loc, g.byZero, ops[0], r);
}
Value PowOp::buildScalar(OpBuilder &b, Location loc, ValueRange ops) {
  return b.create<math::PowFOp>(loc, ops[0], ops[1]);
}
Value MaxOp::buildScalar(OpBuilder &b, Location loc, ValueRange ops) {
  if (isFloat(ops[0]))
    return b.create<arith::MaximumFOp>(loc, ops[0], ops[1]);
  if (ops[0].getType().isInteger(1))
    return b.create<arith::OrIOp>(loc, ops[0], ops[1]);
  return b.create<arith::MaxSIOp>(loc, ops[0], ops[1]);
}
Value MinOp::buildScalar(OpBuilder &b, Location loc, ValueRange ops) {
  if (isFloat(ops[0]))
    return b.create<arith::MinimumFOp>(loc, ops[0], ops[1]);
  if (ops[0].getType().isInteger(1))
    return b.create<arith::AndIOp>(loc, ops[0], ops[1]);
  return b.create<arith::MinSIOp>(loc, ops[0], ops[1]);
}
Value AndOp::buildScalar(OpBuilder &b, Location loc, ValueRange ops) {
  return b.create<arith::AndIOp>(loc, ops[0], ops[1]);
}
Value OrOp::buildScalar(OpBuilder &b, Location loc, ValueRange ops) {
  return b.create<arith::OrIOp>(loc, ops[0], ops[1]);
}

Value CompareOp::buildScalar(OpBuilder &b, Location loc, ValueRange ops) {
  ComparisonDirection dir = getComparisonDirection();
  if (isFloat(ops[0])) {
    arith::CmpFPredicate pred;
    switch (dir) {
    case ComparisonDirection::EQ: pred = arith::CmpFPredicate::OEQ; break;
    case ComparisonDirection::NE: pred = arith::CmpFPredicate::UNE; break;
    case ComparisonDirection::LT: pred = arith::CmpFPredicate::OLT; break;
    case ComparisonDirection::LE: pred = arith::CmpFPredicate::OLE; break;
    case ComparisonDirection::GT: pred = arith::CmpFPredicate::OGT; break;
    case ComparisonDirection::GE: pred = arith::CmpFPredicate::OGE; break;
    }
    return b.create<arith::CmpFOp>(loc, pred, ops[0], ops[1]);
  }
  bool isBool = ops[0].getType().isInteger(1);
  arith::CmpIPredicate pred;
  switch (dir) {
  case ComparisonDirection::EQ: pred = arith::CmpIPredicate::eq; break;
  case ComparisonDirection::NE: pred = arith::CmpIPredicate::ne; break;
  case ComparisonDirection::LT:
    pred = isBool ? arith::CmpIPredicate::ult : arith::CmpIPredicate::slt;
    break;
  case ComparisonDirection::LE:
    pred = isBool ? arith::CmpIPredicate::ule : arith::CmpIPredicate::sle;
    break;
  case ComparisonDirection::GT:
    pred = isBool ? arith::CmpIPredicate::ugt : arith::CmpIPredicate::sgt;
    break;
  case ComparisonDirection::GE:
    pred = isBool ? arith::CmpIPredicate::uge : arith::CmpIPredicate::sge;
    break;
  }
  return b.create<arith::CmpIOp>(loc, pred, ops[0], ops[1]);
}

Value SelectOp::buildScalar(OpBuilder &b, Location loc, ValueRange ops) {
  return b.create<arith::SelectOp>(loc, ops[0], ops[1], ops[2]);
}

Value ClampOp::buildScalar(OpBuilder &b, Location loc, ValueRange ops) {
  if (isFloat(ops[1])) {
    Value lo = b.create<arith::MaximumFOp>(loc, ops[1], ops[0]);
    return b.create<arith::MinimumFOp>(loc, lo, ops[2]);
  }
  Value lo = b.create<arith::MaxSIOp>(loc, ops[1], ops[0]);
  return b.create<arith::MinSIOp>(loc, lo, ops[2]);
}

Value ConvertOp::buildScalar(OpBuilder &b, Location loc, ValueRange ops) {
  Value x = ops[0];
  Type from = x.getType();
  Type to = getType().getElementType();
  if (from == to)
    return x;
  auto fromF = dyn_cast<FloatType>(from);
  auto toF = dyn_cast<FloatType>(to);
  if (fromF && toF) {
    if (fromF.getWidth() < toF.getWidth())
      return b.create<arith::ExtFOp>(loc, to, x);
    if (fromF.getWidth() > toF.getWidth())
      return b.create<arith::TruncFOp>(loc, to, x);
    // f16 <-> bf16: go through f32.
    Value wide = b.create<arith::ExtFOp>(loc, b.getF32Type(), x);
    return b.create<arith::TruncFOp>(loc, to, wide);
  }
  if (to.isInteger(1)) {
    if (fromF)
      return b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::UNE, x,
                                     floatConst(b, loc, from, 0.0));
    return b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ne, x,
                                   intConst(b, loc, from, 0));
  }
  if (fromF) {
    // Saturating, NaN -> 0 (fptosi alone is poison out of range).
    unsigned tw = to.getIntOrFloatBitWidth();
    Type wide = fromF.getWidth() < 32 ? b.getF32Type() : from;
    Value xw = wide == from ? x : b.create<arith::ExtFOp>(loc, wide, x);
    Value r = b.create<arith::FPToSIOp>(loc, to, xw);
    double hi = std::ldexp(1.0, tw - 1); // 2^(w-1), exact in f32/f64
    Value tooBig = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OGE, xw,
                                           floatConst(b, loc, wide, hi));
    Value tooSmall = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OLT,
                                             xw, floatConst(b, loc, wide, -hi));
    Value isNan = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::UNO, xw, xw);
    r = b.create<arith::SelectOp>(
        loc, tooBig,
        b.create<arith::ConstantOp>(
            loc, to, b.getIntegerAttr(to, APInt::getSignedMaxValue(tw))),
        r);
    r = b.create<arith::SelectOp>(
        loc, tooSmall,
        b.create<arith::ConstantOp>(
            loc, to, b.getIntegerAttr(to, APInt::getSignedMinValue(tw))),
        r);
    return b.create<arith::SelectOp>(loc, isNan, intConst(b, loc, to, 0), r);
  }
  bool fromBool = from.isInteger(1);
  if (toF)
    return fromBool ? b.create<arith::UIToFPOp>(loc, to, x).getResult()
                    : b.create<arith::SIToFPOp>(loc, to, x).getResult();
  unsigned fw = from.getIntOrFloatBitWidth(), tw = to.getIntOrFloatBitWidth();
  if (fw < tw)
    return fromBool ? b.create<arith::ExtUIOp>(loc, to, x).getResult()
                    : b.create<arith::ExtSIOp>(loc, to, x).getResult();
  return b.create<arith::TruncIOp>(loc, to, x);
}

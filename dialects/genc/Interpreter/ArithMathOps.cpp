//===- ArithMathOps.cpp - interpreter: arith and math ops -----------------===//
//
// The scalar semantics of the arith and math ops, applied to scalars (held
// as 0-d tensors) or elementwise to tensors, and arith.constant. Floats are
// computed in double and rounded to the result type; integers are held
// sign-extended in int64 (an i1 holds 0 or 1) and wrapped to the result
// width. Signed ops read the held bits as two's complement (so an i1 `true`
// is -1 to extsi, divsi, cmpi slt, ...), unsigned ops as unsigned.
//
// Where MLIR leaves a result undefined (poison or UB) the interpreter picks
// one, documented in README.md: integer division by zero gives all ones
// (divsi, divui) or the dividend (remsi, remui); shifts by the width or more
// give 0 (shli, shrui) or the sign fill (shrsi); float to integer saturates
// (NaN gives 0).
//
//===----------------------------------------------------------------------===//

#include "dialects/genc/Interpreter/InterpreterImpl.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/APInt.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/MathExtras.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace mlir::genc;
using namespace mlir::genc::interp;
using namespace mlir::genc::interp::impl;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

//===----------------------------------------------------------------------===//
// Scalar helpers
//===----------------------------------------------------------------------===//

/// The two's complement value of held bits of width `w` (an i1 `1` is -1).
int64_t sview(int64_t v, unsigned w) { return w == 1 ? -(v & 1) : v; }
/// The unsigned value of held bits of width `w`.
uint64_t uview(int64_t v, unsigned w) {
  return w >= 64 ? (uint64_t)v : (uint64_t)v & ((uint64_t(1) << w) - 1);
}

int64_t wrapAdd(int64_t a, int64_t b) {
  return (int64_t)((uint64_t)a + (uint64_t)b);
}
int64_t wrapSub(int64_t a, int64_t b) {
  return (int64_t)((uint64_t)a - (uint64_t)b);
}
int64_t wrapMul(int64_t a, int64_t b) {
  return (int64_t)((uint64_t)a * (uint64_t)b);
}

/// IEEE-754 maximum: NaN if either is NaN, and +0 > -0.
double maximumF(double a, double b) {
  if (std::isnan(a) || std::isnan(b))
    return kNaN;
  if (a == b)
    return std::signbit(a) ? b : a;
  return a > b ? a : b;
}
/// IEEE-754 minimum: NaN if either is NaN, and -0 < +0.
double minimumF(double a, double b) {
  if (std::isnan(a) || std::isnan(b))
    return kNaN;
  if (a == b)
    return std::signbit(a) ? a : b;
  return a < b ? a : b;
}
/// IEEE-754 maximumNumber: the other operand if one is NaN, and +0 > -0.
double maxNumF(double a, double b) {
  if (std::isnan(a))
    return b;
  if (std::isnan(b))
    return a;
  return maximumF(a, b);
}
/// IEEE-754 minimumNumber: the other operand if one is NaN, and -0 < +0.
double minNumF(double a, double b) {
  if (std::isnan(a))
    return b;
  if (std::isnan(b))
    return a;
  return minimumF(a, b);
}

/// Round half to even.
double roundEven(double x) {
  double r = std::round(x);
  if (std::fabs(x - std::trunc(x)) == 0.5)
    r = 2.0 * std::round(x / 2.0);
  return r;
}

int64_t minSigned(unsigned w) {
  return w >= 64 ? std::numeric_limits<int64_t>::min()
                 : -(int64_t(1) << (w - 1));
}
int64_t maxSigned(unsigned w) {
  return w >= 64 ? std::numeric_limits<int64_t>::max()
                 : (int64_t(1) << (w - 1)) - 1;
}

/// Float to integer of width `w`: truncates toward zero and saturates to the
/// signed or unsigned range; NaN gives 0. The result is the raw bits (the
/// caller wraps them to the width).
int64_t floatToInt(double x, unsigned w, bool isSigned) {
  if (std::isnan(x))
    return 0;
  double t = std::trunc(x);
  if (isSigned) {
    // Both bounds are powers of two, so exact in double.
    if (t < -std::ldexp(1.0, w - 1))
      return minSigned(w);
    if (t >= std::ldexp(1.0, w - 1))
      return maxSigned(w);
    return (int64_t)t;
  }
  if (t <= 0)
    return 0;
  if (t >= std::ldexp(1.0, w))
    return (int64_t)(w >= 64 ? ~uint64_t(0) : (uint64_t(1) << w) - 1);
  return (int64_t)(uint64_t)t;
}

/// The 64-bit integer `bits` (signed or unsigned) rounded once to float type
/// `type`.
double intToFloat(uint64_t bits, bool isSigned, Type type) {
  llvm::APFloat f(cast<FloatType>(type).getFloatSemantics());
  f.convertFromAPInt(llvm::APInt(64, bits), isSigned,
                     llvm::APFloat::rmNearestTiesToEven);
  bool losesInfo = false;
  f.convert(llvm::APFloat::IEEEdouble(), llvm::APFloat::rmNearestTiesToEven,
            &losesInfo);
  return f.convertToDouble();
}

/// `value` rounded to float type `type` with rounding mode `mode`.
double roundWithMode(Type type, double value, llvm::RoundingMode mode) {
  if (type.isF64())
    return value;
  llvm::APFloat f(value);
  bool losesInfo = false;
  f.convert(cast<FloatType>(type).getFloatSemantics(), mode, &losesInfo);
  f.convert(llvm::APFloat::IEEEdouble(), llvm::APFloat::rmNearestTiesToEven,
            &losesInfo);
  return f.convertToDouble();
}

/// The bits of float `value` (exactly representable in `type`).
uint64_t floatBits(double value, Type type) {
  llvm::APFloat f(value);
  bool losesInfo = false;
  f.convert(cast<FloatType>(type).getFloatSemantics(),
            llvm::APFloat::rmNearestTiesToEven, &losesInfo);
  return f.bitcastToAPInt().getZExtValue();
}

/// The float of type `type` with bits `bits`.
double bitsToFloat(uint64_t bits, Type type) {
  const llvm::fltSemantics &sem = cast<FloatType>(type).getFloatSemantics();
  llvm::APFloat f(sem, llvm::APInt(llvm::APFloat::getSizeInBits(sem), bits));
  bool losesInfo = false;
  f.convert(llvm::APFloat::IEEEdouble(), llvm::APFloat::rmNearestTiesToEven,
            &losesInfo);
  return f.convertToDouble();
}

llvm::RoundingMode toLLVM(arith::RoundingMode mode) {
  switch (mode) {
  case arith::RoundingMode::to_nearest_even:
    return llvm::RoundingMode::NearestTiesToEven;
  case arith::RoundingMode::downward:
    return llvm::RoundingMode::TowardNegative;
  case arith::RoundingMode::upward:
    return llvm::RoundingMode::TowardPositive;
  case arith::RoundingMode::toward_zero:
    return llvm::RoundingMode::TowardZero;
  case arith::RoundingMode::to_nearest_away:
    return llvm::RoundingMode::NearestTiesToAway;
  }
  llvm_unreachable("unknown rounding mode");
}

bool compareFloats(arith::CmpFPredicate p, double a, double b) {
  bool unordered = std::isnan(a) || std::isnan(b);
  switch (p) {
  case arith::CmpFPredicate::AlwaysFalse:
    return false;
  case arith::CmpFPredicate::OEQ:
    return !unordered && a == b;
  case arith::CmpFPredicate::OGT:
    return !unordered && a > b;
  case arith::CmpFPredicate::OGE:
    return !unordered && a >= b;
  case arith::CmpFPredicate::OLT:
    return !unordered && a < b;
  case arith::CmpFPredicate::OLE:
    return !unordered && a <= b;
  case arith::CmpFPredicate::ONE:
    return !unordered && a != b;
  case arith::CmpFPredicate::ORD:
    return !unordered;
  case arith::CmpFPredicate::UEQ:
    return unordered || a == b;
  case arith::CmpFPredicate::UGT:
    return unordered || a > b;
  case arith::CmpFPredicate::UGE:
    return unordered || a >= b;
  case arith::CmpFPredicate::ULT:
    return unordered || a < b;
  case arith::CmpFPredicate::ULE:
    return unordered || a <= b;
  case arith::CmpFPredicate::UNE:
    return unordered || a != b;
  case arith::CmpFPredicate::UNO:
    return unordered;
  case arith::CmpFPredicate::AlwaysTrue:
    return true;
  }
  llvm_unreachable("unknown cmpf predicate");
}

bool compareInts(arith::CmpIPredicate p, int64_t a, int64_t b, unsigned w) {
  int64_t sa = sview(a, w), sb = sview(b, w);
  uint64_t ua = uview(a, w), ub = uview(b, w);
  switch (p) {
  case arith::CmpIPredicate::eq:
    return ua == ub;
  case arith::CmpIPredicate::ne:
    return ua != ub;
  case arith::CmpIPredicate::slt:
    return sa < sb;
  case arith::CmpIPredicate::sle:
    return sa <= sb;
  case arith::CmpIPredicate::sgt:
    return sa > sb;
  case arith::CmpIPredicate::sge:
    return sa >= sb;
  case arith::CmpIPredicate::ult:
    return ua < ub;
  case arith::CmpIPredicate::ule:
    return ua <= ub;
  case arith::CmpIPredicate::ugt:
    return ua > ub;
  case arith::CmpIPredicate::uge:
    return ua >= ub;
  }
  llvm_unreachable("unknown cmpi predicate");
}

//===----------------------------------------------------------------------===//
// Kernel builders
//===----------------------------------------------------------------------===//

/// `f(a)` on floats, rounded to `t`.
template <typename F> ElemFn floatUnary(Type t, F f) {
  return [t, f](const Elem *a) {
    return floatElem(roundToFloatType(t, f(a[0].f)));
  };
}
/// `f(a, b)` on floats, rounded to `t`.
template <typename F> ElemFn floatBinary(Type t, F f) {
  return [t, f](const Elem *a) {
    return floatElem(roundToFloatType(t, f(a[0].f, a[1].f)));
  };
}
/// `f(a, w)` on the held bits of width `w`, wrapped to `t`.
template <typename F> ElemFn intUnary(Type t, unsigned w, F f) {
  return [t, w, f](const Elem *a) {
    return intElem(wrapToIntType(t, f(a[0].i, w)));
  };
}
/// `f(a, b, w)` on the held bits of width `w`, wrapped to `t`.
template <typename F> ElemFn intBinary(Type t, unsigned w, F f) {
  return [t, w, f](const Elem *a) {
    return intElem(wrapToIntType(t, f(a[0].i, a[1].i, w)));
  };
}

/// The element type `v` is held with (index: i64).
Type heldElementType(Value v) {
  return storageType(getElementTypeOrSelf(v.getType()));
}

std::optional<ElemFn> resolveArith(Operation *op, Type in, Type out,
                                   unsigned inWidth) {
  unsigned w = inWidth;
  using Fn = std::optional<ElemFn>;
  return llvm::TypeSwitch<Operation *, Fn>(op)
      // Float arithmetic.
      .Case([&](arith::AddFOp) {
        return floatBinary(out, [](double a, double b) { return a + b; });
      })
      .Case([&](arith::SubFOp) {
        return floatBinary(out, [](double a, double b) { return a - b; });
      })
      .Case([&](arith::MulFOp) {
        return floatBinary(out, [](double a, double b) { return a * b; });
      })
      .Case([&](arith::DivFOp) {
        return floatBinary(out, [](double a, double b) { return a / b; });
      })
      .Case([&](arith::RemFOp) {
        return floatBinary(out,
                           [](double a, double b) { return std::fmod(a, b); });
      })
      .Case([&](arith::NegFOp) {
        return floatUnary(out, [](double a) { return -a; });
      })
      .Case([&](arith::MaximumFOp) { return floatBinary(out, maximumF); })
      .Case([&](arith::MinimumFOp) { return floatBinary(out, minimumF); })
      .Case([&](arith::MaxNumFOp) { return floatBinary(out, maxNumF); })
      .Case([&](arith::MinNumFOp) { return floatBinary(out, minNumF); })
      // Integer arithmetic.
      .Case([&](arith::AddIOp) {
        return intBinary(out, w, [](int64_t a, int64_t b, unsigned) {
          return wrapAdd(a, b);
        });
      })
      .Case([&](arith::SubIOp) {
        return intBinary(out, w, [](int64_t a, int64_t b, unsigned) {
          return wrapSub(a, b);
        });
      })
      .Case([&](arith::MulIOp) {
        return intBinary(out, w, [](int64_t a, int64_t b, unsigned) {
          return wrapMul(a, b);
        });
      })
      .Case([&](arith::DivSIOp) {
        return intBinary(out, w, [](int64_t a, int64_t b, unsigned w) {
          int64_t sa = sview(a, w), sb = sview(b, w);
          if (sb == 0)
            return int64_t(-1);
          if (sb == -1)
            return wrapSub(0, sa); // INT_MIN / -1 wraps to INT_MIN.
          return sa / sb;
        });
      })
      .Case([&](arith::DivUIOp) {
        return intBinary(out, w, [](int64_t a, int64_t b, unsigned w) {
          uint64_t ua = uview(a, w), ub = uview(b, w);
          return ub == 0 ? int64_t(-1) : (int64_t)(ua / ub);
        });
      })
      .Case([&](arith::RemSIOp) {
        return intBinary(out, w, [](int64_t a, int64_t b, unsigned w) {
          int64_t sa = sview(a, w), sb = sview(b, w);
          if (sb == 0)
            return sa;
          if (sb == -1)
            return int64_t(0);
          return sa % sb;
        });
      })
      .Case([&](arith::RemUIOp) {
        return intBinary(out, w, [](int64_t a, int64_t b, unsigned w) {
          uint64_t ua = uview(a, w), ub = uview(b, w);
          return (int64_t)(ub == 0 ? ua : ua % ub);
        });
      })
      .Case([&](arith::FloorDivSIOp) {
        return intBinary(out, w, [](int64_t a, int64_t b, unsigned w) {
          int64_t sa = sview(a, w), sb = sview(b, w);
          if (sb == 0)
            return int64_t(-1);
          if (sb == -1)
            return wrapSub(0, sa);
          int64_t q = sa / sb;
          if (sa % sb != 0 && ((sa < 0) != (sb < 0)))
            --q;
          return q;
        });
      })
      .Case([&](arith::CeilDivSIOp) {
        return intBinary(out, w, [](int64_t a, int64_t b, unsigned w) {
          int64_t sa = sview(a, w), sb = sview(b, w);
          if (sb == 0)
            return int64_t(-1);
          if (sb == -1)
            return wrapSub(0, sa);
          int64_t q = sa / sb;
          if (sa % sb != 0 && ((sa < 0) == (sb < 0)))
            ++q;
          return q;
        });
      })
      .Case([&](arith::CeilDivUIOp) {
        return intBinary(out, w, [](int64_t a, int64_t b, unsigned w) {
          uint64_t ua = uview(a, w), ub = uview(b, w);
          if (ub == 0)
            return int64_t(-1);
          return (int64_t)(ua / ub + (ua % ub != 0));
        });
      })
      .Case([&](arith::AndIOp) {
        return intBinary(out, w,
                         [](int64_t a, int64_t b, unsigned) { return a & b; });
      })
      .Case([&](arith::OrIOp) {
        return intBinary(out, w,
                         [](int64_t a, int64_t b, unsigned) { return a | b; });
      })
      .Case([&](arith::XOrIOp) {
        return intBinary(out, w,
                         [](int64_t a, int64_t b, unsigned) { return a ^ b; });
      })
      .Case([&](arith::ShLIOp) {
        return intBinary(out, w, [](int64_t a, int64_t b, unsigned w) {
          uint64_t s = uview(b, w);
          return s >= w ? int64_t(0) : (int64_t)((uint64_t)a << s);
        });
      })
      .Case([&](arith::ShRSIOp) {
        return intBinary(out, w, [](int64_t a, int64_t b, unsigned w) {
          uint64_t s = uview(b, w);
          int64_t sa = sview(a, w);
          if (s >= w)
            return sa < 0 ? int64_t(-1) : int64_t(0);
          return sa >> s;
        });
      })
      .Case([&](arith::ShRUIOp) {
        return intBinary(out, w, [](int64_t a, int64_t b, unsigned w) {
          uint64_t s = uview(b, w);
          return s >= w ? int64_t(0) : (int64_t)(uview(a, w) >> s);
        });
      })
      .Case([&](arith::MaxSIOp) {
        return intBinary(out, w, [](int64_t a, int64_t b, unsigned w) {
          return sview(a, w) >= sview(b, w) ? a : b;
        });
      })
      .Case([&](arith::MinSIOp) {
        return intBinary(out, w, [](int64_t a, int64_t b, unsigned w) {
          return sview(a, w) <= sview(b, w) ? a : b;
        });
      })
      .Case([&](arith::MaxUIOp) {
        return intBinary(out, w, [](int64_t a, int64_t b, unsigned w) {
          return uview(a, w) >= uview(b, w) ? a : b;
        });
      })
      .Case([&](arith::MinUIOp) {
        return intBinary(out, w, [](int64_t a, int64_t b, unsigned w) {
          return uview(a, w) <= uview(b, w) ? a : b;
        });
      })
      // Comparisons and select.
      .Case([&](arith::CmpFOp o) -> Fn {
        arith::CmpFPredicate p = o.getPredicate();
        return ElemFn([p](const Elem *a) {
          return intElem(compareFloats(p, a[0].f, a[1].f));
        });
      })
      .Case([&](arith::CmpIOp o) -> Fn {
        arith::CmpIPredicate p = o.getPredicate();
        return ElemFn([p, w](const Elem *a) {
          return intElem(compareInts(p, a[0].i, a[1].i, w));
        });
      })
      .Case([&](arith::SelectOp) -> Fn {
        return ElemFn([](const Elem *a) { return a[0].i ? a[1] : a[2]; });
      })
      // Casts.
      .Case([&](arith::ExtFOp) {
        return floatUnary(out, [](double a) { return a; });
      })
      .Case([&](arith::TruncFOp o) -> Fn {
        std::optional<arith::RoundingMode> mode = o.getRoundingmode();
        if (!mode || *mode == arith::RoundingMode::to_nearest_even)
          return floatUnary(out, [](double a) { return a; });
        llvm::RoundingMode m = toLLVM(*mode);
        return ElemFn([out, m](const Elem *a) {
          return floatElem(roundWithMode(out, a[0].f, m));
        });
      })
      .Case([&](arith::ExtSIOp) {
        return intUnary(out, w,
                        [](int64_t a, unsigned w) { return sview(a, w); });
      })
      .Case<arith::ExtUIOp, arith::IndexCastUIOp>([&](Operation *) {
        return intUnary(
            out, w, [](int64_t a, unsigned w) { return (int64_t)uview(a, w); });
      })
      .Case<arith::TruncIOp, arith::IndexCastOp>([&](Operation *) {
        // Both read the operand as signed: trunci keeps the low bits, and
        // index_cast sign-extends or truncates.
        return intUnary(out, w,
                        [](int64_t a, unsigned w) { return sview(a, w); });
      })
      .Case([&](arith::SIToFPOp) -> Fn {
        return ElemFn([out, w](const Elem *a) {
          return floatElem(intToFloat((uint64_t)sview(a[0].i, w),
                                      /*isSigned=*/true, out));
        });
      })
      .Case([&](arith::UIToFPOp) -> Fn {
        return ElemFn([out, w](const Elem *a) {
          return floatElem(
              intToFloat(uview(a[0].i, w), /*isSigned=*/false, out));
        });
      })
      .Case([&](arith::FPToSIOp) -> Fn {
        unsigned ow = out.getIntOrFloatBitWidth();
        return ElemFn([out, ow](const Elem *a) {
          return intElem(wrapToIntType(out, floatToInt(a[0].f, ow, true)));
        });
      })
      .Case([&](arith::FPToUIOp) -> Fn {
        unsigned ow = out.getIntOrFloatBitWidth();
        return ElemFn([out, ow](const Elem *a) {
          return intElem(wrapToIntType(out, floatToInt(a[0].f, ow, false)));
        });
      })
      .Case([&](arith::BitcastOp) -> Fn {
        bool inFloat = isa<FloatType>(in), outFloat = isa<FloatType>(out);
        return ElemFn([in, out, inFloat, outFloat, w](const Elem *a) {
          uint64_t bits = inFloat ? floatBits(a[0].f, in) : uview(a[0].i, w);
          return outFloat ? floatElem(bitsToFloat(bits, out))
                          : intElem(wrapToIntType(out, (int64_t)bits));
        });
      })
      .Default([](Operation *) -> Fn { return std::nullopt; });
}

std::optional<ElemFn> resolveMath(Operation *op, Type out, unsigned w) {
  using Fn = std::optional<ElemFn>;
  auto unary = [&](double (*f)(double)) -> Fn { return floatUnary(out, f); };
  return llvm::TypeSwitch<Operation *, Fn>(op)
      .Case([&](math::AbsFOp) {
        return unary([](double a) { return std::fabs(a); });
      })
      .Case([&](math::CeilOp) {
        return unary([](double a) { return std::ceil(a); });
      })
      .Case([&](math::FloorOp) {
        return unary([](double a) { return std::floor(a); });
      })
      .Case([&](math::TruncOp) {
        return unary([](double a) { return std::trunc(a); });
      })
      .Case([&](math::RoundOp) {
        return unary([](double a) { return std::round(a); });
      })
      .Case([&](math::RoundEvenOp) { return unary(roundEven); })
      .Case([&](math::ExpOp) {
        return unary([](double a) { return std::exp(a); });
      })
      .Case([&](math::Exp2Op) {
        return unary([](double a) { return std::exp2(a); });
      })
      .Case([&](math::ExpM1Op) {
        return unary([](double a) { return std::expm1(a); });
      })
      .Case([&](math::LogOp) {
        return unary([](double a) { return std::log(a); });
      })
      .Case([&](math::Log2Op) {
        return unary([](double a) { return std::log2(a); });
      })
      .Case([&](math::Log10Op) {
        return unary([](double a) { return std::log10(a); });
      })
      .Case([&](math::Log1pOp) {
        return unary([](double a) { return std::log1p(a); });
      })
      .Case([&](math::SqrtOp) {
        return unary([](double a) { return std::sqrt(a); });
      })
      .Case([&](math::RsqrtOp) {
        return unary([](double a) { return 1.0 / std::sqrt(a); });
      })
      .Case([&](math::CbrtOp) {
        return unary([](double a) { return std::cbrt(a); });
      })
      .Case([&](math::SinOp) {
        return unary([](double a) { return std::sin(a); });
      })
      .Case([&](math::CosOp) {
        return unary([](double a) { return std::cos(a); });
      })
      .Case([&](math::TanOp) {
        return unary([](double a) { return std::tan(a); });
      })
      .Case([&](math::AsinOp) {
        return unary([](double a) { return std::asin(a); });
      })
      .Case([&](math::AcosOp) {
        return unary([](double a) { return std::acos(a); });
      })
      .Case([&](math::AtanOp) {
        return unary([](double a) { return std::atan(a); });
      })
      .Case([&](math::SinhOp) {
        return unary([](double a) { return std::sinh(a); });
      })
      .Case([&](math::CoshOp) {
        return unary([](double a) { return std::cosh(a); });
      })
      .Case([&](math::TanhOp) {
        return unary([](double a) { return std::tanh(a); });
      })
      .Case([&](math::AsinhOp) {
        return unary([](double a) { return std::asinh(a); });
      })
      .Case([&](math::AcoshOp) {
        return unary([](double a) { return std::acosh(a); });
      })
      .Case([&](math::AtanhOp) {
        return unary([](double a) { return std::atanh(a); });
      })
      .Case([&](math::ErfOp) {
        return unary([](double a) { return std::erf(a); });
      })
      .Case([&](math::PowFOp) {
        return floatBinary(out,
                           [](double a, double b) { return std::pow(a, b); });
      })
      .Case([&](math::Atan2Op) {
        return floatBinary(out,
                           [](double a, double b) { return std::atan2(a, b); });
      })
      .Case([&](math::CopySignOp) {
        return floatBinary(
            out, [](double a, double b) { return std::copysign(a, b); });
      })
      .Case([&](math::FmaOp) -> Fn {
        return ElemFn([out](const Elem *a) {
          return floatElem(
              roundToFloatType(out, std::fma(a[0].f, a[1].f, a[2].f)));
        });
      })
      .Case([&](math::FPowIOp o) -> Fn {
        unsigned pw = heldElementType(o.getRhs()).getIntOrFloatBitWidth();
        return ElemFn([out, pw](const Elem *a) {
          return floatElem(roundToFloatType(
              out, std::pow(a[0].f, (double)sview(a[1].i, pw))));
        });
      })
      .Case([&](math::AbsIOp) {
        return intUnary(out, w, [](int64_t a, unsigned w) {
          int64_t s = sview(a, w);
          return s < 0 ? wrapSub(0, s) : s;
        });
      })
      .Case([&](math::CountLeadingZerosOp) {
        return intUnary(out, w, [](int64_t a, unsigned w) {
          uint64_t u = uview(a, w);
          return u == 0 ? (int64_t)w
                        : (int64_t)llvm::countl_zero(u) - (int64_t)(64 - w);
        });
      })
      .Case([&](math::CountTrailingZerosOp) {
        return intUnary(out, w, [](int64_t a, unsigned w) {
          uint64_t u = uview(a, w);
          return u == 0 ? (int64_t)w : (int64_t)llvm::countr_zero(u);
        });
      })
      .Case([&](math::CtPopOp) {
        return intUnary(out, w, [](int64_t a, unsigned w) {
          return (int64_t)llvm::popcount(uview(a, w));
        });
      })
      .Default([](Operation *) -> Fn { return std::nullopt; });
}

} // namespace

bool mlir::genc::interp::impl::isUpstreamElementwiseOp(Operation *op) {
  StringRef ns = op->getName().getDialectNamespace();
  if (ns == math::MathDialect::getDialectNamespace())
    return true;
  return ns == arith::ArithDialect::getDialectNamespace() &&
         !isa<arith::ConstantOp>(op);
}

FailureOr<ElemFn> mlir::genc::interp::impl::resolveElementwise(Operation *op) {
  auto unsupported = [&]() -> FailureOr<ElemFn> {
    return op->emitError() << "interpreter: unsupported op '" << op->getName()
                           << "'";
  };
  if (op->getNumResults() != 1 || op->getNumOperands() == 0)
    return unsupported();
  // Select's operand 0 is the condition; the others have the value type.
  Value typed =
      isa<arith::SelectOp>(op) ? op->getOperand(1) : op->getOperand(0);
  Type in = heldElementType(typed);
  Type out = heldElementType(op->getResult(0));
  if (!isSupportedElementType(in) || !isSupportedElementType(out))
    return unsupported();
  unsigned w = isa<IntegerType>(in) ? in.getIntOrFloatBitWidth() : 0;
  std::optional<ElemFn> fn = op->getName().getDialectNamespace() ==
                                     arith::ArithDialect::getDialectNamespace()
                                 ? resolveArith(op, in, out, w)
                                 : resolveMath(op, out, w);
  if (!fn)
    return unsupported();
  return std::move(*fn);
}

OpResults mlir::genc::interp::impl::evalUpstreamElementwise(
    Operation *op, ArrayRef<const RefTensor *> operands) {
  FailureOr<ElemFn> fn = resolveElementwise(op);
  if (failed(fn))
    return failure();
  std::optional<RefType> type = refTypeOf(op->getResult(0).getType());
  if (!type)
    return op->emitError() << "interpreter: unsupported op '" << op->getName()
                           << "' with result type "
                           << op->getResult(0).getType();
  // The shape of the operands; a 0-d operand (the condition of a select on
  // tensors) applies to every element.
  ArrayRef<int64_t> shape;
  for (const RefTensor *t : operands)
    if (t->shape.size() > shape.size())
      shape = t->shape;
  for (const RefTensor *t : operands)
    if (!t->shape.empty() && ArrayRef<int64_t>(t->shape) != shape)
      return op->emitError("interpreter: operand shapes differ");
  RefTensor r = RefTensor::zeros(type->elementType, shape);
  SmallVector<Elem, 4> args(operands.size());
  for (int64_t i = 0, e = r.numElements(); i < e; ++i) {
    for (auto [k, t] : llvm::enumerate(operands))
      args[k] = getElem(*t, t->shape.empty() ? 0 : i);
    setElem(r, i, (*fn)(args.data()));
  }
  SmallVector<RefTensor> results;
  results.push_back(std::move(r));
  return results;
}

OpResults mlir::genc::interp::impl::evalArithConstant(Operation *op) {
  auto constant = cast<arith::ConstantOp>(op);
  Attribute value = constant.getValue();
  std::optional<RefType> type = refTypeOf(constant.getType());
  if (!type)
    return op->emitError() << "interpreter: arith.constant of type "
                           << constant.getType() << " is not supported";
  Type et = type->elementType;
  auto intOf = [](const APInt &v) {
    return v.getBitWidth() == 1 ? (int64_t)v.getZExtValue() : v.getSExtValue();
  };
  RefTensor t;
  if (auto i = dyn_cast<IntegerAttr>(value)) {
    t = scalarTensor(et, intElem(wrapToIntType(et, intOf(i.getValue()))));
  } else if (auto f = dyn_cast<FloatAttr>(value)) {
    t = scalarTensor(et, floatElem(roundToFloatType(et, f.getValueAsDouble())));
  } else if (auto elements = dyn_cast<ElementsAttr>(value)) {
    if (!elements.getElementType().isIndex()) {
      FailureOr<RefTensor> read = RefTensor::fromAttr(elements);
      if (failed(read))
        return op->emitError(
            "interpreter: cannot read the constant's elements");
      t = std::move(*read);
    } else {
      auto shaped = dyn_cast<RankedTensorType>(elements.getShapedType());
      auto values = elements.tryGetValues<APInt>();
      if (!shaped || !shaped.hasStaticShape() || !values)
        return op->emitError(
            "interpreter: cannot read the constant's elements");
      t = RefTensor::zeros(et, shaped.getShape());
      int64_t k = 0;
      for (const APInt &v : *values)
        t.ints[k++] = v.getSExtValue();
    }
  } else {
    return op->emitError() << "interpreter: arith.constant of type "
                           << constant.getType() << " is not supported";
  }
  SmallVector<RefTensor> results;
  results.push_back(std::move(t));
  return results;
}

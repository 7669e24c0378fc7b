//===- GencGrad.cpp - gradient rules of genc ops (GradOpInterface) --------===//
//
// One buildVjp per differentiable op: given the cotangents of the op's
// results (null = zero), emit genc ops computing the cotangent of each
// operand (null = no contribution). The op's own operands and results are
// the saved forward values.
//
// Conventions shared by every rule:
//  - The rules emit at the builder's insertion point and never move it; every
//    op they create carries the differentiated op's location.
//  - A null result cotangent gives null operand cotangents (no code).
//  - Operands of integer or boolean element type always get null.
//  - Each non-null operand cotangent has exactly the operand's type.
//  - Structured rules follow JAX's transpose rules (jax/_src/lax/lax.py,
//    slicing.py, convolution.py); where JAX picks a subgradient (ties of
//    max/min, reductions by max/min) genc picks the same one.
//
//===----------------------------------------------------------------------===//

#include "dialects/genc/IR/GencDialect.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/bit.h"

#include <numeric>

using namespace mlir;
using namespace mlir::genc;

namespace {

RankedTensorType tensorType(Value v) {
  return cast<RankedTensorType>(v.getType());
}

bool isFloatTensor(Value v) {
  auto t = dyn_cast<RankedTensorType>(v.getType());
  return t && isa<FloatType>(t.getElementType());
}

bool isIdentityPermutation(ArrayRef<int64_t> perm) {
  for (auto [i, p] : llvm::enumerate(perm))
    if (p != (int64_t)i)
      return false;
  return true;
}

/// Emits genc ops at the builder's insertion point, all at one location.
struct Emitter {
  OpBuilder &b;
  Location loc;
  DenseMap<std::pair<Type, uint64_t>, Value> constants;

  Emitter(OpBuilder &b, Operation *op) : b(b), loc(op->getLoc()) {}

  /// A constant of type `t` with every element `v` (floats rounded to the
  /// element type; integers and booleans truncated).
  /// Constants are emitted once per rule (ops are only ever inserted
  /// before the same point, so an earlier constant dominates later uses).
  Value splat(RankedTensorType t, double v) {
    Value &cached = constants[{t, llvm::bit_cast<uint64_t>(v)}];
    if (cached)
      return cached;
    Type et = t.getElementType();
    Attribute a;
    if (auto ft = dyn_cast<FloatType>(et))
      a = b.getFloatAttr(ft, v);
    else
      a = b.getIntegerAttr(et, static_cast<int64_t>(v));
    cached = b.create<ConstantOp>(loc, SplatElementsAttr::get(t, a));
    return cached;
  }
  Value splatLike(Value like, double v) { return splat(tensorType(like), v); }
  Value zerosLike(Value like) { return splatLike(like, 0.0); }
  /// A 0-d constant of `like`'s element type.
  Value scalar(Value like, double v) {
    return splat(RankedTensorType::get({}, tensorType(like).getElementType()),
                 v);
  }

  Value add(Value x, Value y) { return b.create<AddOp>(loc, x, y); }
  Value sub(Value x, Value y) { return b.create<SubOp>(loc, x, y); }
  Value mul(Value x, Value y) { return b.create<MulOp>(loc, x, y); }
  Value div(Value x, Value y) { return b.create<DivOp>(loc, x, y); }
  Value neg(Value x) { return b.create<NegOp>(loc, x); }
  Value mulC(Value x, double c) { return mul(x, splatLike(x, c)); }
  Value select(Value p, Value t, Value f) {
    return b.create<SelectOp>(loc, p, t, f);
  }
  /// `x` where `p`, zero elsewhere.
  Value mask(Value p, Value x) { return select(p, x, zerosLike(x)); }
  Value cmp(ComparisonDirection d, Value x, Value y) {
    auto t = RankedTensorType::get(tensorType(x).getShape(), b.getI1Type());
    return b.create<CompareOp>(loc, t, d, x, y);
  }
  /// 1 where `p`, 0 elsewhere, of `like`'s type.
  Value indicator(Value p, Value like) {
    return select(p, splatLike(like, 1.0), zerosLike(like));
  }

  Value reshape(Value x, RankedTensorType t) {
    if (x.getType() == t)
      return x;
    return b.create<ReshapeOp>(loc, t, x);
  }
  Value reshape(Value x, ArrayRef<int64_t> shape) {
    return reshape(
        x, RankedTensorType::get(shape, tensorType(x).getElementType()));
  }
  Value transpose(Value x, ArrayRef<int64_t> perm) {
    if (isIdentityPermutation(perm))
      return x;
    auto t = tensorType(x);
    SmallVector<int64_t> shape;
    for (int64_t p : perm)
      shape.push_back(t.getDimSize(p));
    return b.create<TransposeOp>(
        loc, RankedTensorType::get(shape, t.getElementType()), x, perm);
  }
  Value broadcast(Value x, RankedTensorType t, ArrayRef<int64_t> dims) {
    if (x.getType() == t && isIdentityPermutation(dims))
      return x;
    return b.create<BroadcastInDimOp>(loc, t, x, dims);
  }
  Value slice(Value x, ArrayRef<int64_t> start, ArrayRef<int64_t> limit,
              ArrayRef<int64_t> strides) {
    auto t = tensorType(x);
    SmallVector<int64_t> shape;
    bool identity = true;
    for (int64_t d = 0; d < t.getRank(); ++d) {
      shape.push_back((limit[d] - start[d] + strides[d] - 1) / strides[d]);
      identity &= start[d] == 0 && limit[d] == t.getDimSize(d) &&
                  (strides[d] == 1 || t.getDimSize(d) <= 1);
    }
    if (identity)
      return x;
    return b.create<SliceOp>(loc,
                             RankedTensorType::get(shape, t.getElementType()),
                             x, start, limit, strides);
  }
  Value pad(Value x, Value padValue, ArrayRef<int64_t> lo, ArrayRef<int64_t> hi,
            ArrayRef<int64_t> interior) {
    auto t = tensorType(x);
    SmallVector<int64_t> shape;
    bool identity = true;
    for (int64_t d = 0; d < t.getRank(); ++d) {
      int64_t n = t.getDimSize(d);
      shape.push_back(lo[d] + hi[d] + n +
                      std::max<int64_t>(n - 1, 0) * interior[d]);
      identity &= lo[d] == 0 && hi[d] == 0 && (interior[d] == 0 || n <= 1);
    }
    if (identity)
      return x;
    return b.create<PadOp>(loc,
                           RankedTensorType::get(shape, t.getElementType()), x,
                           padValue, lo, hi, interior);
  }

  /// Reduces `x` over `dims` with the binary genc op `BinOp` from `init`.
  template <typename BinOp>
  Value reduce(Value x, Value init, ArrayRef<int64_t> dims) {
    if (dims.empty())
      return x;
    return b.create<ReduceOp>(
        loc, x, init, dims,
        [](OpBuilder &nb, Location l, Value acc, Value e) -> Value {
          return nb.create<BinOp>(l, acc, e);
        });
  }
  Value sum(Value x, ArrayRef<int64_t> dims) {
    return reduce<AddOp>(x, scalar(x, 0.0), dims);
  }
  Value sumAll(Value x) {
    return sum(x,
               llvm::to_vector(llvm::seq<int64_t>(0, tensorType(x).getRank())));
  }
};

/// The result of a single-result op whose rule is elementwise in one
/// operand: `fn` maps (cotangent, operand, result) to the operand's
/// cotangent; null for a null cotangent or an integer operand.
LogicalResult
unaryRule(Operation *op, OpBuilder &builder, ValueRange cotangents,
          SmallVectorImpl<Value> &out,
          function_ref<Value(Emitter &, Value, Value, Value)> fn) {
  Value ct = cotangents[0], x = op->getOperand(0);
  if (!ct || !isFloatTensor(x)) {
    out.push_back(Value());
    return success();
  }
  Emitter e(builder, op);
  out.push_back(fn(e, ct, x, op->getResult(0)));
  return success();
}

/// Like unaryRule for binary elementwise ops: `fn` appends both cotangents
/// given (cotangent, lhs, rhs, result).
LogicalResult binaryRule(Operation *op, OpBuilder &builder,
                         ValueRange cotangents, SmallVectorImpl<Value> &out,
                         function_ref<void(Emitter &, Value, Value, Value,
                                           Value, SmallVectorImpl<Value> &)>
                             fn) {
  Value ct = cotangents[0];
  if (!ct || !isFloatTensor(op->getOperand(0))) {
    out.append(op->getNumOperands(), Value());
    return success();
  }
  Emitter e(builder, op);
  fn(e, ct, op->getOperand(0), op->getOperand(1), op->getResult(0), out);
  return success();
}

LogicalResult noGradient(Operation *op, SmallVectorImpl<Value> &out) {
  out.append(op->getNumOperands(), Value());
  return success();
}

} // namespace

//===----------------------------------------------------------------------===//
// Unary elementwise ops
//===----------------------------------------------------------------------===//

LogicalResult NegOp::buildVjp(OpBuilder &b, ValueRange cts,
                              SmallVectorImpl<Value> &out) {
  return unaryRule(*this, b, cts, out, [](Emitter &e, Value ct, Value, Value) {
    return e.neg(ct);
  });
}

LogicalResult AbsOp::buildVjp(OpBuilder &b, ValueRange cts,
                              SmallVectorImpl<Value> &out) {
  // d|x| = sign(x) (0 at x = 0, as JAX).
  return unaryRule(*this, b, cts, out,
                   [](Emitter &e, Value ct, Value x, Value) {
                     return e.mul(ct, e.b.create<SignOp>(e.loc, x));
                   });
}

LogicalResult SignOp::buildVjp(OpBuilder &, ValueRange,
                               SmallVectorImpl<Value> &out) {
  return noGradient(*this, out); // Piecewise constant.
}

LogicalResult FloorOp::buildVjp(OpBuilder &, ValueRange,
                                SmallVectorImpl<Value> &out) {
  return noGradient(*this, out); // Piecewise constant.
}

LogicalResult ExpOp::buildVjp(OpBuilder &b, ValueRange cts,
                              SmallVectorImpl<Value> &out) {
  return unaryRule(
      *this, b, cts, out,
      [](Emitter &e, Value ct, Value, Value y) { return e.mul(ct, y); });
}

LogicalResult LogOp::buildVjp(OpBuilder &b, ValueRange cts,
                              SmallVectorImpl<Value> &out) {
  return unaryRule(
      *this, b, cts, out,
      [](Emitter &e, Value ct, Value x, Value) { return e.div(ct, x); });
}

LogicalResult Log1pOp::buildVjp(OpBuilder &b, ValueRange cts,
                                SmallVectorImpl<Value> &out) {
  return unaryRule(*this, b, cts, out,
                   [](Emitter &e, Value ct, Value x, Value) {
                     return e.div(ct, e.add(x, e.splatLike(x, 1.0)));
                   });
}

LogicalResult Expm1Op::buildVjp(OpBuilder &b, ValueRange cts,
                                SmallVectorImpl<Value> &out) {
  return unaryRule(*this, b, cts, out,
                   [](Emitter &e, Value ct, Value, Value y) {
                     return e.mul(ct, e.add(y, e.splatLike(y, 1.0)));
                   });
}

LogicalResult SqrtOp::buildVjp(OpBuilder &b, ValueRange cts,
                               SmallVectorImpl<Value> &out) {
  // d sqrt(x) = 0.5 / sqrt(x).
  return unaryRule(*this, b, cts, out,
                   [](Emitter &e, Value ct, Value, Value y) {
                     return e.mul(ct, e.div(e.splatLike(y, 0.5), y));
                   });
}

LogicalResult RsqrtOp::buildVjp(OpBuilder &b, ValueRange cts,
                                SmallVectorImpl<Value> &out) {
  // d x^-1/2 = -0.5 x^-3/2 = -0.5 * rsqrt(x) / x.
  return unaryRule(*this, b, cts, out,
                   [](Emitter &e, Value ct, Value x, Value y) {
                     return e.mul(ct, e.mulC(e.div(y, x), -0.5));
                   });
}

LogicalResult TanhOp::buildVjp(OpBuilder &b, ValueRange cts,
                               SmallVectorImpl<Value> &out) {
  // d tanh(x) = 1 - tanh(x)^2.
  return unaryRule(*this, b, cts, out,
                   [](Emitter &e, Value ct, Value, Value y) {
                     return e.mul(ct, e.sub(e.splatLike(y, 1.0), e.mul(y, y)));
                   });
}

LogicalResult LogisticOp::buildVjp(OpBuilder &b, ValueRange cts,
                                   SmallVectorImpl<Value> &out) {
  // d s(x) = s(x) (1 - s(x)).
  return unaryRule(*this, b, cts, out,
                   [](Emitter &e, Value ct, Value, Value y) {
                     return e.mul(ct, e.mul(y, e.sub(e.splatLike(y, 1.0), y)));
                   });
}

LogicalResult SinOp::buildVjp(OpBuilder &b, ValueRange cts,
                              SmallVectorImpl<Value> &out) {
  return unaryRule(*this, b, cts, out,
                   [](Emitter &e, Value ct, Value x, Value) {
                     return e.mul(ct, e.b.create<CosOp>(e.loc, x));
                   });
}

LogicalResult CosOp::buildVjp(OpBuilder &b, ValueRange cts,
                              SmallVectorImpl<Value> &out) {
  return unaryRule(*this, b, cts, out,
                   [](Emitter &e, Value ct, Value x, Value) {
                     return e.mul(ct, e.neg(e.b.create<SinOp>(e.loc, x)));
                   });
}

//===----------------------------------------------------------------------===//
// Binary elementwise ops
//===----------------------------------------------------------------------===//

LogicalResult AddOp::buildVjp(OpBuilder &b, ValueRange cts,
                              SmallVectorImpl<Value> &out) {
  return binaryRule(
      *this, b, cts, out,
      [](Emitter &, Value ct, Value, Value, Value, SmallVectorImpl<Value> &o) {
        o.push_back(ct);
        o.push_back(ct);
      });
}

LogicalResult SubOp::buildVjp(OpBuilder &b, ValueRange cts,
                              SmallVectorImpl<Value> &out) {
  return binaryRule(
      *this, b, cts, out,
      [](Emitter &e, Value ct, Value, Value, Value, SmallVectorImpl<Value> &o) {
        o.push_back(ct);
        o.push_back(e.neg(ct));
      });
}

LogicalResult MulOp::buildVjp(OpBuilder &b, ValueRange cts,
                              SmallVectorImpl<Value> &out) {
  return binaryRule(*this, b, cts, out,
                    [](Emitter &e, Value ct, Value x, Value y, Value,
                       SmallVectorImpl<Value> &o) {
                      o.push_back(e.mul(ct, y));
                      o.push_back(e.mul(ct, x));
                    });
}

LogicalResult DivOp::buildVjp(OpBuilder &b, ValueRange cts,
                              SmallVectorImpl<Value> &out) {
  // d(x/y) = dx / y - dy * x / y^2.
  return binaryRule(*this, b, cts, out,
                    [](Emitter &e, Value ct, Value x, Value y, Value,
                       SmallVectorImpl<Value> &o) {
                      o.push_back(e.div(ct, y));
                      o.push_back(e.neg(e.div(e.mul(ct, x), e.mul(y, y))));
                    });
}

LogicalResult RemOp::buildVjp(OpBuilder &b, ValueRange cts,
                              SmallVectorImpl<Value> &out) {
  // rem(x, y) = x - y * trunc(x / y): d/dx = 1, d/dy = -trunc(x / y), with
  // trunc(q) = sign(q) * floor(|q|) (as JAX).
  return binaryRule(
      *this, b, cts, out,
      [](Emitter &e, Value ct, Value x, Value y, Value,
         SmallVectorImpl<Value> &o) {
        Value q = e.div(x, y);
        Value trunc =
            e.mul(e.b.create<SignOp>(e.loc, q),
                  e.b.create<FloorOp>(e.loc, e.b.create<AbsOp>(e.loc, q)));
        o.push_back(ct);
        o.push_back(e.neg(e.mul(ct, trunc)));
      });
}

LogicalResult PowOp::buildVjp(OpBuilder &b, ValueRange cts,
                              SmallVectorImpl<Value> &out) {
  // d(x^y)/dx = y x^(y-1) (0 where y = 0, as JAX); d(x^y)/dy = log(x) x^y
  // where x > 0 and 0 elsewhere (x^y is then only defined for integral y,
  // where no real derivative in y exists; JAX gives NaN for x < 0).
  return binaryRule(
      *this, b, cts, out,
      [](Emitter &e, Value ct, Value x, Value y, Value z,
         SmallVectorImpl<Value> &o) {
        Value zero = e.zerosLike(x), one = e.splatLike(x, 1.0);
        Value yIsZero = e.cmp(ComparisonDirection::EQ, y, zero);
        Value dx = e.mul(y, e.b.create<PowOp>(e.loc, x, e.sub(y, one)));
        o.push_back(e.mul(ct, e.select(yIsZero, zero, dx)));
        Value positive = e.cmp(ComparisonDirection::GT, x, zero);
        Value logX = e.b.create<LogOp>(e.loc, e.select(positive, x, one));
        o.push_back(e.mul(ct, e.mul(e.select(positive, logX, zero), z)));
      });
}

/// max/min: the cotangent goes to the operand equal to the result, split
/// evenly on ties (JAX's `_balanced_eq`).
static LogicalResult chooserRule(Operation *op, OpBuilder &b, ValueRange cts,
                                 SmallVectorImpl<Value> &out) {
  return binaryRule(
      op, b, cts, out,
      [](Emitter &e, Value ct, Value x, Value y, Value z,
         SmallVectorImpl<Value> &o) {
        Value xWins = e.cmp(ComparisonDirection::EQ, x, z);
        Value yWins = e.cmp(ComparisonDirection::EQ, y, z);
        Value half = e.mulC(ct, 0.5);
        Value zero = e.zerosLike(ct);
        o.push_back(e.select(xWins, e.select(yWins, half, ct), zero));
        o.push_back(e.select(yWins, e.select(xWins, half, ct), zero));
      });
}

LogicalResult MaxOp::buildVjp(OpBuilder &b, ValueRange cts,
                              SmallVectorImpl<Value> &out) {
  return chooserRule(*this, b, cts, out);
}

LogicalResult MinOp::buildVjp(OpBuilder &b, ValueRange cts,
                              SmallVectorImpl<Value> &out) {
  return chooserRule(*this, b, cts, out);
}

LogicalResult AndOp::buildVjp(OpBuilder &, ValueRange,
                              SmallVectorImpl<Value> &out) {
  return noGradient(*this, out); // Integers only.
}

LogicalResult OrOp::buildVjp(OpBuilder &, ValueRange,
                             SmallVectorImpl<Value> &out) {
  return noGradient(*this, out); // Integers only.
}

//===----------------------------------------------------------------------===//
// select, clamp, convert
//===----------------------------------------------------------------------===//

LogicalResult SelectOp::buildVjp(OpBuilder &b, ValueRange cts,
                                 SmallVectorImpl<Value> &out) {
  Value ct = cts[0];
  if (!ct || !isFloatTensor(getResult()))
    return noGradient(*this, out);
  Emitter e(b, *this);
  Value zero = e.zerosLike(ct);
  out.push_back(Value()); // pred
  out.push_back(e.select(getPred(), ct, zero));
  out.push_back(e.select(getPred(), zero, ct));
  return success();
}

LogicalResult ClampOp::buildVjp(OpBuilder &b, ValueRange cts,
                                SmallVectorImpl<Value> &out) {
  // result = min(max(x, lo), hi):
  //  - x where lo <= x <= hi (ties go to the operand);
  //  - lo where x < lo and lo <= hi;
  //  - hi elsewhere (x > hi, or x < lo with lo > hi).
  Value ct = cts[0];
  if (!ct || !isFloatTensor(getResult()))
    return noGradient(*this, out);
  Emitter e(b, *this);
  Value x = getOperand(), lo = getMin(), hi = getMax();
  Value zero = e.zerosLike(ct);
  Value aboveLo = e.cmp(ComparisonDirection::GE, x, lo);
  Value belowHi = e.cmp(ComparisonDirection::LE, x, hi);
  Value ordered = e.cmp(ComparisonDirection::LE, lo, hi);
  Value inside = e.b.create<AndOp>(e.loc, aboveLo, belowHi);
  Value loWins =
      e.b.create<AndOp>(e.loc, e.cmp(ComparisonDirection::LT, x, lo), ordered);
  out.push_back(e.select(loWins, ct, zero));                         // min
  out.push_back(e.select(inside, ct, zero));                         // operand
  out.push_back(e.select(inside, zero, e.select(loWins, zero, ct))); // max
  return success();
}

LogicalResult ConvertOp::buildVjp(OpBuilder &b, ValueRange cts,
                                  SmallVectorImpl<Value> &out) {
  Value ct = cts[0];
  if (!ct || !isFloatTensor(getOperand()) || !isFloatTensor(getResult()))
    return noGradient(*this, out);
  if (getOperand().getType() == getType()) {
    out.push_back(ct);
    return success();
  }
  out.push_back(b.create<ConvertOp>(getLoc(), getOperand().getType(), ct));
  return success();
}

//===----------------------------------------------------------------------===//
// Shape and layout ops
//===----------------------------------------------------------------------===//

LogicalResult BroadcastInDimOp::buildVjp(OpBuilder &b, ValueRange cts,
                                         SmallVectorImpl<Value> &out) {
  // Sum over the new dimensions and over the size-1 dimensions that were
  // stretched, put the remaining ones in operand order, reshape.
  Value ct = cts[0];
  if (!ct || !isFloatTensor(getOperand()))
    return noGradient(*this, out);
  Emitter e(b, *this);
  auto in = tensorType(getOperand());
  auto res = getType();
  ArrayRef<int64_t> dims = getBroadcastDimensions();
  SmallVector<int64_t> summed;
  for (int64_t d = 0; d < res.getRank(); ++d) {
    const auto *it = llvm::find(dims, d);
    if (it == dims.end()) {
      summed.push_back(d);
      continue;
    }
    int64_t i = it - dims.begin();
    if (in.getDimSize(i) == 1 && res.getDimSize(d) != 1)
      summed.push_back(d);
  }
  Value v = e.sum(ct, summed);
  // Kept operand dimensions in the order their result dimensions appear.
  SmallVector<int64_t> kept;
  for (int64_t i = 0; i < in.getRank(); ++i)
    if (!llvm::is_contained(summed, dims[i]))
      kept.push_back(i);
  SmallVector<int64_t> byResult(kept);
  llvm::sort(byResult, [&](int64_t a, int64_t c) { return dims[a] < dims[c]; });
  // Axis j of v is operand dimension byResult[j]; reorder to operand order.
  SmallVector<int64_t> perm;
  for (int64_t i : kept)
    perm.push_back(llvm::find(byResult, i) - byResult.begin());
  v = e.transpose(v, perm);
  out.push_back(e.reshape(v, in));
  return success();
}

LogicalResult ReshapeOp::buildVjp(OpBuilder &b, ValueRange cts,
                                  SmallVectorImpl<Value> &out) {
  Value ct = cts[0];
  if (!ct || !isFloatTensor(getOperand()))
    return noGradient(*this, out);
  Emitter e(b, *this);
  out.push_back(e.reshape(ct, tensorType(getOperand())));
  return success();
}

LogicalResult TransposeOp::buildVjp(OpBuilder &b, ValueRange cts,
                                    SmallVectorImpl<Value> &out) {
  Value ct = cts[0];
  if (!ct || !isFloatTensor(getOperand()))
    return noGradient(*this, out);
  Emitter e(b, *this);
  ArrayRef<int64_t> perm = getPermutation();
  SmallVector<int64_t> inverse(perm.size());
  for (auto [i, p] : llvm::enumerate(perm))
    inverse[p] = i;
  out.push_back(e.transpose(ct, inverse));
  return success();
}

LogicalResult SliceOp::buildVjp(OpBuilder &b, ValueRange cts,
                                SmallVectorImpl<Value> &out) {
  // Pad the cotangent back with zeros: the start before, strides - 1
  // between elements, the rest after.
  Value ct = cts[0];
  if (!ct || !isFloatTensor(getOperand()))
    return noGradient(*this, out);
  Emitter e(b, *this);
  auto in = tensorType(getOperand());
  auto res = getType();
  if (res.getNumElements() == 0) {
    out.push_back(e.zerosLike(getOperand()));
    return success();
  }
  ArrayRef<int64_t> start = getStartIndices(), strides = getStrides();
  SmallVector<int64_t> lo, hi, interior;
  for (int64_t d = 0; d < in.getRank(); ++d) {
    int64_t n = res.getDimSize(d);
    lo.push_back(start[d]);
    interior.push_back(strides[d] - 1);
    hi.push_back(in.getDimSize(d) - start[d] - ((n - 1) * strides[d] + 1));
  }
  out.push_back(e.pad(ct, e.scalar(ct, 0.0), lo, hi, interior));
  return success();
}

LogicalResult DynamicSliceOp::buildVjp(OpBuilder &b, ValueRange cts,
                                       SmallVectorImpl<Value> &out) {
  // The transpose is a dynamic_update_slice into zeros, expressed one
  // dimension at a time as a scatter_add of the cotangent at the indices
  // clamp(start) + iota (the clamp is the one dynamic_slice applies, so
  // every index is in range). Dimensions taken whole need nothing.
  Value ct = cts[0];
  if (!ct || !isFloatTensor(getOperand()))
    return noGradient(*this, out);
  Emitter e(b, *this);
  auto in = tensorType(getOperand());
  ArrayRef<int64_t> sizes = getSliceSizes();
  Value v = ct;
  for (int64_t d = 0; d < in.getRank(); ++d) {
    int64_t n = in.getDimSize(d), size = sizes[d];
    if (size == n)
      continue;
    Value start = getStartIndices()[d];
    auto idxScalar = tensorType(start);
    Type idxType = idxScalar.getElementType();
    Value clamped = e.b.create<ClampOp>(e.loc, e.splat(idxScalar, 0.0), start,
                                        e.splat(idxScalar, n - size));
    auto idxVector = RankedTensorType::get({size}, idxType);
    Value iota = e.b.create<IotaOp>(e.loc, idxVector, 0);
    Value indices = e.add(iota, e.broadcast(clamped, idxVector, {}));
    SmallVector<int64_t> shape(tensorType(v).getShape());
    shape[d] = n;
    auto grown = RankedTensorType::get(shape, in.getElementType());
    v = e.b.create<ScatterAddOp>(e.loc, grown, e.splat(grown, 0.0), indices, v,
                                 d);
  }
  out.push_back(v);
  out.append(getStartIndices().size(), Value());
  return success();
}

LogicalResult ConcatenateOp::buildVjp(OpBuilder &b, ValueRange cts,
                                      SmallVectorImpl<Value> &out) {
  Value ct = cts[0];
  if (!ct || !isFloatTensor(getResult()))
    return noGradient(*this, out);
  Emitter e(b, *this);
  auto res = getType();
  int64_t dim = getDimension(), offset = 0;
  SmallVector<int64_t> start(res.getRank(), 0),
      limit(res.getShape().begin(), res.getShape().end()),
      strides(res.getRank(), 1);
  for (Value input : getInputs()) {
    int64_t size = tensorType(input).getDimSize(dim);
    start[dim] = offset;
    limit[dim] = offset + size;
    out.push_back(e.slice(ct, start, limit, strides));
    offset += size;
  }
  return success();
}

LogicalResult PadOp::buildVjp(OpBuilder &b, ValueRange cts,
                              SmallVectorImpl<Value> &out) {
  // Operand: undo the edge padding (pad by its negation: zeros where the
  // forward pad cropped), then take every (interior + 1)-th element.
  // Padding value: the sum of the cotangent over the padded positions,
  // computed exactly as sum(ct * pad(zeros, 1)).
  Value ct = cts[0];
  if (!ct || !isFloatTensor(getOperand()))
    return noGradient(*this, out);
  Emitter e(b, *this);
  Value x = getOperand();
  auto in = tensorType(x);
  ArrayRef<int64_t> lo = getEdgePaddingLow(), hi = getEdgePaddingHigh(),
                    interior = getInteriorPadding();
  SmallVector<int64_t> negLo, negHi, noInterior(in.getRank(), 0);
  for (int64_t d = 0; d < in.getRank(); ++d) {
    negLo.push_back(-lo[d]);
    negHi.push_back(-hi[d]);
  }
  Value unpadded = e.pad(ct, e.scalar(ct, 0.0), negLo, negHi, noInterior);
  auto unpaddedType = tensorType(unpadded);
  SmallVector<int64_t> start(in.getRank(), 0),
      limit(unpaddedType.getShape().begin(), unpaddedType.getShape().end()),
      strides;
  for (int64_t s : interior)
    strides.push_back(s + 1);
  out.push_back(e.slice(unpadded, start, limit, strides));
  Value mask = e.pad(e.zerosLike(x), e.scalar(x, 1.0), lo, hi, interior);
  out.push_back(e.sumAll(e.mul(ct, mask)));
  return success();
}

LogicalResult ReverseOp::buildVjp(OpBuilder &b, ValueRange cts,
                                  SmallVectorImpl<Value> &out) {
  Value ct = cts[0];
  if (!ct || !isFloatTensor(getOperand()))
    return noGradient(*this, out);
  out.push_back(b.create<ReverseOp>(getLoc(), ct, getDimensions()));
  return success();
}

//===----------------------------------------------------------------------===//
// Reductions and contractions
//===----------------------------------------------------------------------===//

/// The combiner of a reduce whose body is one binary op of its two block
/// arguments (in either order) returned as is; null otherwise.
static Operation *singleCombiner(ReduceOp op) {
  Block &block = op.getBody().front();
  if (!llvm::hasNItems(block, 2))
    return nullptr;
  Operation *combiner = &block.front();
  auto ret = dyn_cast<ReturnOp>(block.back());
  if (!ret || ret.getResults().size() != 1 || combiner->getNumResults() != 1 ||
      ret.getResults()[0] != combiner->getResult(0) ||
      combiner->getNumOperands() != 2)
    return nullptr;
  Value a = block.getArgument(0), c = block.getArgument(1);
  Value l = combiner->getOperand(0), r = combiner->getOperand(1);
  if (!((l == a && r == c) || (l == c && r == a)))
    return nullptr;
  return combiner;
}

LogicalResult ReduceOp::buildVjp(OpBuilder &b, ValueRange cts,
                                 SmallVectorImpl<Value> &out) {
  // Supported bodies: add, max, min, mul (one op of the two arguments).
  //  - add: x gets ct broadcast; init gets sum(ct) (it is added once per
  //    result element).
  //  - max/min: ct is split evenly between the elements equal to the result
  //    (JAX's reduce-chooser rule); init counts as one more candidate, so
  //    it gets its share where it equals the result.
  //  - mul: exact also with zeros. Per result element, with nz the number
  //    of zero elements and p the product of init and the nonzero
  //    elements: d/dx_i = p / x_i if nz = 0; p at the zero if nz = 1;
  //    0 otherwise. (JAX's rule for reduce_prod is exact too; the usual
  //    "ct * result / x" would give NaN at zeros.) init gets
  //    sum(ct * prod(x)).
  // A constant init (the usual case: the body's identity) gets null and no
  // code. Other bodies: failure.
  Value ct = cts[0];
  if (!ct || !isFloatTensor(getOperand()))
    return noGradient(*this, out);
  Operation *combiner = singleCombiner(*this);
  if (!combiner || !isa<AddOp, MaxOp, MinOp, MulOp>(combiner))
    return failure();
  Emitter e(b, *this);
  Value x = getOperand(), init = getInitValue(), y = getResult();
  auto in = tensorType(x);
  auto res = getType();
  ArrayRef<int64_t> dims = getDimensions();
  SmallVector<int64_t> kept, all;
  for (int64_t d = 0; d < in.getRank(); ++d)
    if (!llvm::is_contained(dims, d))
      kept.push_back(d);
  for (int64_t d = 0; d < res.getRank(); ++d)
    all.push_back(d);
  auto spread = [&](Value v) { return e.broadcast(v, in, kept); };
  // A constant init (the usual identity) gets no cotangent: skip the code.
  bool initIsConstant = matchPattern(init, m_Constant());

  if (isa<AddOp>(combiner)) {
    out.push_back(spread(ct));
    out.push_back(initIsConstant ? Value() : e.sumAll(ct));
    return success();
  }
  if (isa<MaxOp, MinOp>(combiner)) {
    Value hits = e.indicator(e.cmp(ComparisonDirection::EQ, x, spread(y)), x);
    Value count = e.sum(hits, dims);
    // The identity init (-inf for max, +inf for min) is left out of the
    // count, as JAX (it only ties when every element is that infinity).
    DenseFPElementsAttr initAttr;
    bool initIsIdentity =
        matchPattern(init, m_Constant(&initAttr)) && initAttr.isSplat() &&
        initAttr.getSplatValue<APFloat>().isInfinity() &&
        initAttr.getSplatValue<APFloat>().isNegative() == isa<MaxOp>(combiner);
    Value initHit;
    if (!initIsIdentity) {
      initHit = e.indicator(
          e.cmp(ComparisonDirection::EQ, e.broadcast(init, res, {}), y), y);
      count = e.add(count, initHit);
    }
    Value share = e.div(ct, count);
    out.push_back(e.mul(spread(share), hits));
    out.push_back(initIsConstant ? Value() : e.sumAll(e.mul(share, initHit)));
    return success();
  }
  // mul
  Value zero = e.zerosLike(x), one = e.splatLike(x, 1.0);
  Value isZero = e.cmp(ComparisonDirection::EQ, x, zero);
  Value numZeros = spread(e.sum(e.indicator(isZero, x), dims));
  Value safeX = e.select(isZero, one, x);
  Value nonzeroProduct = spread(e.reduce<MulOp>(safeX, init, dims));
  Value noZeros = e.cmp(ComparisonDirection::EQ, numZeros, zero);
  Value oneZero = e.cmp(ComparisonDirection::EQ, numZeros, one);
  Value partial = e.select(isZero, e.mask(oneZero, nonzeroProduct),
                           e.mask(noZeros, e.div(nonzeroProduct, safeX)));
  out.push_back(e.mul(spread(ct), partial));
  if (initIsConstant) {
    out.push_back(Value());
    return success();
  }
  Value product = e.reduce<MulOp>(x, e.scalar(x, 1.0), dims);
  out.push_back(e.sumAll(e.mul(ct, product)));
  return success();
}

/// JAX's _dot_general_transpose_lhs: the cotangent of `x` in
/// dot_general(x, y) (or of the rhs operand when `swapAns`, with the roles
/// exchanged), as dot_general(ct, y) contracting y's free dimensions,
/// transposed into x's dimension order.
static Value dotTransposeLhs(Emitter &e, Value ct, RankedTensorType xType,
                             Value y, ArrayRef<int64_t> xBatch,
                             ArrayRef<int64_t> yBatch,
                             ArrayRef<int64_t> xContract,
                             ArrayRef<int64_t> yContract, bool swapAns) {
  auto yType = tensorType(y);
  auto remaining = [](int64_t rank, ArrayRef<int64_t> a, ArrayRef<int64_t> c) {
    SmallVector<int64_t> dims;
    for (int64_t d = 0; d < rank; ++d)
      if (!llvm::is_contained(a, d) && !llvm::is_contained(c, d))
        dims.push_back(d);
    return dims;
  };
  SmallVector<int64_t> xKept = remaining(xType.getRank(), xContract, xBatch);
  SmallVector<int64_t> yKept = remaining(yType.getRank(), yContract, yBatch);
  int64_t nb = xBatch.size();
  SmallVector<int64_t> ctBatch, ctY;
  for (int64_t i = 0; i < nb; ++i)
    ctBatch.push_back(i);
  int64_t yStart = swapAns ? nb : nb + (int64_t)xKept.size();
  for (int64_t i = 0; i < (int64_t)yKept.size(); ++i)
    ctY.push_back(yStart + i);
  // dot_general(ct, y) contracting ct's y-dimensions with y's free ones:
  // batch, then x's free dimensions, then x's contracting dimensions in
  // the order of y's matching contracting dimensions.
  auto ctType = tensorType(ct);
  SmallVector<int64_t> shape;
  for (int64_t d : ctBatch)
    shape.push_back(ctType.getDimSize(d));
  for (int64_t d = 0; d < ctType.getRank(); ++d)
    if (!llvm::is_contained(ctBatch, d) && !llvm::is_contained(ctY, d))
      shape.push_back(ctType.getDimSize(d));
  for (int64_t d = 0; d < yType.getRank(); ++d)
    if (!llvm::is_contained(yBatch, d) && !llvm::is_contained(yKept, d))
      shape.push_back(yType.getDimSize(d));
  Value dot = e.b.create<DotGeneralOp>(
      e.loc, RankedTensorType::get(shape, xType.getElementType()), ct, y,
      ctBatch, yBatch, ctY, yKept);
  SmallVector<int64_t> order(yContract.size());
  std::iota(order.begin(), order.end(), 0);
  llvm::sort(order,
             [&](int64_t a, int64_t c) { return yContract[a] < yContract[c]; });
  SmallVector<int64_t> layout(xBatch);
  layout.append(xKept);
  for (int64_t i : order)
    layout.push_back(xContract[i]);
  SmallVector<int64_t> perm(layout.size());
  for (auto [j, d] : llvm::enumerate(layout))
    perm[d] = j;
  return e.transpose(dot, perm);
}

LogicalResult DotGeneralOp::buildVjp(OpBuilder &b, ValueRange cts,
                                     SmallVectorImpl<Value> &out) {
  Value ct = cts[0];
  if (!ct || !isFloatTensor(getResult()))
    return noGradient(*this, out);
  Emitter e(b, *this);
  ArrayRef<int64_t> lb = getLhsBatchingDimensions(),
                    rb = getRhsBatchingDimensions(),
                    lc = getLhsContractingDimensions(),
                    rc = getRhsContractingDimensions();
  out.push_back(dotTransposeLhs(e, ct, tensorType(getLhs()), getRhs(), lb, rb,
                                lc, rc, /*swapAns=*/false));
  out.push_back(dotTransposeLhs(e, ct, tensorType(getRhs()), getLhs(), rb, lb,
                                rc, lc, /*swapAns=*/true));
  return success();
}

namespace {
/// Where batch, feature and spatial dimensions lie in one convolution
/// operand (for the kernel: input feature, output feature, spatial).
struct ConvLayout {
  int64_t first, second;
  SmallVector<int64_t> spatial;
};
} // namespace

static Value buildConvolution(Emitter &e, RankedTensorType type, Value lhs,
                              Value rhs, ArrayRef<int64_t> strides,
                              ArrayRef<int64_t> padLow,
                              ArrayRef<int64_t> padHigh,
                              ArrayRef<int64_t> lhsDilation,
                              ArrayRef<int64_t> rhsDilation, int64_t groups,
                              const ConvLayout &in, const ConvLayout &kernel,
                              const ConvLayout &outLayout) {
  SmallVector<int64_t> padding;
  for (auto [l, h] : llvm::zip(padLow, padHigh)) {
    padding.push_back(l);
    padding.push_back(h);
  }
  OpBuilder &b = e.b;
  return b.create<ConvolutionOp>(
      e.loc, type, lhs, rhs, b.getDenseI64ArrayAttr(strides),
      b.getDenseI64ArrayAttr(padding), b.getDenseI64ArrayAttr(lhsDilation),
      b.getDenseI64ArrayAttr(rhsDilation), b.getI64IntegerAttr(groups),
      b.getI64IntegerAttr(in.first), b.getI64IntegerAttr(in.second),
      b.getDenseI64ArrayAttr(in.spatial), b.getI64IntegerAttr(kernel.first),
      b.getI64IntegerAttr(kernel.second),
      b.getDenseI64ArrayAttr(kernel.spatial),
      b.getI64IntegerAttr(outLayout.first),
      b.getI64IntegerAttr(outLayout.second),
      b.getDenseI64ArrayAttr(outLayout.spatial));
}

/// Size of a dimension of size `n` dilated by `d`.
static int64_t dilated(int64_t n, int64_t d) {
  return n == 0 ? 0 : (n - 1) * d + 1;
}

/// Splits dimension 1 of `x` (canonical layout [a, b, rest...] with b =
/// groups * c) into [groups, c], moves groups in front of a and merges
/// them: [groups * a, c, rest...] (groups major).
static Value regroup(Emitter &e, Value x, int64_t groups) {
  auto t = tensorType(x);
  ArrayRef<int64_t> s = t.getShape();
  int64_t a = s[0], c = s[1] / groups;
  SmallVector<int64_t> split{a, groups, c};
  split.append(s.begin() + 2, s.end());
  x = e.reshape(x, split);
  SmallVector<int64_t> perm{1, 0};
  for (int64_t d = 2; d < (int64_t)split.size(); ++d)
    perm.push_back(d);
  x = e.transpose(x, perm);
  SmallVector<int64_t> merged{groups * a, c};
  merged.append(s.begin() + 2, s.end());
  return e.reshape(x, merged);
}

LogicalResult ConvolutionOp::buildVjp(OpBuilder &b, ValueRange cts,
                                      SmallVectorImpl<Value> &out) {
  // JAX's _conv_general_dilated_transpose_lhs/rhs. Feature groups: the lhs
  // rule moves the groups of the kernel's output features into its input
  // features (as JAX); the rhs rule, which JAX writes with
  // batch_group_count, moves the groups of the input's features into its
  // batch (as feature groups of the transposed convolution).
  Value ct = cts[0];
  if (!ct)
    return noGradient(*this, out);
  FailureOr<Geometry> geometry = getGeometry();
  if (failed(geometry))
    return failure();
  Geometry &g = *geometry;
  Emitter e(b, *this);
  Value lhs = getLhs(), rhs = getRhs();
  if (tensorType(ct).getNumElements() == 0) {
    // No output element reads anything: both cotangents are zero.
    out.push_back(e.zerosLike(lhs));
    out.push_back(e.zerosLike(rhs));
    return success();
  }
  auto lhsType = tensorType(lhs), rhsType = tensorType(rhs),
       outType = getType();
  int64_t groups = getFeatureGroupCount();
  int64_t n = g.numSpatial;
  SmallVector<int64_t> inSize, kSize, outSize;
  for (int64_t i = 0; i < n; ++i) {
    inSize.push_back(lhsType.getDimSize(g.inSpatial[i]));
    kSize.push_back(rhsType.getDimSize(g.kSpatial[i]));
    outSize.push_back(outType.getDimSize(g.outSpatial[i]));
  }
  auto canonicalSpatial = [&]() {
    SmallVector<int64_t> dims;
    for (int64_t i = 0; i < n; ++i)
      dims.push_back(2 + i);
    return dims;
  };
  ConvLayout inLayout{g.inBatch, g.inFeature, g.inSpatial};
  ConvLayout outLayout{g.outBatch, g.outFeature, g.outSpatial};
  ConvLayout kLayout{g.kIn, g.kOut, g.kSpatial};

  // Input cotangent: convolve the stride-dilated cotangent with the
  // spatially reversed kernel, its input and output features exchanged.
  {
    SmallVector<int64_t> padLow, padHigh;
    for (int64_t i = 0; i < n; ++i) {
      int64_t k = dilated(kSize[i], g.rhsDilation[i]);
      int64_t before = k - g.padLow[i] - 1;
      padLow.push_back(before);
      padHigh.push_back(dilated(inSize[i], g.lhsDilation[i]) + k - 1 -
                        dilated(outSize[i], g.strides[i]) - before);
    }
    Value kernel = rhs;
    ConvLayout kT{g.kOut, g.kIn, g.kSpatial};
    if (groups > 1) {
      // [I, G*O', K...] -> [G*I, O', K...]: kernel input features O' (one
      // group of the cotangent's features), output features G*I.
      SmallVector<int64_t> perm{g.kIn, g.kOut};
      perm.append(g.kSpatial);
      kernel = regroup(e, e.transpose(kernel, perm), groups);
      kT = ConvLayout{1, 0, canonicalSpatial()};
    }
    kernel = b.create<ReverseOp>(getLoc(), kernel, kT.spatial);
    out.push_back(buildConvolution(e, lhsType, ct, kernel, g.lhsDilation,
                                   padLow, padHigh, g.strides, g.rhsDilation,
                                   groups, outLayout, kT, inLayout));
  }

  // Kernel cotangent: convolve the input (batch and features exchanged)
  // with the cotangent as the kernel; strides and kernel dilation swap.
  {
    SmallVector<int64_t> padHigh;
    for (int64_t i = 0; i < n; ++i)
      padHigh.push_back(dilated(outSize[i], g.strides[i]) -
                        dilated(inSize[i], g.lhsDilation[i]) +
                        dilated(kSize[i], g.rhsDilation[i]) - g.padLow[i] - 1);
    Value input = lhs;
    ConvLayout inT{g.inFeature, g.inBatch, g.inSpatial};
    if (groups > 1) {
      // [N, G*I, S...] -> [G*N, I, S...]: features G*N in G groups of the
      // batch, batch I.
      SmallVector<int64_t> perm{g.inBatch, g.inFeature};
      perm.append(g.inSpatial);
      input = regroup(e, e.transpose(input, perm), groups);
      inT = ConvLayout{1, 0, canonicalSpatial()};
    }
    ConvLayout ctAsKernel{g.outBatch, g.outFeature, g.outSpatial};
    out.push_back(buildConvolution(e, rhsType, input, ct, g.rhsDilation,
                                   g.padLow, padHigh, g.lhsDilation, g.strides,
                                   groups, inT, ctAsKernel, kLayout));
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Indexing
//===----------------------------------------------------------------------===//

/// True if `indices` is a constant with every value in [0, size).
static bool indicesInRange(Value indices, int64_t size) {
  DenseIntElementsAttr attr;
  if (!matchPattern(indices, m_Constant(&attr)))
    return false;
  return llvm::all_of(attr.getValues<APInt>(), [&](const APInt &v) {
    int64_t i = v.getSExtValue();
    return i >= 0 && i < size;
  });
}

LogicalResult GatherOp::buildVjp(OpBuilder &b, ValueRange cts,
                                 SmallVectorImpl<Value> &out) {
  // scatter_add into zeros at the clamped indices (gather clamps; the
  // scatter would drop out-of-range indices instead).
  Value ct = cts[0];
  if (!ct || !isFloatTensor(getOperand()))
    return noGradient(*this, out);
  Emitter e(b, *this);
  Value x = getOperand(), indices = getIndices();
  int64_t axis = getAxis();
  int64_t size = tensorType(x).getDimSize(axis);
  if (!indicesInRange(indices, size))
    indices = b.create<ClampOp>(getLoc(), e.zerosLike(indices), indices,
                                e.splatLike(indices, size - 1));
  out.push_back(b.create<ScatterAddOp>(getLoc(), x.getType(), e.zerosLike(x),
                                       indices, ct, axis));
  out.push_back(Value());
  return success();
}

LogicalResult ScatterAddOp::buildVjp(OpBuilder &b, ValueRange cts,
                                     SmallVectorImpl<Value> &out) {
  // operand: ct; updates: gather of ct, zero where the scatter dropped an
  // out-of-range index.
  Value ct = cts[0];
  if (!ct || !isFloatTensor(getOperand()))
    return noGradient(*this, out);
  Emitter e(b, *this);
  Value indices = getIndices(), updates = getUpdates();
  int64_t axis = getAxis();
  int64_t size = getType().getDimSize(axis);
  Value gathered =
      b.create<GatherOp>(getLoc(), updates.getType(), ct, indices, axis);
  if (!indicesInRange(indices, size)) {
    Value inRange = b.create<AndOp>(
        getLoc(), e.cmp(ComparisonDirection::GE, indices, e.zerosLike(indices)),
        e.cmp(ComparisonDirection::LT, indices, e.splatLike(indices, size)));
    auto upd = tensorType(updates);
    SmallVector<int64_t> dims;
    for (int64_t d = 0; d < tensorType(indices).getRank(); ++d)
      dims.push_back(axis + d);
    Value maskB = e.broadcast(
        inRange, RankedTensorType::get(upd.getShape(), b.getI1Type()), dims);
    gathered = e.mask(maskB, gathered);
  }
  out.push_back(ct);
  out.push_back(Value());
  out.push_back(gathered);
  return success();
}

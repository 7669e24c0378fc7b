//===- Ops.cpp - jax.numpy-style operations on genc::Tensor ---------------===//
//
// Each op checks shapes first (errors name the user's line), then emits
// genc ops through detail::apply; broadcasting and dtype promotion are
// explicit genc.broadcast_in_dim / genc.convert ops.
//
//===----------------------------------------------------------------------===//

#include "Internal.h"

#include "dialects/genc/IR/GencDialect.h"
#include "genc/Ops.h"

#include <cmath>
#include <limits>
#include <numeric>

using namespace mlir;
namespace g = mlir::genc;

namespace genc {

using detail::apply1;

namespace {

bool isFloat(DType d) {
  return d == f32 || d == f64 || d == f16 || d == bf16;
}

int rankOf(DType d) {
  switch (d) {
  case DType::I1: return 0;
  case DType::I8: return 1;
  case DType::I32: return 2;
  case DType::I64: return 3;
  case DType::BF16:
  case DType::F16: return 4;
  case DType::F32: return 5;
  case DType::F64: return 6;
  case DType::U8: return 1;
  }
  return 0;
}

/// JAX-like promotion for two tensor dtypes.
DType promote(DType a, DType b) {
  if (a == b)
    return a;
  if ((a == f16 && b == bf16) || (a == bf16 && b == f16))
    return f32;
  return rankOf(a) >= rankOf(b) ? a : b;
}

int64_t normAxis(int64_t axis, int64_t rank, const Loc &loc, const char *op) {
  if (axis < -rank || axis >= rank)
    fail(loc, op, "axis " + std::to_string(axis) +
                      " is out of range for rank " + std::to_string(rank));
  return axis < 0 ? axis + rank : axis;
}

Axes normAxes(Axes axes, int64_t rank, const Loc &loc, const char *op) {
  if (axes.empty()) {
    axes.resize(rank);
    std::iota(axes.begin(), axes.end(), 0);
    return axes;
  }
  for (int64_t &a : axes)
    a = normAxis(a, rank, loc, op);
  std::sort(axes.begin(), axes.end());
  if (std::adjacent_find(axes.begin(), axes.end()) != axes.end())
    fail(loc, op, "repeated axis");
  return axes;
}

Shape broadcastShapes(const Shape &a, const Shape &b, const Loc &loc,
                      const char *op) {
  size_t n = std::max(a.size(), b.size());
  Shape out(n);
  for (size_t i = 0; i < n; ++i) {
    int64_t da = i < n - a.size() ? 1 : a[i - (n - a.size())];
    int64_t db = i < n - b.size() ? 1 : b[i - (n - b.size())];
    if (da != db && da != 1 && db != 1)
      fail(loc, op, "shapes " + shapeString(a) + " and " + shapeString(b) +
                        " cannot be broadcast together (dimension " +
                        std::to_string(i) + ": " + std::to_string(da) +
                        " vs " + std::to_string(db) + ")");
    out[i] = da == 1 ? db : da;
  }
  return out;
}

DenseI64ArrayAttr i64s(OpBuilder &b, ArrayRef<int64_t> v) {
  return b.getDenseI64ArrayAttr(v);
}

RankedTensorType typeLike(Value v, ArrayRef<int64_t> shape) {
  return RankedTensorType::get(
      shape, cast<RankedTensorType>(v.getType()).getElementType());
}

/// A 0-d constant of element type `et`.
Value scalarConst(OpBuilder &b, Location l, Type et, double value) {
  auto type = RankedTensorType::get({}, et);
  Attribute attr;
  if (isa<FloatType>(et))
    attr = b.getFloatAttr(et, value);
  else if (et.isInteger(1))
    attr = b.getBoolAttr(value != 0);
  else
    attr = b.getIntegerAttr(et, (int64_t)value);
  return b.create<g::ConstantOp>(l, SplatElementsAttr::get(type, attr));
}

} // namespace

Tensor astype(const Tensor &x, DType dtype, Loc loc) {
  if (x.dtype() == dtype)
    return x;
  Shape shape = x.shape();
  return apply1("astype", {x},
                [&](OpBuilder &b, Location l, ArrayRef<Value> v) -> Value {
                  return b.create<g::ConvertOp>(
                      l, detail::tensorType(dtype, shape), v[0]);
                },
                loc);
}

Tensor broadcast_to(const Tensor &x, Shape shape, Loc loc) {
  if (x.shape() == shape)
    return x;
  const Shape &in = x.shape();
  if (in.size() > shape.size())
    fail(loc, "broadcast_to", "cannot broadcast " + shapeString(in) + " to " +
                                  shapeString(shape) + " (fewer dimensions)");
  size_t offset = shape.size() - in.size();
  Shape dims;
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] != 1 && in[i] != shape[offset + i])
      fail(loc, "broadcast_to", "cannot broadcast " + shapeString(in) +
                                    " to " + shapeString(shape));
    dims.push_back(offset + i);
  }
  return apply1("broadcast_to", {x},
                [&](OpBuilder &b, Location l, ArrayRef<Value> v) -> Value {
                  return b.create<g::BroadcastInDimOp>(
                      l, typeLike(v[0], shape), v[0], i64s(b, dims));
                },
                loc);
}

Tensor scalar_like(const Tensor &x, double value, Loc loc) {
  return scalar(value, x.dtype(), loc);
}

namespace {

/// Promotes and broadcasts two operands to a common dtype and shape.
std::pair<Tensor, Tensor> harmonize(const Tensor &a, const Tensor &b,
                                    const Loc &loc, const char *op) {
  if (!a.defined() || !b.defined())
    fail(loc, op, "undefined tensor operand");
  DType d = promote(a.dtype(), b.dtype());
  Shape s = broadcastShapes(a.shape(), b.shape(), loc, op);
  return {broadcast_to(astype(a, d, loc), s, loc),
          broadcast_to(astype(b, d, loc), s, loc)};
}

template <class OpT>
Tensor binary(const Tensor &a, const Tensor &b, const Loc &loc, const char *op,
              bool floatOnly = false) {
  auto [x, y] = harmonize(a, b, loc, op);
  if (floatOnly && !isFloat(x.dtype()))
    x = astype(x, f32, loc), y = astype(y, f32, loc);
  return apply1(op, {x, y},
                [](OpBuilder &bld, Location l, ArrayRef<Value> v) -> Value {
                  return bld.create<OpT>(l, v[0], v[1]);
                },
                loc);
}

Tensor compare(const Tensor &a, const Tensor &b, g::ComparisonDirection dir,
               const Loc &loc, const char *op) {
  auto [x, y] = harmonize(a, b, loc, op);
  Shape shape = x.shape();
  return apply1(op, {x, y},
                [&](OpBuilder &bld, Location l, ArrayRef<Value> v) -> Value {
                  return bld.create<g::CompareOp>(
                      l, detail::tensorType(i1, shape), dir, v[0], v[1]);
                },
                loc);
}

template <class OpT>
Tensor unary(const Tensor &x, const Loc &loc, const char *op,
             bool floatOnly = true) {
  Tensor in = x;
  if (floatOnly && !isFloat(x.dtype()))
    in = astype(x, f32, loc);
  return apply1(op, {in},
                [](OpBuilder &bld, Location l, ArrayRef<Value> v) -> Value {
                  return bld.create<OpT>(l, v[0]);
                },
                loc);
}

} // namespace

Tensor add(const Tensor &a, const Tensor &b, Loc loc) {
  return binary<g::AddOp>(a, b, loc, "add");
}
Tensor subtract(const Tensor &a, const Tensor &b, Loc loc) {
  return binary<g::SubOp>(a, b, loc, "subtract");
}
Tensor multiply(const Tensor &a, const Tensor &b, Loc loc) {
  return binary<g::MulOp>(a, b, loc, "multiply");
}
Tensor divide(const Tensor &a, const Tensor &b, Loc loc) {
  // True division, as jnp.divide: integers divide as f32.
  return binary<g::DivOp>(a, b, loc, "divide", /*floatOnly=*/true);
}
Tensor power(const Tensor &a, const Tensor &b, Loc loc) {
  return binary<g::PowOp>(a, b, loc, "power", /*floatOnly=*/true);
}
Tensor remainder(const Tensor &a, const Tensor &b, Loc loc) {
  return binary<g::RemOp>(a, b, loc, "remainder");
}
Tensor floor_divide(const Tensor &a, const Tensor &b, Loc loc) {
  auto [x, y] = harmonize(a, b, loc, "floor_divide");
  if (isFloat(x.dtype()))
    return floor(divide(x, y, loc), loc);
  Tensor q = binary<g::DivOp>(x, y, loc, "floor_divide");
  Tensor r = binary<g::RemOp>(x, y, loc, "floor_divide");
  Tensor zero = scalar_like(x, 0, loc);
  // Truncation rounded toward zero; step down when signs differ.
  Tensor adjust = logical_and(not_equal(r, zero, loc),
                              not_equal(less(r, zero, loc), less(y, zero, loc), loc),
                              loc);
  return subtract(q, astype(adjust, x.dtype(), loc), loc);
}
Tensor maximum(const Tensor &a, const Tensor &b, Loc loc) {
  return binary<g::MaxOp>(a, b, loc, "maximum");
}
Tensor minimum(const Tensor &a, const Tensor &b, Loc loc) {
  return binary<g::MinOp>(a, b, loc, "minimum");
}
Tensor logical_and(const Tensor &a, const Tensor &b, Loc loc) {
  return binary<g::AndOp>(astype(a, i1, loc), astype(b, i1, loc), loc,
                          "logical_and");
}
Tensor logical_or(const Tensor &a, const Tensor &b, Loc loc) {
  return binary<g::OrOp>(astype(a, i1, loc), astype(b, i1, loc), loc,
                         "logical_or");
}
Tensor equal(const Tensor &a, const Tensor &b, Loc loc) {
  return compare(a, b, g::ComparisonDirection::EQ, loc, "equal");
}
Tensor not_equal(const Tensor &a, const Tensor &b, Loc loc) {
  return compare(a, b, g::ComparisonDirection::NE, loc, "not_equal");
}
Tensor less(const Tensor &a, const Tensor &b, Loc loc) {
  return compare(a, b, g::ComparisonDirection::LT, loc, "less");
}
Tensor less_equal(const Tensor &a, const Tensor &b, Loc loc) {
  return compare(a, b, g::ComparisonDirection::LE, loc, "less_equal");
}
Tensor greater(const Tensor &a, const Tensor &b, Loc loc) {
  return compare(a, b, g::ComparisonDirection::GT, loc, "greater");
}
Tensor greater_equal(const Tensor &a, const Tensor &b, Loc loc) {
  return compare(a, b, g::ComparisonDirection::GE, loc, "greater_equal");
}

Tensor negative(const Tensor &x, Loc loc) {
  return unary<g::NegOp>(x, loc, "negative", false);
}
Tensor abs(const Tensor &x, Loc loc) {
  return unary<g::AbsOp>(x, loc, "abs", false);
}
Tensor sign(const Tensor &x, Loc loc) {
  return unary<g::SignOp>(x, loc, "sign", false);
}
Tensor exp(const Tensor &x, Loc loc) { return unary<g::ExpOp>(x, loc, "exp"); }
Tensor log(const Tensor &x, Loc loc) { return unary<g::LogOp>(x, loc, "log"); }
Tensor log1p(const Tensor &x, Loc loc) {
  return unary<g::Log1pOp>(x, loc, "log1p");
}
Tensor expm1(const Tensor &x, Loc loc) {
  return unary<g::Expm1Op>(x, loc, "expm1");
}
Tensor sqrt(const Tensor &x, Loc loc) {
  return unary<g::SqrtOp>(x, loc, "sqrt");
}
Tensor rsqrt(const Tensor &x, Loc loc) {
  return unary<g::RsqrtOp>(x, loc, "rsqrt");
}
Tensor tanh(const Tensor &x, Loc loc) {
  return unary<g::TanhOp>(x, loc, "tanh");
}
Tensor sigmoid(const Tensor &x, Loc loc) {
  return unary<g::LogisticOp>(x, loc, "sigmoid");
}
Tensor sin(const Tensor &x, Loc loc) { return unary<g::SinOp>(x, loc, "sin"); }
Tensor cos(const Tensor &x, Loc loc) { return unary<g::CosOp>(x, loc, "cos"); }
Tensor floor(const Tensor &x, Loc loc) {
  return unary<g::FloorOp>(x, loc, "floor");
}
Tensor square(const Tensor &x, Loc loc) { return multiply(x, x, loc); }
Tensor relu(const Tensor &x, Loc loc) {
  return maximum(x, scalar_like(x, 0.0, loc), loc);
}
Tensor softplus(const Tensor &x, Loc loc) {
  // log1p(exp(-|x|)) + max(x, 0): stable for large |x|.
  Tensor t = log1p(exp(negative(abs(x, loc), loc), loc), loc);
  return add(t, relu(x, loc), loc);
}
Tensor stop_gradient(const Tensor &x, Loc loc) {
  return apply1("stop_gradient", {x},
                [](OpBuilder &b, Location l, ArrayRef<Value> v) -> Value {
                  return b.create<g::StopGradientOp>(l, v[0]);
                },
                loc);
}

Tensor where(const Tensor &cond, const Tensor &a, const Tensor &b, Loc loc) {
  auto [x, y] = harmonize(a, b, loc, "where");
  Shape s = broadcastShapes(cond.shape(), x.shape(), loc, "where");
  Tensor c = broadcast_to(astype(cond, i1, loc), s, loc);
  x = broadcast_to(x, s, loc);
  y = broadcast_to(y, s, loc);
  return apply1("where", {c, x, y},
                [](OpBuilder &b, Location l, ArrayRef<Value> v) -> Value {
                  return b.create<g::SelectOp>(l, v[0], v[1], v[2]);
                },
                loc);
}

Tensor clip(const Tensor &x, double lo, double hi, Loc loc) {
  return minimum(maximum(x, scalar_like(x, lo, loc), loc),
                 scalar_like(x, hi, loc), loc);
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

namespace {

enum class ReduceKind { Sum, Max, Min, Prod };

Tensor reduce(const Tensor &x, Axes axes, bool keepdims, ReduceKind kind,
              const Loc &loc, const char *op) {
  axes = normAxes(std::move(axes), x.rank(), loc, op);
  Shape outShape, keptShape;
  for (int64_t d = 0; d < x.rank(); ++d) {
    bool reduced = std::binary_search(axes.begin(), axes.end(), d);
    if (!reduced)
      outShape.push_back(x.shape()[d]);
    keptShape.push_back(reduced ? 1 : x.shape()[d]);
  }
  DType dt = x.dtype();
  double init = 0;
  double inf = std::numeric_limits<double>::infinity();
  switch (kind) {
  case ReduceKind::Sum: init = 0; break;
  case ReduceKind::Prod: init = 1; break;
  case ReduceKind::Max:
    init = isFloat(dt) ? -inf
           : dt == i1  ? 0
           : dt == i8  ? -128.0
           : dt == i32 ? (double)std::numeric_limits<int32_t>::min()
                       : (double)std::numeric_limits<int64_t>::min();
    break;
  case ReduceKind::Min:
    init = isFloat(dt) ? inf
           : dt == i1  ? 1
           : dt == i8  ? 127.0
           : dt == i32 ? (double)std::numeric_limits<int32_t>::max()
                       : (double)std::numeric_limits<int64_t>::max();
    break;
  }
  Tensor r = apply1(
      op, {x},
      [&](OpBuilder &b, Location l, ArrayRef<Value> v) -> Value {
        Type et = cast<RankedTensorType>(v[0].getType()).getElementType();
        Value initV = scalarConst(b, l, et, init);
        return b.create<g::ReduceOp>(
            l, v[0], initV, axes,
            [&](OpBuilder &bb, Location ll, Value acc, Value e) -> Value {
              switch (kind) {
              case ReduceKind::Sum: return bb.create<g::AddOp>(ll, acc, e);
              case ReduceKind::Prod: return bb.create<g::MulOp>(ll, acc, e);
              case ReduceKind::Max: return bb.create<g::MaxOp>(ll, acc, e);
              case ReduceKind::Min: return bb.create<g::MinOp>(ll, acc, e);
              }
              return acc;
            });
      },
      loc);
  return keepdims ? reshape(r, keptShape, loc) : r;
}

int64_t countOf(const Tensor &x, const Axes &axes) {
  int64_t n = 1;
  for (int64_t a : axes)
    n *= x.shape()[a];
  return n;
}

} // namespace

Tensor sum(const Tensor &x, Axes axes, bool keepdims, Loc loc) {
  return reduce(x, std::move(axes), keepdims, ReduceKind::Sum, loc, "sum");
}
Tensor max(const Tensor &x, Axes axes, bool keepdims, Loc loc) {
  return reduce(x, std::move(axes), keepdims, ReduceKind::Max, loc, "max");
}
Tensor min(const Tensor &x, Axes axes, bool keepdims, Loc loc) {
  return reduce(x, std::move(axes), keepdims, ReduceKind::Min, loc, "min");
}
Tensor prod(const Tensor &x, Axes axes, bool keepdims, Loc loc) {
  return reduce(x, std::move(axes), keepdims, ReduceKind::Prod, loc, "prod");
}
Tensor mean(const Tensor &x, Axes axes, bool keepdims, Loc loc) {
  Tensor xf = isFloat(x.dtype()) ? x : astype(x, f32, loc);
  Axes norm = normAxes(axes, x.rank(), loc, "mean");
  Tensor s = sum(xf, norm, keepdims, loc);
  return divide(s, scalar_like(s, (double)countOf(x, norm), loc), loc);
}

Tensor argmax(const Tensor &x, int64_t axis, Loc loc) {
  axis = normAxis(axis, x.rank(), loc, "argmax");
  Tensor m = max(x, {axis}, /*keepdims=*/true, loc);
  Tensor isMax = equal(x, m, loc);
  Shape shape = x.shape();
  Tensor idx = apply1("argmax", {},
                      [&](OpBuilder &b, Location l, ArrayRef<Value>) -> Value {
                        return b.create<g::IotaOp>(
                            l, detail::tensorType(i32, shape), axis);
                      },
                      loc);
  Tensor big = scalar((double)shape[axis], i32, loc);
  return min(where(isMax, idx, big, loc), {axis}, false, loc);
}

Tensor logsumexp(const Tensor &x, Axes axes, bool keepdims, Loc loc) {
  Axes norm = normAxes(std::move(axes), x.rank(), loc, "logsumexp");
  Tensor m = stop_gradient(max(x, norm, true, loc), loc);
  Tensor s = log(sum(exp(subtract(x, m, loc), loc), norm, true, loc), loc);
  Tensor r = add(s, m, loc);
  return keepdims ? r : squeeze(r, norm, loc);
}

Tensor softmax(const Tensor &x, int64_t axis, Loc loc) {
  Tensor m = stop_gradient(max(x, {axis}, true, loc), loc);
  Tensor e = exp(subtract(x, m, loc), loc);
  return divide(e, sum(e, {axis}, true, loc), loc);
}

Tensor log_softmax(const Tensor &x, int64_t axis, Loc loc) {
  return subtract(x, logsumexp(x, {axis}, true, loc), loc);
}

//===----------------------------------------------------------------------===//
// Shapes
//===----------------------------------------------------------------------===//

Tensor reshape(const Tensor &x, Shape shape, Loc loc) {
  int64_t known = 1, inferred = -1;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == -1) {
      if (inferred >= 0)
        fail(loc, "reshape", "only one dimension may be -1");
      inferred = i;
    } else if (shape[i] < 0) {
      fail(loc, "reshape", "negative dimension " + std::to_string(shape[i]));
    } else {
      known *= shape[i];
    }
  }
  if (inferred >= 0) {
    if (known == 0 || x.size() % known != 0)
      fail(loc, "reshape", "cannot reshape " + x.aval() + " to " +
                               shapeString(shape));
    shape[inferred] = x.size() / known;
    known *= shape[inferred];
  }
  if (known != x.size())
    fail(loc, "reshape", "cannot reshape " + x.aval() + " (" +
                             std::to_string(x.size()) + " elements) to " +
                             shapeString(shape) + " (" +
                             std::to_string(known) + " elements)");
  if (shape == x.shape())
    return x;
  return apply1("reshape", {x},
                [&](OpBuilder &b, Location l, ArrayRef<Value> v) -> Value {
                  return b.create<g::ReshapeOp>(l, typeLike(v[0], shape), v[0]);
                },
                loc);
}

Tensor transpose(const Tensor &x, Axes perm, Loc loc) {
  int64_t r = x.rank();
  if (perm.empty()) {
    for (int64_t i = r - 1; i >= 0; --i)
      perm.push_back(i);
  }
  if ((int64_t)perm.size() != r)
    fail(loc, "transpose", "permutation has " + std::to_string(perm.size()) +
                               " entries for a tensor of rank " +
                               std::to_string(r));
  Axes sorted = perm;
  for (int64_t &p : sorted)
    p = normAxis(p, r, loc, "transpose");
  for (size_t i = 0; i < perm.size(); ++i)
    perm[i] = sorted[i];
  std::sort(sorted.begin(), sorted.end());
  if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end())
    fail(loc, "transpose", "permutation repeats an axis");
  Shape shape;
  for (int64_t p : perm)
    shape.push_back(x.shape()[p]);
  return apply1("transpose", {x},
                [&](OpBuilder &b, Location l, ArrayRef<Value> v) -> Value {
                  return b.create<g::TransposeOp>(l, typeLike(v[0], shape),
                                                  v[0], i64s(b, perm));
                },
                loc);
}

Tensor expand_dims(const Tensor &x, int64_t axis, Loc loc) {
  axis = normAxis(axis, x.rank() + 1, loc, "expand_dims");
  Shape s = x.shape();
  s.insert(s.begin() + axis, 1);
  return reshape(x, s, loc);
}

Tensor squeeze(const Tensor &x, Axes axes, Loc loc) {
  Shape s;
  if (axes.empty()) {
    for (int64_t d : x.shape())
      if (d != 1)
        s.push_back(d);
  } else {
    axes = normAxes(axes, x.rank(), loc, "squeeze");
    for (int64_t d = 0; d < x.rank(); ++d) {
      bool drop = std::binary_search(axes.begin(), axes.end(), d);
      if (drop && x.shape()[d] != 1)
        fail(loc, "squeeze", "axis " + std::to_string(d) + " has size " +
                                 std::to_string(x.shape()[d]) + ", not 1");
      if (!drop)
        s.push_back(x.shape()[d]);
    }
  }
  return reshape(x, s, loc);
}

Tensor concatenate(const std::vector<Tensor> &xs, int64_t axis, Loc loc) {
  if (xs.empty())
    fail(loc, "concatenate", "needs at least one tensor");
  DType d = xs[0].dtype();
  for (const Tensor &x : xs)
    d = promote(d, x.dtype());
  int64_t r = xs[0].rank();
  axis = normAxis(axis, r, loc, "concatenate");
  Shape out = xs[0].shape();
  out[axis] = 0;
  std::vector<Tensor> ins;
  for (size_t i = 0; i < xs.size(); ++i) {
    const Shape &s = xs[i].shape();
    if ((int64_t)s.size() != r)
      fail(loc, "concatenate", "tensor " + std::to_string(i) + " has rank " +
                                   std::to_string(s.size()) + ", expected " +
                                   std::to_string(r));
    for (int64_t k = 0; k < r; ++k)
      if (k != axis && s[k] != xs[0].shape()[k])
        fail(loc, "concatenate",
             "tensor " + std::to_string(i) + " has shape " + shapeString(s) +
                 ", incompatible with " + shapeString(xs[0].shape()) +
                 " outside axis " + std::to_string(axis));
    out[axis] += s[axis];
    ins.push_back(astype(xs[i], d, loc));
  }
  return apply1("concatenate", ins,
                [&](OpBuilder &b, Location l, ArrayRef<Value> v) -> Value {
                  return b.create<g::ConcatenateOp>(l, typeLike(v[0], out), v,
                                                    axis);
                },
                loc);
}

Tensor stack(const std::vector<Tensor> &xs, int64_t axis, Loc loc) {
  if (xs.empty())
    fail(loc, "stack", "needs at least one tensor");
  axis = normAxis(axis, xs[0].rank() + 1, loc, "stack");
  std::vector<Tensor> expanded;
  for (const Tensor &x : xs) {
    if (x.shape() != xs[0].shape())
      fail(loc, "stack", "all tensors need the same shape; got " +
                             x.aval() + " and " + xs[0].aval());
    expanded.push_back(expand_dims(x, axis, loc));
  }
  return concatenate(expanded, axis, loc);
}

Tensor slice(const Tensor &x, Shape start, Shape limit, Shape strides,
             Loc loc) {
  int64_t r = x.rank();
  if (strides.empty())
    strides.assign(r, 1);
  if ((int64_t)start.size() != r || (int64_t)limit.size() != r ||
      (int64_t)strides.size() != r)
    fail(loc, "slice", "start, limit and strides need " + std::to_string(r) +
                           " entries (the rank of " + x.aval() + ")");
  Shape out;
  for (int64_t d = 0; d < r; ++d) {
    if (strides[d] <= 0 || start[d] < 0 || start[d] > limit[d] ||
        limit[d] > x.shape()[d])
      fail(loc, "slice", "slice [" + std::to_string(start[d]) + ":" +
                             std::to_string(limit[d]) + ":" +
                             std::to_string(strides[d]) +
                             "] is invalid for dimension " + std::to_string(d) +
                             " of size " + std::to_string(x.shape()[d]));
    out.push_back((limit[d] - start[d] + strides[d] - 1) / strides[d]);
  }
  return apply1("slice", {x},
                [&](OpBuilder &b, Location l, ArrayRef<Value> v) -> Value {
                  return b.create<g::SliceOp>(l, typeLike(v[0], out), v[0],
                                              i64s(b, start), i64s(b, limit),
                                              i64s(b, strides));
                },
                loc);
}

std::vector<Tensor> split(const Tensor &x, int64_t sections, int64_t axis,
                          Loc loc) {
  axis = normAxis(axis, x.rank(), loc, "split");
  int64_t n = x.shape()[axis];
  if (sections <= 0 || n % sections != 0)
    fail(loc, "split", "cannot split dimension " + std::to_string(axis) +
                           " of size " + std::to_string(n) + " into " +
                           std::to_string(sections) + " equal parts");
  std::vector<Tensor> parts;
  int64_t step = n / sections;
  for (int64_t i = 0; i < sections; ++i) {
    Shape start(x.rank(), 0), limit = x.shape();
    start[axis] = i * step;
    limit[axis] = (i + 1) * step;
    parts.push_back(slice(x, start, limit, {}, loc));
  }
  return parts;
}

Tensor pad(const Tensor &x, std::vector<std::pair<int64_t, int64_t>> widths,
           double value, Loc loc) {
  int64_t r = x.rank();
  if ((int64_t)widths.size() != r)
    fail(loc, "pad", "needs one (low, high) pair per dimension (" +
                         std::to_string(r) + "), got " +
                         std::to_string(widths.size()));
  Shape lo, hi, interior(r, 0), out;
  for (int64_t d = 0; d < r; ++d) {
    lo.push_back(widths[d].first);
    hi.push_back(widths[d].second);
    out.push_back(x.shape()[d] + lo[d] + hi[d]);
    if (out.back() < 0)
      fail(loc, "pad", "padding removes more than dimension " +
                           std::to_string(d) + " holds");
  }
  return apply1("pad", {x},
                [&](OpBuilder &b, Location l, ArrayRef<Value> v) -> Value {
                  Type et = cast<RankedTensorType>(v[0].getType()).getElementType();
                  Value pv = scalarConst(b, l, et, value);
                  return b.create<g::PadOp>(l, typeLike(v[0], out), v[0], pv,
                                            i64s(b, lo), i64s(b, hi),
                                            i64s(b, interior));
                },
                loc);
}

namespace {
/// The integer indices and the shape of take(x, indices, axis) (= the
/// updates' shape of scatter_add); normalizes `axis`.
struct Gathered {
  Tensor indices;
  Shape shape;
};
Gathered gathered(const Tensor &x, const Tensor &indices, int64_t &axis, const Loc &loc,
                  const char *op) {
  axis = normAxis(axis, x.rank(), loc, op);
  Tensor idx = indices;
  if (idx.dtype() != i32 && idx.dtype() != i64)
    idx = astype(idx, i32, loc);
  Shape out(x.shape().begin(), x.shape().begin() + axis);
  out.insert(out.end(), idx.shape().begin(), idx.shape().end());
  out.insert(out.end(), x.shape().begin() + axis + 1, x.shape().end());
  return {idx, out};
}
} // namespace

Tensor take(const Tensor &x, const Tensor &indices, int64_t axis, Loc loc) {
  auto [idx, out] = gathered(x, indices, axis, loc, "take");
  return apply1("take", {x, idx},
                [&](OpBuilder &b, Location l, ArrayRef<Value> v) -> Value {
                  return b.create<g::GatherOp>(l, typeLike(v[0], out), v[0],
                                               v[1], axis);
                },
                loc);
}

Tensor scatter_add(const Tensor &x, const Tensor &indices, const Tensor &updates,
                   int64_t axis, Loc loc) {
  auto [idx, want] = gathered(x, indices, axis, loc, "scatter_add");
  if (updates.shape() != want)
    fail(loc, "scatter_add", "updates of shape " + shapeString(updates.shape()) +
                                 " do not fit " + shapeString(x.shape()) +
                                 " at indices of shape " + shapeString(idx.shape()) +
                                 " along axis " +
                                 std::to_string(axis) + " (expected " +
                                 shapeString(want) + ")");
  Tensor upd = updates.dtype() == x.dtype() ? updates : astype(updates, x.dtype(), loc);
  return apply1("scatter_add", {x, idx, upd},
                [&](OpBuilder &b, Location l, ArrayRef<Value> v) -> Value {
                  return b.create<g::ScatterAddOp>(l, v[0].getType(), v[0], v[1], v[2],
                                                   axis);
                },
                loc);
}

Tensor one_hot(const Tensor &indices, int64_t depth, DType dtype, Loc loc) {
  if (depth <= 0)
    fail(loc, "one_hot", "depth must be positive");
  Shape shape = indices.shape();
  shape.push_back(depth);
  int64_t last = shape.size() - 1;
  Tensor idx = astype(indices, i32, loc);
  Tensor classes = apply1("one_hot", {},
                          [&](OpBuilder &b, Location l, ArrayRef<Value>) -> Value {
                            return b.create<g::IotaOp>(
                                l, detail::tensorType(i32, shape), last);
                          },
                          loc);
  return astype(equal(expand_dims(idx, -1, loc), classes, loc), dtype, loc);
}

//===----------------------------------------------------------------------===//
// Contractions
//===----------------------------------------------------------------------===//

Tensor dot_general(const Tensor &a, const Tensor &b, const DotDims &dims,
                   Loc loc) {
  if (dims.lhs_contracting.size() != dims.rhs_contracting.size() ||
      dims.lhs_batch.size() != dims.rhs_batch.size())
    fail(loc, "dot_general", "lhs and rhs need as many contracting (and "
                             "batch) dimensions each");
  auto check = [&](const Axes &la, const Axes &ra, const char *what) {
    for (size_t i = 0; i < la.size(); ++i) {
      int64_t l = normAxis(la[i], a.rank(), loc, "dot_general");
      int64_t r = normAxis(ra[i], b.rank(), loc, "dot_general");
      if (a.shape()[l] != b.shape()[r])
        fail(loc, "dot_general", std::string(what) + " dimensions " +
                                     std::to_string(a.shape()[l]) + " and " +
                                     std::to_string(b.shape()[r]) + " differ");
    }
  };
  check(dims.lhs_contracting, dims.rhs_contracting, "contracting");
  check(dims.lhs_batch, dims.rhs_batch, "batch");
  auto [x, y] = std::pair{a, b};
  DType d = promote(a.dtype(), b.dtype());
  x = astype(x, d, loc);
  y = astype(y, d, loc);
  auto norm = [&](const Axes &axes, int64_t rank) {
    Axes out;
    for (int64_t v : axes)
      out.push_back(v < 0 ? v + rank : v);
    return out;
  };
  Axes lc = norm(dims.lhs_contracting, a.rank()),
       rc = norm(dims.rhs_contracting, b.rank()),
       lb = norm(dims.lhs_batch, a.rank()), rb = norm(dims.rhs_batch, b.rank());
  Shape out;
  for (int64_t v : lb)
    out.push_back(a.shape()[v]);
  for (int64_t i = 0; i < a.rank(); ++i)
    if (!llvm::is_contained(lc, i) && !llvm::is_contained(lb, i))
      out.push_back(a.shape()[i]);
  for (int64_t i = 0; i < b.rank(); ++i)
    if (!llvm::is_contained(rc, i) && !llvm::is_contained(rb, i))
      out.push_back(b.shape()[i]);
  return apply1("dot_general", {x, y},
                [&](OpBuilder &bld, Location l, ArrayRef<Value> v) -> Value {
                  return bld.create<g::DotGeneralOp>(
                      l, typeLike(v[0], out), v[0], v[1], i64s(bld, lb),
                      i64s(bld, rb), i64s(bld, lc), i64s(bld, rc));
                },
                loc);
}

Tensor matmul(const Tensor &a, const Tensor &b, Loc loc) {
  if (a.rank() == 0 || b.rank() == 0)
    fail(loc, "matmul", "operands must have rank >= 1, got " + a.aval() +
                            " and " + b.aval());
  int64_t ka = a.shape().back();
  int64_t kb = b.rank() == 1 ? b.shape()[0] : b.shape()[b.rank() - 2];
  if (ka != kb)
    fail(loc, "matmul", "contracting dimensions " + std::to_string(ka) +
                            " and " + std::to_string(kb) + " differ");
  if (b.rank() <= 2)
    return dot_general(a, b, {{a.rank() - 1}, {0}, {}, {}}, loc);
  // Batched: broadcast batch dimensions, then batch dot_general.
  Tensor x = a.rank() == 1 ? expand_dims(a, 0, loc) : a;
  Shape xb(x.shape().begin(), x.shape().end() - 2);
  Shape yb(b.shape().begin(), b.shape().end() - 2);
  Shape batch = broadcastShapes(xb, yb, loc, "matmul");
  Shape xs = batch, ys = batch;
  xs.insert(xs.end(), x.shape().end() - 2, x.shape().end());
  ys.insert(ys.end(), b.shape().end() - 2, b.shape().end());
  x = broadcast_to(x, xs, loc);
  Tensor y = broadcast_to(b, ys, loc);
  int64_t nb = batch.size();
  Axes bd(nb);
  std::iota(bd.begin(), bd.end(), 0);
  Tensor r = dot_general(x, y, {{nb + 1}, {nb}, bd, bd}, loc);
  return a.rank() == 1 ? squeeze(r, {nb}, loc) : r;
}

//===----------------------------------------------------------------------===//
// Convolutions
//===----------------------------------------------------------------------===//

namespace {

struct SpecDims {
  int64_t batchOrIn = -1, featureOrOut = -1;
  Axes spatial;
};

SpecDims parseSpec(const std::string &spec, char a, char b, const Loc &loc,
                   const char *op) {
  SpecDims d;
  for (size_t i = 0; i < spec.size(); ++i) {
    if (spec[i] == a)
      d.batchOrIn = i;
    else if (spec[i] == b)
      d.featureOrOut = i;
    else
      d.spatial.push_back(i);
  }
  if (d.batchOrIn < 0 || d.featureOrOut < 0)
    fail(loc, op, "layout '" + spec + "' needs '" + std::string(1, a) +
                      "' and '" + std::string(1, b) + "'");
  return d;
}

} // namespace

Tensor conv_general_dilated(const Tensor &lhs, const Tensor &rhs,
                            const ConvOptions &o, Loc loc) {
  const char *op = "conv_general_dilated";
  int64_t r = lhs.rank();
  if (r < 3 || rhs.rank() != r || (int64_t)o.lhs_spec.size() != r ||
      (int64_t)o.rhs_spec.size() != r || (int64_t)o.out_spec.size() != r)
    fail(loc, op, "input " + lhs.aval() + ", kernel " + rhs.aval() +
                      " and layouts " + o.lhs_spec + "/" + o.rhs_spec + "/" +
                      o.out_spec + " must all have the same rank >= 3");
  SpecDims in = parseSpec(o.lhs_spec, 'N', 'C', loc, op);
  SpecDims k = parseSpec(o.rhs_spec, 'I', 'O', loc, op);
  SpecDims out = parseSpec(o.out_spec, 'N', 'C', loc, op);
  int64_t s = r - 2;
  auto orOnes = [&](const Shape &v, const char *what) {
    if (v.empty())
      return Shape(s, 1);
    if ((int64_t)v.size() != s)
      fail(loc, op, std::string(what) + " needs " + std::to_string(s) +
                        " entries");
    return v;
  };
  Shape strides = orOnes(o.window_strides, "window_strides");
  Shape lhsDil = orOnes(o.lhs_dilation, "lhs_dilation");
  Shape rhsDil = orOnes(o.rhs_dilation, "rhs_dilation");
  int64_t groups = o.feature_group_count;
  int64_t cin = lhs.shape()[in.featureOrOut];
  if (groups < 1 || cin % groups || rhs.shape()[k.batchOrIn] * groups != cin)
    fail(loc, op, "input features " + std::to_string(cin) +
                      " do not match kernel input features " +
                      std::to_string(rhs.shape()[k.batchOrIn]) + " x groups " +
                      std::to_string(groups));
  std::vector<int64_t> padding;
  Shape outSpatial;
  for (int64_t i = 0; i < s; ++i) {
    int64_t n = lhs.shape()[in.spatial[i]];
    int64_t dn = n == 0 ? 0 : (n - 1) * lhsDil[i] + 1;
    int64_t kk = rhs.shape()[k.spatial[i]];
    int64_t dk = (kk - 1) * rhsDil[i] + 1;
    int64_t lo = 0, hi = 0;
    if (o.padding.mode == "SAME") {
      int64_t outN = (dn + strides[i] - 1) / strides[i];
      int64_t total = std::max<int64_t>((outN - 1) * strides[i] + dk - dn, 0);
      lo = total / 2;
      hi = total - lo;
    } else if (o.padding.mode == "VALID" || o.padding.mode.empty()) {
      if (o.padding.mode.empty()) {
        if ((int64_t)o.padding.pairs.size() != s)
          fail(loc, op, "padding needs one (low, high) pair per spatial "
                        "dimension");
        lo = o.padding.pairs[i].first;
        hi = o.padding.pairs[i].second;
      }
    } else {
      fail(loc, op, "padding must be SAME, VALID or explicit pairs, got '" +
                        o.padding.mode + "'");
    }
    padding.push_back(lo);
    padding.push_back(hi);
    int64_t padded = dn + lo + hi;
    if (padded < dk)
      fail(loc, op, "the (dilated) kernel is larger than the padded input in "
                    "spatial dimension " + std::to_string(i));
    outSpatial.push_back((padded - dk) / strides[i] + 1);
  }
  Shape outShape(r);
  outShape[out.batchOrIn] = lhs.shape()[in.batchOrIn];
  outShape[out.featureOrOut] = rhs.shape()[k.featureOrOut];
  for (int64_t i = 0; i < s; ++i)
    outShape[out.spatial[i]] = outSpatial[i];
  DType d = promote(lhs.dtype(), rhs.dtype());
  if (!isFloat(d))
    d = f32;
  Tensor x = astype(lhs, d, loc), w = astype(rhs, d, loc);
  return apply1(op, {x, w},
                [&](OpBuilder &b, Location l, ArrayRef<Value> v) -> Value {
                  OperationState st(l, g::ConvolutionOp::getOperationName());
                  st.addOperands({v[0], v[1]});
                  st.addTypes(typeLike(v[0], outShape));
                  auto conv = cast<g::ConvolutionOp>(b.create(st));
                  conv.setWindowStridesAttr(i64s(b, strides));
                  conv.setPaddingAttr(i64s(b, padding));
                  conv.setLhsDilationAttr(i64s(b, lhsDil));
                  conv.setRhsDilationAttr(i64s(b, rhsDil));
                  conv.setFeatureGroupCount(groups);
                  conv.setInputBatchDimension(in.batchOrIn);
                  conv.setInputFeatureDimension(in.featureOrOut);
                  conv.setInputSpatialDimensionsAttr(i64s(b, in.spatial));
                  conv.setKernelInputFeatureDimension(k.batchOrIn);
                  conv.setKernelOutputFeatureDimension(k.featureOrOut);
                  conv.setKernelSpatialDimensionsAttr(i64s(b, k.spatial));
                  conv.setOutputBatchDimension(out.batchOrIn);
                  conv.setOutputFeatureDimension(out.featureOrOut);
                  conv.setOutputSpatialDimensionsAttr(i64s(b, out.spatial));
                  return conv.getResult();
                },
                loc);
}

Tensor conv_transpose(const Tensor &lhs, const Tensor &rhs, Shape strides,
                      Padding padding, std::string lhs_spec,
                      std::string rhs_spec, std::string out_spec, Loc loc) {
  SpecDims k = parseSpec(rhs_spec, 'I', 'O', loc, "conv_transpose");
  int64_t s = lhs.rank() - 2;
  if ((int64_t)strides.size() != s)
    fail(loc, "conv_transpose", "strides need " + std::to_string(s) +
                                    " entries");
  std::vector<std::pair<int64_t, int64_t>> pads;
  if (!padding.mode.empty()) {
    for (int64_t i = 0; i < s; ++i) {
      int64_t kk = rhs.shape()[k.spatial[i]], st = strides[i];
      int64_t len, a;
      if (padding.mode == "SAME") {
        len = kk + st - 2;
        a = st > kk - 1 ? kk - 1 : (len + 1) / 2;
      } else if (padding.mode == "VALID") {
        len = kk + st - 2 + std::max<int64_t>(kk - st, 0);
        a = kk - 1;
      } else {
        fail(loc, "conv_transpose", "padding must be SAME, VALID or pairs");
      }
      pads.push_back({a, len - a});
    }
  } else {
    pads = padding.pairs;
  }
  ConvOptions o;
  o.padding = pads;
  o.lhs_dilation = strides;
  o.lhs_spec = std::move(lhs_spec);
  o.rhs_spec = std::move(rhs_spec);
  o.out_spec = std::move(out_spec);
  return conv_general_dilated(lhs, rhs, o, loc);
}

//===----------------------------------------------------------------------===//
// Operators
//===----------------------------------------------------------------------===//

Tensor operator+(At a, const Tensor &b) { return add(a.tensor, b, a.loc); }
Tensor operator-(At a, const Tensor &b) { return subtract(a.tensor, b, a.loc); }
Tensor operator*(At a, const Tensor &b) { return multiply(a.tensor, b, a.loc); }
Tensor operator/(At a, const Tensor &b) { return divide(a.tensor, b, a.loc); }
Tensor operator-(At a) { return negative(a.tensor, a.loc); }
Tensor operator+(At a, double b) {
  return add(a.tensor, scalar_like(a.tensor, b, a.loc), a.loc);
}
Tensor operator-(At a, double b) {
  return subtract(a.tensor, scalar_like(a.tensor, b, a.loc), a.loc);
}
Tensor operator*(At a, double b) {
  return multiply(a.tensor, scalar_like(a.tensor, b, a.loc), a.loc);
}
Tensor operator/(At a, double b) {
  return divide(a.tensor, scalar_like(a.tensor, b, a.loc), a.loc);
}
Tensor operator+(double a, At b) {
  return add(scalar_like(b.tensor, a, b.loc), b.tensor, b.loc);
}
Tensor operator-(double a, At b) {
  return subtract(scalar_like(b.tensor, a, b.loc), b.tensor, b.loc);
}
Tensor operator*(double a, At b) {
  return multiply(scalar_like(b.tensor, a, b.loc), b.tensor, b.loc);
}
Tensor operator/(double a, At b) {
  return divide(scalar_like(b.tensor, a, b.loc), b.tensor, b.loc);
}

} // namespace genc

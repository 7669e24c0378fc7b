//===- UpstreamTensorOps.cpp - interpreter: the tensor dialect ------------===//
//
// tensor.empty, extract, insert, extract_slice, insert_slice, collapse_shape,
// expand_shape, reshape, pad, concat, from_elements, splat, generate, dim,
// rank and cast. Static and dynamic sizes, offsets and strides alike: a
// dynamic one is read from its index operand, and results take their shape
// from those values (the static sizes of the result type are checked).
// Out-of-bounds accesses, undefined behavior in MLIR, are errors here.
//
//===----------------------------------------------------------------------===//

#include "dialects/genc/Interpreter/InterpreterImpl.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/SmallBitVector.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::genc;
using namespace mlir::genc::interp;
using namespace mlir::genc::interp::impl;

namespace {

OpResults single(RefTensor t) {
  SmallVector<RefTensor> results;
  results.push_back(std::move(t));
  return results;
}

/// The value of index (or integer) scalar `v`.
int64_t scalarValue(const Scope &scope, Value v) {
  return scope.lookup(v)->ints[0];
}

int64_t valueOf(OpFoldResult ofr, const Scope &scope) {
  if (auto attr = dyn_cast<Attribute>(ofr))
    return cast<IntegerAttr>(attr).getInt();
  return scalarValue(scope, cast<Value>(ofr));
}

SmallVector<int64_t> valuesOf(ArrayRef<OpFoldResult> ofrs, const Scope &scope) {
  SmallVector<int64_t> values;
  for (OpFoldResult ofr : ofrs)
    values.push_back(valueOf(ofr, scope));
  return values;
}

/// `staticShape` with its dynamic sizes taken, in order, from `dynamic`.
SmallVector<int64_t> resolveShape(ArrayRef<int64_t> staticShape,
                                  ValueRange dynamic, const Scope &scope) {
  SmallVector<int64_t> shape;
  auto it = dynamic.begin();
  for (int64_t s : staticShape)
    shape.push_back(ShapedType::isDynamic(s) ? scalarValue(scope, *it++) : s);
  return shape;
}

Type heldElementType(Value v) {
  return storageType(getElementTypeOrSelf(v.getType()));
}

std::string shapeString(ArrayRef<int64_t> shape) {
  std::string s = "[";
  for (auto [k, d] : llvm::enumerate(shape))
    s += (k ? ", " : "") + std::to_string(d);
  return s + "]";
}

/// Fails (with an error) unless the box `offsets + i * strides`, `0 <= i <
/// sizes`, lies in `shape`.
LogicalResult checkBox(Operation *op, ArrayRef<int64_t> shape,
                       ArrayRef<int64_t> offsets, ArrayRef<int64_t> sizes,
                       ArrayRef<int64_t> strides) {
  bool empty = llvm::any_of(sizes, [](int64_t s) { return s == 0; });
  for (size_t d = 0; d < shape.size(); ++d) {
    if (sizes[d] < 0)
      return op->emitError() << "interpreter: negative size " << sizes[d];
    if (empty)
      continue;
    int64_t first = offsets[d], last = offsets[d] + (sizes[d] - 1) * strides[d];
    if (std::min(first, last) < 0 || std::max(first, last) >= shape[d])
      return op->emitError()
             << "interpreter: slice (offsets " << shapeString(offsets)
             << ", sizes " << shapeString(sizes) << ", strides "
             << shapeString(strides) << ") is out of bounds of a tensor of "
             << "shape " << shapeString(shape);
  }
  return success();
}

/// `t` with shape `shape` (same number of elements).
FailureOr<RefTensor> reshaped(Operation *op, const RefTensor &t,
                              ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t s : shape)
    n *= s;
  if (n != t.numElements() ||
      llvm::any_of(shape, [](int64_t s) { return s < 0; }))
    return op->emitError() << "interpreter: cannot reshape a tensor of shape "
                           << shapeString(t.shape) << " to "
                           << shapeString(shape);
  RefTensor r = t;
  r.shape.assign(shape.begin(), shape.end());
  return r;
}

OpResults evalExtract(tensor::ExtractOp op, const RefTensor &x,
                      const Scope &scope) {
  SmallVector<int64_t> index;
  for (Value v : op.getIndices())
    index.push_back(scalarValue(scope, v));
  for (size_t d = 0; d < index.size(); ++d)
    if (index[d] < 0 || index[d] >= x.shape[d])
      return op.emitError() << "interpreter: index " << shapeString(index)
                            << " is out of bounds of a tensor of shape "
                            << shapeString(x.shape);
  RefTensor r = RefTensor::zeros(x.elementType, {});
  copyElement(r, 0, x, linearize(index, rowMajorStrides(x.shape)));
  return single(std::move(r));
}

OpResults evalInsert(tensor::InsertOp op, const RefTensor &scalar,
                     const RefTensor &dest, const Scope &scope) {
  SmallVector<int64_t> index;
  for (Value v : op.getIndices())
    index.push_back(scalarValue(scope, v));
  for (size_t d = 0; d < index.size(); ++d)
    if (index[d] < 0 || index[d] >= dest.shape[d])
      return op.emitError() << "interpreter: index " << shapeString(index)
                            << " is out of bounds of a tensor of shape "
                            << shapeString(dest.shape);
  RefTensor r = dest;
  copyElement(r, linearize(index, rowMajorStrides(r.shape)), scalar, 0);
  return single(std::move(r));
}

OpResults evalExtractSlice(tensor::ExtractSliceOp op, const RefTensor &x,
                           const Scope &scope) {
  SmallVector<int64_t> offsets = valuesOf(op.getMixedOffsets(), scope);
  SmallVector<int64_t> sizes = valuesOf(op.getMixedSizes(), scope);
  SmallVector<int64_t> strides = valuesOf(op.getMixedStrides(), scope);
  if (failed(checkBox(op, x.shape, offsets, sizes, strides)))
    return failure();
  RefTensor box = RefTensor::zeros(x.elementType, sizes);
  SmallVector<int64_t> xStrides = rowMajorStrides(x.shape);
  forEachIndex(sizes, [&](ArrayRef<int64_t> index, int64_t linear) {
    int64_t src = 0;
    for (size_t d = 0; d < index.size(); ++d)
      src += (offsets[d] + index[d] * strides[d]) * xStrides[d];
    copyElement(box, linear, x, src);
  });
  // A rank-reducing slice drops unit dimensions; the order is unchanged.
  llvm::SmallBitVector dropped = op.getDroppedDims();
  SmallVector<int64_t> shape;
  for (size_t d = 0; d < sizes.size(); ++d)
    if (!dropped.test(d))
      shape.push_back(sizes[d]);
  box.shape = shape;
  return single(std::move(box));
}

OpResults evalInsertSlice(tensor::InsertSliceOp op, const RefTensor &src,
                          const RefTensor &dest, const Scope &scope) {
  SmallVector<int64_t> offsets = valuesOf(op.getMixedOffsets(), scope);
  SmallVector<int64_t> sizes = valuesOf(op.getMixedSizes(), scope);
  SmallVector<int64_t> strides = valuesOf(op.getMixedStrides(), scope);
  if (failed(checkBox(op, dest.shape, offsets, sizes, strides)))
    return failure();
  int64_t n = 1;
  for (int64_t s : sizes)
    n *= s;
  if (n != src.numElements())
    return op.emitError() << "interpreter: inserting a tensor of shape "
                          << shapeString(src.shape) << " into a slice of sizes "
                          << shapeString(sizes);
  RefTensor r = dest;
  SmallVector<int64_t> rStrides = rowMajorStrides(r.shape);
  // A rank-reduced source holds the slice's elements in the same order.
  forEachIndex(sizes, [&](ArrayRef<int64_t> index, int64_t linear) {
    int64_t dst = 0;
    for (size_t d = 0; d < index.size(); ++d)
      dst += (offsets[d] + index[d] * strides[d]) * rStrides[d];
    copyElement(r, dst, src, linear);
  });
  return single(std::move(r));
}

OpResults evalCollapseShape(tensor::CollapseShapeOp op, const RefTensor &x) {
  SmallVector<int64_t> shape;
  for (const ReassociationIndices &group : op.getReassociationIndices()) {
    int64_t n = 1;
    for (int64_t d : group)
      n *= x.shape[d];
    shape.push_back(n);
  }
  FailureOr<RefTensor> r = reshaped(op, x, shape);
  if (failed(r))
    return failure();
  return single(std::move(*r));
}

OpResults evalExpandShape(tensor::ExpandShapeOp op, const RefTensor &x,
                          const Scope &scope) {
  SmallVector<int64_t> shape =
      resolveShape(op.getStaticOutputShape(), op.getOutputShape(), scope);
  // Each group must multiply out to its source dimension.
  for (auto [d, group] : llvm::enumerate(op.getReassociationIndices())) {
    int64_t n = 1;
    for (int64_t k : group)
      n *= shape[k];
    if (n != x.shape[d])
      return op.emitError()
             << "interpreter: cannot expand a tensor of shape "
             << shapeString(x.shape) << " to " << shapeString(shape);
  }
  FailureOr<RefTensor> r = reshaped(op, x, shape);
  if (failed(r))
    return failure();
  return single(std::move(*r));
}

OpResults evalReshape(tensor::ReshapeOp op, const RefTensor &x,
                      const RefTensor &shapeTensor) {
  SmallVector<int64_t> shape(shapeTensor.ints.begin(), shapeTensor.ints.end());
  FailureOr<RefTensor> r = reshaped(op, x, shape);
  if (failed(r))
    return failure();
  return single(std::move(*r));
}

OpResults evalConcat(tensor::ConcatOp op, ArrayRef<const RefTensor *> inputs) {
  auto dim = (int64_t)op.getDim();
  SmallVector<int64_t> shape = inputs[0]->shape;
  shape[dim] = 0;
  for (const RefTensor *x : inputs) {
    for (size_t d = 0; d < shape.size(); ++d)
      if ((int64_t)d != dim && x->shape[d] != shape[d])
        return op.emitError() << "interpreter: cannot concatenate shapes "
                              << shapeString(inputs[0]->shape) << " and "
                              << shapeString(x->shape);
    shape[dim] += x->shape[dim];
  }
  RefTensor r = RefTensor::zeros(inputs[0]->elementType, shape);
  SmallVector<int64_t> strides = rowMajorStrides(r.shape);
  int64_t offset = 0;
  for (const RefTensor *x : inputs) {
    forEachIndex(x->shape, [&](ArrayRef<int64_t> index, int64_t linear) {
      copyElement(r, linearize(index, strides) + offset * strides[dim], *x,
                  linear);
    });
    offset += x->shape[dim];
  }
  return single(std::move(r));
}

OpResults evalFromElements(tensor::FromElementsOp op,
                           ArrayRef<const RefTensor *> elements) {
  auto type = cast<RankedTensorType>(op.getType());
  RefTensor r =
      RefTensor::zeros(storageType(type.getElementType()), type.getShape());
  for (auto [k, e] : llvm::enumerate(elements))
    copyElement(r, k, *e, 0);
  return single(std::move(r));
}

OpResults evalSplat(tensor::SplatOp op, const RefTensor &value,
                    const Scope &scope) {
  auto type = cast<RankedTensorType>(op.getType());
  RefTensor r = RefTensor::zeros(
      value.elementType,
      resolveShape(type.getShape(), op.getDynamicSizes(), scope));
  for (int64_t i = 0, e = r.numElements(); i < e; ++i)
    copyElement(r, i, value, 0);
  return single(std::move(r));
}

OpResults evalDim(tensor::DimOp op, const RefTensor &x, const RefTensor &dim) {
  int64_t d = dim.ints[0];
  if (d < 0 || d >= (int64_t)x.shape.size())
    return op.emitError() << "interpreter: dimension " << d
                          << " is out of range for a tensor of rank "
                          << x.shape.size();
  return single(
      scalarTensor(heldElementType(op.getResult()), intElem(x.shape[d])));
}

OpResults evalCast(tensor::CastOp op, const RefTensor &x) {
  auto type = cast<RankedTensorType>(op.getType());
  std::optional<RefType> refType = refTypeOf(type);
  if (!refType || !fitsType(x, *refType))
    return op.emitError() << "interpreter: cannot cast a tensor of shape "
                          << shapeString(x.shape) << " to " << type;
  return single(x);
}

} // namespace

std::optional<OpResults> Interpreter::evalTensorDialectOp(
    Operation *op, ArrayRef<const RefTensor *> operands, const Scope &scope) {
  if (op->getName().getDialectNamespace() !=
      tensor::TensorDialect::getDialectNamespace())
    return std::nullopt;
  auto arg = [&](unsigned i) -> const RefTensor & { return *operands[i]; };
  return llvm::TypeSwitch<Operation *, std::optional<OpResults>>(op)
      .Case([&](tensor::EmptyOp o) {
        return single(RefTensor::zeros(heldElementType(o.getResult()),
                                       valuesOf(o.getMixedSizes(), scope)));
      })
      .Case([&](tensor::ExtractOp o) { return evalExtract(o, arg(0), scope); })
      .Case([&](tensor::InsertOp o) {
        return evalInsert(o, arg(0), arg(1), scope);
      })
      .Case([&](tensor::ExtractSliceOp o) {
        return evalExtractSlice(o, arg(0), scope);
      })
      .Case([&](tensor::InsertSliceOp o) {
        return evalInsertSlice(o, arg(0), arg(1), scope);
      })
      .Case([&](tensor::CollapseShapeOp o) {
        return evalCollapseShape(o, arg(0));
      })
      .Case([&](tensor::ExpandShapeOp o) {
        return evalExpandShape(o, arg(0), scope);
      })
      .Case([&](tensor::ReshapeOp o) { return evalReshape(o, arg(0), arg(1)); })
      .Case([&](tensor::ConcatOp o) { return evalConcat(o, operands); })
      .Case([&](tensor::FromElementsOp o) {
        return evalFromElements(o, operands);
      })
      .Case([&](tensor::SplatOp o) { return evalSplat(o, arg(0), scope); })
      .Case([&](tensor::DimOp o) { return evalDim(o, arg(0), arg(1)); })
      .Case([&](tensor::RankOp o) {
        return single(scalarTensor(heldElementType(o.getResult()),
                                   intElem((int64_t)arg(0).shape.size())));
      })
      .Case([&](tensor::CastOp o) { return evalCast(o, arg(0)); })
      .Case([&](tensor::PadOp o) -> OpResults {
        const RefTensor &x = arg(0);
        SmallVector<int64_t> low = valuesOf(o.getMixedLowPad(), scope);
        SmallVector<int64_t> high = valuesOf(o.getMixedHighPad(), scope);
        SmallVector<int64_t> shape;
        for (size_t d = 0; d < x.shape.size(); ++d)
          shape.push_back(x.shape[d] + low[d] + high[d]);
        if (llvm::any_of(shape, [](int64_t s) { return s < 0; }))
          return o.emitError("interpreter: negative padded size");
        RefTensor r = RefTensor::zeros(x.elementType, shape);
        // The padding value: a value from outside the region is read once;
        // otherwise the region runs for every padded element, with its
        // index as the region's arguments.
        Block &body = o.getRegion().front();
        Value yielded = body.getTerminator()->getOperand(0);
        const RefTensor *constant = nullptr;
        if (body.getOperations().size() == 1 &&
            yielded.getParentRegion() != &o.getRegion())
          constant = scope.lookup(yielded);
        SmallVector<int64_t> xStrides = rowMajorStrides(x.shape);
        SmallVector<RefTensor> indexArgs;
        Type i64 = IntegerType::get(op->getContext(), 64);
        LogicalResult status = success();
        forEachIndex(shape, [&](ArrayRef<int64_t> index, int64_t linear) {
          if (failed(status))
            return;
          bool inside = true;
          int64_t src = 0;
          for (size_t d = 0; d < index.size(); ++d) {
            int64_t i = index[d] - low[d];
            inside = inside && i >= 0 && i < x.shape[d];
            src += i * xStrides[d];
          }
          if (inside) {
            copyElement(r, linear, x, src);
            return;
          }
          if (constant) {
            copyElement(r, linear, *constant, 0);
            return;
          }
          indexArgs.clear();
          for (int64_t i : index)
            indexArgs.push_back(scalarTensor(i64, intElem(i)));
          OpResults v = runRegion(o.getRegion(), indexArgs, &scope, o);
          if (failed(v)) {
            status = failure();
            return;
          }
          copyElement(r, linear, (*v)[0], 0);
        });
        if (failed(status))
          return failure();
        return single(std::move(r));
      })
      .Case([&](tensor::GenerateOp o) -> OpResults {
        auto type = cast<RankedTensorType>(o.getType());
        RefTensor r = RefTensor::zeros(
            storageType(type.getElementType()),
            resolveShape(type.getShape(), o.getDynamicExtents(), scope));
        Type i64 = IntegerType::get(op->getContext(), 64);
        SmallVector<RefTensor> indexArgs;
        LogicalResult status = success();
        forEachIndex(r.shape, [&](ArrayRef<int64_t> index, int64_t linear) {
          if (failed(status))
            return;
          indexArgs.clear();
          for (int64_t i : index)
            indexArgs.push_back(scalarTensor(i64, intElem(i)));
          OpResults v = runRegion(o.getBody(), indexArgs, &scope, o);
          if (failed(v)) {
            status = failure();
            return;
          }
          copyElement(r, linear, (*v)[0], 0);
        });
        if (failed(status))
          return failure();
        return single(std::move(r));
      })
      .Default([](Operation *o) -> OpResults {
        return o->emitError()
               << "interpreter: unsupported op '" << o->getName() << "'";
      });
}

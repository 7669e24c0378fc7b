//===- GencBatching.cpp - batching rules (BatchingOpInterface) ------------===//
//
// The vmap rule of each genc op, attached as external models of
// BatchingOpInterface. The genc-vmap pass moves every batched operand's
// batch dimension to 0 before calling a rule (so rules see batch dims 0 or
// none) and moves results' batch dimensions where it needs them. Rules fold
// the batch into the op itself (a batched dot_general, a convolution over
// B*N images) — never a per-example loop.
//
//===----------------------------------------------------------------------===//

#include "dialects/genc/IR/GencDialect.h"

#include "mlir/IR/IRMapping.h"

using namespace mlir;
using namespace mlir::genc;

namespace {

RankedTensorType withBatch(Type t, int64_t n, int64_t at = 0) {
  auto tt = cast<RankedTensorType>(t);
  SmallVector<int64_t> shape(tt.getShape());
  shape.insert(shape.begin() + at, n);
  return RankedTensorType::get(shape, tt.getElementType());
}


SmallVector<int64_t> shifted(ArrayRef<int64_t> dims, bool prependZero) {
  SmallVector<int64_t> out;
  if (prependZero)
    out.push_back(0);
  for (int64_t d : dims)
    out.push_back(d + 1);
  return out;
}

/// Clones `op` with new operands and result types (attributes and regions
/// kept).
Operation *rebuild(OpBuilder &b, Operation *op, ValueRange operands,
                   TypeRange results) {
  OperationState state(op->getLoc(), op->getName());
  state.addOperands(operands);
  state.addTypes(results);
  state.addAttributes(op->getAttrs());
  IRMapping map;
  for (Region &r : op->getRegions())
    r.cloneInto(state.addRegion(), map);
  return b.create(state);
}

/// A 0-d constant of integer type `it` broadcast to `type`.
Value splatInt(OpBuilder &b, Location loc, RankedTensorType type, int64_t v) {
  Type it = type.getElementType();
  return b.create<BroadcastInDimOp>(
      loc, type,
      b.create<ConstantOp>(loc, DenseElementsAttr::get(
                                    RankedTensorType::get({}, it),
                                    b.getIntegerAttr(it, v))),
      b.getDenseI64ArrayAttr({}));
}

/// `operand` [N, a.., S, b..] (axis = position of S without the batch) as
/// [N * S, a.., b..]: the axis moved next to the batch and merged with it.
/// `perm` receives the transpose used.
Value mergeAxisWithBatch(OpBuilder &b, Location loc, Value operand,
                         int64_t axis, SmallVectorImpl<int64_t> &perm,
                         SmallVectorImpl<int64_t> &transposedShape) {
  auto opT = cast<RankedTensorType>(operand.getType());
  perm.assign({0, axis + 1});
  for (int64_t d = 1; d < opT.getRank(); ++d)
    if (d != axis + 1)
      perm.push_back(d);
  transposedShape.clear();
  for (int64_t p : perm)
    transposedShape.push_back(opT.getDimSize(p));
  Type et = opT.getElementType();
  Value t = b.create<TransposeOp>(
      loc, RankedTensorType::get(transposedShape, et), operand,
      b.getDenseI64ArrayAttr(perm));
  SmallVector<int64_t> flatShape{transposedShape[0] * transposedShape[1]};
  flatShape.append(transposedShape.begin() + 2, transposedShape.end());
  return b.create<ReshapeOp>(loc, RankedTensorType::get(flatShape, et), t);
}

/// Per-example indices [N, i..] into an axis of size `size`, offset into
/// the example's rows of the merged [N * size] axis: idx + b * size.
Value offsetIndices(OpBuilder &b, Location loc, Value indices, int64_t size) {
  auto idxT = cast<RankedTensorType>(indices.getType());
  Value batchIndex = b.create<IotaOp>(loc, idxT, b.getI64IntegerAttr(0));
  Value offset =
      b.create<MulOp>(loc, batchIndex, splatInt(b, loc, idxT, size));
  return b.create<AddOp>(loc, indices, offset);
}

/// gather with a batched operand [N, a.., S, b..] and batched indices
/// [N, i..]: each example's indices (clamped, as the op clamps) are offset
/// into its own rows of the operand merged with the batch; the result is
/// [N, a.., i.., b..] of type `resultType`.
Value gatherPerExample(OpBuilder &b, Location loc, Value operand,
                       Value indices, int64_t axis, int64_t n,
                       RankedTensorType resultType) {
  auto opT = cast<RankedTensorType>(operand.getType());
  auto idxT = cast<RankedTensorType>(indices.getType());
  int64_t size = opT.getDimSize(axis + 1);
  SmallVector<int64_t> perm, tShape;
  Value flat = mergeAxisWithBatch(b, loc, operand, axis, perm, tShape);
  Value clamped = b.create<ClampOp>(loc, idxT, splatInt(b, loc, idxT, 0),
                                    indices, splatInt(b, loc, idxT, size - 1));
  Value idx = offsetIndices(b, loc, clamped, size);
  // Gathering rows of `flat` gives [N, i.., a.., b..].
  SmallVector<int64_t> gShape(idxT.getShape());
  gShape.append(tShape.begin() + 2, tShape.end());
  Value g = b.create<GatherOp>(
      loc, RankedTensorType::get(gShape, opT.getElementType()), flat, idx, 0);
  // -> [N, a.., i.., b..].
  int64_t ni = idxT.getRank() - 1; // index dims besides the batch
  SmallVector<int64_t> back{0};
  for (int64_t d = 0; d < axis; ++d)
    back.push_back(1 + ni + d);
  for (int64_t d = 0; d < ni; ++d)
    back.push_back(1 + d);
  for (int64_t d = 1 + ni + axis; d < (int64_t)gShape.size(); ++d)
    back.push_back(d);
  return b.create<TransposeOp>(loc, resultType, g,
                               b.getDenseI64ArrayAttr(back));
}

/// Operand `i` with the batch first: as given when batched (the pass moves
/// batch dimensions to 0 before calling a rule), broadcast when shared.
Value batchedOperand(OpBuilder &b, Location loc, ValueRange operands,
                     ArrayRef<std::optional<int64_t>> bdims, unsigned i,
                     int64_t n) {
  return bdims[i] ? operands[i] : broadcastToBatch(b, loc, operands[i], n);
}

/// Elementwise ops: unbatched operands are broadcast to the batch.
template <class OpT>
struct ElementwiseBatching
    : public BatchingOpInterface::ExternalModel<ElementwiseBatching<OpT>, OpT> {
  LogicalResult buildBatched(Operation *op, OpBuilder &b, ValueRange operands,
                             ArrayRef<std::optional<int64_t>> bdims, int64_t n,
                             SmallVectorImpl<Value> &results,
                             SmallVectorImpl<std::optional<int64_t>> &rdims) const {
    SmallVector<Value> ops;
    for (unsigned i = 0; i < operands.size(); ++i)
      ops.push_back(batchedOperand(b, op->getLoc(), operands, bdims, i, n));
    SmallVector<Type> types;
    for (Type t : op->getResultTypes())
      types.push_back(withBatch(t, n));
    Operation *batched = rebuild(b, op, ops, types);
    for (Value r : batched->getResults()) {
      results.push_back(r);
      rdims.push_back(0);
    }
    return success();
  }
};

/// Ops of one (batched) operand whose dimension attributes shift by one.
template <class OpT>
struct ShapeBatching
    : public BatchingOpInterface::ExternalModel<ShapeBatching<OpT>, OpT> {
  LogicalResult buildBatched(Operation *op, OpBuilder &b, ValueRange operands,
                             ArrayRef<std::optional<int64_t>> bdims, int64_t n,
                             SmallVectorImpl<Value> &results,
                             SmallVectorImpl<std::optional<int64_t>> &rdims) const {
    auto concrete = cast<OpT>(op);
    Location loc = op->getLoc();
    Type type = withBatch(op->getResult(0).getType(), n);
    Value r;
    if constexpr (std::is_same_v<OpT, BroadcastInDimOp>) {
      r = b.create<BroadcastInDimOp>(
          loc, type, operands[0],
          b.getDenseI64ArrayAttr(shifted(concrete.getBroadcastDimensions(), true)));
    } else if constexpr (std::is_same_v<OpT, ReshapeOp>) {
      r = b.create<ReshapeOp>(loc, type, operands[0]);
    } else if constexpr (std::is_same_v<OpT, TransposeOp>) {
      r = b.create<TransposeOp>(
          loc, type, operands[0],
          b.getDenseI64ArrayAttr(shifted(concrete.getPermutation(), true)));
    } else if constexpr (std::is_same_v<OpT, ReverseOp>) {
      r = b.create<ReverseOp>(
          loc, operands[0],
          b.getDenseI64ArrayAttr(shifted(concrete.getDimensions(), false)));
    } else if constexpr (std::is_same_v<OpT, SliceOp>) {
      SmallVector<int64_t> start{0}, limit{n}, strides{1};
      llvm::append_range(start, concrete.getStartIndices());
      llvm::append_range(limit, concrete.getLimitIndices());
      llvm::append_range(strides, concrete.getStrides());
      r = b.create<SliceOp>(loc, type, operands[0], start, limit, strides);
    } else if constexpr (std::is_same_v<OpT, PadOp>) {
      SmallVector<int64_t> low{0}, high{0}, interior{0};
      llvm::append_range(low, concrete.getEdgePaddingLow());
      llvm::append_range(high, concrete.getEdgePaddingHigh());
      llvm::append_range(interior, concrete.getInteriorPadding());
      Value x = batchedOperand(b, loc, operands, bdims, 0, n);
      if (!bdims[1]) {
        r = b.create<PadOp>(loc, type, x, operands[1], low, high, interior);
      } else {
        // A per-example padding value: pad with a shared value, then select
        // each example's value where a padded mask says "padding".
        auto rt = cast<RankedTensorType>(type);
        auto valueT = cast<RankedTensorType>(concrete.getPaddingValue().getType());
        Value zero = b.create<ConstantOp>(
            loc, SplatElementsAttr::get(valueT, b.getZeroAttr(valueT.getElementType())));
        Value padded = b.create<PadOp>(loc, type, x, zero, low, high, interior);
        auto i1 = b.getI1Type();
        auto xT = cast<RankedTensorType>(x.getType());
        Value inside = b.create<ConstantOp>(
            loc, SplatElementsAttr::get(RankedTensorType::get(xT.getShape(), i1),
                                        b.getBoolAttr(true)));
        Value outside = b.create<ConstantOp>(
            loc, SplatElementsAttr::get(RankedTensorType::get({}, i1),
                                        b.getBoolAttr(false)));
        auto maskT = RankedTensorType::get(rt.getShape(), i1);
        Value mask = b.create<PadOp>(loc, maskT, inside, outside, low, high, interior);
        Value values = b.create<BroadcastInDimOp>(loc, rt, operands[1],
                                                  b.getDenseI64ArrayAttr({0}));
        r = b.create<SelectOp>(loc, rt, mask, padded, values);
      }
      results.push_back(r);
      rdims.push_back(0);
      return success();
    } else if constexpr (std::is_same_v<OpT, ReduceOp>) {
      Value x = batchedOperand(b, loc, operands, bdims, 0, n);
      Value init = operands[1];
      Operation *combiner = nullptr;
      if (bdims[1]) {
        // A per-example init value: reduce from the combiner's identity,
        // then combine each example's result with its own init (the init
        // enters a reduction once). Known for single-op add, mul, max,
        // min, and, or bodies; other bodies get the diagnostic.
        Block &body = concrete.getBody().front();
        combiner = &body.front();
        if (body.getOperations().size() != 2 ||
            combiner->getNumResults() != 1 ||
            body.getTerminator()->getOperand(0) != combiner->getResult(0))
          return failure();
        auto initT = cast<RankedTensorType>(concrete.getInitValue().getType());
        Type et = initT.getElementType();
        TypedAttr identity;
        if (isa<AddOp, OrOp>(combiner))
          identity = isa<FloatType>(et) ? TypedAttr(b.getFloatAttr(et, 0.0))
                                        : TypedAttr(b.getIntegerAttr(et, 0));
        else if (isa<MulOp>(combiner))
          identity = isa<FloatType>(et) ? TypedAttr(b.getFloatAttr(et, 1.0))
                                        : TypedAttr(b.getIntegerAttr(et, 1));
        else if (isa<AndOp>(combiner))
          identity = b.getIntegerAttr(et, -1); // all bits set (true for i1)
        else if (isa<MaxOp, MinOp>(combiner) && isa<FloatType>(et))
          identity = b.getFloatAttr(
              et, APFloat::getInf(cast<FloatType>(et).getFloatSemantics(),
                                  /*Negative=*/isa<MaxOp>(combiner)));
        else if (isa<MaxOp, MinOp>(combiner) && et.isSignlessInteger())
          identity = b.getIntegerAttr(
              et, isa<MaxOp>(combiner)
                      ? APInt::getSignedMinValue(et.getIntOrFloatBitWidth())
                      : APInt::getSignedMaxValue(et.getIntOrFloatBitWidth()));
        else
          return failure();
        init = b.create<ConstantOp>(loc, SplatElementsAttr::get(initT, identity));
      }
      Operation *batched = rebuild(b, op, {x, init}, {type});
      batched->setAttr("dimensions", b.getDenseI64ArrayAttr(shifted(
                                         concrete.getDimensions(), false)));
      r = batched->getResult(0);
      if (combiner) {
        auto rt = cast<RankedTensorType>(type);
        Value inits = b.create<BroadcastInDimOp>(loc, rt, operands[1],
                                                 b.getDenseI64ArrayAttr({0}));
        OperationState state(loc, combiner->getName());
        state.addOperands({r, inits});
        state.addTypes(rt);
        state.addAttributes(combiner->getAttrs());
        r = b.create(state)->getResult(0);
      }
      results.push_back(r);
      rdims.push_back(0);
      return success();
    }
    if (!bdims[0])
      return failure();
    results.push_back(r);
    rdims.push_back(0);
    return success();
  }
};

struct ConcatenateBatching
    : public BatchingOpInterface::ExternalModel<ConcatenateBatching,
                                                ConcatenateOp> {
  LogicalResult buildBatched(Operation *op, OpBuilder &b, ValueRange operands,
                             ArrayRef<std::optional<int64_t>> bdims, int64_t n,
                             SmallVectorImpl<Value> &results,
                             SmallVectorImpl<std::optional<int64_t>> &rdims) const {
    SmallVector<Value> ops;
    for (unsigned i = 0; i < operands.size(); ++i)
      ops.push_back(batchedOperand(b, op->getLoc(), operands, bdims, i, n));
    results.push_back(b.create<ConcatenateOp>(
        op->getLoc(), withBatch(op->getResult(0).getType(), n), ops,
        cast<ConcatenateOp>(op).getDimension() + 1));
    rdims.push_back(0);
    return success();
  }
};

/// dot_general: a batched operand's batch becomes a dot_general batch
/// dimension (both batched) or a free dimension (one batched).
struct DotGeneralBatching
    : public BatchingOpInterface::ExternalModel<DotGeneralBatching,
                                                DotGeneralOp> {
  LogicalResult buildBatched(Operation *op, OpBuilder &b, ValueRange operands,
                             ArrayRef<std::optional<int64_t>> bdims, int64_t n,
                             SmallVectorImpl<Value> &results,
                             SmallVectorImpl<std::optional<int64_t>> &rdims) const {
    auto dot = cast<DotGeneralOp>(op);
    bool lb = bdims[0].has_value(), rb = bdims[1].has_value();
    SmallVector<int64_t> lhsB(dot.getLhsBatchingDimensions()),
        rhsB(dot.getRhsBatchingDimensions()),
        lhsC(dot.getLhsContractingDimensions()),
        rhsC(dot.getRhsContractingDimensions());
    if (lb) {
      lhsB = shifted(lhsB, /*prependZero=*/rb);
      lhsC = shifted(lhsC, false);
    }
    if (rb) {
      rhsB = shifted(rhsB, /*prependZero=*/lb);
      rhsC = shifted(rhsC, false);
    }
    // Result: [batch..., lhs free..., rhs free...]; where the new batch is.
    int64_t numBatch = dot.getLhsBatchingDimensions().size();
    int64_t lhsRank = cast<RankedTensorType>(dot.getLhs().getType()).getRank();
    int64_t lhsFree = lhsRank - numBatch - dot.getLhsContractingDimensions().size();
    int64_t at = lb && rb ? 0 : lb ? numBatch : numBatch + lhsFree;
    Type type = withBatch(dot.getType(), n, at);
    results.push_back(b.create<DotGeneralOp>(
        op->getLoc(), type, operands[0], operands[1],
        b.getDenseI64ArrayAttr(lhsB), b.getDenseI64ArrayAttr(rhsB),
        b.getDenseI64ArrayAttr(lhsC), b.getDenseI64ArrayAttr(rhsC)));
    rdims.push_back(at);
    return success();
  }
};

/// `v` [n, d0, d1, ...] with the vmap batch moved next to its dimension
/// `at` (of the unbatched dims) and merged into it, batch outer:
/// [d0, ..., n * d_at, ...].
Value mergeBatchInto(OpBuilder &b, Location loc, Value v, int64_t at) {
  auto t = cast<RankedTensorType>(v.getType());
  int64_t rank = t.getRank() - 1;
  SmallVector<int64_t> perm, shape;
  for (int64_t d = 0; d < rank; ++d) {
    if (d == at)
      perm.push_back(0);
    perm.push_back(d + 1);
  }
  for (int64_t p : perm)
    shape.push_back(t.getDimSize(p));
  Value moved = at == 0 ? v
                        : b.create<TransposeOp>(
                              loc, RankedTensorType::get(shape, t.getElementType()),
                              v, b.getDenseI64ArrayAttr(perm));
  SmallVector<int64_t> merged;
  for (int64_t d = 0; d < rank; ++d)
    merged.push_back(d == at ? t.getDimSize(0) * t.getDimSize(at + 1)
                             : t.getDimSize(d + 1));
  return b.create<ReshapeOp>(loc, RankedTensorType::get(merged, t.getElementType()),
                             moved);
}

/// The inverse of mergeBatchInto: dimension `at` of `v` (n * k, batch
/// outer) split and the batch moved first: [n, ..., k, ...].
Value splitBatchFrom(OpBuilder &b, Location loc, Value v, int64_t at,
                     int64_t n) {
  auto t = cast<RankedTensorType>(v.getType());
  SmallVector<int64_t> split;
  for (int64_t d = 0; d < t.getRank(); ++d) {
    if (d == at) {
      split.push_back(n);
      split.push_back(t.getDimSize(d) / n);
    } else {
      split.push_back(t.getDimSize(d));
    }
  }
  Value r = b.create<ReshapeOp>(loc, RankedTensorType::get(split, t.getElementType()), v);
  if (at == 0)
    return r;
  SmallVector<int64_t> perm{at}, shape{n};
  for (int64_t d = 0; d < (int64_t)split.size(); ++d)
    if (d != at) {
      perm.push_back(d);
      shape.push_back(split[d]);
    }
  return b.create<TransposeOp>(loc, RankedTensorType::get(shape, t.getElementType()),
                               r, b.getDenseI64ArrayAttr(perm));
}

/// convolution, any dimension numbers. A shared kernel: the examples'
/// batches become one batch (the vmap batch merged into the input's and
/// the output's batch dimension). A per-example kernel: the examples become
/// feature groups (JAX's rule) — the batch is merged into the input's
/// feature dimension (the input is broadcast first if shared) and the
/// kernel's output-feature dimension, feature_group_count is multiplied by
/// n, and the output's feature dimension is split again.
struct ConvolutionBatching
    : public BatchingOpInterface::ExternalModel<ConvolutionBatching,
                                                ConvolutionOp> {
  LogicalResult buildBatched(Operation *op, OpBuilder &b, ValueRange operands,
                             ArrayRef<std::optional<int64_t>> bdims, int64_t n,
                             SmallVectorImpl<Value> &results,
                             SmallVectorImpl<std::optional<int64_t>> &rdims) const {
    auto conv = cast<ConvolutionOp>(op);
    FailureOr<ConvolutionOp::Geometry> g = conv.getGeometry();
    if (failed(g))
      return failure();
    Location loc = op->getLoc();
    auto outT = conv.getType();
    SmallVector<int64_t> outShape(outT.getShape());
    if (!bdims[1]) {
      Value x = mergeBatchInto(b, loc, operands[0], g->inBatch);
      outShape[g->outBatch] *= n;
      Operation *batched = rebuild(
          b, op, {x, operands[1]},
          {RankedTensorType::get(outShape, outT.getElementType())});
      results.push_back(splitBatchFrom(b, loc, batched->getResult(0), g->outBatch, n));
      rdims.push_back(0);
      return success();
    }
    Value lhs = batchedOperand(b, loc, operands, bdims, 0, n);
    Value x = mergeBatchInto(b, loc, lhs, g->inFeature);
    Value w = mergeBatchInto(b, loc, operands[1], g->kOut);
    outShape[g->outFeature] *= n;
    Operation *batched = rebuild(
        b, op, {x, w}, {RankedTensorType::get(outShape, outT.getElementType())});
    batched->setAttr("feature_group_count",
                     b.getI64IntegerAttr(conv.getFeatureGroupCount() * n));
    results.push_back(splitBatchFrom(b, loc, batched->getResult(0), g->outFeature, n));
    rdims.push_back(0);
    return success();
  }
};

/// gather along `axis`: a batched operand moves the axis by one; batched
/// indices put the batch where the indices' dimensions go; both batched:
/// each example's indices are offset into its own slice of the operand,
/// flattened with the batch (clamped first, as the op clamps).
struct GatherBatching
    : public BatchingOpInterface::ExternalModel<GatherBatching, GatherOp> {
  LogicalResult buildBatched(Operation *op, OpBuilder &b, ValueRange operands,
                             ArrayRef<std::optional<int64_t>> bdims, int64_t n,
                             SmallVectorImpl<Value> &results,
                             SmallVectorImpl<std::optional<int64_t>> &rdims) const {
    auto gather = cast<GatherOp>(op);
    Location loc = op->getLoc();
    int64_t axis = gather.getAxis();
    auto type = gather.getType();
    if (bdims[0] && !bdims[1]) {
      results.push_back(b.create<GatherOp>(loc, withBatch(type, n),
                                           operands[0], operands[1], axis + 1));
      rdims.push_back(0);
      return success();
    }
    if (!bdims[0] && bdims[1]) {
      results.push_back(b.create<GatherOp>(loc, withBatch(type, n, axis),
                                           operands[0], operands[1], axis));
      rdims.push_back(axis);
      return success();
    }
    // Both batched.
    results.push_back(gatherPerExample(b, loc, operands[0], operands[1], axis,
                                       n, withBatch(type, n)));
    rdims.push_back(0);
    return success();
  }
};

/// dynamic_slice: shared starts slice the batch dimension whole (start
/// 0, size n). Per-example starts: the shared-start dimensions are sliced
/// first, then each dimension with per-example starts is a per-example
/// gather of the indices clamp(start, 0, D - size) + iota(size).
struct DynamicSliceBatching
    : public BatchingOpInterface::ExternalModel<DynamicSliceBatching,
                                                DynamicSliceOp> {
  LogicalResult buildBatched(Operation *op, OpBuilder &b, ValueRange operands,
                             ArrayRef<std::optional<int64_t>> bdims, int64_t n,
                             SmallVectorImpl<Value> &results,
                             SmallVectorImpl<std::optional<int64_t>> &rdims) const {
    auto slice = cast<DynamicSliceOp>(op);
    Location loc = op->getLoc();
    Value operand = batchedOperand(b, loc, operands, bdims, 0, n);
    auto opT = cast<RankedTensorType>(operand.getType());
    ArrayRef<int64_t> sizes = slice.getSliceSizes();
    int64_t rank = (int64_t)sizes.size();
    Value first = slice.getStartIndices().front();
    auto startT = cast<RankedTensorType>(first.getType());
    Value zero = b.create<ConstantOp>(
        loc, SplatElementsAttr::get(startT, b.getZeroAttr(startT.getElementType())));
    // Shared starts: one dynamic_slice; per-example dims stay whole.
    SmallVector<Value> starts{zero};
    SmallVector<int64_t> firstSizes{n};
    bool anyPerExample = false;
    for (int64_t d = 0; d < rank; ++d) {
      bool perExample = bdims[1 + d].has_value();
      anyPerExample |= perExample;
      starts.push_back(perExample ? zero : operands[1 + d]);
      firstSizes.push_back(perExample ? opT.getDimSize(d + 1) : sizes[d]);
    }
    SmallVector<int64_t> shape(firstSizes);
    Value x = b.create<DynamicSliceOp>(
        loc, RankedTensorType::get(shape, opT.getElementType()), operand,
        starts, b.getDenseI64ArrayAttr(firstSizes));
    if (!anyPerExample) {
      results.push_back(x);
      rdims.push_back(0);
      return success();
    }
    for (int64_t d = 0; d < rank; ++d) {
      if (!bdims[1 + d])
        continue;
      // indices [N, size] = clamp(start, 0, D - size) + iota(size).
      int64_t dim = opT.getDimSize(d + 1);
      auto idxT = RankedTensorType::get({n, sizes[d]}, startT.getElementType());
      auto startN = RankedTensorType::get({n}, startT.getElementType());
      Value clamped = b.create<ClampOp>(loc, startN, splatInt(b, loc, startN, 0),
                                        operands[1 + d],
                                        splatInt(b, loc, startN, dim - sizes[d]));
      Value base = b.create<BroadcastInDimOp>(loc, idxT, clamped,
                                              b.getDenseI64ArrayAttr({0}));
      Value iota = b.create<IotaOp>(loc, idxT, b.getI64IntegerAttr(1));
      Value idx = b.create<AddOp>(loc, base, iota);
      shape[d + 1] = sizes[d];
      x = gatherPerExample(b, loc, x, idx, d, n,
                           RankedTensorType::get(shape, opT.getElementType()));
    }
    results.push_back(x);
    rdims.push_back(0);
    return success();
  }
};

/// scatter_add: operand and updates carry the batch (broadcast if
/// shared) and the scatter axis moves by one. Per-example indices: the
/// axis is merged with the batch and each example's indices are offset
/// into its own rows (out-of-range indices stay out of range, so they are
/// still dropped), then the result is split again.
struct ScatterAddBatching
    : public BatchingOpInterface::ExternalModel<ScatterAddBatching,
                                                ScatterAddOp> {
  LogicalResult buildBatched(Operation *op, OpBuilder &b, ValueRange operands,
                             ArrayRef<std::optional<int64_t>> bdims, int64_t n,
                             SmallVectorImpl<Value> &results,
                             SmallVectorImpl<std::optional<int64_t>> &rdims) const {
    auto scatter = cast<ScatterAddOp>(op);
    Location loc = op->getLoc();
    int64_t axis = scatter.getAxis();
    Value operand = batchedOperand(b, loc, operands, bdims, 0, n);
    Value updates = batchedOperand(b, loc, operands, bdims, 2, n);
    rdims.push_back(0);
    if (!bdims[1]) {
      results.push_back(b.create<ScatterAddOp>(loc, operand.getType(), operand,
                                               operands[1], updates, axis + 1));
      return success();
    }
    auto opT = cast<RankedTensorType>(operand.getType());
    auto idxT = cast<RankedTensorType>(operands[1].getType());
    auto updT = cast<RankedTensorType>(updates.getType());
    int64_t size = opT.getDimSize(axis + 1);
    SmallVector<int64_t> perm, tShape;
    Value flat = mergeAxisWithBatch(b, loc, operand, axis, perm, tShape);
    // Out-of-range indices -> n * size (out of range of the merged axis).
    auto maskT = RankedTensorType::get(idxT.getShape(), b.getI1Type());
    Value inRange = b.create<AndOp>(
        loc,
        b.create<CompareOp>(loc, maskT, ComparisonDirection::GE, operands[1],
                            splatInt(b, loc, idxT, 0)),
        b.create<CompareOp>(loc, maskT, ComparisonDirection::LT, operands[1],
                            splatInt(b, loc, idxT, size)));
    Value idx = b.create<SelectOp>(loc, idxT, inRange,
                                   offsetIndices(b, loc, operands[1], size),
                                   splatInt(b, loc, idxT, n * size));
    // updates [N, a.., i.., b..] -> [N, i.., a.., b..].
    int64_t ni = idxT.getRank() - 1;
    SmallVector<int64_t> up{0}, upShape{n};
    for (int64_t d = 0; d < ni; ++d)
      up.push_back(1 + axis + d);
    for (int64_t d = 0; d < axis; ++d)
      up.push_back(1 + d);
    for (int64_t d = 1 + axis + ni; d < updT.getRank(); ++d)
      up.push_back(d);
    for (int64_t i = 1; i < (int64_t)up.size(); ++i)
      upShape.push_back(updT.getDimSize(up[i]));
    Value upd = b.create<TransposeOp>(
        loc, RankedTensorType::get(upShape, updT.getElementType()), updates,
        b.getDenseI64ArrayAttr(up));
    Value summed = b.create<ScatterAddOp>(loc, flat.getType(), flat, idx, upd, 0);
    // [N * S, a.., b..] -> [N, S, a.., b..] -> [N, a.., S, b..].
    Value split = b.create<ReshapeOp>(
        loc, RankedTensorType::get(tShape, opT.getElementType()), summed);
    SmallVector<int64_t> inverse(perm.size());
    for (auto [i, p] : llvm::enumerate(perm))
      inverse[p] = (int64_t)i;
    results.push_back(b.create<TransposeOp>(loc, opT, split,
                                            b.getDenseI64ArrayAttr(inverse)));
    return success();
  }
};

/// rng_bit_generator with per-example keys [N, 2]: the op's definition
/// (threefry2x32 of the key over the counter halves) written with the
/// elementwise genc.threefry2x32 on [N, half] counters, so each example
/// gets exactly the bits and new key of its own call.
struct RngBitGeneratorBatching
    : public BatchingOpInterface::ExternalModel<RngBitGeneratorBatching,
                                                RngBitGeneratorOp> {
  LogicalResult buildBatched(Operation *op, OpBuilder &b, ValueRange operands,
                             ArrayRef<std::optional<int64_t>> bdims, int64_t n,
                             SmallVectorImpl<Value> &results,
                             SmallVectorImpl<std::optional<int64_t>> &rdims) const {
    auto rng = cast<RngBitGeneratorOp>(op);
    auto outT = cast<RankedTensorType>(rng.getOutput().getType());
    auto stateT = cast<RankedTensorType>(rng.getOutputState().getType());
    if (!bdims[0] || !outT.getElementType().isInteger(32) ||
        !stateT.getElementType().isInteger(32))
      return failure();
    Location loc = op->getLoc();
    Type i32 = b.getI32Type();
    int64_t count = outT.getNumElements(), padded = count + count % 2,
            half = padded / 2;
    auto vecN = RankedTensorType::get({n}, i32);
    auto word = [&](int64_t w) {
      Value col = b.create<SliceOp>(loc, RankedTensorType::get({n, 1}, i32),
                                    operands[0], b.getDenseI64ArrayAttr({0, w}),
                                    b.getDenseI64ArrayAttr({n, w + 1}),
                                    b.getDenseI64ArrayAttr({1, 1}));
      return b.create<ReshapeOp>(loc, vecN, col).getResult();
    };
    Value k0 = word(0), k1 = word(1);
    auto grid = RankedTensorType::get({n, half}, i32);
    auto perExample = [&](Value v) {
      return b.create<BroadcastInDimOp>(loc, grid, v, b.getDenseI64ArrayAttr({0}))
          .getResult();
    };
    Value j = b.create<IotaOp>(loc, grid, b.getI64IntegerAttr(1));
    Value c1 = b.create<AddOp>(loc, j, splatInt(b, loc, grid, half));
    if (count % 2) // odd sizes pad the counters with a zero, as JAX
      c1 = b.create<SelectOp>(
          loc, grid,
          b.create<CompareOp>(loc, RankedTensorType::get({n, half}, b.getI1Type()),
                              ComparisonDirection::EQ, c1,
                              splatInt(b, loc, grid, count)),
          splatInt(b, loc, grid, 0), c1);
    auto words = b.create<Threefry2x32Op>(loc, grid, grid, perExample(k0),
                                          perExample(k1), j, c1);
    Value all = b.create<ConcatenateOp>(
        loc, RankedTensorType::get({n, padded}, i32),
        ValueRange{words.getOut0(), words.getOut1()}, b.getI64IntegerAttr(1));
    Value bits = b.create<SliceOp>(
        loc, RankedTensorType::get({n, count}, i32), all,
        b.getDenseI64ArrayAttr({0, 0}), b.getDenseI64ArrayAttr({n, count}),
        b.getDenseI64ArrayAttr({1, 1}));
    auto next = b.create<Threefry2x32Op>(loc, vecN, vecN, k0, k1,
                                         splatInt(b, loc, vecN, padded),
                                         splatInt(b, loc, vecN, padded + 1));
    auto col = RankedTensorType::get({n, 1}, i32);
    Value state = b.create<ConcatenateOp>(
        loc, withBatch(stateT, n),
        ValueRange{b.create<ReshapeOp>(loc, col, next.getOut0()),
                   b.create<ReshapeOp>(loc, col, next.getOut1())},
        b.getI64IntegerAttr(1));
    results.push_back(state);
    results.push_back(b.create<ReshapeOp>(loc, withBatch(outT, n), bits));
    rdims.push_back(0);
    rdims.push_back(0);
    return success();
  }
};

template <class... Ops> void attachElementwise(MLIRContext *ctx) {
  (Ops::template attachInterface<ElementwiseBatching<Ops>>(*ctx), ...);
}
template <class... Ops> void attachShape(MLIRContext *ctx) {
  (Ops::template attachInterface<ShapeBatching<Ops>>(*ctx), ...);
}

} // namespace

Value mlir::genc::broadcastToBatch(OpBuilder &b, Location loc, Value v,
                                   int64_t n) {
  auto tt = cast<RankedTensorType>(v.getType());
  SmallVector<int64_t> dims;
  for (int64_t i = 0; i < tt.getRank(); ++i)
    dims.push_back(i + 1);
  return b.create<BroadcastInDimOp>(loc, withBatch(tt, n), v,
                                    b.getDenseI64ArrayAttr(dims));
}

void mlir::genc::registerBatchingRules(MLIRContext *ctx) {
  attachElementwise<NegOp, AbsOp, SignOp, ExpOp, LogOp, Log1pOp, Expm1Op,
                    SqrtOp, RsqrtOp, TanhOp, LogisticOp, SinOp, CosOp, FloorOp,
                    AddOp, SubOp, MulOp, DivOp, RemOp, PowOp, MaxOp, MinOp,
                    AndOp, OrOp, CompareOp, SelectOp, ClampOp, ConvertOp,
                    StopGradientOp, Threefry2x32Op>(ctx);
  attachShape<BroadcastInDimOp, ReshapeOp, TransposeOp, ReverseOp, SliceOp,
              PadOp, ReduceOp>(ctx);
  ConcatenateOp::attachInterface<ConcatenateBatching>(*ctx);
  DotGeneralOp::attachInterface<DotGeneralBatching>(*ctx);
  ConvolutionOp::attachInterface<ConvolutionBatching>(*ctx);
  GatherOp::attachInterface<GatherBatching>(*ctx);
  DynamicSliceOp::attachInterface<DynamicSliceBatching>(*ctx);
  ScatterAddOp::attachInterface<ScatterAddBatching>(*ctx);
  RngBitGeneratorOp::attachInterface<RngBitGeneratorBatching>(*ctx);
}

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

/// Elementwise ops: unbatched operands are broadcast to the batch.
template <class OpT>
struct ElementwiseBatching
    : public BatchingOpInterface::ExternalModel<ElementwiseBatching<OpT>, OpT> {
  LogicalResult buildBatched(Operation *op, OpBuilder &b, ValueRange operands,
                             ArrayRef<std::optional<int64_t>> bdims, int64_t n,
                             SmallVectorImpl<Value> &results,
                             SmallVectorImpl<std::optional<int64_t>> &rdims) const {
    SmallVector<Value> ops;
    for (auto [v, d] : llvm::zip(operands, bdims))
      ops.push_back(d ? v : broadcastToBatch(b, op->getLoc(), v, n));
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
      if (bdims[1])
        return failure(); // a per-example padding value
      SmallVector<int64_t> low{0}, high{0}, interior{0};
      llvm::append_range(low, concrete.getEdgePaddingLow());
      llvm::append_range(high, concrete.getEdgePaddingHigh());
      llvm::append_range(interior, concrete.getInteriorPadding());
      r = b.create<PadOp>(loc, type, operands[0], operands[1], low, high,
                          interior);
    } else if constexpr (std::is_same_v<OpT, ReduceOp>) {
      if (bdims[1])
        return failure(); // a per-example init value
      Operation *batched = rebuild(b, op, operands, {type});
      batched->setAttr("dimensions", b.getDenseI64ArrayAttr(shifted(
                                         concrete.getDimensions(), false)));
      r = batched->getResult(0);
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
    for (auto [v, d] : llvm::zip(operands, bdims))
      ops.push_back(d ? v : broadcastToBatch(b, op->getLoc(), v, n));
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

/// convolution with a batched input and a shared kernel, batch dimension
/// first in input and output: the B examples' N images become one
/// convolution over B*N images.
struct ConvolutionBatching
    : public BatchingOpInterface::ExternalModel<ConvolutionBatching,
                                                ConvolutionOp> {
  LogicalResult buildBatched(Operation *op, OpBuilder &b, ValueRange operands,
                             ArrayRef<std::optional<int64_t>> bdims, int64_t n,
                             SmallVectorImpl<Value> &results,
                             SmallVectorImpl<std::optional<int64_t>> &rdims) const {
    auto conv = cast<ConvolutionOp>(op);
    FailureOr<ConvolutionOp::Geometry> g = conv.getGeometry();
    if (failed(g) || !bdims[0] || bdims[1] || g->inBatch != 0 ||
        g->outBatch != 0)
      return failure();
    Location loc = op->getLoc();
    auto inT = cast<RankedTensorType>(conv.getLhs().getType());
    SmallVector<int64_t> merged(inT.getShape());
    merged[0] *= n;
    Value x = b.create<ReshapeOp>(
        loc, RankedTensorType::get(merged, inT.getElementType()), operands[0]);
    SmallVector<int64_t> outShape(conv.getType().getShape());
    outShape[0] *= n;
    Operation *batched = rebuild(
        b, op, {x, operands[1]},
        {RankedTensorType::get(outShape, conv.getType().getElementType())});
    results.push_back(b.create<ReshapeOp>(loc, withBatch(conv.getType(), n),
                                          batched->getResult(0)));
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
    // Both batched: operand [N, ...] with the gathered axis moved next to
    // the batch and merged with it; indices + b * size.
    auto opT = cast<RankedTensorType>(operands[0].getType());
    auto idxT = cast<RankedTensorType>(operands[1].getType());
    int64_t size = opT.getDimSize(axis + 1);
    SmallVector<int64_t> perm{0, axis + 1};
    for (int64_t d = 1; d < opT.getRank(); ++d)
      if (d != axis + 1)
        perm.push_back(d);
    SmallVector<int64_t> tShape;
    for (int64_t p : perm)
      tShape.push_back(opT.getDimSize(p));
    Type et = opT.getElementType();
    Value t = b.create<TransposeOp>(loc, RankedTensorType::get(tShape, et),
                                    operands[0], b.getDenseI64ArrayAttr(perm));
    SmallVector<int64_t> flatShape{n * size};
    flatShape.append(tShape.begin() + 2, tShape.end());
    Value flat =
        b.create<ReshapeOp>(loc, RankedTensorType::get(flatShape, et), t);
    Type it = idxT.getElementType();
    auto scalarOf = [&](int64_t v) {
      return b.create<BroadcastInDimOp>(
          loc, idxT,
          b.create<ConstantOp>(loc, DenseElementsAttr::get(
                                        RankedTensorType::get({}, it),
                                        b.getIntegerAttr(it, v))),
          b.getDenseI64ArrayAttr({}));
    };
    Value clamped = b.create<ClampOp>(loc, idxT, scalarOf(0), operands[1],
                                      scalarOf(size - 1));
    Value batchIndex = b.create<IotaOp>(loc, idxT, b.getI64IntegerAttr(0));
    Value offset = b.create<MulOp>(loc, batchIndex, scalarOf(size));
    Value idx = b.create<AddOp>(loc, clamped, offset);
    // Gathering rows of `flat` gives [N, idx..., operand[:axis], rest].
    SmallVector<int64_t> gShape(idxT.getShape());
    gShape.append(tShape.begin() + 2, tShape.end());
    Value g = b.create<GatherOp>(loc, RankedTensorType::get(gShape, et), flat,
                                 idx, 0);
    // -> [N, operand[:axis], idx..., rest].
    int64_t ni = idxT.getRank() - 1; // index dims besides the batch
    SmallVector<int64_t> back{0};
    for (int64_t d = 0; d < axis; ++d)
      back.push_back(1 + ni + d);
    for (int64_t d = 0; d < ni; ++d)
      back.push_back(1 + d);
    for (int64_t d = 1 + ni + axis; d < (int64_t)gShape.size(); ++d)
      back.push_back(d);
    results.push_back(b.create<TransposeOp>(loc, withBatch(type, n), g,
                                            b.getDenseI64ArrayAttr(back)));
    rdims.push_back(0);
    return success();
  }
};

/// dynamic_slice of a batched operand at shared starts: the batch
/// dimension is sliced whole (start 0, size n). Per-example starts need a
/// gather and are not batched yet (diagnostic).
struct DynamicSliceBatching
    : public BatchingOpInterface::ExternalModel<DynamicSliceBatching,
                                                DynamicSliceOp> {
  LogicalResult buildBatched(Operation *op, OpBuilder &b, ValueRange operands,
                             ArrayRef<std::optional<int64_t>> bdims, int64_t n,
                             SmallVectorImpl<Value> &results,
                             SmallVectorImpl<std::optional<int64_t>> &rdims) const {
    auto slice = cast<DynamicSliceOp>(op);
    if (!bdims[0] ||
        llvm::any_of(bdims.drop_front(), [](auto d) { return d.has_value(); }))
      return failure();
    Location loc = op->getLoc();
    Value first = slice.getStartIndices().front();
    Value zero = b.create<ConstantOp>(
        loc, SplatElementsAttr::get(cast<RankedTensorType>(first.getType()),
                                    b.getZeroAttr(getElementTypeOrSelf(
                                        first.getType()))));
    SmallVector<Value> starts{zero};
    llvm::append_range(starts, operands.drop_front());
    SmallVector<int64_t> sizes{n};
    llvm::append_range(sizes, slice.getSliceSizes());
    results.push_back(b.create<DynamicSliceOp>(
        loc, withBatch(slice.getType(), n), operands[0], starts,
        b.getDenseI64ArrayAttr(sizes)));
    rdims.push_back(0);
    return success();
  }
};

/// scatter_add with shared indices: operand and updates carry the batch
/// (broadcast if shared) and the scatter axis moves by one. Per-example
/// indices are not batched yet (diagnostic).
struct ScatterAddBatching
    : public BatchingOpInterface::ExternalModel<ScatterAddBatching,
                                                ScatterAddOp> {
  LogicalResult buildBatched(Operation *op, OpBuilder &b, ValueRange operands,
                             ArrayRef<std::optional<int64_t>> bdims, int64_t n,
                             SmallVectorImpl<Value> &results,
                             SmallVectorImpl<std::optional<int64_t>> &rdims) const {
    auto scatter = cast<ScatterAddOp>(op);
    if (bdims[1])
      return failure();
    Location loc = op->getLoc();
    Value operand = bdims[0] ? operands[0]
                             : broadcastToBatch(b, loc, operands[0], n);
    Value updates = bdims[2] ? operands[2]
                             : broadcastToBatch(b, loc, operands[2], n);
    results.push_back(b.create<ScatterAddOp>(
        loc, operand.getType(), operand, operands[1], updates,
        scatter.getAxis() + 1));
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
}

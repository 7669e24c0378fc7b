//===- Shape.cpp - constants, generators and layout ops to linalg/tensor --===//

#include "compiler/Conversion/GencToLinalg/GencToLinalg.h"

#include "dialects/genc/IR/GencDialect.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::genc;
using namespace mlir::genc::lowering;

namespace {

static SmallVector<utils::IteratorType> parallel(int64_t n) {
  return SmallVector<utils::IteratorType>(n, utils::IteratorType::parallel);
}

struct ConstantLowering : public OpRewritePattern<ConstantOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ConstantOp op,
                                PatternRewriter &rewriter) const override {
    // A large splat (64 KiB or more) that initializes a loop-carried value
    // (an operand of an op with regions: genc.while, genc.if) becomes a
    // linalg.fill of its own new tensor: bufferized, a memset into a buffer
    // the loop then updates in place (a zero-initialized tape or
    // accumulator), where a constant would be a global copied into a new
    // buffer. One fill per such use, into a bufferization.alloc_tensor (an
    // allocation, which CSE keeps apart, unlike tensor.empty): CSE merged
    // equal constants, and loops that write in place must not share a
    // buffer. Other uses keep the constant (a read-only global: filling a
    // buffer for each reader made the VAE step 60 % slower).
    auto attr = dyn_cast<SplatElementsAttr>(op.getValue());
    auto type = op.getType();
    if (attr && type.hasStaticShape() &&
        type.getNumElements() * ((type.getElementTypeBitWidth() + 7) / 8) >= (64 << 10)) {
      Location loc = op.getLoc();
      SmallVector<OpOperand *> loopInits;
      for (OpOperand &use : op->getUses())
        if (use.getOwner()->getNumRegions() > 0)
          loopInits.push_back(&use);
      if (!loopInits.empty()) {
        Value scalar = rewriter.create<arith::ConstantOp>(
            loc, cast<TypedAttr>(attr.getSplatValue<Attribute>()));
        for (OpOperand *use : loopInits) {
          Value buffer =
              rewriter.create<bufferization::AllocTensorOp>(loc, type, ValueRange{});
          Value fill = rewriter.create<linalg::FillOp>(loc, scalar, buffer).getResult(0);
          rewriter.modifyOpInPlace(use->getOwner(), [&] { use->set(fill); });
        }
        if (op->use_empty()) {
          rewriter.eraseOp(op);
          return success();
        }
      }
    }
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(
        op, cast<TypedAttr>(op.getValue()));
    return success();
  }
};

struct IotaLowering : public OpRewritePattern<IotaOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(IotaOp op,
                                PatternRewriter &rewriter) const override {
    auto type = op.getType();
    Location loc = op.getLoc();
    int64_t rank = type.getRank();
    Value init = emptyTensor(rewriter, loc, type);
    SmallVector<AffineMap> maps{rewriter.getMultiDimIdentityMap(rank)};
    auto generic = rewriter.create<linalg::GenericOp>(
        loc, type, ValueRange{}, ValueRange{init}, maps, parallel(rank),
        [&](OpBuilder &b, Location l, ValueRange) {
          Value idx = b.create<linalg::IndexOp>(l, op.getIotaDimension());
          Type et = type.getElementType();
          Value i64 = b.create<arith::IndexCastOp>(l, b.getI64Type(), idx);
          Value r;
          if (isa<FloatType>(et))
            r = b.create<arith::SIToFPOp>(l, et, i64);
          else if (et.isInteger(1))
            r = b.create<arith::CmpIOp>(
                l, arith::CmpIPredicate::ne, i64,
                b.create<arith::ConstantIntOp>(l, 0, 64));
          else if (et.getIntOrFloatBitWidth() < 64)
            r = b.create<arith::TruncIOp>(l, et, i64);
          else
            r = i64;
          b.create<linalg::YieldOp>(l, r);
        });
    rewriter.replaceOp(op, generic.getResults());
    return success();
  }
};

struct BroadcastInDimLowering : public OpRewritePattern<BroadcastInDimOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(BroadcastInDimOp op,
                                PatternRewriter &rewriter) const override {
    auto in = cast<RankedTensorType>(op.getOperand().getType());
    auto out = op.getType();
    Location loc = op.getLoc();
    SmallVector<AffineExpr> exprs;
    for (auto [i, d] : llvm::enumerate(op.getBroadcastDimensions())) {
      if (in.getDimSize(i) == 1 && out.getDimSize(d) != 1)
        exprs.push_back(rewriter.getAffineConstantExpr(0));
      else
        exprs.push_back(rewriter.getAffineDimExpr(d));
    }
    SmallVector<AffineMap> maps{
        AffineMap::get(out.getRank(), 0, exprs, rewriter.getContext()),
        rewriter.getMultiDimIdentityMap(out.getRank())};
    Value init = emptyTensor(rewriter, loc, out);
    auto generic = rewriter.create<linalg::GenericOp>(
        loc, out, ValueRange{op.getOperand()}, ValueRange{init}, maps,
        parallel(out.getRank()), [](OpBuilder &b, Location l, ValueRange args) {
          b.create<linalg::YieldOp>(l, args[0]);
        });
    rewriter.replaceOp(op, generic.getResults());
    return success();
  }
};

struct ReshapeLowering : public OpRewritePattern<ReshapeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ReshapeOp op,
                                PatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, reshapeTensor(rewriter, op.getLoc(), op.getOperand(),
                                         op.getType()));
    return success();
  }
};

struct TransposeLowering : public OpRewritePattern<TransposeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(TransposeOp op,
                                PatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, transposeTensor(rewriter, op.getLoc(),
                                           op.getOperand(),
                                           op.getPermutation()));
    return success();
  }
};

struct SliceLowering : public OpRewritePattern<SliceOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(SliceOp op,
                                PatternRewriter &rewriter) const override {
    SmallVector<OpFoldResult> offsets, sizes, strides;
    for (int64_t d = 0; d < op.getType().getRank(); ++d) {
      offsets.push_back(rewriter.getIndexAttr(op.getStartIndices()[d]));
      sizes.push_back(rewriter.getIndexAttr(op.getType().getDimSize(d)));
      strides.push_back(rewriter.getIndexAttr(op.getStrides()[d]));
    }
    rewriter.replaceOpWithNewOp<tensor::ExtractSliceOp>(
        op, op.getType(), op.getOperand(), offsets, sizes, strides);
    return success();
  }
};

struct DynamicSliceLowering : public OpRewritePattern<DynamicSliceOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(DynamicSliceOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto in = cast<RankedTensorType>(op.getOperand().getType());
    SmallVector<OpFoldResult> offsets, sizes, strides;
    for (auto [d, start] : llvm::enumerate(op.getStartIndices())) {
      Value s = extractScalar(rewriter, loc, start);
      s = rewriter.create<arith::IndexCastOp>(loc, rewriter.getIndexType(), s);
      // Clamp into [0, dim - size], as StableHLO.
      Value zero = rewriter.create<arith::ConstantIndexOp>(loc, 0);
      Value hi = rewriter.create<arith::ConstantIndexOp>(
          loc, in.getDimSize(d) - op.getSliceSizes()[d]);
      s = rewriter.create<arith::MaxSIOp>(loc, s, zero);
      s = rewriter.create<arith::MinSIOp>(loc, s, hi);
      offsets.push_back(s);
      sizes.push_back(rewriter.getIndexAttr(op.getSliceSizes()[d]));
      strides.push_back(rewriter.getIndexAttr(1));
    }
    rewriter.replaceOpWithNewOp<tensor::ExtractSliceOp>(
        op, op.getType(), op.getOperand(), offsets, sizes, strides);
    return success();
  }
};

struct ConcatenateLowering : public OpRewritePattern<ConcatenateOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ConcatenateOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = op.getType();
    Value result = emptyTensor(rewriter, loc, type);
    int64_t offset = 0, dim = op.getDimension();
    for (Value input : op.getInputs()) {
      auto t = cast<RankedTensorType>(input.getType());
      SmallVector<OpFoldResult> offsets, sizes, strides;
      for (int64_t d = 0; d < type.getRank(); ++d) {
        offsets.push_back(rewriter.getIndexAttr(d == dim ? offset : 0));
        sizes.push_back(rewriter.getIndexAttr(t.getDimSize(d)));
        strides.push_back(rewriter.getIndexAttr(1));
      }
      result = rewriter.create<tensor::InsertSliceOp>(loc, input, result,
                                                      offsets, sizes, strides);
      offset += t.getDimSize(dim);
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct PadLowering : public OpRewritePattern<PadOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(PadOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value value = extractScalar(rewriter, loc, op.getPaddingValue());
    rewriter.replaceOp(op, padTensor(rewriter, loc, op.getOperand(), value,
                                     op.getEdgePaddingLow(),
                                     op.getEdgePaddingHigh(),
                                     op.getInteriorPadding()));
    return success();
  }
};

struct ReverseLowering : public OpRewritePattern<ReverseOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ReverseOp op,
                                PatternRewriter &rewriter) const override {
    auto type = op.getType();
    Location loc = op.getLoc();
    int64_t rank = type.getRank();
    SmallVector<AffineExpr> exprs;
    for (int64_t d = 0; d < rank; ++d) {
      AffineExpr e = rewriter.getAffineDimExpr(d);
      if (llvm::is_contained(op.getDimensions(), d))
        e = rewriter.getAffineConstantExpr(type.getDimSize(d) - 1) - e;
      exprs.push_back(e);
    }
    SmallVector<AffineMap> maps{
        AffineMap::get(rank, 0, exprs, rewriter.getContext()),
        rewriter.getMultiDimIdentityMap(rank)};
    Value init = emptyTensor(rewriter, loc, type);
    auto generic = rewriter.create<linalg::GenericOp>(
        loc, type, ValueRange{op.getOperand()}, ValueRange{init}, maps,
        parallel(rank), [](OpBuilder &b, Location l, ValueRange args) {
          b.create<linalg::YieldOp>(l, args[0]);
        });
    rewriter.replaceOp(op, generic.getResults());
    return success();
  }
};

struct StopGradientLowering : public OpRewritePattern<StopGradientOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(StopGradientOp op,
                                PatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, op.getOperand());
    return success();
  }
};

} // namespace

void mlir::genc::populateGencShapeToLinalgPatterns(
    RewritePatternSet &patterns) {
  patterns.add<ConstantLowering, IotaLowering, BroadcastInDimLowering,
               ReshapeLowering, TransposeLowering, SliceLowering,
               DynamicSliceLowering, ConcatenateLowering, PadLowering,
               ReverseLowering, StopGradientLowering>(patterns.getContext());
}

//===- Indexing.cpp - gather, scatter_add and rng to linalg/scf -----------===//
//
// gather is a parallel linalg.generic that loads from the operand at
// clamped run-time indices; scatter_add is a loop nest over the updates
// (repeated indices accumulate, so it is not parallel); rng_bit_generator
// is a parallel linalg.generic computing threefry2x32 per element from its
// linear index.
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/GencToLinalg/GencToLinalg.h"

#include "dialects/genc/IR/GencDialect.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::genc;
using namespace mlir::genc::lowering;

namespace {

Value indexConst(OpBuilder &b, Location loc, int64_t v) {
  return b.create<arith::ConstantIndexOp>(loc, v);
}

/// Casts an integer index scalar to `index`.
Value toIndex(OpBuilder &b, Location loc, Value v) {
  return b.create<arith::IndexCastOp>(loc, b.getIndexType(), v);
}

struct GatherLowering : public OpRewritePattern<GatherOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(GatherOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = op.getType();
    auto inType = cast<RankedTensorType>(op.getOperand().getType());
    auto idxType = cast<RankedTensorType>(op.getIndices().getType());
    int64_t axis = op.getAxis(), rank = type.getRank(),
            idxRank = idxType.getRank();
    SmallVector<AffineExpr> idxExprs;
    for (int64_t i = 0; i < idxRank; ++i)
      idxExprs.push_back(rewriter.getAffineDimExpr(axis + i));
    SmallVector<AffineMap> maps{
        AffineMap::get(rank, 0, idxExprs, rewriter.getContext()),
        rewriter.getMultiDimIdentityMap(rank)};
    Value init = emptyTensor(rewriter, loc, type);
    Value operand = op.getOperand();
    auto generic = rewriter.create<linalg::GenericOp>(
        loc, type, ValueRange{op.getIndices()}, ValueRange{init}, maps,
        SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value idx = toIndex(b, l, args[0]);
          idx = b.create<arith::MaxSIOp>(l, idx, indexConst(b, l, 0));
          idx = b.create<arith::MinSIOp>(
              l, idx, indexConst(b, l, inType.getDimSize(axis) - 1));
          SmallVector<Value> coords;
          for (int64_t d = 0; d < axis; ++d)
            coords.push_back(b.create<linalg::IndexOp>(l, d));
          coords.push_back(idx);
          for (int64_t d = axis + idxRank; d < rank; ++d)
            coords.push_back(b.create<linalg::IndexOp>(l, d));
          b.create<linalg::YieldOp>(
              l, ValueRange{b.create<tensor::ExtractOp>(l, operand, coords)});
        });
    rewriter.replaceOp(op, generic.getResults());
    return success();
  }
};

struct ScatterAddLowering : public OpRewritePattern<ScatterAddOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ScatterAddOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto updType = cast<RankedTensorType>(op.getUpdates().getType());
    auto inType = cast<RankedTensorType>(op.getOperand().getType());
    int64_t axis = op.getAxis();
    int64_t idxRank =
        cast<RankedTensorType>(op.getIndices().getType()).getRank();
    int64_t rank = updType.getRank();
    Type et = updType.getElementType();
    // Build the loop nest, innermost body last.
    SmallVector<Value> ivs;
    Value result = op.getOperand();
    std::function<Value(OpBuilder &, int64_t, Value)> build =
        [&](OpBuilder &b, int64_t d, Value acc) -> Value {
      if (d == rank) {
        SmallVector<Value> idxCoords(ivs.begin() + axis,
                                     ivs.begin() + axis + idxRank);
        Value idx = toIndex(
            b, loc, b.create<tensor::ExtractOp>(loc, op.getIndices(), idxCoords));
        Value inRange = b.create<arith::AndIOp>(
            loc,
            b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::sge, idx,
                                    indexConst(b, loc, 0)),
            b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::slt, idx,
                                    indexConst(b, loc, inType.getDimSize(axis))));
        auto ifOp = b.create<scf::IfOp>(
            loc, inRange,
            [&](OpBuilder &tb, Location l) {
              SmallVector<Value> coords(ivs.begin(), ivs.begin() + axis);
              coords.push_back(idx);
              coords.append(ivs.begin() + axis + idxRank, ivs.end());
              Value old = tb.create<tensor::ExtractOp>(l, acc, coords);
              Value upd = tb.create<tensor::ExtractOp>(l, op.getUpdates(), ivs);
              Value sum = isa<FloatType>(et)
                              ? tb.create<arith::AddFOp>(l, old, upd).getResult()
                              : tb.create<arith::AddIOp>(l, old, upd).getResult();
              Value next = tb.create<tensor::InsertOp>(l, sum, acc, coords);
              tb.create<scf::YieldOp>(l, next);
            },
            [&](OpBuilder &eb, Location l) {
              eb.create<scf::YieldOp>(l, acc);
            });
        return ifOp.getResult(0);
      }
      auto loop = b.create<scf::ForOp>(
          loc, indexConst(b, loc, 0), indexConst(b, loc, updType.getDimSize(d)),
          indexConst(b, loc, 1), ValueRange{acc},
          [&](OpBuilder &lb, Location l, Value iv, ValueRange iterArgs) {
            ivs.push_back(iv);
            Value next = build(lb, d + 1, iterArgs[0]);
            ivs.pop_back();
            lb.create<scf::YieldOp>(l, next);
          });
      return loop.getResult(0);
    };
    result = build(rewriter, 0, result);
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// threefry2x32 with 20 rounds (Random123, as JAX).
std::pair<Value, Value> threefry(OpBuilder &b, Location loc, Value k0,
                                 Value k1, Value c0, Value c1) {
  Type i32 = b.getI32Type();
  auto cst = [&](uint32_t v) -> Value {
    return b.create<arith::ConstantOp>(loc, i32,
                                       b.getIntegerAttr(i32, (int32_t)v));
  };
  Value ks[3] = {k0, k1,
                 b.create<arith::XOrIOp>(
                     loc, b.create<arith::XOrIOp>(loc, k0, k1), cst(0x1BD11BDA))};
  static const int rot[8] = {13, 15, 26, 6, 17, 29, 16, 24};
  Value x0 = b.create<arith::AddIOp>(loc, c0, ks[0]);
  Value x1 = b.create<arith::AddIOp>(loc, c1, ks[1]);
  for (int i = 0; i < 20; ++i) {
    x0 = b.create<arith::AddIOp>(loc, x0, x1);
    int r = rot[i % 8];
    Value left = b.create<arith::ShLIOp>(loc, x1, cst(r));
    Value right = b.create<arith::ShRUIOp>(loc, x1, cst(32 - r));
    x1 = b.create<arith::OrIOp>(loc, left, right);
    x1 = b.create<arith::XOrIOp>(loc, x1, x0);
    if (i % 4 == 3) {
      int j = (i + 1) / 4;
      x0 = b.create<arith::AddIOp>(loc, x0, ks[j % 3]);
      x1 = b.create<arith::AddIOp>(
          loc, b.create<arith::AddIOp>(loc, x1, ks[(j + 1) % 3]), cst(j));
    }
  }
  return {x0, x1};
}

struct RngBitGeneratorLowering : public OpRewritePattern<RngBitGeneratorOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(RngBitGeneratorOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto outType = cast<RankedTensorType>(op.getOutput().getType());
    if (!outType.getElementType().isInteger(32))
      return op.emitError("rng_bit_generator lowering supports i32 output");
    Type i32 = rewriter.getI32Type();
    Value key = op.getInitialState();
    Value k0 = rewriter.create<tensor::ExtractOp>(loc, key,
                                                  ValueRange{indexConst(rewriter, loc, 0)});
    Value k1 = rewriter.create<tensor::ExtractOp>(loc, key,
                                                  ValueRange{indexConst(rewriter, loc, 1)});
    int64_t n = outType.getNumElements();
    int64_t padded = n + (n % 2);
    int64_t half = padded / 2;
    int64_t rank = outType.getRank();
    auto i32c = [&](OpBuilder &b, Location l, int64_t v) -> Value {
      return b.create<arith::ConstantOp>(l, i32,
                                         b.getIntegerAttr(i32, (int32_t)v));
    };
    Value init = emptyTensor(rewriter, loc, outType);
    auto generic = rewriter.create<linalg::GenericOp>(
        loc, outType, ValueRange{}, ValueRange{init},
        SmallVector<AffineMap>{rewriter.getMultiDimIdentityMap(rank)},
        SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
        [&](OpBuilder &b, Location l, ValueRange) {
          // Row-major linear index.
          Value linear = indexConst(b, l, 0);
          for (int64_t d = 0; d < rank; ++d) {
            linear = b.create<arith::MulIOp>(
                l, linear, indexConst(b, l, outType.getDimSize(d)));
            linear = b.create<arith::AddIOp>(l, linear,
                                             b.create<linalg::IndexOp>(l, d));
          }
          Value i = b.create<arith::IndexCastOp>(l, i32, linear);
          Value m = i32c(b, l, half);
          Value first = b.create<arith::CmpIOp>(l, arith::CmpIPredicate::ult,
                                                i, m);
          Value j = b.create<arith::SelectOp>(
              l, first, i, b.create<arith::SubIOp>(l, i, m));
          Value c1 = b.create<arith::AddIOp>(l, j, m);
          if (n % 2) {
            // Odd sizes pad the counters with a zero, as JAX.
            Value isPad = b.create<arith::CmpIOp>(l, arith::CmpIPredicate::eq,
                                                  c1, i32c(b, l, n));
            c1 = b.create<arith::SelectOp>(l, isPad, i32c(b, l, 0), c1);
          }
          auto [y0, y1] = threefry(b, l, k0, k1, j, c1);
          b.create<linalg::YieldOp>(
              l, ValueRange{b.create<arith::SelectOp>(l, first, y0, y1)});
        });
    auto [s0, s1] = threefry(rewriter, loc, k0, k1, i32c(rewriter, loc, padded),
                             i32c(rewriter, loc, padded + 1));
    Value state = rewriter.create<tensor::FromElementsOp>(
        loc, op.getOutputState().getType(), ValueRange{s0, s1});
    rewriter.replaceOp(op, {state, generic.getResult(0)});
    return success();
  }
};

struct Threefry2x32Lowering : public OpRewritePattern<Threefry2x32Op> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(Threefry2x32Op op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getOut0().getType());
    int64_t rank = type.getRank();
    Value init0 = emptyTensor(rewriter, loc, type);
    Value init1 = emptyTensor(rewriter, loc, type);
    auto generic = rewriter.create<linalg::GenericOp>(
        loc, TypeRange{type, type}, op->getOperands(),
        ValueRange{init0, init1},
        SmallVector<AffineMap>(6, rewriter.getMultiDimIdentityMap(rank)),
        SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
        [&](OpBuilder &b, Location l, ValueRange args) {
          auto [y0, y1] = threefry(b, l, args[0], args[1], args[2], args[3]);
          b.create<linalg::YieldOp>(l, ValueRange{y0, y1});
        });
    rewriter.replaceOp(op, generic.getResults());
    return success();
  }
};

} // namespace

void mlir::genc::populateGencIndexingToLinalgPatterns(
    RewritePatternSet &patterns) {
  patterns.add<GatherLowering, ScatterAddLowering, RngBitGeneratorLowering,
               Threefry2x32Lowering>(
      patterns.getContext());
}

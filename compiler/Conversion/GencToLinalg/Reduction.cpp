//===- Reduction.cpp - reduce and dot_general to linalg -------------------===//
//
// genc.reduce becomes linalg.reduce with the body scalarized through
// ScalarizableOpInterface. genc.dot_general is normalized to
// [batch, M, K] x [batch, K, N] with transposes and reshapes, then becomes
// linalg.matmul (no batch) or linalg.batch_matmul; later phases may hand
// those to a BLAS library.
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/GencToLinalg/GencToLinalg.h"

#include "dialects/genc/IR/GencDialect.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::genc;
using namespace mlir::genc::lowering;

namespace {

struct ReduceLowering : public OpRewritePattern<ReduceOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ReduceOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value init = extractScalar(rewriter, loc, op.getInitValue());
    Value acc = filledTensor(rewriter, loc, op.getType(), init);
    bool failedBody = false;
    auto reduce = rewriter.create<linalg::ReduceOp>(
        loc, ValueRange{op.getOperand()}, ValueRange{acc},
        op.getDimensions(), [&](OpBuilder &b, Location l, ValueRange args) {
          // args = (element, accumulator); the genc body takes
          // (accumulator, element).
          FailureOr<SmallVector<Value>> r =
              scalarizeRegion(b, op.getBody(), ValueRange{args[1], args[0]});
          if (failed(r)) {
            failedBody = true;
            b.create<linalg::YieldOp>(l, args[1]);
            return;
          }
          b.create<linalg::YieldOp>(l, *r);
        });
    if (failedBody) {
      rewriter.eraseOp(reduce);
      return failure();
    }
    rewriter.replaceOp(op, reduce.getResults());
    return success();
  }
};

struct DotGeneralLowering : public OpRewritePattern<DotGeneralOp> {
  using OpRewritePattern::OpRewritePattern;
  // f16/bf16 contractions rewrite into an f32 clone of the same op.
  void initialize() { setHasBoundedRewriteRecursion(); }
  LogicalResult matchAndRewrite(DotGeneralOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    if (Value wide = widenHalfContraction(rewriter, op)) {
      rewriter.replaceOp(op, wide);
      return success();
    }
    auto lhsType = cast<RankedTensorType>(op.getLhs().getType());
    auto rhsType = cast<RankedTensorType>(op.getRhs().getType());
    Type et = lhsType.getElementType();
    ArrayRef<int64_t> lb = op.getLhsBatchingDimensions(),
                      rb = op.getRhsBatchingDimensions(),
                      lc = op.getLhsContractingDimensions(),
                      rc = op.getRhsContractingDimensions();
    auto freeDims = [](int64_t rank, ArrayRef<int64_t> a, ArrayRef<int64_t> b) {
      SmallVector<int64_t> free;
      for (int64_t d = 0; d < rank; ++d)
        if (!llvm::is_contained(a, d) && !llvm::is_contained(b, d))
          free.push_back(d);
      return free;
    };
    SmallVector<int64_t> lf = freeDims(lhsType.getRank(), lb, lc);
    SmallVector<int64_t> rf = freeDims(rhsType.getRank(), rb, rc);
    if (lc.empty()) {
      // No contraction: an (outer) product, elementwise over the result
      // [batch..., lhs free..., rhs free...]. A matmul with K = 1 would
      // zero-fill and accumulate for nothing (vmap'd dense-layer weight
      // gradients are exactly these).
      int64_t nb = lb.size(), rank = op.getType().getRank();
      auto dim = [&](int64_t i) { return rewriter.getAffineDimExpr(i); };
      SmallVector<AffineExpr> lhsExprs(lhsType.getRank()),
          rhsExprs(rhsType.getRank());
      for (int64_t i = 0; i < nb; ++i) {
        lhsExprs[lb[i]] = dim(i);
        rhsExprs[rb[i]] = dim(i);
      }
      for (auto [j, d] : llvm::enumerate(lf))
        lhsExprs[d] = dim(nb + j);
      for (auto [j, d] : llvm::enumerate(rf))
        rhsExprs[d] = dim(nb + lf.size() + j);
      MLIRContext *ctx = rewriter.getContext();
      SmallVector<AffineMap> maps{AffineMap::get(rank, 0, lhsExprs, ctx),
                                  AffineMap::get(rank, 0, rhsExprs, ctx),
                                  rewriter.getMultiDimIdentityMap(rank)};
      auto generic = rewriter.create<linalg::GenericOp>(
          loc, op.getType(), ValueRange{op.getLhs(), op.getRhs()},
          ValueRange{emptyTensor(rewriter, loc, op.getType())}, maps,
          SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
          [&](OpBuilder &b, Location l, ValueRange args) {
            Value p = isa<FloatType>(et)
                          ? b.create<arith::MulFOp>(l, args[0], args[1])
                                .getResult()
                          : b.create<arith::MulIOp>(l, args[0], args[1])
                                .getResult();
            b.create<linalg::YieldOp>(l, p);
          });
      rewriter.replaceOp(op, generic.getResults());
      return success();
    }
    auto product = [](RankedTensorType t, ArrayRef<int64_t> dims) {
      int64_t p = 1;
      for (int64_t d : dims)
        p *= t.getDimSize(d);
      return p;
    };
    int64_t B = product(lhsType, lb), M = product(lhsType, lf),
            K = product(lhsType, lc), N = product(rhsType, rf);
    // lhs -> [batch..., free..., contract...] ([B, M, K]) or, when that is
    // its layout already, [batch..., contract..., free...] ([B, K, M],
    // matmul_transpose_a); rhs likewise [B, K, N] or [B, N, K]. Using the
    // transposed named ops avoids materializing a transpose (gradients of
    // matmuls are exactly these).
    auto isIdentity = [](ArrayRef<int64_t> perm) {
      return llvm::equal(perm, llvm::seq<int64_t>(0, perm.size()));
    };
    SmallVector<int64_t> lperm(lb), lpermT(lb);
    llvm::append_range(lperm, lf);
    llvm::append_range(lperm, lc);
    llvm::append_range(lpermT, lc);
    llvm::append_range(lpermT, lf);
    SmallVector<int64_t> rperm(rb), rpermT(rb);
    llvm::append_range(rperm, rc);
    llvm::append_range(rperm, rf);
    llvm::append_range(rpermT, rf);
    llvm::append_range(rpermT, rc);
    bool transA = !isIdentity(lperm) && isIdentity(lpermT);
    bool transB = !isIdentity(rperm) && isIdentity(rpermT);
    if (transA && transB)
      transB = false; // no named op for both; transpose rhs
    Value lhs = transposeTensor(rewriter, loc, op.getLhs(), transA ? lpermT : lperm);
    Value rhs = transposeTensor(rewriter, loc, op.getRhs(), transB ? rpermT : rperm);
    bool batched = !lb.empty();
    auto shape3 = [&](int64_t a, int64_t b) {
      return batched ? SmallVector<int64_t>{B, a, b} : SmallVector<int64_t>{a, b};
    };
    lhs = reshapeTensor(rewriter, loc, lhs,
                        RankedTensorType::get(transA ? shape3(K, M) : shape3(M, K), et));
    rhs = reshapeTensor(rewriter, loc, rhs,
                        RankedTensorType::get(transB ? shape3(N, K) : shape3(K, N), et));
    auto outType = RankedTensorType::get(shape3(M, N), et);
    Value zero = rewriter.create<arith::ConstantOp>(loc, et,
                                                    rewriter.getZeroAttr(et));
    Value acc = filledTensor(rewriter, loc, outType, zero);
    ValueRange ins{lhs, rhs};
    Operation *mm;
    if (batched)
      mm = transA ? rewriter.create<linalg::BatchMatmulTransposeAOp>(loc, TypeRange{outType}, ValueRange{lhs, rhs}, ValueRange{acc}).getOperation()
         : transB ? rewriter.create<linalg::BatchMatmulTransposeBOp>(loc, TypeRange{outType}, ValueRange{lhs, rhs}, ValueRange{acc}).getOperation()
                  : rewriter.create<linalg::BatchMatmulOp>(loc, TypeRange{outType}, ValueRange{lhs, rhs}, ValueRange{acc}).getOperation();
    else
      mm = transA ? rewriter.create<linalg::MatmulTransposeAOp>(loc, TypeRange{outType}, ValueRange{lhs, rhs}, ValueRange{acc}).getOperation()
         : transB ? rewriter.create<linalg::MatmulTransposeBOp>(loc, TypeRange{outType}, ValueRange{lhs, rhs}, ValueRange{acc}).getOperation()
                  : rewriter.create<linalg::MatmulOp>(loc, TypeRange{outType}, ValueRange{lhs, rhs}, ValueRange{acc}).getOperation();
    (void)ins;
    Value result = mm->getResult(0);
    rewriter.replaceOp(op, reshapeTensor(rewriter, loc, result, op.getType()));
    return success();
  }
};

} // namespace

void mlir::genc::populateGencReductionToLinalgPatterns(
    RewritePatternSet &patterns) {
  patterns.add<ReduceLowering, DotGeneralLowering>(patterns.getContext());
}

//===- ApproximateMath.cpp - the genc-cpu-approximate-math pass -----------===//

#include "compiler/Passes.h"

#include "mlir/Dialect/Math/Transforms/Approximation.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::genc {
#define GEN_PASS_DEF_GENCCPUAPPROXIMATEMATHPASS
#include "compiler/Passes.h.inc"
} // namespace mlir::genc

using namespace mlir;

namespace {

/// f32 sin/cos go through f64 and libm: the upstream polynomials lose
/// accuracy away from zero (sin(1000) off in the 5th digit), and range
/// reduction matters for galaxy-model angles and time embeddings.
template <class OpT> struct WidenToF64 : public OpRewritePattern<OpT> {
  using OpRewritePattern<OpT>::OpRewritePattern;
  LogicalResult matchAndRewrite(OpT op,
                                PatternRewriter &rewriter) const override {
    Type t = op.getType();
    Type et = getElementTypeOrSelf(t);
    if (!et.isF32() && !et.isF16() && !et.isBF16())
      return failure();
    Type wide = rewriter.getF64Type();
    if (auto vt = dyn_cast<VectorType>(t))
      wide = VectorType::get(vt.getShape(), wide);
    Location loc = op.getLoc();
    Value x = rewriter.create<arith::ExtFOp>(loc, wide, op.getOperand());
    Value r = rewriter.create<OpT>(loc, x);
    rewriter.replaceOpWithNewOp<arith::TruncFOp>(op, t, r);
    return success();
  }
};

struct GencCpuApproximateMathPass
    : public genc::impl::GencCpuApproximateMathPassBase<
          GencCpuApproximateMathPass> {
  void runOnOperation() override {
    {
      RewritePatternSet widen(&getContext());
      widen.add<WidenToF64<math::SinOp>, WidenToF64<math::CosOp>>(
          &getContext());
      if (failed(applyPatternsAndFoldGreedily(getOperation(),
                                              std::move(widen))))
        return signalPassFailure();
    }
    RewritePatternSet patterns(&getContext());
    populateMathPolynomialApproximationPatterns(patterns);
    if (failed(applyPatternsAndFoldGreedily(getOperation(),
                                            std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace

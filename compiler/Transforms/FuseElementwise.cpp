//===- FuseElementwise.cpp - the genc-fuse-elementwise pass ---------------===//

#include "compiler/Passes.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::genc {
#define GEN_PASS_DEF_GENCFUSEELEMENTWISEPASS
#include "compiler/Passes.h.inc"
} // namespace mlir::genc

using namespace mlir;

namespace {

/// Only linalg.generic ops take part: fusing or reshaping a named
/// contraction would turn it into a generic that BLAS cannot take.
bool onlyGenerics(OpOperand *fused) {
  Operation *consumer = fused->getOwner();
  Operation *producer = fused->get().getDefiningOp();
  auto ok = [](Operation *op) {
    return !op || !isa<linalg::LinalgOp>(op) || isa<linalg::GenericOp>(op);
  };
  return ok(consumer) && ok(producer);
}

struct GencFuseElementwisePass
    : public genc::impl::GencFuseElementwisePassBase<GencFuseElementwisePass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    RewritePatternSet patterns(ctx);
    linalg::populateElementwiseOpsFusionPatterns(patterns, onlyGenerics);
    linalg::populateFoldReshapeOpsByExpansionPatterns(patterns, onlyGenerics);
    tensor::populateFoldTensorEmptyPatterns(patterns);
    linalg::populateEraseUnusedOperandsAndResultsPatterns(patterns);
    if (failed(applyPatternsAndFoldGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace

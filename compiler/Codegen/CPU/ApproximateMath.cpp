//===- ApproximateMath.cpp - the genc-cpu-approximate-math pass -----------===//

#include "compiler/Passes.h"

#include "mlir/Dialect/Math/Transforms/Approximation.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::genc {
#define GEN_PASS_DEF_GENCCPUAPPROXIMATEMATHPASS
#include "compiler/Passes.h.inc"
} // namespace mlir::genc

using namespace mlir;

namespace {
struct GencCpuApproximateMathPass
    : public genc::impl::GencCpuApproximateMathPassBase<
          GencCpuApproximateMathPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateMathPolynomialApproximationPatterns(patterns);
    if (failed(applyPatternsAndFoldGreedily(getOperation(),
                                            std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace

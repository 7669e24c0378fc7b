//===- ConvertGencToLinalg.cpp - the genc-convert-to-linalg pass ----------===//

#include "compiler/Conversion/GencToLinalg/GencToLinalg.h"
#include "compiler/Passes.h"

#include "dialects/genc/IR/GencDialect.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"

namespace mlir::genc {
#define GEN_PASS_DEF_CONVERTGENCTOLINALGPASS
#include "compiler/Passes.h.inc"
} // namespace mlir::genc

using namespace mlir;
using namespace mlir::genc;

namespace {

struct ConvertGencToLinalgPass
    : public genc::impl::ConvertGencToLinalgPassBase<ConvertGencToLinalgPass> {
  using Base::Base;
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    // Each genc op's location names the op, so the kernels it becomes say
    // where they came from (profiles, check-numerics): genc.tanh(file:l:c).
    getOperation()->walk([&](Operation *op) {
      if (isa<GencDialect>(op->getDialect()) && !isa<NameLoc>(op->getLoc()))
        op->setLoc(NameLoc::get(op->getName().getIdentifier(), op->getLoc()));
    });
    RewritePatternSet patterns(ctx);
    populateGencElementwiseToLinalgPatterns(patterns);
    populateGencShapeToLinalgPatterns(patterns);
    populateGencReductionToLinalgPatterns(patterns, widenHalfDots);
    populateGencConvolutionToLinalgPatterns(patterns);
    populateGencIndexingToLinalgPatterns(patterns);
    populateGencControlFlowToSCFPatterns(patterns);
    ConversionTarget target(*ctx);
    target.addIllegalDialect<GencDialect>();
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace

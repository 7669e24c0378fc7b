//===- ControlFlow.cpp - genc.while and genc.if to scf --------------------===//

#include "compiler/Conversion/GencToLinalg/GencToLinalg.h"

#include "dialects/genc/IR/GencDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::genc;
using namespace mlir::genc::lowering;

namespace {

struct WhileLowering : public OpRewritePattern<WhileOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(WhileOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    OperationState state(loc, scf::WhileOp::getOperationName());
    state.addOperands(op.getOperands());
    state.addTypes(op.getResultTypes());
    state.addRegion();
    state.addRegion();
    auto loop = cast<scf::WhileOp>(rewriter.create(state));
    rewriter.inlineRegionBefore(op.getCond(), loop.getBefore(),
                                loop.getBefore().end());
    rewriter.inlineRegionBefore(op.getBody(), loop.getAfter(),
                                loop.getAfter().end());
    Block &before = loop.getBefore().front();
    auto condRet = cast<ReturnOp>(before.getTerminator());
    rewriter.setInsertionPoint(condRet);
    Value pred = extractScalar(rewriter, loc, condRet.getResults()[0]);
    rewriter.replaceOpWithNewOp<scf::ConditionOp>(condRet, pred,
                                                  before.getArguments());
    auto bodyRet = cast<ReturnOp>(loop.getAfter().front().getTerminator());
    rewriter.setInsertionPoint(bodyRet);
    rewriter.replaceOpWithNewOp<scf::YieldOp>(bodyRet, bodyRet.getResults());
    rewriter.replaceOp(op, loop.getResults());
    return success();
  }
};

struct IfLowering : public OpRewritePattern<IfOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(IfOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value pred = extractScalar(rewriter, loc, op.getPred());
    OperationState state(loc, scf::IfOp::getOperationName());
    state.addOperands(pred);
    state.addTypes(op.getResultTypes());
    state.addRegion();
    state.addRegion();
    auto ifOp = cast<scf::IfOp>(rewriter.create(state));
    rewriter.inlineRegionBefore(op.getThenBranch(), ifOp.getThenRegion(),
                                ifOp.getThenRegion().end());
    rewriter.inlineRegionBefore(op.getElseBranch(), ifOp.getElseRegion(),
                                ifOp.getElseRegion().end());
    for (Region *r : {&ifOp.getThenRegion(), &ifOp.getElseRegion()}) {
      auto ret = cast<ReturnOp>(r->front().getTerminator());
      rewriter.setInsertionPoint(ret);
      rewriter.replaceOpWithNewOp<scf::YieldOp>(ret, ret.getResults());
    }
    rewriter.replaceOp(op, ifOp.getResults());
    return success();
  }
};

} // namespace

void mlir::genc::populateGencControlFlowToSCFPatterns(
    RewritePatternSet &patterns) {
  patterns.add<WhileLowering, IfLowering>(patterns.getContext());
}

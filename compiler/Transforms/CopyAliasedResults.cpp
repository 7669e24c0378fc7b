//===- CopyAliasedResults.cpp - the genc-copy-aliased-results pass --------===//

#include "compiler/Passes.h"

#include "llvm/ADT/SmallPtrSet.h"

namespace mlir::genc {
#define GEN_PASS_DEF_GENCCOPYALIASEDRESULTSPASS
#include "compiler/Passes.h.inc"
} // namespace mlir::genc

using namespace mlir;

namespace {
struct GencCopyAliasedResultsPass
    : public genc::impl::GencCopyAliasedResultsPassBase<
          GencCopyAliasedResultsPass> {
  void runOnOperation() override {
    getOperation().walk([](func::ReturnOp ret) {
      llvm::SmallPtrSet<Value, 4> seen;
      OpBuilder b(ret);
      for (OpOperand &operand : ret->getOpOperands()) {
        Value v = operand.get();
        auto type = dyn_cast<RankedTensorType>(v.getType());
        bool aliased = isa<BlockArgument>(v) || !seen.insert(v).second ||
                       (v.getDefiningOp() &&
                        v.getDefiningOp()->hasTrait<OpTrait::ConstantLike>());
        if (!type || !aliased)
          continue;
        Value empty = b.create<tensor::EmptyOp>(ret.getLoc(), type.getShape(),
                                                type.getElementType());
        Value copy = b.create<linalg::CopyOp>(ret.getLoc(), v, empty)
                         .getResult(0);
        operand.set(copy);
      }
    });
  }
};
} // namespace

//===- CopyAliasedResults.cpp - the genc-copy-aliased-results pass --------===//

#include "compiler/Passes.h"

#include "llvm/ADT/SmallPtrSet.h"

namespace mlir::genc {
#define GEN_PASS_DEF_GENCCOPYALIASEDRESULTSPASS
#define GEN_PASS_DEF_GENCUNTIEEMPTYTENSORSPASS
#include "compiler/Passes.h.inc"
} // namespace mlir::genc

using namespace mlir;

namespace {
struct GencCopyAliasedResultsPass
    : public genc::impl::GencCopyAliasedResultsPassBase<
          GencCopyAliasedResultsPass> {
  void runOnOperation() override {
    // Entry points' argument buffers belong to the caller: bufferization
    // must never write into them (an in-place genc.scatter_add on an
    // argument would change the caller's tensor).
    getOperation().walk([](func::FuncOp fn) {
      if (fn.isPublic() && !fn.isDeclaration())
        for (unsigned i = 0; i < fn.getNumArguments(); ++i)
          if (isa<TensorType>(fn.getArgument(i).getType()))
            fn.setArgAttr(i, "bufferization.writable",
                          BoolAttr::get(fn.getContext(), false));
    });
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

namespace {
/// Both passes prepare tensors for one-shot bufferization.
struct GencUntieEmptyTensorsPass
    : public genc::impl::GencUntieEmptyTensorsPassBase<
          GencUntieEmptyTensorsPass> {
  void runOnOperation() override {
    SmallVector<tensor::EmptyOp> empties;
    getOperation().walk([&](tensor::EmptyOp e) {
      if (!e->hasOneUse() && !e->use_empty())
        empties.push_back(e);
    });
    for (tensor::EmptyOp e : empties) {
      SmallVector<OpOperand *> uses;
      for (OpOperand &use : e->getUses())
        uses.push_back(&use);
      for (OpOperand *use : uses) {
        OpBuilder b(use->getOwner());
        use->set(b.clone(*e)->getResult(0));
      }
      e->erase();
    }
  }
};
} // namespace

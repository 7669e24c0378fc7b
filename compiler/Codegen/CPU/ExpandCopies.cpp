//===- ExpandCopies.cpp - the genc-cpu-expand-copies pass -----------------===//

#include "compiler/Passes.h"

#include "mlir/IR/PatternMatch.h"

namespace mlir::genc {
#define GEN_PASS_DEF_GENCCPUEXPANDCOPIESPASS
#include "compiler/Passes.h.inc"
} // namespace mlir::genc

using namespace mlir;

namespace {
struct GencCpuExpandCopiesPass
    : public genc::impl::GencCpuExpandCopiesPassBase<GencCpuExpandCopiesPass> {
  void runOnOperation() override {
    SmallVector<memref::CopyOp> copies;
    getOperation()->walk([&](memref::CopyOp op) {
      auto src = cast<MemRefType>(op.getSource().getType());
      auto dst = cast<MemRefType>(op.getTarget().getType());
      if (!src.getLayout().isIdentity() || !dst.getLayout().isIdentity())
        copies.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (memref::CopyOp op : copies) {
      rewriter.setInsertionPoint(op);
      rewriter.replaceOpWithNewOp<linalg::CopyOp>(op, op.getSource(),
                                                  op.getTarget());
    }
  }
};
} // namespace

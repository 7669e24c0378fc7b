//===- ParallelOuter.cpp - the genc-cuda-parallel-outer pass --------------===//
//
// convert-linalg-to-parallel-loops keeps a linalg op's iterator order: a
// reduction dimension before a parallel one becomes an scf.for around an
// scf.parallel, i.e. one kernel launch per step of the reduction (16,384
// launches for the bias gradient of a 32x32 convolution at batch 16). The
// op is generalized and its parallel iterators moved outermost, so that
// the whole reduction is one kernel whose threads each run their own
// reduction loop. (Long reductions are split into partials earlier, when
// genc.reduce is lowered, so those loops stay short.)
//
//===----------------------------------------------------------------------===//

#include "compiler/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"

namespace mlir::genc {
#define GEN_PASS_DEF_GENCCUDAPARALLELOUTERPASS
#include "compiler/Passes.h.inc"
} // namespace mlir::genc

using namespace mlir;

namespace {

/// The permutation that lists parallel iterators first, each group in its
/// order; empty when they already are.
SmallVector<unsigned> parallelFirst(linalg::LinalgOp op) {
  SmallVector<utils::IteratorType> kinds = op.getIteratorTypesArray();
  SmallVector<unsigned> perm;
  for (unsigned i = 0; i < kinds.size(); ++i)
    if (kinds[i] == utils::IteratorType::parallel)
      perm.push_back(i);
  unsigned parallel = perm.size();
  for (unsigned i = 0; i < kinds.size(); ++i)
    if (kinds[i] != utils::IteratorType::parallel)
      perm.push_back(i);
  bool identity = true;
  for (unsigned i = 0; i < perm.size(); ++i)
    identity &= perm[i] == i;
  if (identity || parallel == 0)
    return {};
  return perm;
}

struct GencCudaParallelOuterPass
    : public genc::impl::GencCudaParallelOuterPassBase<
          GencCudaParallelOuterPass> {
  void runOnOperation() override {
    SmallVector<linalg::LinalgOp> ops;
    getOperation()->walk([&](linalg::LinalgOp op) {
      if (op.hasPureBufferSemantics() && !parallelFirst(op).empty())
        ops.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::LinalgOp op : ops) {
      SmallVector<unsigned> perm = parallelFirst(op);
      rewriter.setInsertionPoint(op);
      auto generic = dyn_cast<linalg::GenericOp>(op.getOperation());
      if (!generic) {
        FailureOr<linalg::GenericOp> g = linalg::generalizeNamedOp(rewriter, op);
        if (failed(g))
          continue; // left as it is: correct, one launch per step
        generic = *g;
      }
      (void)linalg::interchangeGenericOp(rewriter, generic, perm);
    }
  }
};
} // namespace

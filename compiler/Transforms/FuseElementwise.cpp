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

/// Elementwise fusion: generics only, and through a non-one-to-one map only
/// when the producer is recomputed at most kMaxRecompute times per value.
/// Fusing through a broadcast recomputes the producer's body for every
/// broadcast element (a relu backward fused into a 784-wide outer product
/// ran 784 times per value); through a 3x3 im2col gather it is 9 times and
/// saves materializing the producer.
constexpr int64_t kMaxRecompute = 16;

/// Bodies larger than this are fused only into their single user: fusing a
/// producer that has other users recomputes its body in each of them, and
/// repeated fusion of a large body (a threefry PRNG, ~100 ops) into every
/// consumer of a training step grew regions to thousands of operations and
/// took the pass 10 s.
constexpr int64_t kMaxDuplicatedBodyOps = 24;
/// No fused body grows beyond this many operations.
constexpr int64_t kMaxFusedBodyOps = 400;

int64_t bodyOps(Operation *op) {
  auto generic = dyn_cast_or_null<linalg::GenericOp>(op);
  return generic ? (int64_t)generic.getBody()->getOperations().size() : 0;
}

bool fuseWithoutRecompute(OpOperand *fused) {
  if (!onlyGenerics(fused))
    return false;
  Operation *producer = fused->get().getDefiningOp();
  int64_t producerOps = bodyOps(producer);
  if (producer && !producer->hasOneUse() && producerOps > kMaxDuplicatedBodyOps)
    return false;
  if (producerOps + bodyOps(fused->getOwner()) > kMaxFusedBodyOps)
    return false;
  auto consumer = dyn_cast<linalg::GenericOp>(fused->getOwner());
  if (!consumer || consumer.getMatchingIndexingMap(fused).isPermutation())
    return true;
  auto produced = dyn_cast<RankedTensorType>(fused->get().getType());
  SmallVector<int64_t> ranges = consumer.getStaticLoopRanges();
  if (!produced || !produced.hasStaticShape() ||
      llvm::any_of(ranges, ShapedType::isDynamic))
    return false;
  int64_t iterations = 1;
  for (int64_t r : ranges)
    iterations *= r;
  return iterations <= kMaxRecompute * std::max<int64_t>(produced.getNumElements(), 1);
}

/// fuseWithoutRecompute, and the fused op (built at the consumer's
/// location) keeps the producer's location too: profiles and numerics
/// checks name every genc op of a fused kernel.
bool fuseKeepingLocations(OpOperand *fused) {
  if (!fuseWithoutRecompute(fused))
    return false;
  Operation *consumer = fused->getOwner();
  if (Operation *producer = fused->get().getDefiningOp())
    consumer->setLoc(FusedLoc::get(consumer->getContext(),
                                   {consumer->getLoc(), producer->getLoc()}));
  return true;
}

/// Groups of consecutive loops of a linalg.generic that can run as one
/// loop: same iterator type and contiguous, in order, in every operand's
/// indexing map. An elementwise op on [16, 32, 32, 16] becomes one loop of
/// 262144 iterations that LLVM vectorizes with plain loads; as a 4-deep
/// nest, LLVM fully unrolls the 16-wide inner loop and vectorizes the next
/// one with gathers and scatters.
SmallVector<ReassociationIndices> collapsibleLoops(linalg::LinalgOp op) {
  auto generic = dyn_cast<linalg::GenericOp>(op.getOperation());
  if (!generic || !generic.hasPureTensorSemantics())
    return {};
  SmallVector<AffineMap> maps = generic.getIndexingMapsArray();
  if (!llvm::all_of(maps, [](AffineMap m) { return m.isProjectedPermutation(); }))
    return {};
  SmallVector<utils::IteratorType> iters = generic.getIteratorTypesArray();
  SmallVector<ReassociationIndices> groups;
  ReassociationIndices current;
  for (int64_t d = 0, e = generic.getNumLoops(); d < e; ++d) {
    ReassociationIndices extended = current;
    extended.push_back(d);
    if (!current.empty() && iters[current.front()] == iters[d] &&
        linalg::areDimSequencesPreserved(maps, {extended})) {
      current = std::move(extended);
      continue;
    }
    if (current.size() > 1)
      groups.push_back(current);
    current = {d};
  }
  if (current.size() > 1)
    groups.push_back(current);
  return groups;
}

struct GencFuseElementwisePass
    : public genc::impl::GencFuseElementwisePassBase<GencFuseElementwisePass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    RewritePatternSet patterns(ctx);
    linalg::populateElementwiseOpsFusionPatterns(patterns, fuseKeepingLocations);
    linalg::populateFoldReshapeOpsByExpansionPatterns(patterns, onlyGenerics);
    tensor::populateFoldTensorEmptyPatterns(patterns);
    linalg::populateEraseUnusedOperandsAndResultsPatterns(patterns);
    if (failed(applyPatternsAndFoldGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
    // Then flatten the fused generics' loop nests where layouts allow.
    RewritePatternSet collapse(ctx);
    linalg::populateCollapseDimensions(collapse, collapsibleLoops);
    if (failed(applyPatternsAndFoldGreedily(getOperation(), std::move(collapse))))
      signalPassFailure();
  }
};

} // namespace

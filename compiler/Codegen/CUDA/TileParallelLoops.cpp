//===- TileParallelLoops.cpp - the genc-cuda-tile-parallel-loops pass -----===//
//
// Splits every outermost scf.parallel with constant bounds into a grid of
// blocks and a block of threads (tiles of up to 256 iterations) before
// gpu-map-parallel-loops. Tile sizes divide the trip counts exactly, so the
// thread loops have constant bounds (the upstream tiling pass adds
// min-bounds that convert-parallel-loops-to-gpu cannot map). The innermost
// dimension gets the largest power of two up to 256 dividing it, the one
// before it what is left of the 256.
//
//===----------------------------------------------------------------------===//

#include "compiler/Passes.h"

#include "mlir/Dialect/SCF/Transforms/Transforms.h"
#include "mlir/IR/Matchers.h"

namespace mlir::genc {
#define GEN_PASS_DEF_GENCCUDATILEPARALLELLOOPSPASS
#include "compiler/Passes.h.inc"
} // namespace mlir::genc

using namespace mlir;

namespace {

/// Largest power of two <= limit that divides n (1 if none).
int64_t powerOfTwoDivisor(int64_t n, int64_t limit) {
  int64_t t = 1;
  while (t * 2 <= limit && n % (t * 2) == 0)
    t *= 2;
  return t;
}

std::optional<int64_t> tripCount(Value lb, Value ub, Value step) {
  APInt l, u, s;
  if (!matchPattern(lb, m_ConstantInt(&l)) ||
      !matchPattern(ub, m_ConstantInt(&u)) ||
      !matchPattern(step, m_ConstantInt(&s)) || s.getSExtValue() <= 0)
    return std::nullopt;
  return (u.getSExtValue() - l.getSExtValue() + s.getSExtValue() - 1) /
         s.getSExtValue();
}

struct GencCudaTileParallelLoopsPass
    : public genc::impl::GencCudaTileParallelLoopsPassBase<
          GencCudaTileParallelLoopsPass> {
  void runOnOperation() override {
    SmallVector<scf::ParallelOp> outermost;
    getOperation()->walk([&](scf::ParallelOp op) {
      if (!op->getParentOfType<scf::ParallelOp>())
        outermost.push_back(op);
    });
    for (scf::ParallelOp op : outermost) {
      int64_t rank = op.getNumLoops();
      SmallVector<int64_t> counts;
      for (int64_t d = 0; d < rank; ++d) {
        std::optional<int64_t> n = tripCount(
            op.getLowerBound()[d], op.getUpperBound()[d], op.getStep()[d]);
        if (!n)
          break;
        counts.push_back(*n);
      }
      if ((int64_t)counts.size() != rank || rank > 3)
        continue;
      SmallVector<int64_t> tiles(rank, 1);
      int64_t budget = 256;
      for (int64_t d = rank - 1; d >= 0 && budget > 1; --d) {
        tiles[d] = powerOfTwoDivisor(counts[d], budget);
        budget /= tiles[d];
      }
      if (llvm::all_of(tiles, [](int64_t t) { return t == 1; }))
        continue;
      scf::tileParallelLoop(op, tiles, /*noMinMaxBounds=*/true);
    }
  }
};

} // namespace

//===- PlanBuffers.cpp - the genc-cpu-plan-buffers pass -------------------===//
//
// A static buffer plan in the spirit of XLA's buffer assignment: temporary
// buffers of a function body share one arena when their lifetimes do not
// overlap, so a call makes one allocation instead of one per temporary and
// reuses memory across the body.
//
//===----------------------------------------------------------------------===//

#include "compiler/Passes.h"


namespace mlir::genc {
#define GEN_PASS_DEF_GENCCPUPLANBUFFERSPASS
#include "compiler/Passes.h.inc"
} // namespace mlir::genc

using namespace mlir;

namespace {

constexpr int64_t kAlignment = 64;

struct Interval {
  memref::AllocOp alloc;
  memref::DeallocOp dealloc;
  int64_t bytes;
  unsigned start, end; // positions in the block, inclusive
  int64_t offset = -1;
};

/// Bytes of a statically shaped memref with identity layout, or -1.
int64_t staticBytes(MemRefType type) {
  if (!type.hasStaticShape() || !type.getLayout().isIdentity() ||
      !type.getElementType().isIntOrFloat() ||
      type.getMemorySpace())
    return -1;
  int64_t bits = type.getElementTypeBitWidth();
  int64_t elemBytes = bits == 1 ? 1 : (bits + 7) / 8;
  return type.getNumElements() * elemBytes;
}

struct GencCpuPlanBuffersPass
    : public genc::impl::GencCpuPlanBuffersPassBase<GencCpuPlanBuffersPass> {
  void runOnOperation() override {
    func::FuncOp fn = getOperation();
    if (fn.isDeclaration())
      return;
    Block &block = fn.getBody().front();
    DenseMap<Operation *, unsigned> position;
    unsigned i = 0;
    for (Operation &op : block)
      position[&op] = i++;

    SmallVector<Interval> intervals;
    for (Operation &op : block) {
      auto alloc = dyn_cast<memref::AllocOp>(op);
      if (!alloc || !alloc.getDynamicSizes().empty() ||
          !alloc.getSymbolOperands().empty())
        continue;
      int64_t bytes = staticBytes(alloc.getType());
      if (bytes < 0)
        continue;
      Interval interval{alloc, nullptr, bytes, position[&op], position[&op]};
      bool plannable = true;
      // Walk the alias closure through view-like ops.
      SmallVector<Value> worklist{alloc.getResult()};
      while (!worklist.empty() && plannable) {
        Value v = worklist.pop_back_val();
        for (OpOperand &use : v.getUses()) {
          Operation *user = use.getOwner();
          if (auto dealloc = dyn_cast<memref::DeallocOp>(user)) {
            if (v != alloc.getResult() || interval.dealloc ||
                dealloc->getBlock() != &block) {
              plannable = false;
              break;
            }
            interval.dealloc = dealloc;
            continue;
          }
          if (isa<func::ReturnOp>(user)) {
            plannable = false;
            break;
          }
          Operation *ancestor = block.findAncestorOpInBlock(*user);
          if (!ancestor) {
            plannable = false;
            break;
          }
          interval.end = std::max(interval.end, position[ancestor]);
          // Conservatively, every memref an op derives from the buffer is
          // an alias (views, casts, extract_strided_metadata's base), and so
          // is every address: library calls take the buffer as
          // extract_aligned_pointer_as_index -> index_cast -> inttoptr, and
          // CSE may have merged two calls' extractions into the first.
          for (Value r : user->getResults())
            if (isa<BaseMemRefType, IndexType, LLVM::LLVMPointerType>(
                    r.getType()) ||
                r.getType().isInteger(64))
              worklist.push_back(r);
        }
      }
      if (plannable && interval.dealloc)
        intervals.push_back(interval);
    }
    if (intervals.empty())
      return;

    // Greedy first fit, largest buffers first.
    SmallVector<Interval *> order;
    for (Interval &iv : intervals)
      order.push_back(&iv);
    llvm::stable_sort(order, [](Interval *a, Interval *b) {
      return a->bytes > b->bytes;
    });
    int64_t arenaBytes = 0, separateBytes = 0;
    SmallVector<Interval *> placed;
    for (Interval *iv : order) {
      int64_t size = llvm::alignTo(iv->bytes, kAlignment);
      separateBytes += size;
      SmallVector<std::pair<int64_t, int64_t>> busy;
      for (Interval *p : placed)
        if (p->start <= iv->end && iv->start <= p->end)
          busy.push_back({p->offset, p->offset + llvm::alignTo(p->bytes, kAlignment)});
      llvm::sort(busy);
      int64_t offset = 0;
      for (auto [lo, hi] : busy) {
        if (offset + size <= lo)
          break;
        offset = std::max(offset, hi);
      }
      iv->offset = offset;
      arenaBytes = std::max(arenaBytes, offset + size);
      placed.push_back(iv);
    }

    OpBuilder b(&getContext());
    b.setInsertionPointToStart(&block);
    Location loc = fn.getLoc();
    auto arenaType = MemRefType::get({arenaBytes}, b.getI8Type());
    Value arena = b.create<memref::AllocOp>(loc, arenaType,
                                            b.getI64IntegerAttr(kAlignment));
    for (Interval &iv : intervals) {
      b.setInsertionPoint(iv.alloc);
      Value offset = b.create<arith::ConstantIndexOp>(iv.alloc.getLoc(), iv.offset);
      Value view = b.create<memref::ViewOp>(iv.alloc.getLoc(), iv.alloc.getType(),
                                            arena, offset, ValueRange{});
      iv.alloc.getResult().replaceAllUsesWith(view);
      iv.dealloc.erase();
      iv.alloc.erase();
    }
    b.setInsertionPoint(block.getTerminator());
    b.create<memref::DeallocOp>(loc, arena);
    fn->setAttr("genc.arena_bytes", b.getI64IntegerAttr(arenaBytes));
    fn->setAttr("genc.planned_bytes", b.getI64IntegerAttr(separateBytes));
  }
};

} // namespace

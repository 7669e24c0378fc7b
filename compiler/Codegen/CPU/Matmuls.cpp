//===- Matmuls.cpp - buffer-level matmuls for library and kernel calls ----===//

#include "compiler/Codegen/CPU/Matmuls.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;

bool mlir::genc::hasUnitInnerStride(MemRefType type) {
  SmallVector<int64_t> strides;
  int64_t offset;
  if (failed(getStridesAndOffset(type, strides, offset)))
    return false;
  return !strides.empty() && strides.back() == 1;
}

std::optional<genc::MatmulShape> mlir::genc::matchMatmul(linalg::LinalgOp op) {
  if (!isa<linalg::MatmulOp, linalg::BatchMatmulOp, linalg::MatmulTransposeAOp,
           linalg::MatmulTransposeBOp, linalg::BatchMatmulTransposeAOp,
           linalg::BatchMatmulTransposeBOp>(op) ||
      !op.hasPureBufferSemantics())
    return std::nullopt;
  auto aT = cast<MemRefType>(op.getDpsInputs()[0].getType()),
       bT = cast<MemRefType>(op.getDpsInputs()[1].getType()),
       cT = cast<MemRefType>(op.getDpsInits()[0].getType());
  Type et = cT.getElementType();
  if (aT.getElementType() != et || bT.getElementType() != et)
    return std::nullopt;
  if (!aT.hasStaticShape() || !bT.hasStaticShape() || !cT.hasStaticShape())
    return std::nullopt;
  if (!hasUnitInnerStride(aT) || !hasUnitInnerStride(bT) ||
      !hasUnitInnerStride(cT))
    return std::nullopt;
  MatmulShape s;
  s.batched = isa<linalg::BatchMatmulOp, linalg::BatchMatmulTransposeAOp,
                  linalg::BatchMatmulTransposeBOp>(op);
  s.transA = isa<linalg::MatmulTransposeAOp, linalg::BatchMatmulTransposeAOp>(op);
  s.transB = isa<linalg::MatmulTransposeBOp, linalg::BatchMatmulTransposeBOp>(op);
  int64_t r = s.batched ? 1 : 0;
  s.M = cT.getDimSize(r);
  s.N = cT.getDimSize(r + 1);
  s.K = s.transA ? aT.getDimSize(r) : aT.getDimSize(r + 1);
  s.batch = s.batched ? aT.getDimSize(0) : 1;
  return s;
}

SmallVector<std::pair<linalg::LinalgOp, genc::MatmulShape>>
mlir::genc::collectMatmuls(Operation *module) {
  SmallVector<std::pair<linalg::LinalgOp, MatmulShape>> found;
  module->walk([&](linalg::LinalgOp op) {
    if (std::optional<MatmulShape> s = matchMatmul(op))
      found.push_back({op, *s});
  });
  return found;
}

/// Whether `copy` copies zeros: its source was zero-filled earlier in the
/// same block and, in between, only read by other copies.
static bool copiesZeros(memref::CopyOp copy) {
  Value buffer = copy.getSource();
  for (Operation *op = copy->getPrevNode(); op; op = op->getPrevNode()) {
    bool uses = llvm::is_contained(op->getOperands(), buffer);
    if (!uses)
      continue;
    if (auto other = dyn_cast<memref::CopyOp>(op); other && other.getSource() == buffer)
      continue;
    auto fill = dyn_cast<linalg::FillOp>(op);
    return fill && fill.hasPureBufferSemantics() &&
           fill.getDpsInits()[0] == buffer &&
           matchPattern(fill.getInputs()[0], m_AnyZeroFloat());
  }
  return false;
}

double mlir::genc::foldZeroFillBefore(Operation *op, Value c) {
  if (auto fill = dyn_cast_or_null<linalg::FillOp>(op->getPrevNode())) {
    if (fill.getDpsInits()[0] == c && fill.hasPureBufferSemantics() &&
        matchPattern(fill.getInputs()[0], m_AnyZeroFloat())) {
      fill.erase();
      return 0.0;
    }
  } else if (auto copy = dyn_cast_or_null<memref::CopyOp>(op->getPrevNode());
             copy && copy.getTarget() == c) {
    // CSE merged the zero fills of several outputs into one buffer that
    // is copied into each: the copy is a zero fill too.
    if (copiesZeros(copy)) {
      copy.erase();
      return 0.0;
    }
  }
  return 1.0;
}

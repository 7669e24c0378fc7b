//===- Elementwise.cpp - elementwise genc ops to linalg.generic -----------===//
//
// One pattern serves every op implementing ScalarizableOpInterface: the op
// becomes a parallel linalg.generic whose body is the op's scalar form.
// f16/bf16 arithmetic is computed in f32 and rounded back, as XLA does on
// CPU, since LLVM's math lowerings are f32/f64 only.
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/GencToLinalg/GencToLinalg.h"

#include "dialects/genc/IR/GencDialect.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::genc;

namespace {

bool isHalf(Type t) { return t.isF16() || t.isBF16(); }

struct ElementwiseToGeneric
    : public OpInterfaceRewritePattern<ScalarizableOpInterface> {
  using OpInterfaceRewritePattern::OpInterfaceRewritePattern;

  LogicalResult matchAndRewrite(ScalarizableOpInterface iface,
                                PatternRewriter &rewriter) const override {
    Operation *op = iface.getOperation();
    if (op->getNumResults() != 1)
      return failure();
    auto resultType = dyn_cast<RankedTensorType>(op->getResult(0).getType());
    if (!resultType || !resultType.hasStaticShape())
      return rewriter.notifyMatchFailure(op, "needs a static shape");
    Location loc = op->getLoc();
    int64_t rank = resultType.getRank();
    Value init = lowering::emptyTensor(rewriter, loc, resultType);
    SmallVector<AffineMap> maps(op->getNumOperands() + 1,
                                rewriter.getMultiDimIdentityMap(rank));
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    bool widen = !isa<ConvertOp>(op) &&
                 llvm::any_of(op->getOperandTypes(), [](Type t) {
                   return isHalf(getElementTypeOrSelf(t));
                 });
    auto generic = rewriter.create<linalg::GenericOp>(
        loc, resultType, op->getOperands(), ValueRange{init}, maps, iterators,
        [&](OpBuilder &b, Location l, ValueRange args) {
          SmallVector<Value> operands(args.drop_back());
          if (widen)
            for (Value &v : operands)
              if (isHalf(v.getType()))
                v = b.create<arith::ExtFOp>(l, b.getF32Type(), v);
          Value r = iface.buildScalar(b, l, operands);
          Type out = resultType.getElementType();
          if (r.getType() != out)
            r = b.create<arith::TruncFOp>(l, out, r);
          b.create<linalg::YieldOp>(l, r);
        });
    rewriter.replaceOp(op, generic.getResults());
    return success();
  }
};

} // namespace

void mlir::genc::populateGencElementwiseToLinalgPatterns(
    RewritePatternSet &patterns) {
  patterns.add<ElementwiseToGeneric>(patterns.getContext());
}

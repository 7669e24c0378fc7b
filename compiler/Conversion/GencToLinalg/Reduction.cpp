//===- Reduction.cpp - reduce and dot_general to linalg -------------------===//
//
// genc.reduce becomes linalg.reduce with the body scalarized through
// ScalarizableOpInterface. genc.dot_general is normalized to
// [batch, M, K] x [batch, K, N] with transposes and reshapes, then becomes
// linalg.matmul (no batch) or linalg.batch_matmul; later phases may hand
// those to a BLAS library.
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/GencToLinalg/GencToLinalg.h"

#include "dialects/genc/IR/GencDialect.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::genc;
using namespace mlir::genc::lowering;

namespace {

/// Whether the reduce's body is one commutative binary op of its two block
/// arguments (add, mul, max, min, and, or: all associative as well), so
/// that the elements may be combined in any grouping.
static bool hasReassociableCombiner(ReduceOp op) {
  Block &block = op.getBody().front();
  if (!llvm::hasNItems(block, 2))
    return false;
  Operation &combiner = block.front();
  auto ret = dyn_cast<ReturnOp>(block.back());
  if (!ret || ret.getResults().size() != 1 || combiner.getNumResults() != 1 ||
      combiner.getNumOperands() != 2 ||
      ret.getResults()[0] != combiner.getResult(0) ||
      !combiner.hasTrait<OpTrait::IsCommutative>())
    return false;
  Value l = combiner.getOperand(0), r = combiner.getOperand(1);
  return l != r && llvm::is_contained(block.getArguments(), l) &&
         llvm::is_contained(block.getArguments(), r);
}

/// How a long reduction is split into kSplit interleaved partial results,
/// so that the generated loop carries kSplit independent dependence chains
/// (and vectorizes over them) instead of one: a reduction over leading
/// dims [R, C] -> [C] runs as [R/k, k, C] -> [k, C] -> [C] (the loop's
/// inner (k, C) block is contiguous), a reduction over trailing dims
/// [C, R] -> [C] as [C, R/k, k] -> [C, k] -> [C]. Without it every element
/// waits for the previous add through memory (bias gradients of NHWC
/// convolutions: 16384 x 16 -> 16 ran at ~4 elements/ns).
struct SplitPlan {
  int64_t outer = 1, reduced = 1, k = 0;
  bool leading = true; // reduced dims form a prefix (else a suffix)
};

static std::optional<SplitPlan> planSplit(ReduceOp op) {
  auto type = cast<RankedTensorType>(op.getOperand().getType());
  if (!type.hasStaticShape() || !hasReassociableCombiner(op))
    return std::nullopt;
  int64_t rank = type.getRank();
  ArrayRef<int64_t> dims = op.getDimensions();
  SmallVector<int64_t> sorted(dims.begin(), dims.end());
  llvm::sort(sorted);
  int64_t n = sorted.size();
  if (n == 0)
    return std::nullopt;
  SplitPlan plan;
  if (sorted.front() == 0 && sorted.back() == n - 1)
    plan.leading = true;
  else if (sorted.front() == rank - n && sorted.back() == rank - 1)
    plan.leading = false;
  else
    return std::nullopt;
  for (int64_t d = 0; d < rank; ++d)
    (llvm::is_contained(sorted, d) ? plan.reduced : plan.outer) *=
        type.getDimSize(d);
  // Leading reductions keep C outputs side by side: k * C = 256 partials
  // are 16 independent vectors (none when C alone is that wide). Trailing
  // ones reduce each row into k = 16 lanes. Only for long reductions.
  int64_t want = plan.leading ? 256 / plan.outer : 16;
  if (plan.reduced < 256)
    return std::nullopt;
  for (int64_t k = std::min<int64_t>(want, 16); k >= 2; k /= 2)
    if (plan.reduced % k == 0 && plan.reduced / k >= 8) {
      plan.k = k;
      return plan;
    }
  return std::nullopt;
}

struct ReduceLowering : public OpRewritePattern<ReduceOp> {
  using OpRewritePattern::OpRewritePattern;

  /// linalg.reduce of `input` over `dims` into `acc` with the op's body.
  static FailureOr<Value> emitReduce(PatternRewriter &rewriter, ReduceOp op,
                                     Value input, Value acc,
                                     ArrayRef<int64_t> dims) {
    Location loc = op.getLoc();
    bool failedBody = false;
    auto reduce = rewriter.create<linalg::ReduceOp>(
        loc, ValueRange{input}, ValueRange{acc}, dims,
        [&](OpBuilder &b, Location l, ValueRange args) {
          // args = (element, accumulator); the genc body takes
          // (accumulator, element).
          FailureOr<SmallVector<Value>> r =
              scalarizeRegion(b, op.getBody(), ValueRange{args[1], args[0]});
          if (failed(r)) {
            failedBody = true;
            b.create<linalg::YieldOp>(l, args[1]);
            return;
          }
          b.create<linalg::YieldOp>(l, *r);
        });
    if (failedBody) {
      rewriter.eraseOp(reduce);
      return failure();
    }
    return reduce.getResult(0);
  }

  LogicalResult matchAndRewrite(ReduceOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value init = extractScalar(rewriter, loc, op.getInitValue());
    Value acc = filledTensor(rewriter, loc, op.getType(), init);
    std::optional<SplitPlan> plan = planSplit(op);
    if (!plan) {
      FailureOr<Value> r =
          emitReduce(rewriter, op, op.getOperand(), acc, op.getDimensions());
      if (failed(r))
        return failure();
      rewriter.replaceOp(op, *r);
      return success();
    }
    // The partial results start as the first block of k (rows) elements,
    // so no identity of the combiner is needed; the op's init enters once,
    // in the final reduction.
    Type element = op.getType().getElementType();
    int64_t k = plan->k, c = plan->outer, r = plan->reduced;
    SmallVector<int64_t> split =
        plan->leading ? SmallVector<int64_t>{r / k, k, c}
                      : SmallVector<int64_t>{c, r / k, k};
    Value x = reshapeTensor(rewriter, loc, op.getOperand(),
                            RankedTensorType::get(split, element));
    SmallVector<int64_t> offsets = {0, 0, 0}, sizes = split,
                         strides = {1, 1, 1};
    int64_t rowDim = plan->leading ? 0 : 1;
    sizes[rowDim] = 1;
    SmallVector<int64_t> partialShape =
        plan->leading ? SmallVector<int64_t>{k, c} : SmallVector<int64_t>{c, k};
    auto partialType = RankedTensorType::get(partialShape, element);
    auto slice = [&](RankedTensorType type) -> Value {
      return rewriter.create<tensor::ExtractSliceOp>(
          loc, type, x, ValueRange{}, ValueRange{}, ValueRange{},
          rewriter.getDenseI64ArrayAttr(offsets),
          rewriter.getDenseI64ArrayAttr(sizes),
          rewriter.getDenseI64ArrayAttr(strides));
    };
    Value first = slice(partialType);
    offsets[rowDim] = 1;
    sizes = split;
    sizes[rowDim] = split[rowDim] - 1;
    Value rest = slice(RankedTensorType::get(sizes, element));
    FailureOr<Value> partial =
        emitReduce(rewriter, op, rest, first, {rowDim});
    if (failed(partial))
      return failure();
    Value flatAcc = reshapeTensor(rewriter, loc, acc,
                                  RankedTensorType::get({c}, element));
    FailureOr<Value> total = emitReduce(rewriter, op, *partial, flatAcc,
                                        {plan->leading ? 0 : 1});
    if (failed(total))
      return failure();
    rewriter.replaceOp(op, reshapeTensor(rewriter, loc, *total, op.getType()));
    return success();
  }
};

struct DotGeneralLowering : public OpRewritePattern<DotGeneralOp> {
  DotGeneralLowering(MLIRContext *ctx, bool widenHalf)
      : OpRewritePattern<DotGeneralOp>(ctx), widenHalf(widenHalf) {}
  // f16/bf16 contractions rewrite into an f32 clone of the same op, unless
  // the target's library multiplies them with f32 accumulation (cuBLAS).
  void initialize() { setHasBoundedRewriteRecursion(); }
  bool widenHalf;
  LogicalResult matchAndRewrite(DotGeneralOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    if (Value wide = widenHalf ? widenHalfContraction(rewriter, op) : Value()) {
      rewriter.replaceOp(op, wide);
      return success();
    }
    auto lhsType = cast<RankedTensorType>(op.getLhs().getType());
    auto rhsType = cast<RankedTensorType>(op.getRhs().getType());
    Type et = lhsType.getElementType();
    ArrayRef<int64_t> lb = op.getLhsBatchingDimensions(),
                      rb = op.getRhsBatchingDimensions(),
                      lc = op.getLhsContractingDimensions(),
                      rc = op.getRhsContractingDimensions();
    auto freeDims = [](int64_t rank, ArrayRef<int64_t> a, ArrayRef<int64_t> b) {
      SmallVector<int64_t> free;
      for (int64_t d = 0; d < rank; ++d)
        if (!llvm::is_contained(a, d) && !llvm::is_contained(b, d))
          free.push_back(d);
      return free;
    };
    SmallVector<int64_t> lf = freeDims(lhsType.getRank(), lb, lc);
    SmallVector<int64_t> rf = freeDims(rhsType.getRank(), rb, rc);
    if (lc.empty()) {
      // No contraction: an (outer) product, elementwise over the result
      // [batch..., lhs free..., rhs free...]. A matmul with K = 1 would
      // zero-fill and accumulate for nothing (vmap'd dense-layer weight
      // gradients are exactly these).
      int64_t nb = lb.size(), rank = op.getType().getRank();
      auto dim = [&](int64_t i) { return rewriter.getAffineDimExpr(i); };
      SmallVector<AffineExpr> lhsExprs(lhsType.getRank()),
          rhsExprs(rhsType.getRank());
      for (int64_t i = 0; i < nb; ++i) {
        lhsExprs[lb[i]] = dim(i);
        rhsExprs[rb[i]] = dim(i);
      }
      for (auto [j, d] : llvm::enumerate(lf))
        lhsExprs[d] = dim(nb + j);
      for (auto [j, d] : llvm::enumerate(rf))
        rhsExprs[d] = dim(nb + lf.size() + j);
      MLIRContext *ctx = rewriter.getContext();
      SmallVector<AffineMap> maps{AffineMap::get(rank, 0, lhsExprs, ctx),
                                  AffineMap::get(rank, 0, rhsExprs, ctx),
                                  rewriter.getMultiDimIdentityMap(rank)};
      auto generic = rewriter.create<linalg::GenericOp>(
          loc, op.getType(), ValueRange{op.getLhs(), op.getRhs()},
          ValueRange{emptyTensor(rewriter, loc, op.getType())}, maps,
          SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
          [&](OpBuilder &b, Location l, ValueRange args) {
            Value p = isa<FloatType>(et)
                          ? b.create<arith::MulFOp>(l, args[0], args[1])
                                .getResult()
                          : b.create<arith::MulIOp>(l, args[0], args[1])
                                .getResult();
            b.create<linalg::YieldOp>(l, p);
          });
      rewriter.replaceOp(op, generic.getResults());
      return success();
    }
    auto product = [](RankedTensorType t, ArrayRef<int64_t> dims) {
      int64_t p = 1;
      for (int64_t d : dims)
        p *= t.getDimSize(d);
      return p;
    };
    int64_t B = product(lhsType, lb), M = product(lhsType, lf),
            K = product(lhsType, lc), N = product(rhsType, rf);
    // lhs -> [batch..., free..., contract...] ([B, M, K]) or, when that is
    // its layout already, [batch..., contract..., free...] ([B, K, M],
    // matmul_transpose_a); rhs likewise [B, K, N] or [B, N, K]. Using the
    // transposed named ops avoids materializing a transpose (gradients of
    // matmuls are exactly these).
    auto isIdentity = [](ArrayRef<int64_t> perm) {
      return llvm::equal(perm, llvm::seq<int64_t>(0, perm.size()));
    };
    SmallVector<int64_t> lperm(lb), lpermT(lb);
    llvm::append_range(lperm, lf);
    llvm::append_range(lperm, lc);
    llvm::append_range(lpermT, lc);
    llvm::append_range(lpermT, lf);
    SmallVector<int64_t> rperm(rb), rpermT(rb);
    llvm::append_range(rperm, rc);
    llvm::append_range(rperm, rf);
    llvm::append_range(rpermT, rf);
    llvm::append_range(rpermT, rc);
    bool transA = !isIdentity(lperm) && isIdentity(lpermT);
    bool transB = !isIdentity(rperm) && isIdentity(rpermT);
    if (transA && transB)
      transB = false; // no named op for both; transpose rhs
    Value lhs = transposeTensor(rewriter, loc, op.getLhs(), transA ? lpermT : lperm);
    Value rhs = transposeTensor(rewriter, loc, op.getRhs(), transB ? rpermT : rperm);
    bool batched = !lb.empty();
    auto shape3 = [&](int64_t a, int64_t b) {
      return batched ? SmallVector<int64_t>{B, a, b} : SmallVector<int64_t>{a, b};
    };
    lhs = reshapeTensor(rewriter, loc, lhs,
                        RankedTensorType::get(transA ? shape3(K, M) : shape3(M, K), et));
    rhs = reshapeTensor(rewriter, loc, rhs,
                        RankedTensorType::get(transB ? shape3(N, K) : shape3(K, N), et));
    auto outType = RankedTensorType::get(shape3(M, N), et);
    Value zero = rewriter.create<arith::ConstantOp>(loc, et,
                                                    rewriter.getZeroAttr(et));
    Value acc = filledTensor(rewriter, loc, outType, zero);
    ValueRange ins{lhs, rhs};
    Operation *mm;
    if (batched)
      mm = transA ? rewriter.create<linalg::BatchMatmulTransposeAOp>(loc, TypeRange{outType}, ValueRange{lhs, rhs}, ValueRange{acc}).getOperation()
         : transB ? rewriter.create<linalg::BatchMatmulTransposeBOp>(loc, TypeRange{outType}, ValueRange{lhs, rhs}, ValueRange{acc}).getOperation()
                  : rewriter.create<linalg::BatchMatmulOp>(loc, TypeRange{outType}, ValueRange{lhs, rhs}, ValueRange{acc}).getOperation();
    else
      mm = transA ? rewriter.create<linalg::MatmulTransposeAOp>(loc, TypeRange{outType}, ValueRange{lhs, rhs}, ValueRange{acc}).getOperation()
         : transB ? rewriter.create<linalg::MatmulTransposeBOp>(loc, TypeRange{outType}, ValueRange{lhs, rhs}, ValueRange{acc}).getOperation()
                  : rewriter.create<linalg::MatmulOp>(loc, TypeRange{outType}, ValueRange{lhs, rhs}, ValueRange{acc}).getOperation();
    (void)ins;
    Value result = mm->getResult(0);
    rewriter.replaceOp(op, reshapeTensor(rewriter, loc, result, op.getType()));
    return success();
  }
};

} // namespace

void mlir::genc::populateGencReductionToLinalgPatterns(
    RewritePatternSet &patterns, bool widenHalfDots) {
  patterns.add<ReduceLowering>(patterns.getContext());
  patterns.add<DotGeneralLowering>(patterns.getContext(), widenHalfDots);
}

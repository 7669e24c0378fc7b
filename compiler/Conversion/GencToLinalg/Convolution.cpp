//===- Convolution.cpp - genc.convolution to linalg -----------------------===//
//
// The input is brought to [N, spatial..., C] and the kernel to
// [spatial..., Cin, Cout]; input dilation (transposed convolution) and
// padding become one pad. Ungrouped convolutions become im2col (a gather
// generic) + one linalg.matmul, which the CPU pipeline hands to BLAS;
// grouped ones a linalg.generic over (n, out spatial, group, out feature,
// kernel spatial, in feature). The result is transposed to the requested
// output layout.
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/GencToLinalg/GencToLinalg.h"

#include "dialects/genc/IR/GencDialect.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <map>
#include <tuple>

using namespace mlir;
using namespace mlir::genc;
using namespace mlir::genc::lowering;

namespace {

/// The sliding-window gather behind both im2col forms: from `input` laid
/// out [A, spatial..., Z], G[a, p..., q..., z] =
/// input[a, p_i * pStep_i + q_i * qStep_i, z]. When the last q steps by 1
/// (no dilation), (q_last, z) is one contiguous run of the input, so the
/// last spatial dimension is merged with Z and the innermost loop copies
/// runs of q_last*Z contiguous elements (vectorized loads and stores, not
/// gathers for a Z of 3).
static Value gatherWindows(PatternRewriter &rewriter, Location loc,
                           Value input, ArrayRef<int64_t> pSizes,
                           ArrayRef<int64_t> pSteps, ArrayRef<int64_t> qSizes,
                           ArrayRef<int64_t> qSteps) {
  auto inT = cast<RankedTensorType>(input.getType());
  Type et = inT.getElementType();
  int64_t s = pSizes.size(), z = inT.getDimSize(s + 1);
  MLIRContext *ctx = rewriter.getContext();
  auto dim = [&](int64_t i) { return rewriter.getAffineDimExpr(i); };
  SmallVector<int64_t> shape{inT.getDimSize(0)};
  llvm::append_range(shape, pSizes);
  llvm::append_range(shape, qSizes);
  shape.push_back(z);
  auto resultType = RankedTensorType::get(shape, et);
  bool merge = qSteps[s - 1] == 1;
  SmallVector<int64_t> loopShape(shape);
  Value source = input;
  if (merge) {
    // input [A, sp..., W*Z]; loops a, p[0..s), q[0..s-1), j < q_last*Z.
    SmallVector<int64_t> inShape(inT.getShape().drop_back(2));
    inShape.push_back(inT.getDimSize(s) * z);
    source = reshapeTensor(rewriter, loc, input,
                           RankedTensorType::get(inShape, et));
    loopShape.pop_back();
    loopShape.back() *= z;
  }
  int64_t numLoops = loopShape.size();
  SmallVector<AffineExpr> exprs{dim(0)};
  for (int64_t i = 0; i < s; ++i) {
    if (merge && i == s - 1)
      exprs.push_back(dim(1 + i) * (pSteps[i] * z) + dim(numLoops - 1));
    else
      exprs.push_back(dim(1 + i) * pSteps[i] + dim(1 + s + i) * qSteps[i]);
  }
  if (!merge)
    exprs.push_back(dim(numLoops - 1));
  SmallVector<AffineMap> maps{AffineMap::get(numLoops, 0, exprs, ctx),
                              rewriter.getMultiDimIdentityMap(numLoops)};
  auto loopType = RankedTensorType::get(loopShape, et);
  Value g = rewriter
                .create<linalg::GenericOp>(
                    loc, loopType, ValueRange{source},
                    ValueRange{emptyTensor(rewriter, loc, loopType)}, maps,
                    SmallVector<utils::IteratorType>(
                        numLoops, utils::IteratorType::parallel),
                    [](OpBuilder &b, Location l, ValueRange args) {
                      b.create<linalg::YieldOp>(l, args[0]);
                    })
                .getResult(0);
  return merge ? reshapeTensor(rewriter, loc, g, resultType) : g;
}

/// A convolution whose input is laid out [feature, spatial..., batch] — the
/// kernel gradient of an NHWC convolution, where the roles are swapped: the
/// conv's batch is the forward's input channels and its feature the
/// forward's batch. Gathering Q[ci, k..., o..., b] = in[ci, o*s + k*r, b]
/// reads the input in its own layout (contiguous in b) and is the same
/// gather as the forward convolution's im2col, which CSE then shares; the
/// result is one sgemm with a transposed operand:
/// out[(o, b), co] = sum_{(ci, k)} Q[(ci, k), (o, b)] * w[(ci, k), co].
/// Returns null where the layout does not apply.
static Value lowerFeatureMajor(ConvolutionOp op, ConvolutionOp::Geometry &g,
                               PatternRewriter &rewriter) {
  int64_t s = g.numSpatial;
  if (op.getFeatureGroupCount() != 1 || g.inFeature != 0 || g.inBatch != s + 1)
    return nullptr;
  for (int64_t i = 0; i < s; ++i)
    if (g.inSpatial[i] != 1 + i || g.lhsDilation[i] != 1)
      return nullptr;
  Location loc = op.getLoc();
  Type et = op.getType().getElementType();
  auto outType = op.getType();
  Value zero =
      rewriter.create<arith::ConstantOp>(loc, et, rewriter.getZeroAttr(et));
  SmallVector<int64_t> low{0}, high{0}, interior(s + 2, 0);
  for (int64_t i = 0; i < s; ++i) {
    low.push_back(g.padLow[i]);
    high.push_back(g.padHigh[i]);
  }
  low.push_back(0);
  high.push_back(0);
  Value input = padTensor(rewriter, loc, op.getLhs(), zero, low, high, interior);
  auto inT = cast<RankedTensorType>(input.getType());
  auto kT = cast<RankedTensorType>(op.getRhs().getType());
  int64_t cin = inT.getDimSize(0), batch = inT.getDimSize(s + 1);
  int64_t cout = outType.getDimSize(g.outFeature);
  // Q[ci, k..., o..., b]: windows over k (step r) and o (step s).
  SmallVector<int64_t> kSizes, oSizes;
  for (int64_t i = 0; i < s; ++i) {
    kSizes.push_back(kT.getDimSize(g.kSpatial[i]));
    oSizes.push_back(outType.getDimSize(g.outSpatial[i]));
  }
  Value q = gatherWindows(rewriter, loc, input, kSizes, g.rhsDilation, oSizes,
                          g.strides);
  SmallVector<int64_t> qShape{cin};
  llvm::append_range(qShape, kSizes);
  llvm::append_range(qShape, oSizes);
  qShape.push_back(batch);
  int64_t depth = cin, cols = batch;
  for (int64_t i = 0; i < s; ++i) {
    depth *= qShape[1 + i];
    cols *= qShape[1 + s + i];
  }
  Value lhs =
      reshapeTensor(rewriter, loc, q, RankedTensorType::get({depth, cols}, et));
  // Kernel as [ci, k..., co] rows.
  SmallVector<int64_t> kPerm{g.kIn};
  llvm::append_range(kPerm, g.kSpatial);
  kPerm.push_back(g.kOut);
  Value kernel = transposeTensor(rewriter, loc, op.getRhs(), kPerm);
  Value rhs = reshapeTensor(rewriter, loc, kernel,
                            RankedTensorType::get({depth, cout}, et));
  auto mmType = RankedTensorType::get({cols, cout}, et);
  Value acc = filledTensor(rewriter, loc, mmType, zero);
  Value mm = rewriter
                 .create<linalg::MatmulTransposeAOp>(
                     loc, TypeRange{mmType}, ValueRange{lhs, rhs},
                     ValueRange{acc})
                 .getResult(0);
  // [o..., b, co] -> the requested layout.
  SmallVector<int64_t> resShape(qShape.begin() + 1 + s, qShape.end());
  resShape.push_back(cout);
  Value res =
      reshapeTensor(rewriter, loc, mm, RankedTensorType::get(resShape, et));
  SmallVector<int64_t> outPerm(s + 2);
  for (int64_t i = 0; i < s; ++i)
    outPerm[g.outSpatial[i]] = i;
  outPerm[g.outBatch] = s;
  outPerm[g.outFeature] = s + 1;
  return transposeTensor(rewriter, loc, res, outPerm);
}

struct ConvolutionLowering : public OpRewritePattern<ConvolutionOp> {
  using OpRewritePattern::OpRewritePattern;
  // f16/bf16 contractions rewrite into an f32 clone of the same op.
  void initialize() { setHasBoundedRewriteRecursion(); }
  LogicalResult matchAndRewrite(ConvolutionOp op,
                                PatternRewriter &rewriter) const override {
    if (Value wide = widenHalfContraction(rewriter, op)) {
      rewriter.replaceOp(op, wide);
      return success();
    }
    FailureOr<ConvolutionOp::Geometry> geo = op.getGeometry();
    if (failed(geo))
      return rewriter.notifyMatchFailure(op, "invalid geometry");
    ConvolutionOp::Geometry &g = *geo;
    if (Value r = lowerFeatureMajor(op, g, rewriter)) {
      rewriter.replaceOp(op, r);
      return success();
    }
    Location loc = op.getLoc();
    int64_t s = g.numSpatial;
    Type et = op.getType().getElementType();
    MLIRContext *ctx = rewriter.getContext();

    // Input: [N, spatial..., C], dilated and padded.
    SmallVector<int64_t> inPerm{g.inBatch};
    llvm::append_range(inPerm, g.inSpatial);
    inPerm.push_back(g.inFeature);
    Value input = transposeTensor(rewriter, loc, op.getLhs(), inPerm);
    SmallVector<int64_t> low{0}, high{0}, interior{0};
    for (int64_t i = 0; i < s; ++i) {
      low.push_back(g.padLow[i]);
      high.push_back(g.padHigh[i]);
      interior.push_back(g.lhsDilation[i] - 1);
    }
    low.push_back(0);
    high.push_back(0);
    interior.push_back(0);
    Value zero =
        rewriter.create<arith::ConstantOp>(loc, et, rewriter.getZeroAttr(et));
    input = padTensor(rewriter, loc, input, zero, low, high, interior);

    // Kernel: [spatial..., Cin/groups, Cout].
    SmallVector<int64_t> kPerm(g.kSpatial);
    kPerm.push_back(g.kIn);
    kPerm.push_back(g.kOut);
    Value kernel = transposeTensor(rewriter, loc, op.getRhs(), kPerm);

    auto outType = op.getType();
    SmallVector<int64_t> outShape{outType.getDimSize(g.outBatch)};
    for (int64_t d : g.outSpatial)
      outShape.push_back(outType.getDimSize(d));
    int64_t cout = outType.getDimSize(g.outFeature);
    outShape.push_back(cout);
    auto nhwcType = RankedTensorType::get(outShape, et);
    int64_t groups = op.getFeatureGroupCount();

    Value result;
    if (groups == 1) {
      // im2col: gather every output position's receptive field into a row
      // of a [N*out..., k...*Cin] matrix, then one matmul with the kernel as
      // [k...*Cin, Cout] (a BLAS call on CPU), as XLA and oneDNN do for
      // small channel counts.
      auto inT = cast<RankedTensorType>(input.getType());
      int64_t cin = inT.getDimSize(s + 1);
      auto kT = cast<RankedTensorType>(kernel.getType());
      SmallVector<int64_t> oSizes(outShape.begin() + 1, outShape.end() - 1);
      SmallVector<int64_t> kSizes(kT.getShape().take_front(s));
      SmallVector<int64_t> patchShape{outShape[0]};
      llvm::append_range(patchShape, oSizes);
      llvm::append_range(patchShape, kSizes);
      patchShape.push_back(cin);
      Value patches = gatherWindows(rewriter, loc, input, oSizes, g.strides,
                                    kSizes, g.rhsDilation);
      int64_t rows = 1, depth = cin;
      for (int64_t i = 0; i <= s; ++i)
        rows *= patchShape[i];
      for (int64_t i = 0; i < s; ++i)
        depth *= kT.getDimSize(i);
      Value lhs = reshapeTensor(rewriter, loc, patches,
                                RankedTensorType::get({rows, depth}, et));
      Value rhs = reshapeTensor(rewriter, loc, kernel,
                                RankedTensorType::get({depth, cout}, et));
      auto mmType = RankedTensorType::get({rows, cout}, et);
      Value acc = filledTensor(rewriter, loc, mmType, zero);
      Value mm = rewriter
                     .create<linalg::MatmulOp>(loc, TypeRange{mmType},
                                               ValueRange{lhs, rhs},
                                               ValueRange{acc})
                     .getResult(0);
      result = reshapeTensor(rewriter, loc, mm, nhwcType);
    } else {
      // Split features into groups: input [N, sp..., G, Cg], kernel
      // [k..., Cg, G, Og], output [N, o..., G, Og].
      auto inT = cast<RankedTensorType>(input.getType());
      auto kT = cast<RankedTensorType>(kernel.getType());
      int64_t cin = inT.getDimSize(s + 1), cg = cin / groups,
              og = cout / groups;
      SmallVector<int64_t> inShape(inT.getShape().drop_back());
      inShape.append({groups, cg});
      SmallVector<int64_t> kShape(kT.getShape().take_front(s));
      kShape.append({cg, groups, og});
      SmallVector<int64_t> gOutShape(outShape.begin(), outShape.end() - 1);
      gOutShape.append({groups, og});
      input = reshapeTensor(rewriter, loc, input,
                            RankedTensorType::get(inShape, et));
      kernel = reshapeTensor(rewriter, loc, kernel,
                             RankedTensorType::get(kShape, et));
      auto gOutType = RankedTensorType::get(gOutShape, et);
      // Loops: n, o[0..s), g, fo, k[0..s), c.
      int64_t numLoops = 2 * s + 4;
      auto dim = [&](int64_t i) { return rewriter.getAffineDimExpr(i); };
      int64_t nL = 0, oL = 1, gL = s + 1, foL = s + 2, kL = s + 3,
              cL = 2 * s + 3;
      SmallVector<AffineExpr> inExprs{dim(nL)}, kExprs, outExprs{dim(nL)};
      for (int64_t i = 0; i < s; ++i) {
        inExprs.push_back(dim(oL + i) * g.strides[i] +
                          dim(kL + i) * g.rhsDilation[i]);
        kExprs.push_back(dim(kL + i));
        outExprs.push_back(dim(oL + i));
      }
      inExprs.append({dim(gL), dim(cL)});
      kExprs.append({dim(cL), dim(gL), dim(foL)});
      outExprs.append({dim(gL), dim(foL)});
      SmallVector<AffineMap> maps{
          AffineMap::get(numLoops, 0, inExprs, ctx),
          AffineMap::get(numLoops, 0, kExprs, ctx),
          AffineMap::get(numLoops, 0, outExprs, ctx)};
      SmallVector<utils::IteratorType> iters(numLoops,
                                             utils::IteratorType::parallel);
      for (int64_t i = kL; i < numLoops; ++i)
        iters[i] = utils::IteratorType::reduction;
      Value acc = filledTensor(rewriter, loc, gOutType, zero);
      auto generic = rewriter.create<linalg::GenericOp>(
          loc, gOutType, ValueRange{input, kernel}, ValueRange{acc}, maps,
          iters, [](OpBuilder &b, Location l, ValueRange args) {
            Value p = b.create<arith::MulFOp>(l, args[0], args[1]);
            b.create<linalg::YieldOp>(
                l, ValueRange{b.create<arith::AddFOp>(l, args[2], p)});
          });
      result = reshapeTensor(rewriter, loc, generic.getResult(0), nhwcType);
    }

    // [N, o..., Cout] -> requested layout.
    SmallVector<int64_t> outPerm(s + 2);
    outPerm[g.outBatch] = 0;
    for (int64_t i = 0; i < s; ++i)
      outPerm[g.outSpatial[i]] = 1 + i;
    outPerm[g.outFeature] = s + 1;
    rewriter.replaceOp(op, transposeTensor(rewriter, loc, result, outPerm));
    return success();
  }
};


/// One output phase p of an input-dilated (lhs_dilation d), stride-1
/// convolution along one spatial dimension: the outputs o = q*d + p (q <
/// count) meet only the kernel taps k = k0 + m*d (m < taps), and read input
/// position q + m + shift. From the pad below `lo`, the kernel size K and
/// the output size O.
struct Phase1D {
  int64_t k0, taps, shift, count;
};
static Phase1D inputDilationPhase(int64_t d, int64_t lo, int64_t K, int64_t O,
                                  int64_t p) {
  Phase1D ph;
  ph.k0 = ((lo - p) % d + d) % d;
  ph.taps = ph.k0 < K ? (K - ph.k0 + d - 1) / d : 0;
  ph.shift = (p + ph.k0 - lo) / d;
  ph.count = p < O ? (O - p + d - 1) / d : 0;
  return ph;
}

/// Every combination of phases (p_0, ..., p_{n-1}), p_i < dilations[i].
static SmallVector<SmallVector<int64_t>>
phaseTuples(ArrayRef<int64_t> dilations) {
  SmallVector<SmallVector<int64_t>> tuples{{}};
  for (int64_t d : dilations) {
    SmallVector<SmallVector<int64_t>> next;
    for (auto &t : tuples)
      for (int64_t p = 0; p < d; ++p) {
        next.push_back(t);
        next.back().push_back(p);
      }
    tuples = std::move(next);
  }
  return tuples;
}

/// The zero padding (below, above) an input of size L needs so that every
/// phase of one dimension reads in range: phase p reads input positions
/// [shift, shift + count + taps - 1).
static std::pair<int64_t, int64_t> phasePadding(int64_t d, int64_t lo,
                                                int64_t K, int64_t O,
                                                int64_t L) {
  int64_t below = 0, above = 0;
  for (int64_t p = 0; p < d; ++p) {
    Phase1D ph = inputDilationPhase(d, lo, K, O, p);
    if (ph.taps == 0 || ph.count == 0)
      continue;
    int64_t a = ph.shift, b = a + ph.count + ph.taps - 1;
    below = std::max(below, -a);
    above = std::max(above, b - L);
  }
  return {below, above};
}

/// Whether the input-dilated convolution geometry `g` suits the phase
/// lowerings: window stride 1 and no kernel dilation in every dimension
/// that `all` (or, without it, only the dilated ones) covers, and some
/// input dilation. Fails with the reason.
static LogicalResult checkInputDilated(ConvolutionOp op,
                                       const ConvolutionOp::Geometry &g,
                                       bool all, PatternRewriter &rewriter) {
  bool dilated = false;
  for (int64_t i = 0; i < g.numSpatial; ++i) {
    dilated |= g.lhsDilation[i] > 1;
    if ((all || g.lhsDilation[i] > 1) &&
        (g.strides[i] != 1 || g.rhsDilation[i] != 1))
      return rewriter.notifyMatchFailure(op, "strided or dilated kernel");
  }
  if (!dilated)
    return rewriter.notifyMatchFailure(op, "input not dilated");
  return success();
}

/// A convolution whose input is dilated (lhs_dilation d > 1: a transposed
/// convolution, e.g. the input gradient of a strided convolution) computes
/// mostly products with inserted zeros. Output positions o = q*d + p of one
/// phase p only meet kernel taps k = k0 + m*d, so each phase is a plain
/// (undilated, stride-1) convolution of the input with the sub-kernel
/// w[k0::d]; the d^s phase results are interleaved. The FLOPs drop by d^s
/// and no zero-stuffed input is materialized (as cuDNN and oneDNN do for
/// deconvolution). Applies to dimensions with window stride 1 and no
/// kernel dilation; others keep the direct lowering.
struct DecomposeDilatedInput : public OpRewritePattern<ConvolutionOp> {
  DecomposeDilatedInput(MLIRContext *ctx)
      : OpRewritePattern<ConvolutionOp>(ctx, /*benefit=*/2) {}

  LogicalResult matchAndRewrite(ConvolutionOp op,
                                PatternRewriter &rewriter) const override {
    FailureOr<ConvolutionOp::Geometry> geo = op.getGeometry();
    if (failed(geo))
      return failure();
    ConvolutionOp::Geometry &g = *geo;
    int64_t s = g.numSpatial;
    if (failed(checkInputDilated(op, g, /*all=*/false, rewriter)))
      return failure();
    SmallVector<int64_t> dims; // spatial dimensions to decompose
    for (int64_t i = 0; i < s; ++i)
      if (g.lhsDilation[i] > 1)
        dims.push_back(i);
    Location loc = op.getLoc();
    auto lhsT = cast<RankedTensorType>(op.getLhs().getType());
    auto rhsT = cast<RankedTensorType>(op.getRhs().getType());
    RankedTensorType outT = op.getType();
    Type et = outT.getElementType();
    Value zero = rewriter.create<ConstantOp>(
        loc, SplatElementsAttr::get(RankedTensorType::get({}, et),
                                    rewriter.getZeroAttr(et)));

    // Per decomposed dimension and phase p: out_p[q] = out[q*d + p] =
    // sum_m w[k0 + m*d] * x[q + m + shift].
    auto phaseOf = [&](int64_t i, int64_t p) {
      return inputDilationPhase(g.lhsDilation[i], g.padLow[i],
                                rhsT.getDimSize(g.kSpatial[i]),
                                outT.getDimSize(g.outSpatial[i]), p);
    };
    auto ceilDiv = [](int64_t a, int64_t b) { return (a + b - 1) / b; };

    // Every phase combination, as a convolution padded up to ceil(O/d).
    SmallVector<int64_t> dimDilations;
    for (int64_t i : dims)
      dimDilations.push_back(g.lhsDilation[i]);
    SmallVector<SmallVector<int64_t>> tuples = phaseTuples(dimDilations);
    std::map<SmallVector<int64_t>, Value> parts;
    bool anyEmpty = false;
    // Phase p of dimension i reads input positions [a, b) (negative or past
    // the end: zeros): a = shift, b = a + count + taps - 1. The input is
    // padded once for all phases; each phase takes a slice (a view).
    int64_t rank = lhsT.getRank();
    SmallVector<int64_t> padLo(rank, 0), padHi(rank, 0);
    for (int64_t i : dims)
      std::tie(padLo[g.inSpatial[i]], padHi[g.inSpatial[i]]) = phasePadding(
          g.lhsDilation[i], g.padLow[i], rhsT.getDimSize(g.kSpatial[i]),
          outT.getDimSize(g.outSpatial[i]), lhsT.getDimSize(g.inSpatial[i]));
    Value input = op.getLhs();
    if (llvm::any_of(padLo, [](int64_t v) { return v > 0; }) ||
        llvm::any_of(padHi, [](int64_t v) { return v > 0; })) {
      SmallVector<int64_t> shape(lhsT.getShape());
      for (int64_t d = 0; d < rank; ++d)
        shape[d] += padLo[d] + padHi[d];
      input = rewriter.create<PadOp>(loc, RankedTensorType::get(shape, et),
                                     input, zero, padLo, padHi,
                                     SmallVector<int64_t>(rank, 0));
    }
    auto inputT = cast<RankedTensorType>(input.getType());
    for (const SmallVector<int64_t> &tuple : tuples) {
      SmallVector<int64_t> lStart(rank, 0), lLimit(inputT.getShape()),
          lStep(rank, 1);
      SmallVector<int64_t> kStart(rhsT.getRank(), 0),
          kLimit(rhsT.getShape()), kStep(rhsT.getRank(), 1);
      SmallVector<int64_t> padding;
      for (int64_t i = 0; i < s; ++i)
        padding.append({g.padLow[i], g.padHigh[i]});
      SmallVector<int64_t> outShape(outT.getShape());
      bool empty = false;
      for (auto [n, i] : llvm::enumerate(dims)) {
        Phase1D ph = phaseOf(i, tuple[n]);
        int64_t a = ph.shift, b = a + ph.count + ph.taps - 1;
        empty |= ph.taps == 0 || ph.count == 0;
        lStart[g.inSpatial[i]] = a + padLo[g.inSpatial[i]];
        lLimit[g.inSpatial[i]] = b + padLo[g.inSpatial[i]];
        kStart[g.kSpatial[i]] = ph.k0;
        kStep[g.kSpatial[i]] = g.lhsDilation[i];
        padding[2 * i] = 0;
        padding[2 * i + 1] = 0;
        outShape[g.outSpatial[i]] = ph.count;
      }
      if (empty) {
        anyEmpty |= llvm::all_of(outShape, [](int64_t d) { return d > 0; });
        continue;
      }
      auto sliced = [&](Value v, RankedTensorType t, ArrayRef<int64_t> start,
                        ArrayRef<int64_t> limit,
                        ArrayRef<int64_t> step) -> Value {
        SmallVector<int64_t> shape;
        for (int64_t d = 0; d < t.getRank(); ++d)
          shape.push_back(ceilDiv(limit[d] - start[d], step[d]));
        if (ArrayRef<int64_t>(shape) == t.getShape())
          return v;
        return rewriter
            .create<SliceOp>(loc, RankedTensorType::get(shape, et), v, start,
                             limit, step)
            .getResult();
      };
      Value lhs = sliced(input, inputT, lStart, lLimit, lStep);
      Value rhs = sliced(op.getRhs(), rhsT, kStart, kLimit, kStep);
      auto conv = cast<ConvolutionOp>(rewriter.clone(*op));
      conv->setOperands({lhs, rhs});
      conv.setPaddingAttr(rewriter.getDenseI64ArrayAttr(padding));
      conv.setLhsDilationAttr(
          rewriter.getDenseI64ArrayAttr(SmallVector<int64_t>(s, 1)));
      conv.getResult().setType(RankedTensorType::get(outShape, et));
      parts[tuple] = conv;
    }

    // Interleave: phase (p...) fills out[.., p::d, ..] (a strided
    // insert_slice, written in place by bufferization). Phases without taps
    // leave the zeros of the initial fill.
    Value result = emptyTensor(rewriter, loc, outT);
    if (anyEmpty) {
      Value scalarZero = rewriter.create<arith::ConstantOp>(
          loc, et, rewriter.getZeroAttr(et));
      result = filledTensor(rewriter, loc, outT, scalarZero);
    }
    for (auto &[tuple, part] : parts) {
      int64_t r = outT.getRank();
      SmallVector<OpFoldResult> offsets(r, rewriter.getIndexAttr(0)),
          sizes, strides(r, rewriter.getIndexAttr(1));
      for (int64_t d : cast<RankedTensorType>(part.getType()).getShape())
        sizes.push_back(rewriter.getIndexAttr(d));
      for (auto [n, i] : llvm::enumerate(dims)) {
        offsets[g.outSpatial[i]] = rewriter.getIndexAttr(tuple[n]);
        strides[g.outSpatial[i]] = rewriter.getIndexAttr(g.lhsDilation[i]);
      }
      result = rewriter.create<tensor::InsertSliceOp>(loc, part, result,
                                                      offsets, sizes, strides);
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// A transposed convolution (lhs_dilation d > 1 in some spatial dimension,
/// window stride 1, no kernel dilation, no groups) by one GEMM and col2im,
/// as Caffe and PyTorch's CPU deconvolution do: P[n, i..., k..., co] =
/// sum_c x[n, i..., c] * w[k..., c, co] is one matmul of the undilated
/// input (no im2col gather) with the kernel as [Cin, K*Cout]; then output
/// phase p (positions o = q*d + p) is the sum over the taps that meet it,
/// out_p[n, q..., co] = sum_m P[n, q + m + shift, k0 + m*d, co], slices of
/// P (zero-padded so that every slice is in range), interleaved as the
/// phases of DecomposeDilatedInput. Against the phase decomposition this
/// is one well-shaped GEMM (N = K*Cout) instead of d^s skinny ones (N =
/// Cout, e.g. 3 for an image decoder's last layer) and no gathers. Used
/// for outputs of fewer than 16 channels where each output sums at most 8
/// taps (taps <= 8 * phases).
struct TransposedConvolutionByCol2Im : public OpRewritePattern<ConvolutionOp> {
  TransposedConvolutionByCol2Im(MLIRContext *ctx)
      : OpRewritePattern<ConvolutionOp>(ctx, /*benefit=*/3) {}

  LogicalResult matchAndRewrite(ConvolutionOp op,
                                PatternRewriter &rewriter) const override {
    FailureOr<ConvolutionOp::Geometry> geo = op.getGeometry();
    if (failed(geo))
      return failure();
    ConvolutionOp::Geometry &g = *geo;
    const int64_t s = g.numSpatial;
    if (op.getFeatureGroupCount() != 1)
      return rewriter.notifyMatchFailure(op, "grouped");
    if (failed(checkInputDilated(op, g, /*all=*/true, rewriter)))
      return failure();
    auto lhsT = cast<RankedTensorType>(op.getLhs().getType());
    auto rhsT = cast<RankedTensorType>(op.getRhs().getType());
    RankedTensorType outT = op.getType();
    Type et = outT.getElementType();
    if (!isa<FloatType>(et))
      return rewriter.notifyMatchFailure(op, "not a float convolution");
    Location loc = op.getLoc();
    auto permuted = [&](Value v, ArrayRef<int64_t> perm) -> Value {
      auto t = cast<RankedTensorType>(v.getType());
      bool identity = true;
      SmallVector<int64_t> shape;
      for (auto [i, p] : llvm::enumerate(perm)) {
        identity &= (int64_t)i == p;
        shape.push_back(t.getDimSize(p));
      }
      if (identity)
        return v;
      return rewriter.create<TransposeOp>(
          loc, RankedTensorType::get(shape, et), v,
          rewriter.getDenseI64ArrayAttr(perm));
    };

    // x as [N, I..., Cin], the kernel as [Cin, K..., Cout].
    SmallVector<int64_t> inPerm{g.inBatch};
    llvm::append_range(inPerm, g.inSpatial);
    inPerm.push_back(g.inFeature);
    Value x = permuted(op.getLhs(), inPerm);
    SmallVector<int64_t> kPerm{g.kIn};
    llvm::append_range(kPerm, g.kSpatial);
    kPerm.push_back(g.kOut);
    Value w = permuted(op.getRhs(), kPerm);
    int64_t n = lhsT.getDimSize(g.inBatch);
    int64_t cout = rhsT.getDimSize(g.kOut);
    SmallVector<int64_t> inSizes, kSizes, outSizes;
    int64_t taps = 1, phases = 1;
    for (int64_t i = 0; i < s; ++i) {
      inSizes.push_back(lhsT.getDimSize(g.inSpatial[i]));
      kSizes.push_back(rhsT.getDimSize(g.kSpatial[i]));
      outSizes.push_back(outT.getDimSize(g.outSpatial[i]));
      taps *= kSizes.back();
      phases *= g.lhsDilation[i];
    }
    // For a layer's kernel (a few taps per output) only: P holds every tap
    // of every input position, taps/phases values per output (4 for a 4x4
    // stride-2 layer). The kernel gradient of a transposed convolution is
    // also input-dilated, but its "kernel" is the output gradient (64 and
    // more taps, contracted over the batch alone; P would be 16x its
    // output and more): phases + im2col stay right for it.
    if (taps > 64 || taps > 8 * phases)
      return rewriter.notifyMatchFailure(op, "too many taps for col2im");
    // Only where the phase GEMMs would be skinny (N = Cout < 16, e.g. an
    // image decoder's 3-channel layer, at ~7 % of sgemm peak): for wider
    // outputs the phases' GEMMs (K = taps/phases * Cin) run as fast as
    // col2im's (K = Cin) and write no P, 4x the output for 4x4 stride 2
    // (measured on the VAE: col2im everywhere made the 64x64 step 14 %
    // slower, docs/PERFORMANCE.md).
    if (cout >= 16)
      return rewriter.notifyMatchFailure(op, "wide output: phases are faster");

    // Per dimension i and phase p: out[q*d + p] = sum_m P[q + m + shift,
    // k0 + m*d] for m < taps, q < count (d = 1: one phase, every tap).
    auto phaseOf = [&](int64_t i, int64_t p) {
      return inputDilationPhase(g.lhsDilation[i], g.padLow[i], kSizes[i],
                                outSizes[i], p);
    };
    // Input positions the phases read outside [0, I) hold zeros: x is
    // zero-padded before the matmul (a few border rows more in the GEMM,
    // instead of copying P into a padded buffer).
    int64_t rank = s + 2;
    SmallVector<int64_t> padLo(rank, 0), padHi(rank, 0);
    for (int64_t i = 0; i < s; ++i)
      std::tie(padLo[1 + i], padHi[1 + i]) =
          phasePadding(g.lhsDilation[i], g.padLow[i], kSizes[i], outSizes[i],
                       inSizes[i]);
    SmallVector<int64_t> xShape{n};
    bool needPad = false;
    for (int64_t i = 0; i < s; ++i) {
      xShape.push_back(inSizes[i] + padLo[1 + i] + padHi[1 + i]);
      needPad |= padLo[1 + i] > 0 || padHi[1 + i] > 0;
    }
    xShape.push_back(lhsT.getDimSize(g.inFeature));
    if (needPad) {
      Value zero = rewriter.create<ConstantOp>(
          loc, SplatElementsAttr::get(RankedTensorType::get({}, et),
                                      rewriter.getZeroAttr(et)));
      x = rewriter.create<PadOp>(loc, RankedTensorType::get(xShape, et), x,
                                 zero, padLo, padHi,
                                 SmallVector<int64_t>(rank, 0));
    }

    // P = x . w: [N, I'..., K..., Cout] (a matmul after lowering).
    SmallVector<int64_t> pShape(xShape.begin(), xShape.end() - 1);
    llvm::append_range(pShape, kSizes);
    pShape.push_back(cout);
    Value P = rewriter.create<DotGeneralOp>(
        loc, RankedTensorType::get(pShape, et), x, w, ArrayRef<int64_t>{},
        ArrayRef<int64_t>{}, ArrayRef<int64_t>{s + 1}, ArrayRef<int64_t>{0});

    // Every phase combination: the sum of its taps' slices of P.
    SmallVector<SmallVector<int64_t>> tuples = phaseTuples(g.lhsDilation);
    SmallVector<int64_t> nhwcShape{n};
    llvm::append_range(nhwcShape, outSizes);
    nhwcShape.push_back(cout);
    auto nhwcType = RankedTensorType::get(nhwcShape, et);
    // Phases without taps (but with outputs) stay zero: fill first.
    bool anyEmpty = false;
    for (const SmallVector<int64_t> &tuple : tuples) {
      bool noTaps = false, outputs = true;
      for (int64_t i = 0; i < s; ++i) {
        Phase1D q = phaseOf(i, tuple[i]);
        noTaps |= q.taps == 0;
        outputs &= q.count > 0;
      }
      anyEmpty |= noTaps && outputs;
    }
    Value scalarZero =
        rewriter.create<arith::ConstantOp>(loc, et, rewriter.getZeroAttr(et));
    Value result = anyEmpty ? filledTensor(rewriter, loc, nhwcType, scalarZero)
                            : emptyTensor(rewriter, loc, nhwcType);
    for (const SmallVector<int64_t> &tuple : tuples) {
      SmallVector<Phase1D> ph;
      bool empty = false;
      for (int64_t i = 0; i < s; ++i) {
        ph.push_back(phaseOf(i, tuple[i]));
        empty |= ph.back().taps == 0 || ph.back().count == 0;
      }
      if (empty)
        continue;
      SmallVector<int64_t> partShape{n};
      for (const Phase1D &q : ph)
        partShape.push_back(q.count);
      partShape.push_back(cout);
      auto partType = RankedTensorType::get(partShape, et);
      // One parallel generic per phase over (n, q..., co): one input per
      // tap, summed in the body and written once into the phase's strided
      // view of the result (no fill, no read-back).
      MLIRContext *ctx = rewriter.getContext();
      int64_t numLoops = s + 2;
      auto dim = [&](int64_t i) { return rewriter.getAffineDimExpr(i); };
      // Each tap's slice of P, [N, count..., 1..., Cout] (a view), read at
      // (n, q..., 0..., co).
      SmallVector<Value> ins;
      SmallVector<AffineMap> maps;
      SmallVector<AffineExpr> tapExprs{dim(0)};
      for (int64_t i = 0; i < s; ++i)
        tapExprs.push_back(dim(1 + i));
      for (int64_t i = 0; i < s; ++i)
        tapExprs.push_back(rewriter.getAffineConstantExpr(0));
      tapExprs.push_back(dim(numLoops - 1));
      auto pT = cast<RankedTensorType>(P.getType());
      SmallVector<int64_t> m(s, 0); // the tap of each dimension
      for (;;) {
        SmallVector<OpFoldResult> off(pT.getRank(), rewriter.getIndexAttr(0)),
            len, one(pT.getRank(), rewriter.getIndexAttr(1));
        SmallVector<int64_t> sliceShape{n};
        len.push_back(rewriter.getIndexAttr(n));
        for (int64_t i = 0; i < s; ++i) {
          off[1 + i] = rewriter.getIndexAttr(ph[i].shift + m[i] + padLo[1 + i]);
          len.push_back(rewriter.getIndexAttr(ph[i].count));
          sliceShape.push_back(ph[i].count);
        }
        for (int64_t i = 0; i < s; ++i) {
          off[1 + s + i] =
              rewriter.getIndexAttr(ph[i].k0 + m[i] * g.lhsDilation[i]);
          len.push_back(rewriter.getIndexAttr(1));
          sliceShape.push_back(1);
        }
        len.push_back(rewriter.getIndexAttr(cout));
        sliceShape.push_back(cout);
        ins.push_back(rewriter.create<tensor::ExtractSliceOp>(
            loc, RankedTensorType::get(sliceShape, et), P, off, len, one));
        maps.push_back(AffineMap::get(numLoops, 0, tapExprs, ctx));
        int64_t i = s - 1; // next tap tuple (odometer)
        while (i >= 0 && ++m[i] == ph[i].taps)
          m[i--] = 0;
        if (i < 0)
          break;
      }
      size_t numTaps = maps.size();
      maps.push_back(AffineMap::getMultiDimIdentityMap(numLoops, ctx));
      // Destination: the phase's strided view of the result.
      int64_t r = nhwcType.getRank();
      SmallVector<OpFoldResult> offsets(r, rewriter.getIndexAttr(0)), sizes,
          strides(r, rewriter.getIndexAttr(1));
      for (int64_t d : partShape)
        sizes.push_back(rewriter.getIndexAttr(d));
      for (int64_t i = 0; i < s; ++i) {
        offsets[1 + i] = rewriter.getIndexAttr(tuple[i]);
        strides[1 + i] = rewriter.getIndexAttr(g.lhsDilation[i]);
      }
      Value view = rewriter.create<tensor::ExtractSliceOp>(
          loc, partType, result, offsets, sizes, strides);
      SmallVector<utils::IteratorType> iters(numLoops,
                                             utils::IteratorType::parallel);
      Value sum = rewriter
                      .create<linalg::GenericOp>(
                          loc, partType, ins, ValueRange{view}, maps, iters,
                          [&](OpBuilder &b, Location l, ValueRange args) {
                            Value acc = args[0];
                            for (size_t t = 1; t < numTaps; ++t)
                              acc = b.create<arith::AddFOp>(l, acc, args[t]);
                            b.create<linalg::YieldOp>(l, ValueRange{acc});
                          })
                      .getResult(0);
      result = rewriter.create<tensor::InsertSliceOp>(loc, sum, result,
                                                      offsets, sizes, strides);
    }

    // [N, O..., Cout] -> the requested layout.
    SmallVector<int64_t> outPerm(s + 2);
    outPerm[g.outBatch] = 0;
    for (int64_t i = 0; i < s; ++i)
      outPerm[g.outSpatial[i]] = 1 + i;
    outPerm[g.outFeature] = s + 1;
    rewriter.replaceOp(op, permuted(result, outPerm));
    return success();
  }
};

} // namespace

void mlir::genc::populateGencConvolutionToLinalgPatterns(
    RewritePatternSet &patterns) {
  patterns.add<TransposedConvolutionByCol2Im>(patterns.getContext());
  patterns.add<DecomposeDilatedInput>(patterns.getContext());
  patterns.add<ConvolutionLowering>(patterns.getContext());
}

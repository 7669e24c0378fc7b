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

using namespace mlir;
using namespace mlir::genc;
using namespace mlir::genc::lowering;

namespace {

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
      SmallVector<int64_t> patchShape{outShape[0]};
      for (int64_t i = 0; i < s; ++i)
        patchShape.push_back(outShape[1 + i]);
      auto kT = cast<RankedTensorType>(kernel.getType());
      for (int64_t i = 0; i < s; ++i)
        patchShape.push_back(kT.getDimSize(i));
      patchShape.push_back(cin);
      // Loops: n, o[0..s), k[0..s), c — all parallel (a pure gather).
      int64_t numLoops = 2 * s + 2;
      auto dim = [&](int64_t i) { return rewriter.getAffineDimExpr(i); };
      SmallVector<AffineExpr> inExprs{dim(0)};
      for (int64_t i = 0; i < s; ++i)
        inExprs.push_back(dim(1 + i) * g.strides[i] +
                          dim(1 + s + i) * g.rhsDilation[i]);
      inExprs.push_back(dim(2 * s + 1));
      SmallVector<AffineMap> maps{
          AffineMap::get(numLoops, 0, inExprs, ctx),
          rewriter.getMultiDimIdentityMap(numLoops)};
      auto patchType = RankedTensorType::get(patchShape, et);
      auto patches = rewriter.create<linalg::GenericOp>(
          loc, patchType, ValueRange{input},
          ValueRange{emptyTensor(rewriter, loc, patchType)}, maps,
          SmallVector<utils::IteratorType>(numLoops,
                                           utils::IteratorType::parallel),
          [](OpBuilder &b, Location l, ValueRange args) {
            b.create<linalg::YieldOp>(l, args[0]);
          });
      int64_t rows = 1, depth = cin;
      for (int64_t i = 0; i <= s; ++i)
        rows *= patchShape[i];
      for (int64_t i = 0; i < s; ++i)
        depth *= kT.getDimSize(i);
      Value lhs = reshapeTensor(rewriter, loc, patches.getResult(0),
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

} // namespace

void mlir::genc::populateGencConvolutionToLinalgPatterns(
    RewritePatternSet &patterns) {
  patterns.add<ConvolutionLowering>(patterns.getContext());
}

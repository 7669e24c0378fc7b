//===- GencOps.cpp - genc op verifiers, folders and builders --------------===//
//
// Verification follows each op's description in GencOps.td; diagnostics
// name the attribute or operand at fault and the sizes that disagree.
//
//===----------------------------------------------------------------------===//

#include "dialects/genc/IR/GencDialect.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallSet.h"

using namespace mlir;
using namespace mlir::genc;

static RankedTensorType tensorType(Value v) {
  return cast<RankedTensorType>(v.getType());
}

/// Formats a shape like 2x3 for diagnostics (scalar: "scalar").
static std::string shapeStr(ArrayRef<int64_t> shape) {
  if (shape.empty())
    return "scalar";
  std::string s;
  llvm::raw_string_ostream os(s);
  llvm::interleave(shape, os, "x");
  return os.str();
}

/// Checks that `dims` are distinct and within [0, rank).
static LogicalResult verifyDimList(Operation *op, StringRef what,
                                   ArrayRef<int64_t> dims, int64_t rank) {
  llvm::SmallSet<int64_t, 8> seen;
  for (int64_t d : dims) {
    if (d < 0 || d >= rank)
      return op->emitOpError() << what << " " << d
                               << " is out of range for rank " << rank;
    if (!seen.insert(d).second)
      return op->emitOpError() << what << " " << d << " appears twice";
  }
  return success();
}

//===----------------------------------------------------------------------===//
// ConstantOp
//===----------------------------------------------------------------------===//

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }

//===----------------------------------------------------------------------===//
// IotaOp
//===----------------------------------------------------------------------===//

LogicalResult IotaOp::verify() {
  int64_t rank = getType().getRank();
  if (rank == 0)
    return emitOpError("result must have rank at least 1");
  int64_t dim = static_cast<int64_t>(getIotaDimension());
  if (dim < 0 || dim >= rank)
    return emitOpError() << "iota dimension " << dim
                         << " is out of range for rank " << rank;
  return success();
}

//===----------------------------------------------------------------------===//
// RngBitGeneratorOp
//===----------------------------------------------------------------------===//

LogicalResult RngBitGeneratorOp::verify() {
  auto check = [&](Value v, StringRef name) -> LogicalResult {
    auto t = dyn_cast<RankedTensorType>(v.getType());
    if (!t || t.getShape() != ArrayRef<int64_t>{2})
      return emitOpError() << name << " must be tensor<2xi32>, got "
                           << v.getType();
    return success();
  };
  if (failed(check(getInitialState(), "initial state")) ||
      failed(check(getOutputState(), "output state")))
    return failure();
  if (!isa<RankedTensorType>(getOutput().getType()))
    return emitOpError("output must be a ranked tensor");
  return success();
}

//===----------------------------------------------------------------------===//
// Elementwise folders
//===----------------------------------------------------------------------===//

/// True if `attr` is a splat of integer zero, or of a float zero with the
/// given sign. x + (-0.0) and x - (+0.0) are identities for every float x;
/// x + (+0.0) is not (it turns -0.0 into +0.0).
static bool isZeroSplat(Attribute attr, bool negativeFloatZero) {
  auto splat = dyn_cast_or_null<SplatElementsAttr>(attr);
  if (!splat)
    return false;
  if (isa<FloatType>(splat.getElementType())) {
    APFloat v = splat.getSplatValue<APFloat>();
    return v.isZero() && v.isNegative() == negativeFloatZero;
  }
  return splat.getSplatValue<APInt>().isZero();
}
static bool isAdditiveIdentity(Attribute attr) { return isZeroSplat(attr, true); }
static bool isSubtractiveIdentity(Attribute attr) {
  return isZeroSplat(attr, false);
}

static bool isOneSplat(Attribute attr) {
  auto splat = dyn_cast_or_null<SplatElementsAttr>(attr);
  if (!splat)
    return false;
  Type et = splat.getElementType();
  if (auto ft = dyn_cast<FloatType>(et))
    return splat.getSplatValue<APFloat>().compare(APFloat(1.0)) ==
               APFloat::cmpEqual ||
           splat.getSplatValue<APFloat>().convertToDouble() == 1.0;
  return splat.getSplatValue<APInt>().isOne();
}

/// Folds a binary op of two dense constants elementwise.
template <typename FloatFn, typename IntFn>
static Attribute foldBinaryConstants(Attribute lhs, Attribute rhs, Type type,
                                     FloatFn floatFn, IntFn intFn) {
  auto l = dyn_cast_or_null<DenseElementsAttr>(lhs);
  auto r = dyn_cast_or_null<DenseElementsAttr>(rhs);
  if (!l || !r)
    return {};
  auto shaped = cast<ShapedType>(type);
  // Avoid blowing up big constants during folding.
  if (shaped.getNumElements() > 1024 && !(l.isSplat() && r.isSplat()))
    return {};
  Type et = shaped.getElementType();
  if (isa<FloatType>(et)) {
    if (l.isSplat() && r.isSplat())
      return DenseElementsAttr::get(
          shaped, floatFn(l.getSplatValue<APFloat>(), r.getSplatValue<APFloat>()));
    SmallVector<APFloat> out;
    for (auto [a, b] :
         llvm::zip(l.getValues<APFloat>(), r.getValues<APFloat>()))
      out.push_back(floatFn(a, b));
    return DenseElementsAttr::get(shaped, out);
  }
  if (et.isInteger(1))
    return {};
  if (l.isSplat() && r.isSplat())
    return DenseElementsAttr::get(
        shaped, intFn(l.getSplatValue<APInt>(), r.getSplatValue<APInt>()));
  SmallVector<APInt> out;
  for (auto [a, b] : llvm::zip(l.getValues<APInt>(), r.getValues<APInt>()))
    out.push_back(intFn(a, b));
  return DenseElementsAttr::get(shaped, out);
}

OpFoldResult AddOp::fold(FoldAdaptor adaptor) {
  if (isAdditiveIdentity(adaptor.getRhs()))
    return getLhs();
  if (isAdditiveIdentity(adaptor.getLhs()))
    return getRhs();
  return foldBinaryConstants(
      adaptor.getLhs(), adaptor.getRhs(), getType(),
      [](APFloat a, const APFloat &b) {
        a.add(b, APFloat::rmNearestTiesToEven);
        return a;
      },
      [](const APInt &a, const APInt &b) { return a + b; });
}

namespace {
/// x + scatter_add(0, idx, upd) -> scatter_add(x, idx, upd), and likewise
/// for a chain scatter_add(scatter_add(0, i, u), j, v) (each scatter used
/// once). The adjoint of a gather inside a loop (a row of a weight read per
/// iteration) is a scatter into zeros added to the loop-carried gradient;
/// accumulating into the gradient directly makes each iteration O(|upd|)
/// instead of a dense add of the whole weight, and lets bufferization
/// update it in place. Two gathers of the same weight give the sum of two
/// such scatters, which becomes a chain first (s1 + s2 -> scatter s1's
/// updates into s2), then accumulates. Exact up to the sign of zero
/// results and the order of the additions into one element.
struct AccumulateIntoScatterAdd : public OpRewritePattern<AddOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(AddOp op, PatternRewriter &rewriter) const override {
    for (int side = 0; side < 2; ++side) {
      Value scattered = side == 0 ? op.getRhs() : op.getLhs();
      Value other = side == 0 ? op.getLhs() : op.getRhs();
      if (other.getType() != op.getType())
        continue;
      // The chain, outermost first, down to a zero base.
      SmallVector<ScatterAddOp> chain;
      Value v = scattered;
      while (auto scatter = v.getDefiningOp<ScatterAddOp>()) {
        if (!scatter->hasOneUse() || scatter.getType() != op.getType())
          break;
        chain.push_back(scatter);
        v = scatter.getOperand();
      }
      Attribute base;
      // Either zero: the results differ at most in the sign of a zero (as
      // x + (+0) turns -0 into +0), which gradients do not care about.
      if (chain.empty() || !matchPattern(v, m_Constant(&base)) ||
          !(isZeroSplat(base, false) || isZeroSplat(base, true)))
        continue;
      Value acc = other;
      for (ScatterAddOp scatter : llvm::reverse(chain))
        acc = rewriter.create<ScatterAddOp>(scatter.getLoc(), op.getType(), acc,
                                            scatter.getIndices(), scatter.getUpdates(),
                                            scatter.getAxisAttr());
      rewriter.replaceOp(op, acc);
      return success();
    }
    return failure();
  }
};
} // namespace

void AddOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                        MLIRContext *context) {
  results.add<AccumulateIntoScatterAdd>(context);
}

OpFoldResult SubOp::fold(FoldAdaptor adaptor) {
  if (isSubtractiveIdentity(adaptor.getRhs()))
    return getLhs();
  return foldBinaryConstants(
      adaptor.getLhs(), adaptor.getRhs(), getType(),
      [](APFloat a, const APFloat &b) {
        a.subtract(b, APFloat::rmNearestTiesToEven);
        return a;
      },
      [](const APInt &a, const APInt &b) { return a - b; });
}

OpFoldResult MulOp::fold(FoldAdaptor adaptor) {
  if (isOneSplat(adaptor.getRhs()))
    return getLhs();
  if (isOneSplat(adaptor.getLhs()))
    return getRhs();
  return foldBinaryConstants(
      adaptor.getLhs(), adaptor.getRhs(), getType(),
      [](APFloat a, const APFloat &b) {
        a.multiply(b, APFloat::rmNearestTiesToEven);
        return a;
      },
      [](const APInt &a, const APInt &b) { return a * b; });
}

OpFoldResult NegOp::fold(FoldAdaptor adaptor) {
  // neg(neg(x)) -> x
  if (auto inner = getOperand().getDefiningOp<NegOp>())
    return inner.getOperand();
  return {};
}

OpFoldResult ConvertOp::fold(FoldAdaptor) {
  if (getOperand().getType() == getType())
    return getOperand();
  return {};
}

//===----------------------------------------------------------------------===//
// BroadcastInDimOp
//===----------------------------------------------------------------------===//

LogicalResult BroadcastInDimOp::verify() {
  auto in = tensorType(getOperand());
  auto out = getType();
  ArrayRef<int64_t> dims = getBroadcastDimensions();
  if ((int64_t)dims.size() != in.getRank())
    return emitOpError() << "broadcast_dimensions has " << dims.size()
                         << " entries but the operand has rank "
                         << in.getRank();
  if (failed(verifyDimList(*this, "broadcast dimension", dims, out.getRank())))
    return failure();
  for (auto [i, d] : llvm::enumerate(dims)) {
    int64_t inSize = in.getDimSize(i), outSize = out.getDimSize(d);
    if (inSize != 1 && inSize != outSize)
      return emitOpError() << "operand dimension " << i << " of size "
                           << inSize << " cannot broadcast to result dimension "
                           << d << " of size " << outSize;
  }
  return success();
}

OpFoldResult BroadcastInDimOp::fold(FoldAdaptor adaptor) {
  auto in = tensorType(getOperand());
  if (in == getType() && llvm::equal(getBroadcastDimensions(),
                                     llvm::seq<int64_t>(0, in.getRank())))
    return getOperand();
  if (auto splat = dyn_cast_or_null<SplatElementsAttr>(adaptor.getOperand()))
    return SplatElementsAttr::get(getType(), splat.getSplatValue<Attribute>());
  return {};
}

//===----------------------------------------------------------------------===//
// ReshapeOp
//===----------------------------------------------------------------------===//

LogicalResult ReshapeOp::verify() {
  auto in = tensorType(getOperand());
  if (in.getNumElements() != getType().getNumElements())
    return emitOpError() << "cannot reshape " << shapeStr(in.getShape())
                         << " (" << in.getNumElements() << " elements) to "
                         << shapeStr(getType().getShape()) << " ("
                         << getType().getNumElements() << " elements)";
  return success();
}

OpFoldResult ReshapeOp::fold(FoldAdaptor adaptor) {
  if (getOperand().getType() == getType())
    return getOperand();
  // reshape(reshape(x)) -> reshape(x)
  if (auto inner = getOperand().getDefiningOp<ReshapeOp>()) {
    getOperandMutable().assign(inner.getOperand());
    return getResult();
  }
  if (auto dense = dyn_cast_or_null<DenseElementsAttr>(adaptor.getOperand()))
    return dense.reshape(getType());
  return {};
}

//===----------------------------------------------------------------------===//
// TransposeOp
//===----------------------------------------------------------------------===//

LogicalResult TransposeOp::verify() {
  auto in = tensorType(getOperand());
  ArrayRef<int64_t> perm = getPermutation();
  if ((int64_t)perm.size() != in.getRank())
    return emitOpError() << "permutation has " << perm.size()
                         << " entries but the operand has rank "
                         << in.getRank();
  if (failed(verifyDimList(*this, "permutation entry", perm, in.getRank())))
    return failure();
  if (getType().getRank() != in.getRank())
    return emitOpError() << "result rank " << getType().getRank()
                         << " differs from the operand's rank " << in.getRank();
  for (auto [i, p] : llvm::enumerate(perm))
    if (getType().getDimSize(i) != in.getDimSize(p))
      return emitOpError() << "result dimension " << i << " has size "
                           << getType().getDimSize(i)
                           << " but operand dimension " << p << " has size "
                           << in.getDimSize(p);
  return success();
}

/// transpose(dot_general(a, b)) that only swaps the two free-dimension
/// groups ([batch, a free, b free] -> [batch, b free, a free]) is
/// dot_general(b, a): the transpose of a matmul is the matmul with swapped
/// operands, and no data moves (the weight gradients of dense layers).
LogicalResult TransposeOp::canonicalize(TransposeOp op,
                                        PatternRewriter &rewriter) {
  auto dot = op.getOperand().getDefiningOp<DotGeneralOp>();
  if (!dot || !dot->hasOneUse())
    return failure();
  int64_t nb = dot.getLhsBatchingDimensions().size();
  auto rank = [](Value v) { return cast<RankedTensorType>(v.getType()).getRank(); };
  int64_t na = rank(dot.getLhs()) - nb - dot.getLhsContractingDimensions().size();
  int64_t nr = rank(dot.getRhs()) - nb - dot.getRhsContractingDimensions().size();
  SmallVector<int64_t> swap;
  for (int64_t i = 0; i < nb; ++i)
    swap.push_back(i);
  for (int64_t i = 0; i < nr; ++i)
    swap.push_back(nb + na + i);
  for (int64_t i = 0; i < na; ++i)
    swap.push_back(nb + i);
  if (!llvm::equal(op.getPermutation(), swap))
    return failure();
  rewriter.replaceOpWithNewOp<DotGeneralOp>(
      op, op.getType(), dot.getRhs(), dot.getLhs(),
      dot.getRhsBatchingDimensionsAttr(), dot.getLhsBatchingDimensionsAttr(),
      dot.getRhsContractingDimensionsAttr(),
      dot.getLhsContractingDimensionsAttr());
  return success();
}

OpFoldResult TransposeOp::fold(FoldAdaptor) {
  if (llvm::equal(getPermutation(),
                  llvm::seq<int64_t>(0, getPermutation().size())))
    return getOperand();
  // transpose(transpose(x, p), q) -> transpose(x, p o q)
  if (auto inner = getOperand().getDefiningOp<TransposeOp>()) {
    SmallVector<int64_t> composed;
    for (int64_t q : getPermutation())
      composed.push_back(inner.getPermutation()[q]);
    getOperandMutable().assign(inner.getOperand());
    setPermutation(composed);
    return getResult();
  }
  return {};
}

//===----------------------------------------------------------------------===//
// SliceOp / DynamicSliceOp
//===----------------------------------------------------------------------===//

LogicalResult SliceOp::verify() {
  auto in = tensorType(getOperand());
  int64_t rank = in.getRank();
  ArrayRef<int64_t> start = getStartIndices(), limit = getLimitIndices(),
                    strides = getStrides();
  if (getType().getRank() != rank)
    return emitOpError() << "result rank " << getType().getRank()
                         << " differs from the operand's rank " << rank;
  if ((int64_t)start.size() != rank || (int64_t)limit.size() != rank ||
      (int64_t)strides.size() != rank)
    return emitOpError() << "start, limit and strides need " << rank
                         << " entries each (the operand's rank)";
  for (int64_t d = 0; d < rank; ++d) {
    if (strides[d] <= 0)
      return emitOpError() << "stride " << strides[d] << " in dimension " << d
                           << " must be positive";
    if (start[d] < 0 || start[d] > limit[d] || limit[d] > in.getDimSize(d))
      return emitOpError() << "slice [" << start[d] << ", " << limit[d]
                           << ") is out of bounds for dimension " << d
                           << " of size " << in.getDimSize(d);
    int64_t expected = (limit[d] - start[d] + strides[d] - 1) / strides[d];
    if (getType().getDimSize(d) != expected)
      return emitOpError() << "result dimension " << d << " should be "
                           << expected << ", got " << getType().getDimSize(d);
  }
  return success();
}

LogicalResult DynamicSliceOp::verify() {
  auto in = tensorType(getOperand());
  int64_t rank = in.getRank();
  if ((int64_t)getStartIndices().size() != rank)
    return emitOpError() << "needs " << rank << " start indices, got "
                         << getStartIndices().size();
  ArrayRef<int64_t> sizes = getSliceSizes();
  if (getType().getRank() != rank)
    return emitOpError() << "result rank " << getType().getRank()
                         << " differs from the operand's rank " << rank;
  if ((int64_t)sizes.size() != rank)
    return emitOpError() << "slice_sizes needs " << rank << " entries";
  for (int64_t d = 0; d < rank; ++d) {
    if (sizes[d] < 0 || sizes[d] > in.getDimSize(d))
      return emitOpError() << "slice size " << sizes[d] << " in dimension "
                           << d << " exceeds the operand's size "
                           << in.getDimSize(d);
    if (getType().getDimSize(d) != sizes[d])
      return emitOpError() << "result dimension " << d << " should be "
                           << sizes[d];
  }
  return success();
}

//===----------------------------------------------------------------------===//
// ConcatenateOp / PadOp / ReverseOp
//===----------------------------------------------------------------------===//

LogicalResult ConcatenateOp::verify() {
  if (getInputs().empty())
    return emitOpError("needs at least one input");
  auto first = tensorType(getInputs().front());
  int64_t rank = first.getRank(), dim = static_cast<int64_t>(getDimension());
  if (dim < 0 || dim >= rank)
    return emitOpError() << "dimension " << dim << " is out of range for rank "
                         << rank;
  int64_t total = 0;
  for (auto [i, v] : llvm::enumerate(getInputs())) {
    auto t = tensorType(v);
    if (t.getRank() != rank)
      return emitOpError() << "input " << i << " has rank " << t.getRank()
                           << ", expected " << rank;
    for (int64_t d = 0; d < rank; ++d)
      if (d != dim && t.getDimSize(d) != first.getDimSize(d))
        return emitOpError() << "input " << i << " has size " << t.getDimSize(d)
                             << " in dimension " << d << ", expected "
                             << first.getDimSize(d);
    total += t.getDimSize(dim);
  }
  auto out = getType();
  for (int64_t d = 0; d < rank; ++d) {
    int64_t expected = d == dim ? total : first.getDimSize(d);
    if (out.getRank() != rank || out.getDimSize(d) != expected)
      return emitOpError() << "result shape should have size " << expected
                           << " in dimension " << d;
  }
  return success();
}

LogicalResult PadOp::verify() {
  auto in = tensorType(getOperand());
  int64_t rank = in.getRank();
  ArrayRef<int64_t> lo = getEdgePaddingLow(), hi = getEdgePaddingHigh(),
                    interior = getInteriorPadding();
  if (getType().getRank() != rank)
    return emitOpError() << "result rank " << getType().getRank()
                         << " differs from the operand's rank " << rank;
  if ((int64_t)lo.size() != rank || (int64_t)hi.size() != rank ||
      (int64_t)interior.size() != rank)
    return emitOpError() << "low, high and interior padding need " << rank
                         << " entries each (the operand's rank)";
  for (int64_t d = 0; d < rank; ++d) {
    if (interior[d] < 0)
      return emitOpError() << "interior padding in dimension " << d
                           << " must not be negative";
    int64_t n = in.getDimSize(d);
    int64_t expected = lo[d] + hi[d] + n + std::max<int64_t>(n - 1, 0) * interior[d];
    if (expected < 0)
      return emitOpError() << "padding removes more than dimension " << d
                           << " holds";
    if (getType().getDimSize(d) != expected)
      return emitOpError() << "result dimension " << d << " should be "
                           << expected << ", got " << getType().getDimSize(d);
  }
  return success();
}

LogicalResult ReverseOp::verify() {
  return verifyDimList(*this, "reverse dimension", getDimensions(),
                       getType().getRank());
}

//===----------------------------------------------------------------------===//
// ReduceOp
//===----------------------------------------------------------------------===//

void ReduceOp::build(OpBuilder &builder, OperationState &state, Value operand,
                     Value init, ArrayRef<int64_t> dimensions,
                     function_ref<Value(OpBuilder &, Location, Value, Value)>
                         combiner) {
  auto in = tensorType(operand);
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < in.getRank(); ++d)
    if (!llvm::is_contained(dimensions, d))
      shape.push_back(in.getDimSize(d));
  state.addOperands({operand, init});
  state.addAttribute(getDimensionsAttrName(state.name),
                     builder.getDenseI64ArrayAttr(dimensions));
  state.addTypes(RankedTensorType::get(shape, in.getElementType()));
  Region *body = state.addRegion();
  Block *block = new Block();
  body->push_back(block);
  auto scalar = RankedTensorType::get({}, in.getElementType());
  Value a = block->addArgument(scalar, state.location);
  Value b = block->addArgument(scalar, state.location);
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToStart(block);
  Value r = combiner(builder, state.location, a, b);
  builder.create<ReturnOp>(state.location, ValueRange{r});
}

LogicalResult ReduceOp::verify() {
  auto in = tensorType(getOperand());
  if (failed(verifyDimList(*this, "reduce dimension", getDimensions(),
                           in.getRank())))
    return failure();
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < in.getRank(); ++d)
    if (!llvm::is_contained(getDimensions(), d))
      shape.push_back(in.getDimSize(d));
  if (getType().getShape() != ArrayRef<int64_t>(shape))
    return emitOpError() << "result shape should be " << shapeStr(shape)
                         << ", got " << shapeStr(getType().getShape());
  Block &block = getBody().front();
  auto scalar = RankedTensorType::get({}, in.getElementType());
  if (block.getNumArguments() != 2 ||
      llvm::any_of(block.getArgumentTypes(),
                   [&](Type t) { return t != scalar; }))
    return emitOpError() << "body must take two arguments of type " << scalar;
  auto ret = block.empty() ? ReturnOp() : dyn_cast<ReturnOp>(block.back());
  if (!ret || ret.getResults().size() != 1 ||
      ret.getResults().front().getType() != scalar)
    return emitOpError() << "body must return one value of type " << scalar;
  return success();
}

//===----------------------------------------------------------------------===//
// DotGeneralOp
//===----------------------------------------------------------------------===//

LogicalResult DotGeneralOp::verify() {
  auto lhs = tensorType(getLhs()), rhs = tensorType(getRhs());
  ArrayRef<int64_t> lb = getLhsBatchingDimensions(),
                    rb = getRhsBatchingDimensions(),
                    lc = getLhsContractingDimensions(),
                    rc = getRhsContractingDimensions();
  if (lb.size() != rb.size())
    return emitOpError() << "lhs has " << lb.size()
                         << " batching dimensions but rhs has " << rb.size();
  if (lc.size() != rc.size())
    return emitOpError() << "lhs has " << lc.size()
                         << " contracting dimensions but rhs has " << rc.size();
  SmallVector<int64_t> lAll(lb), rAll(rb);
  lAll.append(lc.begin(), lc.end());
  rAll.append(rc.begin(), rc.end());
  if (failed(verifyDimList(*this, "lhs dimension", lAll, lhs.getRank())) ||
      failed(verifyDimList(*this, "rhs dimension", rAll, rhs.getRank())))
    return failure();
  for (auto [l, r] : llvm::zip(lb, rb))
    if (lhs.getDimSize(l) != rhs.getDimSize(r))
      return emitOpError() << "batching dimensions " << l << " (size "
                           << lhs.getDimSize(l) << ") and " << r << " (size "
                           << rhs.getDimSize(r) << ") differ";
  for (auto [l, r] : llvm::zip(lc, rc))
    if (lhs.getDimSize(l) != rhs.getDimSize(r))
      return emitOpError() << "contracting dimensions " << l << " (size "
                           << lhs.getDimSize(l) << ") and " << r << " (size "
                           << rhs.getDimSize(r) << ") differ";
  SmallVector<int64_t> shape;
  for (int64_t l : lb)
    shape.push_back(lhs.getDimSize(l));
  for (int64_t d = 0; d < lhs.getRank(); ++d)
    if (!llvm::is_contained(lAll, d))
      shape.push_back(lhs.getDimSize(d));
  for (int64_t d = 0; d < rhs.getRank(); ++d)
    if (!llvm::is_contained(rAll, d))
      shape.push_back(rhs.getDimSize(d));
  if (getType().getShape() != ArrayRef<int64_t>(shape))
    return emitOpError() << "result shape should be " << shapeStr(shape)
                         << ", got " << shapeStr(getType().getShape());
  return success();
}

//===----------------------------------------------------------------------===//
// ConvolutionOp
//===----------------------------------------------------------------------===//

FailureOr<ConvolutionOp::Geometry> ConvolutionOp::getGeometry() {
  auto lhs = tensorType(getLhs());
  int64_t rank = lhs.getRank();
  if (rank < 3 || tensorType(getRhs()).getRank() != rank ||
      getType().getRank() != rank)
    return failure();
  Geometry g;
  g.numSpatial = rank - 2;
  auto resolve = [&](int64_t d) { return d < 0 ? d + rank : d; };
  g.inBatch = resolve(getInputBatchDimension());
  g.inFeature = resolve(getInputFeatureDimension());
  g.kIn = resolve(getKernelInputFeatureDimension());
  g.kOut = resolve(getKernelOutputFeatureDimension());
  g.outBatch = resolve(getOutputBatchDimension());
  g.outFeature = resolve(getOutputFeatureDimension());
  // Spatial dimensions default to the ones not named, in order.
  auto spatial = [&](std::optional<ArrayRef<int64_t>> given, int64_t a,
                     int64_t b) {
    SmallVector<int64_t> dims;
    if (given) {
      for (int64_t d : *given)
        dims.push_back(resolve(d));
      return dims;
    }
    for (int64_t d = 0; d < rank; ++d)
      if (d != a && d != b)
        dims.push_back(d);
    return dims;
  };
  g.inSpatial = spatial(getInputSpatialDimensions(), g.inBatch, g.inFeature);
  g.kSpatial = spatial(getKernelSpatialDimensions(), g.kIn, g.kOut);
  g.outSpatial =
      spatial(getOutputSpatialDimensions(), g.outBatch, g.outFeature);
  int64_t n = g.numSpatial;
  auto orDefault = [&](std::optional<ArrayRef<int64_t>> v, int64_t size,
                       int64_t def) {
    return v ? SmallVector<int64_t>(*v) : SmallVector<int64_t>(size, def);
  };
  g.strides = orDefault(getWindowStrides(), n, 1);
  SmallVector<int64_t> padding = orDefault(getPadding(), 2 * n, 0);
  g.lhsDilation = orDefault(getLhsDilation(), n, 1);
  g.rhsDilation = orDefault(getRhsDilation(), n, 1);
  if ((int64_t)g.strides.size() != n || (int64_t)padding.size() != 2 * n ||
      (int64_t)g.lhsDilation.size() != n ||
      (int64_t)g.rhsDilation.size() != n)
    return failure();
  for (int64_t i = 0; i < n; ++i) {
    g.padLow.push_back(padding[2 * i]);
    g.padHigh.push_back(padding[2 * i + 1]);
  }
  return g;
}

LogicalResult ConvolutionOp::verify() {
  auto lhs = tensorType(getLhs()), rhs = tensorType(getRhs());
  auto out = getType();
  int64_t rank = lhs.getRank();
  if (rank < 3)
    return emitOpError() << "input must have rank at least 3, got " << rank;
  if (rhs.getRank() != rank || out.getRank() != rank)
    return emitOpError() << "input, kernel and result must have the same rank";
  FailureOr<Geometry> geo = getGeometry();
  if (failed(geo))
    return emitOpError() << "window_strides, lhs_dilation and rhs_dilation "
                            "need one entry per spatial dimension ("
                         << rank - 2 << ") and padding two";
  Geometry &g = *geo;
  SmallVector<int64_t> inDims{g.inBatch, g.inFeature}, kDims{g.kIn, g.kOut},
      oDims{g.outBatch, g.outFeature};
  inDims.append(g.inSpatial);
  kDims.append(g.kSpatial);
  oDims.append(g.outSpatial);
  if ((int64_t)inDims.size() != rank || (int64_t)kDims.size() != rank ||
      (int64_t)oDims.size() != rank)
    return emitOpError() << "spatial dimension lists need " << rank - 2
                         << " entries";
  if (failed(verifyDimList(*this, "input dimension", inDims, rank)) ||
      failed(verifyDimList(*this, "kernel dimension", kDims, rank)) ||
      failed(verifyDimList(*this, "output dimension", oDims, rank)))
    return failure();
  int64_t groups = getFeatureGroupCount();
  int64_t inFeatures = lhs.getDimSize(g.inFeature);
  int64_t outFeatures = rhs.getDimSize(g.kOut);
  if (groups < 1 || inFeatures % groups != 0 || outFeatures % groups != 0)
    return emitOpError() << "feature_group_count " << groups
                         << " must divide input features " << inFeatures
                         << " and output features " << outFeatures;
  if (rhs.getDimSize(g.kIn) * groups != inFeatures)
    return emitOpError() << "kernel input features (" << rhs.getDimSize(g.kIn)
                         << ") times feature_group_count (" << groups
                         << ") must equal input features (" << inFeatures
                         << ")";
  if (out.getDimSize(g.outBatch) != lhs.getDimSize(g.inBatch))
    return emitOpError() << "result batch size " << out.getDimSize(g.outBatch)
                         << " differs from input batch size "
                         << lhs.getDimSize(g.inBatch);
  if (out.getDimSize(g.outFeature) != outFeatures)
    return emitOpError() << "result feature size "
                         << out.getDimSize(g.outFeature)
                         << " differs from kernel output features "
                         << outFeatures;
  for (int64_t i = 0; i < g.numSpatial; ++i) {
    if (g.strides[i] < 1 || g.lhsDilation[i] < 1 || g.rhsDilation[i] < 1)
      return emitOpError("strides and dilations must be positive");
    int64_t in = lhs.getDimSize(g.inSpatial[i]);
    int64_t dilatedIn = in == 0 ? 0 : (in - 1) * g.lhsDilation[i] + 1;
    int64_t padded = dilatedIn + g.padLow[i] + g.padHigh[i];
    int64_t k = rhs.getDimSize(g.kSpatial[i]);
    int64_t dilatedK = k == 0 ? 0 : (k - 1) * g.rhsDilation[i] + 1;
    int64_t expected =
        padded < dilatedK ? 0 : (padded - dilatedK) / g.strides[i] + 1;
    if (out.getDimSize(g.outSpatial[i]) != expected)
      return emitOpError() << "result spatial dimension " << i
                           << " should be " << expected << ", got "
                           << out.getDimSize(g.outSpatial[i]);
  }
  return success();
}

//===----------------------------------------------------------------------===//
// GatherOp / ScatterAddOp
//===----------------------------------------------------------------------===//

/// The shape of gathering `indices` along `axis` of `operand`.
static SmallVector<int64_t> gatherShape(RankedTensorType operand,
                                        RankedTensorType indices,
                                        int64_t axis) {
  SmallVector<int64_t> shape(operand.getShape().take_front(axis));
  llvm::append_range(shape, indices.getShape());
  llvm::append_range(shape, operand.getShape().drop_front(axis + 1));
  return shape;
}

LogicalResult GatherOp::verify() {
  auto in = tensorType(getOperand());
  int64_t axis = static_cast<int64_t>(getAxis());
  if (axis < 0 || axis >= in.getRank())
    return emitOpError() << "axis " << axis << " is out of range for rank "
                         << in.getRank();
  SmallVector<int64_t> shape =
      gatherShape(in, tensorType(getIndices()), getAxis());
  if (getType().getShape() != ArrayRef<int64_t>(shape))
    return emitOpError() << "result shape should be " << shapeStr(shape)
                         << ", got " << shapeStr(getType().getShape());
  return success();
}

LogicalResult ScatterAddOp::verify() {
  auto in = tensorType(getOperand());
  int64_t axis = static_cast<int64_t>(getAxis());
  if (axis < 0 || axis >= in.getRank())
    return emitOpError() << "axis " << axis << " is out of range for rank "
                         << in.getRank();
  SmallVector<int64_t> shape =
      gatherShape(in, tensorType(getIndices()), getAxis());
  if (tensorType(getUpdates()).getShape() != ArrayRef<int64_t>(shape))
    return emitOpError() << "updates shape should be " << shapeStr(shape)
                         << ", got "
                         << shapeStr(tensorType(getUpdates()).getShape());
  return success();
}

//===----------------------------------------------------------------------===//
// WhileOp / IfOp
//===----------------------------------------------------------------------===//

/// Checks that `region` takes `argTypes` and returns `resultTypes`.
static LogicalResult verifyRegion(Operation *op, Region &region,
                                  StringRef name, TypeRange argTypes,
                                  TypeRange resultTypes) {
  Block &block = region.front();
  if (block.getArgumentTypes() != argTypes)
    return op->emitOpError() << name << " region must take the loop-carried "
                                        "types";
  auto ret = block.empty() ? ReturnOp() : dyn_cast<ReturnOp>(block.back());
  if (!ret)
    return op->emitOpError() << name << " region must end in genc.return";
  if (TypeRange(ret.getResults().getTypes()) != resultTypes)
    return op->emitOpError() << name << " region returns "
                             << ret.getResults().size()
                             << " value(s) of the wrong types";
  return success();
}

LogicalResult WhileOp::verify() {
  auto pred = RankedTensorType::get({}, IntegerType::get(getContext(), 1));
  if (failed(verifyRegion(*this, getCond(), "cond", getOperands().getTypes(),
                          TypeRange{pred})))
    return failure();
  return verifyRegion(*this, getBody(), "body", getOperands().getTypes(),
                      getOperands().getTypes());
}

void WhileOp::print(OpAsmPrinter &p) {
  p << " (";
  Block &cond = getCond().front();
  llvm::interleaveComma(llvm::zip(cond.getArguments(), getOperands()), p,
                        [&](auto pair) {
                          p << std::get<0>(pair) << " = " << std::get<1>(pair);
                        });
  p << ") : ";
  llvm::interleaveComma(getOperands().getTypes(), p);
  p << " cond ";
  p.printRegion(getCond(), /*printEntryBlockArgs=*/false);
  p << " do ";
  p.printRegion(getBody(), /*printEntryBlockArgs=*/true);
  p.printOptionalAttrDict((*this)->getAttrs());
}

ParseResult WhileOp::parse(OpAsmParser &parser, OperationState &result) {
  SmallVector<OpAsmParser::Argument> args;
  SmallVector<OpAsmParser::UnresolvedOperand> inits;
  if (parser.parseLParen())
    return failure();
  if (failed(parser.parseOptionalRParen())) {
    do {
      OpAsmParser::Argument arg;
      OpAsmParser::UnresolvedOperand init;
      if (parser.parseArgument(arg) || parser.parseEqual() ||
          parser.parseOperand(init))
        return failure();
      args.push_back(arg);
      inits.push_back(init);
    } while (succeeded(parser.parseOptionalComma()));
    if (parser.parseRParen())
      return failure();
  }
  SmallVector<Type> types;
  if (parser.parseColon())
    return failure();
  if (!args.empty() && parser.parseTypeList(types))
    return failure();
  if (types.size() != args.size())
    return parser.emitError(parser.getCurrentLocation(),
                            "expected one type per loop-carried value");
  for (auto [arg, type] : llvm::zip(args, types))
    arg.type = type;
  if (parser.resolveOperands(inits, types, parser.getCurrentLocation(),
                             result.operands))
    return failure();
  result.addTypes(types);
  Region *cond = result.addRegion();
  Region *body = result.addRegion();
  if (parser.parseKeyword("cond") || parser.parseRegion(*cond, args) ||
      parser.parseKeyword("do") || parser.parseRegion(*body) ||
      parser.parseOptionalAttrDict(result.attributes))
    return failure();
  return success();
}

LogicalResult IfOp::verify() {
  if (failed(verifyRegion(*this, getThenBranch(), "then", {},
                          getResultTypes())))
    return failure();
  return verifyRegion(*this, getElseBranch(), "else", {}, getResultTypes());
}

#define GET_OP_CLASSES
#include "dialects/genc/IR/GencOps.cpp.inc"

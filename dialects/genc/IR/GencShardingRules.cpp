//===- GencShardingRules.cpp - partitioning rules (ShardingOpInterface) ---===//
//
// How an op runs on local shards, used by genc-auto-shard to partition a
// program whose arguments carry shardings. Each rule reshards its operands
// to a layout it can compute locally, emits the local op and the
// collectives that complete it (an all_reduce over the mesh axes a
// contraction or reduction splits), and reports its results' shardings.
// Rules check feasibility before emitting anything: on failure the pass
// falls back to gathering the operands (always correct).
//
//===----------------------------------------------------------------------===//

#include "dialects/genc/IR/GencDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/StringSet.h"

using namespace mlir;
using namespace mlir::genc;
using namespace mlir::genc::sharding;

namespace {

RankedTensorType tensorType(Value v) {
  return cast<RankedTensorType>(v.getType());
}

Value i32Constant(OpBuilder &b, Location loc, int64_t v) {
  auto type = RankedTensorType::get({}, b.getI32Type());
  return b.create<ConstantOp>(
      loc, DenseElementsAttr::get(type, b.getI32IntegerAttr(v).getValue()));
}

ArrayAttr names(OpBuilder &b, ArrayRef<StringRef> axes) {
  return b.getStrArrayAttr(axes);
}

/// No mesh axis used twice across the dimensions of `spec`.
bool distinctAxes(const Spec &spec) {
  llvm::StringSet<> seen;
  for (const auto &axes : spec)
    for (StringRef a : axes)
      if (!seen.insert(a).second)
        return false;
  return true;
}

/// Clones `op` with `operands` and result types `types`.
Operation *cloneWith(OpBuilder &b, Operation *op, ValueRange operands,
                     TypeRange types) {
  IRMapping map;
  for (auto [from, to] : llvm::zip(op->getOperands(), operands))
    map.map(from, to);
  Operation *c = b.clone(*op, map);
  for (auto [r, t] : llvm::zip(c->getResults(), types))
    r.setType(t);
  return c;
}

/// `global`'s shape with every dimension divided by its split.
RankedTensorType localOf(OpBuilder &b, RankedTensorType global,
                         const Spec &spec) {
  SmallVector<int64_t> shape(global.getShape());
  for (auto [d, axes] : llvm::enumerate(spec))
    if (!axes.empty())
      shape[d] /= std::max<int64_t>(1, ways(b, axes));
  return RankedTensorType::get(shape, global.getElementType());
}

} // namespace

Spec sharding::dims(Attribute spec, int64_t rank) {
  Spec out(rank);
  if (auto arr = dyn_cast_or_null<ArrayAttr>(spec))
    for (auto [d, entry] : llvm::enumerate(arr))
      if (d < (size_t)rank)
        if (auto axes = dyn_cast<ArrayAttr>(entry))
          for (Attribute a : axes)
            if (auto s = dyn_cast<StringAttr>(a))
              out[d].push_back(s.getValue());
  return out;
}

Attribute sharding::attr(MLIRContext *ctx, const Spec &spec) {
  Builder b(ctx);
  SmallVector<Attribute> out;
  for (const auto &axes : spec)
    out.push_back(b.getStrArrayAttr(axes));
  return b.getArrayAttr(out);
}

bool sharding::replicated(const Spec &spec) {
  return llvm::all_of(spec, [](const auto &axes) { return axes.empty(); });
}

int64_t sharding::ways(OpBuilder &b, ArrayRef<StringRef> axes) {
  Operation *parent = b.getInsertionBlock()->getParentOp();
  auto fn = isa<func::FuncOp>(parent) ? cast<func::FuncOp>(parent)
                                      : parent->getParentOfType<func::FuncOp>();
  if (!fn)
    return 0;
  auto meshAxes = fn->getAttrOfType<ArrayAttr>("genc.mesh_axes");
  auto meshShape = fn->getAttrOfType<DenseI64ArrayAttr>("genc.mesh_shape");
  if (!meshAxes || !meshShape)
    return 0;
  int64_t n = 1;
  for (StringRef a : axes) {
    int64_t size = 0;
    for (auto [name, s] : llvm::zip(meshAxes, meshShape.asArrayRef()))
      if (cast<StringAttr>(name).getValue() == a)
        size = s;
    if (size == 0)
      return 0;
    n *= size;
  }
  return n;
}

Value sharding::reshard(OpBuilder &b, Location loc, Value local,
                        const Spec &from, const Spec &to) {
  auto t = tensorType(local);
  int64_t rank = t.getRank();
  Spec cur = from, target = to;
  cur.resize(rank);
  target.resize(rank);
  Value v = local;
  for (int64_t d = 0; d < rank; ++d) {
    if (cur[d].empty() || cur[d] == target[d])
      continue;
    auto vt = tensorType(v);
    SmallVector<int64_t> shape(vt.getShape());
    shape[d] *= ways(b, cur[d]);
    v = b.create<AllGatherOp>(loc, RankedTensorType::get(shape, vt.getElementType()),
                              v, b.getI64IntegerAttr(d), names(b, cur[d]),
                              DenseIntElementsAttr());
    cur[d].clear();
  }
  bool slice = false;
  for (int64_t d = 0; d < rank; ++d)
    slice |= !target[d].empty() && cur[d].empty();
  if (!slice)
    return v;
  auto vt = tensorType(v);
  SmallVector<int64_t> sizes(vt.getShape());
  SmallVector<Value> starts;
  for (int64_t d = 0; d < rank; ++d) {
    if (target[d].empty() || !cur[d].empty()) {
      starts.push_back(i32Constant(b, loc, 0));
      continue;
    }
    sizes[d] /= ways(b, target[d]);
    auto scalar = RankedTensorType::get({}, b.getI32Type());
    Value joint;
    for (StringRef a : target[d]) {
      Value i = b.create<AxisIndexOp>(loc, scalar, b.getStringAttr(a));
      joint = joint ? b.create<AddOp>(
                          loc, scalar,
                          b.create<MulOp>(loc, scalar, joint,
                                          i32Constant(b, loc, ways(b, {a}))),
                          i)
                    : i;
    }
    starts.push_back(
        b.create<MulOp>(loc, scalar, joint, i32Constant(b, loc, sizes[d])));
  }
  return b.create<DynamicSliceOp>(
      loc, RankedTensorType::get(sizes, vt.getElementType()), v, starts,
      b.getDenseI64ArrayAttr(sizes));
}

LogicalResult sharding::partitionElementwise(
    Operation *op, OpBuilder &b, ValueRange localOperands,
    ArrayRef<Attribute> operandShardings, SmallVectorImpl<Value> &localResults,
    SmallVectorImpl<Attribute> &resultShardings) {
  if (op->getNumResults() != 1 || op->getNumRegions() != 0)
    return failure();
  int64_t rank = tensorType(op->getResult(0)).getRank();
  for (Value v : op->getOperands())
    if (tensorType(v).getRank() != rank)
      return failure();
  Spec target(rank);
  for (Attribute s : operandShardings)
    if (Spec d = dims(s, rank); !replicated(d)) {
      target = d;
      break;
    }
  SmallVector<Value> operands;
  for (auto [v, s] : llvm::zip(localOperands, operandShardings))
    operands.push_back(reshard(b, op->getLoc(), v, dims(s, rank), target));
  auto resultType = tensorType(op->getResult(0));
  RankedTensorType local = RankedTensorType::get(
      tensorType(operands[0]).getShape(), resultType.getElementType());
  localResults.push_back(cloneWith(b, op, operands, {local})->getResult(0));
  resultShardings.push_back(attr(op->getContext(), target));
  return success();
}

//===----------------------------------------------------------------------===//
// Structured ops
//===----------------------------------------------------------------------===//

LogicalResult DotGeneralOp::buildPartitioned(
    OpBuilder &b, ValueRange localOperands, ArrayRef<Attribute> shardings,
    SmallVectorImpl<Value> &localResults,
    SmallVectorImpl<Attribute> &resultShardings) {
  int64_t lr = getLhs().getType().getRank(), rr = getRhs().getType().getRank();
  Spec l = dims(shardings[0], lr), r = dims(shardings[1], rr);
  // Paired dimensions share one split (the lhs's if it has one).
  SmallVector<StringRef> reduced;
  auto pair = [&](ArrayRef<int64_t> ld, ArrayRef<int64_t> rd, bool contract) {
    for (auto [a, c] : llvm::zip(ld, rd)) {
      SmallVector<StringRef> t = !l[a].empty() ? l[a] : r[c];
      l[a] = t;
      r[c] = t;
      if (contract)
        reduced.append(t.begin(), t.end());
    }
  };
  pair(getLhsBatchingDimensions(), getRhsBatchingDimensions(), false);
  pair(getLhsContractingDimensions(), getRhsContractingDimensions(), true);
  auto isFree = [](ArrayRef<int64_t> batch, ArrayRef<int64_t> contract,
                   int64_t d) {
    return !llvm::is_contained(batch, d) && !llvm::is_contained(contract, d);
  };
  Spec out;
  for (int64_t a : getLhsBatchingDimensions())
    out.push_back(l[a]);
  for (int64_t d = 0; d < lr; ++d)
    if (isFree(getLhsBatchingDimensions(), getLhsContractingDimensions(), d))
      out.push_back(l[d]);
  for (int64_t d = 0; d < rr; ++d)
    if (isFree(getRhsBatchingDimensions(), getRhsContractingDimensions(), d))
      out.push_back(r[d]);
  if (!distinctAxes(l) || !distinctAxes(r) || !distinctAxes(out))
    return failure();
  for (StringRef a : reduced)
    for (const auto &axes : out)
      if (llvm::is_contained(axes, a))
        return failure();
  Location loc = getLoc();
  Value lhs = reshard(b, loc, localOperands[0], dims(shardings[0], lr), l);
  Value rhs = reshard(b, loc, localOperands[1], dims(shardings[1], rr), r);
  RankedTensorType local = localOf(b, getType(), out);
  Value y = cloneWith(b, *this, {lhs, rhs}, {local})->getResult(0);
  if (!reduced.empty())
    y = b.create<AllReduceOp>(
        loc, local, CollectiveReduceAttr::get(getContext(), CollectiveReduce::sum),
        y, names(b, reduced), DenseIntElementsAttr());
  localResults.push_back(y);
  resultShardings.push_back(attr(getContext(), out));
  return success();
}

LogicalResult ReduceOp::buildPartitioned(
    OpBuilder &b, ValueRange localOperands, ArrayRef<Attribute> shardings,
    SmallVectorImpl<Value> &localResults,
    SmallVectorImpl<Attribute> &resultShardings) {
  int64_t rank = getOperand().getType().getRank();
  Spec in = dims(shardings[0], rank);
  if (!replicated(dims(shardings[1], 0)))
    return failure();
  SmallVector<StringRef> reduced;
  Spec out;
  for (int64_t d = 0; d < rank; ++d) {
    if (llvm::is_contained(getDimensions(), d))
      reduced.append(in[d].begin(), in[d].end());
    else
      out.push_back(in[d]);
  }
  std::optional<CollectiveReduce> kind;
  if (!reduced.empty()) {
    // Devices combine their partial results, so the init value must not
    // count more than once: the combiner's identity (or idempotent max/min).
    Block &body = getBody().front();
    Operation *combiner = &body.front();
    if (body.getOperations().size() != 2 ||
        body.getTerminator()->getOperand(0) != combiner->getResult(0))
      return failure();
    DenseElementsAttr init;
    bool hasInit = matchPattern(getInitValue(), m_Constant(&init));
    auto isValue = [&](double v) {
      if (!hasInit || !init.isSplat())
        return false;
      if (isa<FloatType>(init.getElementType()))
        return init.getSplatValue<APFloat>().convertToDouble() == v;
      return init.getSplatValue<APInt>().getSExtValue() == (int64_t)v;
    };
    if (isa<AddOp>(combiner) && isValue(0))
      kind = CollectiveReduce::sum;
    else if (isa<MulOp>(combiner) && isValue(1))
      kind = CollectiveReduce::prod;
    else if (isa<MaxOp>(combiner))
      kind = CollectiveReduce::max;
    else if (isa<MinOp>(combiner))
      kind = CollectiveReduce::min;
    else
      return failure();
  }
  RankedTensorType local = localOf(b, getType(), out);
  Value y = cloneWith(b, *this, localOperands, {local})->getResult(0);
  if (kind)
    y = b.create<AllReduceOp>(getLoc(), local,
                              CollectiveReduceAttr::get(getContext(), *kind), y,
                              names(b, reduced), DenseIntElementsAttr());
  localResults.push_back(y);
  resultShardings.push_back(attr(getContext(), out));
  return success();
}

LogicalResult BroadcastInDimOp::buildPartitioned(
    OpBuilder &b, ValueRange localOperands, ArrayRef<Attribute> shardings,
    SmallVectorImpl<Value> &localResults,
    SmallVectorImpl<Attribute> &resultShardings) {
  auto in = getOperand().getType();
  Spec s = dims(shardings[0], in.getRank());
  Spec out(getType().getRank());
  for (auto [i, d] : llvm::enumerate(getBroadcastDimensions())) {
    if (s[i].empty())
      continue;
    if (in.getDimSize(i) != getType().getDimSize(d))
      return failure(); // a split size-1 dimension being expanded
    out[d] = s[i];
  }
  RankedTensorType local = localOf(b, getType(), out);
  localResults.push_back(
      cloneWith(b, *this, localOperands, {local})->getResult(0));
  resultShardings.push_back(attr(getContext(), out));
  return success();
}

LogicalResult TransposeOp::buildPartitioned(
    OpBuilder &b, ValueRange localOperands, ArrayRef<Attribute> shardings,
    SmallVectorImpl<Value> &localResults,
    SmallVectorImpl<Attribute> &resultShardings) {
  Spec s = dims(shardings[0], getOperand().getType().getRank());
  Spec out;
  for (int64_t p : getPermutation())
    out.push_back(s[p]);
  RankedTensorType local = localOf(b, getType(), out);
  localResults.push_back(
      cloneWith(b, *this, localOperands, {local})->getResult(0));
  resultShardings.push_back(attr(getContext(), out));
  return success();
}

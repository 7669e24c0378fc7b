//===- GencShardingOps.cpp - shard_map and collectives --------------------===//
//
// Verifiers, mesh helpers and gradient rules of the SPMD ops. The gradient
// rules follow the pairing: psum <-> broadcast (a sum's cotangent
// passes through), all_gather <-> reduce_scatter, all_to_all <-> all_to_all
// with split and concat swapped, collective_permute <-> its inverse.
//
//===----------------------------------------------------------------------===//

#include "dialects/genc/IR/GencDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "llvm/ADT/SmallSet.h"
#include "llvm/ADT/StringSet.h"

using namespace mlir;
using namespace mlir::genc;

//===----------------------------------------------------------------------===//
// Groups
//===----------------------------------------------------------------------===//

/// Checks the `axes` / `replica_groups` pair shared by the collectives:
/// exactly one of them, axes non-empty and distinct, groups a rectangular
/// table of distinct non-negative device indices.
static LogicalResult verifyGroups(Operation *op, std::optional<ArrayAttr> axes,
                                  std::optional<DenseIntElementsAttr> groups) {
  if (axes.has_value() == groups.has_value())
    return op->emitOpError()
           << "needs exactly one of 'axes' (mesh axis names, inside a "
              "shard_map body) and 'replica_groups' (device indices)";
  if (axes) {
    if (axes->empty())
      return op->emitOpError() << "axes must not be empty";
    llvm::StringSet<> seen;
    for (Attribute a : *axes) {
      StringRef name = cast<StringAttr>(a).getValue();
      if (name.empty())
        return op->emitOpError() << "axis names must not be empty";
      if (!seen.insert(name).second)
        return op->emitOpError() << "axis '" << name << "' appears twice";
    }
    return success();
  }
  auto type = cast<ShapedType>(groups->getType());
  if (type.getRank() != 2 || type.getDimSize(0) < 1 || type.getDimSize(1) < 1)
    return op->emitOpError()
           << "replica_groups must be a non-empty [groups, size] table, got "
           << type;
  llvm::SmallSet<int64_t, 16> seen;
  for (APInt v : groups->getValues<APInt>()) {
    int64_t d = v.getSExtValue();
    if (d < 0)
      return op->emitOpError() << "replica_groups holds device " << d;
    if (!seen.insert(d).second)
      return op->emitOpError() << "device " << d
                               << " appears twice in replica_groups";
  }
  return success();
}

static std::optional<int64_t>
groupWidth(std::optional<DenseIntElementsAttr> groups) {
  if (!groups)
    return std::nullopt;
  return cast<ShapedType>(groups->getType()).getDimSize(1);
}

std::optional<int64_t> AllReduceOp::groupSize() {
  return groupWidth(getReplicaGroups());
}
std::optional<int64_t> AllGatherOp::groupSize() {
  return groupWidth(getReplicaGroups());
}
std::optional<int64_t> ReduceScatterOp::groupSize() {
  return groupWidth(getReplicaGroups());
}
std::optional<int64_t> AllToAllOp::groupSize() {
  return groupWidth(getReplicaGroups());
}

static RankedTensorType tensorType(Value v) {
  return cast<RankedTensorType>(v.getType());
}

static LogicalResult checkDim(Operation *op, StringRef name, int64_t dim,
                              int64_t rank) {
  if (dim < 0 || dim >= rank)
    return op->emitOpError() << name << " " << dim
                             << " is out of range for rank " << rank;
  return success();
}

/// `result` equals `operand` except in `dim`, where it is `operand` scaled
/// by `num/den`; with an unknown group size only divisibility is checked.
static LogicalResult checkScaledDim(Operation *op, RankedTensorType operand,
                                    RankedTensorType result, int64_t dim,
                                    bool grows, std::optional<int64_t> g) {
  if (operand.getRank() != result.getRank())
    return op->emitOpError() << "result rank " << result.getRank()
                             << " differs from the operand's "
                             << operand.getRank();
  for (int64_t i = 0; i < operand.getRank(); ++i) {
    int64_t a = operand.getDimSize(i), b = result.getDimSize(i);
    if (i != dim) {
      if (a != b)
        return op->emitOpError() << "result dimension " << i << " is " << b
                                 << ", expected " << a;
      continue;
    }
    int64_t small = grows ? a : b, big = grows ? b : a;
    if (g ? big != small * *g : (small == 0 ? big != 0 : big % small != 0))
      return op->emitOpError()
             << "dimension " << dim << " must go from " << a << " to "
             << (grows ? "" : "1/") << (g ? std::to_string(*g) : "k")
             << " times its size over the group, got " << b;
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Verifiers
//===----------------------------------------------------------------------===//

LogicalResult AllReduceOp::verify() {
  if (failed(verifyGroups(*this, getAxes(), getReplicaGroups())))
    return failure();
  if (getOperand().getType().getElementType().isInteger(1) &&
      getKind() == CollectiveReduce::sum)
    return emitOpError() << "cannot sum i1 values (use max or min)";
  return success();
}

LogicalResult AllGatherOp::verify() {
  if (failed(verifyGroups(*this, getAxes(), getReplicaGroups())) ||
      failed(checkDim(*this, "dim", getDim(), getOperand().getType().getRank())))
    return failure();
  return checkScaledDim(*this, getOperand().getType(), getType(), getDim(),
                        /*grows=*/true, groupSize());
}

LogicalResult ReduceScatterOp::verify() {
  if (failed(verifyGroups(*this, getAxes(), getReplicaGroups())) ||
      failed(checkDim(*this, "dim", getDim(), getOperand().getType().getRank())))
    return failure();
  return checkScaledDim(*this, getOperand().getType(), getType(), getDim(),
                        /*grows=*/false, groupSize());
}

LogicalResult AllToAllOp::verify() {
  if (failed(verifyGroups(*this, getAxes(), getReplicaGroups())))
    return failure();
  RankedTensorType in = getOperand().getType(), out = getType();
  int64_t rank = in.getRank();
  if (failed(checkDim(*this, "split_dim", getSplitDim(), rank)) ||
      failed(checkDim(*this, "concat_dim", getConcatDim(), rank)))
    return failure();
  if (out.getRank() != rank)
    return emitOpError() << "result rank " << out.getRank()
                         << " differs from the operand's " << rank;
  int64_t s = getSplitDim(), c = getConcatDim();
  std::optional<int64_t> g = groupSize();
  for (int64_t i = 0; i < rank; ++i) {
    int64_t a = in.getDimSize(i), b = out.getDimSize(i);
    bool ok = true;
    if (s == c || (i != s && i != c))
      ok = a == b;
    else if (i == s)
      ok = g ? a == b * *g : (b == 0 ? a == 0 : a % b == 0);
    else
      ok = g ? b == a * *g : (a == 0 ? b == 0 : b % a == 0);
    if (!ok)
      return emitOpError() << "result type " << out
                           << " does not follow from splitting dimension "
                           << s << " and concatenating along " << c << " of "
                           << in;
  }
  if (g && in.getDimSize(s) % *g != 0)
    return emitOpError() << "split dimension " << s << " (size "
                         << in.getDimSize(s) << ") is not divisible by the "
                         << *g << " devices of a group";
  return success();
}

LogicalResult CollectivePermuteOp::verify() {
  if (std::optional<ArrayAttr> axes = getAxes()) {
    if (axes->size() != 1)
      return emitOpError() << "permutes along exactly one mesh axis, got "
                           << axes->size();
    if (cast<StringAttr>((*axes)[0]).getValue().empty())
      return emitOpError() << "axis names must not be empty";
  }
  auto type = cast<ShapedType>(getPairs().getType());
  if (type.getRank() != 2 || type.getDimSize(1) != 2)
    return emitOpError() << "pairs must be an [n, 2] table of (source, "
                            "target), got "
                         << type;
  llvm::SmallSet<int64_t, 16> sources, targets;
  SmallVector<int64_t> flat;
  for (APInt v : getPairs().getValues<APInt>())
    flat.push_back(v.getSExtValue());
  for (size_t i = 0; i + 1 < flat.size(); i += 2) {
    if (flat[i] < 0 || flat[i + 1] < 0)
      return emitOpError() << "pair (" << flat[i] << ", " << flat[i + 1]
                           << ") has a negative index";
    if (!sources.insert(flat[i]).second)
      return emitOpError() << "source " << flat[i] << " appears twice";
    if (!targets.insert(flat[i + 1]).second)
      return emitOpError() << "target " << flat[i + 1] << " appears twice";
  }
  return success();
}

//===----------------------------------------------------------------------===//
// shard_map
//===----------------------------------------------------------------------===//

int64_t ShardMapOp::numDevices() {
  int64_t n = 1;
  for (int64_t s : getMeshShape())
    n *= s;
  return n;
}

int64_t ShardMapOp::axisPosition(StringRef axis) {
  for (auto [i, a] : llvm::enumerate(getMeshAxes()))
    if (cast<StringAttr>(a).getValue() == axis)
      return i;
  return -1;
}

int64_t ShardMapOp::axisSize(StringRef axis) {
  int64_t i = axisPosition(axis);
  return i < 0 || i >= (int64_t)getMeshShape().size() ? 0 : getMeshShape()[i];
}

SmallVector<StringRef> ShardMapOp::specAxes(Attribute spec, int64_t dim) {
  SmallVector<StringRef> out;
  auto dims = dyn_cast<ArrayAttr>(spec);
  if (!dims || dim >= (int64_t)dims.size())
    return out;
  if (auto axes = dyn_cast<ArrayAttr>(dims[dim]))
    for (Attribute a : axes)
      if (auto s = dyn_cast<StringAttr>(a))
        out.push_back(s.getValue());
  return out;
}

RankedTensorType ShardMapOp::localType(RankedTensorType global,
                                       Attribute spec) {
  SmallVector<int64_t> shape(global.getShape());
  for (int64_t d = 0; d < global.getRank(); ++d)
    for (StringRef axis : specAxes(spec, d))
      if (int64_t n = axisSize(axis))
        shape[d] /= n;
  return RankedTensorType::get(shape, global.getElementType());
}

/// Checks one partition spec against a value of type `type`.
static LogicalResult verifySpec(ShardMapOp op, Attribute spec,
                                RankedTensorType type, StringRef what,
                                size_t index) {
  auto fail = [&]() {
    return op.emitOpError() << what << " " << index << " ";
  };
  auto dims = dyn_cast<ArrayAttr>(spec);
  if (!dims)
    return fail() << "must be an array with one list of mesh axes per "
                     "dimension, got "
                  << spec;
  if ((int64_t)dims.size() > type.getRank())
    return fail() << "has " << dims.size() << " entries for a value of rank "
                  << type.getRank() << " (" << type << ")";
  llvm::StringSet<> used;
  for (auto [d, entry] : llvm::enumerate(dims)) {
    auto axes = dyn_cast<ArrayAttr>(entry);
    if (!axes || llvm::any_of(axes, [](Attribute a) {
          return !isa<StringAttr>(a);
        }))
      return fail() << "entry " << d << " must be a list of axis names, got "
                    << entry;
    int64_t ways = 1;
    for (Attribute a : axes) {
      StringRef name = cast<StringAttr>(a).getValue();
      if (op.axisPosition(name) < 0)
        return fail() << "names axis '" << name
                      << "', which is not in the mesh " << op.getMeshAxes();
      if (!used.insert(name).second)
        return fail() << "uses axis '" << name << "' twice";
      ways *= op.axisSize(name);
    }
    int64_t size = type.getDimSize(d);
    if (size % ways != 0)
      return fail() << "splits dimension " << d << " of " << type << " "
                    << ways << " ways, which does not divide " << size;
  }
  return success();
}

LogicalResult ShardMapOp::verify() {
  ArrayAttr axes = getMeshAxes();
  ArrayRef<int64_t> shape = getMeshShape();
  if (axes.empty())
    return emitOpError() << "the mesh needs at least one axis";
  if (axes.size() != shape.size())
    return emitOpError() << "mesh_axes has " << axes.size()
                         << " names but mesh_shape " << shape.size()
                         << " sizes";
  llvm::StringSet<> seen;
  for (auto [a, n] : llvm::zip(axes, shape)) {
    StringRef name = cast<StringAttr>(a).getValue();
    if (name.empty())
      return emitOpError() << "mesh axis names must not be empty";
    if (!seen.insert(name).second)
      return emitOpError() << "mesh axis '" << name << "' appears twice";
    if (n < 1)
      return emitOpError() << "mesh axis '" << name
                           << "' must have a positive size, got " << n;
  }
  if (getInSpecs().size() != getArgs().size())
    return emitOpError() << "needs one in_specs entry per argument ("
                         << getArgs().size() << "), got "
                         << getInSpecs().size();
  if (getOutSpecs().size() != getNumResults())
    return emitOpError() << "needs one out_specs entry per result ("
                         << getNumResults() << "), got "
                         << getOutSpecs().size();
  for (auto [i, v] : llvm::enumerate(getArgs()))
    if (failed(verifySpec(*this, getInSpecs()[i], tensorType(v), "in_specs",
                          i)))
      return failure();
  for (auto [i, v] : llvm::enumerate(getResults()))
    if (failed(verifySpec(*this, getOutSpecs()[i], tensorType(v), "out_specs",
                          i)))
      return failure();
  return success();
}

LogicalResult
ShardMapOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  auto fn = symbolTable.lookupNearestSymbolFrom<func::FuncOp>(*this,
                                                             getCalleeAttr());
  if (!fn)
    return emitOpError() << "'" << getCallee() << "' is not a function";
  FunctionType type = fn.getFunctionType();
  if (type.getNumInputs() != getArgs().size())
    return emitOpError() << "'" << getCallee() << "' takes "
                         << type.getNumInputs() << " argument(s), got "
                         << getArgs().size();
  if (type.getNumResults() != getNumResults())
    return emitOpError() << "'" << getCallee() << "' returns "
                         << type.getNumResults() << " value(s), the op "
                         << getNumResults();
  for (auto [i, v] : llvm::enumerate(getArgs())) {
    RankedTensorType local = localType(tensorType(v), getInSpecs()[i]);
    if (local != type.getInput(i))
      return emitOpError() << "argument " << i << " " << v.getType()
                           << " has local shards " << local << ", but '"
                           << getCallee() << "' takes " << type.getInput(i);
  }
  for (auto [i, v] : llvm::enumerate(getResults())) {
    RankedTensorType local = localType(tensorType(v), getOutSpecs()[i]);
    if (local != type.getResult(i))
      return emitOpError() << "result " << i << " " << v.getType()
                           << " needs local shards " << local << ", but '"
                           << getCallee() << "' returns " << type.getResult(i);
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Gradient rules
//===----------------------------------------------------------------------===//

static bool isFloat(Value v) {
  return isa<FloatType>(tensorType(v).getElementType());
}

static LogicalResult noRule(Operation *op, StringRef why) {
  return op->emitError() << "'" << op->getName() << "' has no gradient: "
                         << why;
}

LogicalResult AllReduceOp::buildVjp(OpBuilder &b, ValueRange cts,
                                    SmallVectorImpl<Value> &out) {
  if (!cts[0] || !isFloat(getOperand())) {
    out.push_back(Value());
    return success();
  }
  if (getKind() != CollectiveReduce::sum)
    return noRule(*this, "only the sum of an all_reduce is differentiable");
  // psum's result is the same on every device; its transpose hands each
  // device the cotangent (a broadcast).
  out.push_back(cts[0]);
  return success();
}

LogicalResult AllGatherOp::buildVjp(OpBuilder &b, ValueRange cts,
                                    SmallVectorImpl<Value> &out) {
  if (!cts[0] || !isFloat(getOperand())) {
    out.push_back(Value());
    return success();
  }
  out.push_back(b.create<ReduceScatterOp>(
      getLoc(), getOperand().getType(),
      CollectiveReduceAttr::get(getContext(), CollectiveReduce::sum), cts[0],
      getDimAttr(), getAxesAttr(), getReplicaGroupsAttr()));
  return success();
}

LogicalResult ReduceScatterOp::buildVjp(OpBuilder &b, ValueRange cts,
                                        SmallVectorImpl<Value> &out) {
  if (!cts[0] || !isFloat(getOperand())) {
    out.push_back(Value());
    return success();
  }
  if (getKind() != CollectiveReduce::sum)
    return noRule(*this, "only the sum of a reduce_scatter is differentiable");
  out.push_back(b.create<AllGatherOp>(getLoc(), getOperand().getType(),
                                      cts[0], getDimAttr(), getAxesAttr(),
                                      getReplicaGroupsAttr()));
  return success();
}

LogicalResult AllToAllOp::buildVjp(OpBuilder &b, ValueRange cts,
                                   SmallVectorImpl<Value> &out) {
  if (!cts[0] || !isFloat(getOperand())) {
    out.push_back(Value());
    return success();
  }
  out.push_back(b.create<AllToAllOp>(
      getLoc(), getOperand().getType(), cts[0], getConcatDimAttr(),
      getSplitDimAttr(), getAxesAttr(), getReplicaGroupsAttr()));
  return success();
}

LogicalResult CollectivePermuteOp::buildVjp(OpBuilder &b, ValueRange cts,
                                            SmallVectorImpl<Value> &out) {
  if (!cts[0] || !isFloat(getOperand())) {
    out.push_back(Value());
    return success();
  }
  SmallVector<int64_t> inverse;
  SmallVector<int64_t> flat;
  for (APInt v : getPairs().getValues<APInt>())
    flat.push_back(v.getSExtValue());
  for (size_t i = 0; i + 1 < flat.size(); i += 2) {
    inverse.push_back(flat[i + 1]);
    inverse.push_back(flat[i]);
  }
  auto pairsType = RankedTensorType::get({(int64_t)flat.size() / 2, 2},
                                         b.getI64Type());
  out.push_back(b.create<CollectivePermuteOp>(
      getLoc(), getType(), cts[0],
      DenseIntElementsAttr::get(pairsType, inverse), getAxesAttr()));
  return success();
}

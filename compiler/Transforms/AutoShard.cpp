//===- AutoShard.cpp - the genc-auto-shard pass ---------------------------===//
//
// Partitions a public function whose arguments carry shardings (as
// jax.jit with in_shardings, GSPMD-style): the mesh is given by the
// function attributes `genc.mesh_axes` / `genc.mesh_shape`, each argument
// may carry `genc.sharding` (a partition spec; default replicated) and each
// result may too (default: whatever propagation gives). Shardings propagate
// forward op by op through the ops' ShardingOpInterface rules (dot_general,
// reduce, broadcast_in_dim, transpose), the generic elementwise rule, and
// otherwise by gathering the operands (always correct). The result is the
// function's body as a per-device function called through genc.shard_map,
// which genc-shard then expands. With `report`, every collective the
// partitioning inserts gets a remark naming it, its mesh axes and the bytes
// each device receives.
//
//===----------------------------------------------------------------------===//

#include "compiler/Passes.h"
#include "compiler/Transforms/TransformUtils.h"

#include "dialects/genc/IR/GencDialect.h"

#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Transforms/RegionUtils.h"

namespace mlir::genc {
#define GEN_PASS_DEF_GENCAUTOSHARDPASS
#include "compiler/Passes.h.inc"
} // namespace mlir::genc

using namespace mlir;
using namespace mlir::genc;
using namespace mlir::genc::sharding;

namespace {

constexpr StringLiteral kSharding = "genc.sharding";

int64_t bytesOf(Value v) {
  auto t = cast<RankedTensorType>(v.getType());
  return t.getNumElements() *
         std::max<int64_t>(1, t.getElementTypeBitWidth() / 8);
}

/// Bytes a device receives in collective `op` over `ways` devices.
std::optional<int64_t> receivedBytes(Operation *op, int64_t ways) {
  if (isa<AllReduceOp>(op))
    return bytesOf(op->getOperand(0)) * (ways - 1);
  if (isa<AllGatherOp>(op))
    return bytesOf(op->getResult(0)) / ways * (ways - 1);
  return std::nullopt;
}

std::string axesText(ArrayAttr axes) {
  std::string s;
  for (Attribute a : axes)
    s += (s.empty() ? "'" : ", '") + cast<StringAttr>(a).getValue().str() +
         "'";
  return s;
}

struct GencAutoShardPass
    : public genc::impl::GencAutoShardPassBase<GencAutoShardPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<func::FuncOp> fns;
    for (auto fn : module.getOps<func::FuncOp>())
      if (fn->hasAttr("genc.mesh_axes") && !fn.isDeclaration())
        fns.push_back(fn);
    for (func::FuncOp fn : fns)
      if (failed(partition(module, fn)))
        return signalPassFailure();
  }

  LogicalResult partition(ModuleOp module, func::FuncOp fn) {
    auto meshAxes = fn->getAttrOfType<ArrayAttr>("genc.mesh_axes");
    auto meshShape = fn->getAttrOfType<DenseI64ArrayAttr>("genc.mesh_shape");
    if (!meshAxes || !meshShape)
      return fn.emitError() << "genc.mesh_axes needs genc.mesh_shape (an "
                               "array<i64> of axis sizes) beside it";
    if (fn.getBody().getBlocks().size() != 1)
      return fn.emitError() << "auto-sharding needs a single-block function";
    Block &entry = fn.getBody().front();
    MLIRContext *ctx = &getContext();
    OpBuilder b(ctx);

    // The per-device body: same arguments with local types.
    SmallVector<Attribute> inSpecs;
    for (BlockArgument arg : entry.getArguments()) {
      Attribute spec = fn.getArgAttr(arg.getArgNumber(), kSharding);
      inSpecs.push_back(spec ? spec : b.getArrayAttr({}));
    }
    auto body = cast<func::FuncOp>(fn->cloneWithoutRegions());
    body.setName((fn.getName() + "__partitioned").str());
    body.setPrivate();
    for (unsigned i = 0; i < body.getNumArguments(); ++i)
      body.removeArgAttr(i, kSharding);
    for (unsigned i = 0; i < body.getNumResults(); ++i)
      body.removeResultAttr(i, StringAttr::get(ctx, kSharding));
    SymbolTable(module).insert(body);
    Block *bodyEntry = body.addEntryBlock();
    b.setInsertionPointToEnd(bodyEntry);

    IRMapping local;               // original value -> local value
    DenseMap<Value, Attribute> spec; // original value -> its sharding
    SmallVector<Type> localArgs;
    for (auto [arg, s] : llvm::zip(entry.getArguments(), inSpecs)) {
      auto global = cast<RankedTensorType>(arg.getType());
      Spec d = dims(s, global.getRank());
      SmallVector<int64_t> shape(global.getShape());
      for (auto [i, axes] : llvm::enumerate(d))
        if (!axes.empty()) {
          int64_t n = ways(b, axes);
          if (n == 0)
            return fn.emitError() << "argument " << arg.getArgNumber()
                                  << ": sharding " << s
                                  << " names an axis not in the mesh "
                                  << meshAxes;
          if (shape[i] % n != 0)
            return fn.emitError()
                   << "argument " << arg.getArgNumber() << " " << global
                   << ": dimension " << i << " does not split " << n
                   << " ways";
          shape[i] /= n;
        }
      auto t = RankedTensorType::get(shape, global.getElementType());
      bodyEntry->getArgument(arg.getArgNumber()).setType(t);
      localArgs.push_back(t);
      local.map(arg, bodyEntry->getArgument(arg.getArgNumber()));
      spec[arg] = attr(ctx, d);
    }

    for (Operation &op : entry.without_terminator()) {
      SmallVector<Value> operands;
      SmallVector<Attribute> shardings;
      bool allReplicated = true;
      for (Value v : op.getOperands()) {
        operands.push_back(local.lookup(v));
        Attribute s = spec.lookup(v);
        shardings.push_back(s);
        auto t = dyn_cast<RankedTensorType>(v.getType());
        allReplicated &= !t || replicated(dims(s, t.getRank()));
      }
      SmallVector<Value> results;
      SmallVector<Attribute> resultSpecs;
      bool done = false;
      if (!allReplicated) {
        if (auto rule = dyn_cast<ShardingOpInterface>(&op))
          done = succeeded(rule.buildPartitioned(b, operands, shardings,
                                                 results, resultSpecs));
        else if (op.hasTrait<OpTrait::Elementwise>())
          done = succeeded(partitionElementwise(&op, b, operands, shardings,
                                                results, resultSpecs));
      }
      if (!done) {
        // Replicated operands: the op runs as it is on every device.
        results.clear();
        resultSpecs.clear();
        SmallVector<Value> full;
        for (auto [v, s] : llvm::zip(operands, shardings)) {
          auto t = dyn_cast<RankedTensorType>(v.getType());
          full.push_back(t ? reshard(b, op.getLoc(), v, dims(s, t.getRank()),
                                     Spec(t.getRank()))
                           : v);
        }
        IRMapping map;
        for (auto [from, to] : llvm::zip(op.getOperands(), full))
          map.map(from, to);
        // Values the op's regions use from above come replicated too.
        llvm::SetVector<Value> captured;
        getUsedValuesDefinedAbove(op.getRegions(), captured);
        for (Value v : captured) {
          auto t = cast<RankedTensorType>(v.getType());
          map.map(v, reshard(b, op.getLoc(), local.lookup(v),
                             dims(spec.lookup(v), t.getRank()),
                             Spec(t.getRank())));
        }
        Operation *c = b.clone(op, map);
        for (Value r : c->getResults()) {
          results.push_back(r);
          resultSpecs.push_back(b.getArrayAttr({}));
        }
      }
      for (auto [from, to, s] :
           llvm::zip(op.getResults(), results, resultSpecs)) {
        local.map(from, to);
        spec[from] = s;
      }
    }

    // Results: by their genc.sharding if given, else as propagated.
    Operation *ret = entry.getTerminator();
    SmallVector<Value> outs;
    SmallVector<Attribute> outSpecs;
    for (auto [i, v] : llvm::enumerate(ret->getOperands())) {
      auto t = cast<RankedTensorType>(v.getType());
      Spec have = dims(spec.lookup(v), t.getRank());
      Spec want = have;
      if (Attribute given = fn.getResultAttr(i, kSharding))
        want = dims(given, t.getRank());
      outs.push_back(reshard(b, ret->getLoc(), local.lookup(v), have, want));
      outSpecs.push_back(attr(ctx, want));
    }
    b.create<func::ReturnOp>(ret->getLoc(), outs);
    body.setFunctionType(
        FunctionType::get(ctx, localArgs, ValueRange(outs).getTypes()));

    if (report) {
      body.walk([&](Operation *op) {
        auto axes = op->getAttrOfType<ArrayAttr>("axes");
        if (!axes || !isa<AllReduceOp, AllGatherOp>(op))
          return;
        SmallVector<StringRef> names;
        for (Attribute a : axes)
          names.push_back(cast<StringAttr>(a).getValue());
        OpBuilder at(op);
        int64_t n = ways(at, names);
        op->emitRemark() << "sharding inserts " << op->getName() << " over "
                         << axesText(axes) << " of "
                         << op->getOperand(0).getType() << ": "
                         << *receivedBytes(op, n)
                         << " bytes received per device";
      });
      for (auto [i, s] : llvm::enumerate(outSpecs)) {
        Spec d = dims(s, cast<RankedTensorType>(outs[i].getType()).getRank());
        if (replicated(d))
          continue;
        fn.emitRemark() << "result " << i << " is assembled from shards "
                        << s << " (an all_gather of "
                        << bytesOf(ret->getOperand(i))
                        << " bytes per device, minus its own shard)";
      }
    }

    // The function becomes one shard_map of its body.
    SmallVector<Value> args(entry.getArguments());
    SmallVector<Type> resultTypes(ret->getOperandTypes());
    Location loc = ret->getLoc();
    for (Operation &op : llvm::make_early_inc_range(llvm::reverse(entry)))
      op.erase();
    b.setInsertionPointToEnd(&entry);
    auto map = b.create<ShardMapOp>(
        loc, resultTypes, FlatSymbolRefAttr::get(ctx, body.getName()), args,
        meshAxes, meshShape, b.getArrayAttr(inSpecs),
        b.getArrayAttr(outSpecs));
    b.create<func::ReturnOp>(loc, map.getResults());
    fn->removeAttr("genc.mesh_axes");
    fn->removeAttr("genc.mesh_shape");
    return mlir::verify(map);
  }
};

} // namespace

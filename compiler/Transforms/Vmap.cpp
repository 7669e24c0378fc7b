//===- Vmap.cpp - the genc-vmap pass --------------------------------------===//
//
// genc.vmap @f(xs) in_axes out_axes axis_size = n becomes a call of a
// generated function in which every batched value carries the batch as its
// leading dimension. Per-op rules live with the ops
// (dialects/genc/IR/GencBatching.cpp); this pass never switches on op names.
//
//===----------------------------------------------------------------------===//

#include "compiler/Passes.h"
#include "compiler/Transforms/TransformUtils.h"

#include "dialects/genc/IR/GencDialect.h"

#include "mlir/IR/IRMapping.h"
#include "mlir/Transforms/RegionUtils.h"
#include "llvm/ADT/StringSet.h"

namespace mlir::genc {
#define GEN_PASS_DEF_GENCVMAPPASS
#include "compiler/Passes.h.inc"
} // namespace mlir::genc

using namespace mlir;
using namespace mlir::genc;

namespace {

/// `v` with its dimension `from` moved to position `to`.
Value moveDim(OpBuilder &b, Location loc, Value v, int64_t from, int64_t to) {
  if (from == to)
    return v;
  auto t = cast<RankedTensorType>(v.getType());
  SmallVector<int64_t> perm;
  for (int64_t i = 0; i < t.getRank(); ++i)
    if (i != from)
      perm.push_back(i);
  perm.insert(perm.begin() + to, from);
  SmallVector<int64_t> shape;
  for (int64_t p : perm)
    shape.push_back(t.getDimSize(p));
  return b.create<TransposeOp>(loc,
                               RankedTensorType::get(shape, t.getElementType()),
                               v, b.getDenseI64ArrayAttr(perm));
}


class Batcher {
public:
  explicit Batcher(ModuleOp module) : module(module) {}

  /// The batched version of `callee` for the arguments marked in `batched`:
  /// those arguments and every result carry the batch (size n) first.
  FailureOr<func::FuncOp> getOrCreate(func::FuncOp callee,
                                      ArrayRef<bool> batched, int64_t n) {
    std::string name = callee.getName().str() + "__vmap_";
    for (bool b : batched)
      name += b ? "b" : "u";
    name += "_" + std::to_string(n);
    if (auto existing = module.lookupSymbol<func::FuncOp>(name))
      return existing;
    if (callee.isDeclaration() || !callee.getBody().hasOneBlock())
      return callee.emitError() << "cannot vmap '" << callee.getName()
                                << "': it needs a single-block body";
    if (!inProgress.insert(callee.getName()).second)
      return callee.emitError() << "cannot vmap recursive function '"
                                << callee.getName() << "'";
    FailureOr<func::FuncOp> fn = build(callee, batched, n, name);
    inProgress.erase(callee.getName());
    return fn;
  }

private:
  struct Batched {
    Value value;
    std::optional<int64_t> dim; // where the batch is; none: shared
  };

  FailureOr<func::FuncOp> build(func::FuncOp callee, ArrayRef<bool> batched,
                                int64_t n, const std::string &name) {
    FunctionType ft = callee.getFunctionType();
    auto withBatch = [&](Type t) {
      auto tt = cast<RankedTensorType>(t);
      SmallVector<int64_t> shape{n};
      llvm::append_range(shape, tt.getShape());
      return RankedTensorType::get(shape, tt.getElementType());
    };
    SmallVector<Type> inputs, results;
    for (auto [t, b] : llvm::zip(ft.getInputs(), batched))
      inputs.push_back(b ? withBatch(t) : t);
    for (Type t : ft.getResults())
      results.push_back(withBatch(t));
    OpBuilder b(module.getContext());
    Location loc = callee.getLoc();
    auto fn = createPrivateFunction(b, module, loc, name,
                                    b.getFunctionType(inputs, results));
    Block *entry = &fn.getBody().front();

    DenseMap<Value, Batched> map;
    Block &body = callee.getBody().front();
    for (auto [i, arg] : llvm::enumerate(body.getArguments()))
      map[arg] = {entry->getArgument(i),
                  batched[i] ? std::optional<int64_t>(0) : std::nullopt};
    if (failed(batchBlock(b, body, map, n)))
      return failure();
    auto lookup = [&](Value v) { return lookupIn(map, v); };
    SmallVector<Value> returned;
    for (Value v : body.getTerminator()->getOperands())
      returned.push_back(batchedFirst(b, loc, lookup(v), n));
    b.create<func::ReturnOp>(loc, returned);
    return fn;
  }

  static Batched lookupIn(const DenseMap<Value, Batched> &map, Value v) {
    auto it = map.find(v);
    return it != map.end() ? it->second : Batched{v, std::nullopt};
  }

  /// `x` with the batch first ([n, ...]), broadcast if shared.
  static Value batchedFirst(OpBuilder &b, Location loc, Batched x, int64_t n) {
    return x.dim ? moveDim(b, loc, x.value, *x.dim, 0)
                 : broadcastToBatch(b, loc, x.value, n);
  }

  /// Emits the batched form of `block`'s ops (not its terminator) at `b`,
  /// recording each result's batched value in `map`.
  LogicalResult batchBlock(OpBuilder &b, Block &block,
                           DenseMap<Value, Batched> &map, int64_t n) {
    auto lookup = [&](Value v) { return lookupIn(map, v); };
    for (Operation &op : block.without_terminator()) {
      SmallVector<Batched> operands;
      for (Value v : op.getOperands())
        operands.push_back(lookup(v));
      SetVector<Value> captured;
      if (op.getNumRegions())
        getUsedValuesDefinedAbove(op.getRegions(), captured);
      bool any = llvm::any_of(operands, [](const Batched &x) { return x.dim; }) ||
                 llvm::any_of(captured, [&](Value v) { return lookup(v).dim; });
      if (!any) {
        // Shared by all examples: clone (region captures keep their values).
        IRMapping m;
        for (auto [v, x] : llvm::zip(op.getOperands(), operands))
          m.map(v, x.value);
        for (Value v : captured)
          m.map(v, lookup(v).value);
        Operation *c = b.clone(op, m);
        for (auto [r, cr] : llvm::zip(op.getResults(), c->getResults()))
          map[r] = {cr, std::nullopt};
        continue;
      }
      if (auto branch = dyn_cast<IfOp>(op)) {
        // Masking: both branches run for every example (genc ops are pure)
        // and each result is selected by the example's predicate.
        Location loc = op.getLoc();
        SmallVector<Value> outs[2];
        Region *regions[2] = {&branch.getThenBranch(), &branch.getElseBranch()};
        for (int k = 0; k < 2; ++k) {
          Block &blk = regions[k]->front();
          if (failed(batchBlock(b, blk, map, n)))
            return failure();
          for (Value v : blk.getTerminator()->getOperands())
            outs[k].push_back(batchedFirst(b, loc, lookup(v), n));
        }
        Value pred = batchedFirst(b, loc, operands[0], n); // [n] i1
        for (auto [i, r] : llvm::enumerate(op.getResults())) {
          auto type = cast<RankedTensorType>(outs[0][i].getType());
          Value mask = b.create<BroadcastInDimOp>(
              loc, RankedTensorType::get(type.getShape(), b.getI1Type()), pred,
              b.getDenseI64ArrayAttr({0}));
          map[r] = {b.create<SelectOp>(loc, type, mask, outs[0][i], outs[1][i]),
                    0};
        }
        continue;
      }
      if (auto loop = dyn_cast<WhileOp>(op)) {
        if (failed(batchWhile(b, loop, operands, map, n)))
          return failure();
        continue;
      }
      if (!captured.empty() &&
          llvm::any_of(captured, [&](Value v) { return lookup(v).dim; }))
        return op.emitError() << "cannot vmap '" << op.getName()
                              << "': its regions use batched values (no "
                                 "batching rule for this op yet)";
      // Batched operands' batch dimension first.
      SmallVector<Value> values;
      SmallVector<std::optional<int64_t>> dims;
      for (Batched &x : operands) {
        values.push_back(x.dim ? moveDim(b, op.getLoc(), x.value, *x.dim, 0)
                               : x.value);
        dims.push_back(x.dim ? std::optional<int64_t>(0) : std::nullopt);
      }
      if (auto call = dyn_cast<func::CallOp>(op)) {
        auto target = module.lookupSymbol<func::FuncOp>(call.getCallee());
        if (!target)
          return call.emitError("cannot vmap a call of an unknown function");
        SmallVector<bool> mask;
        for (auto &d : dims)
          mask.push_back(d.has_value());
        FailureOr<func::FuncOp> inner = getOrCreate(target, mask, n);
        if (failed(inner))
          return failure();
        auto c = b.create<func::CallOp>(call.getLoc(), *inner, values);
        for (auto [r, cr] : llvm::zip(call.getResults(), c.getResults()))
          map[r] = {cr, 0};
        continue;
      }
      auto rule = dyn_cast<BatchingOpInterface>(&op);
      SmallVector<Value> outs;
      SmallVector<std::optional<int64_t>> outDims;
      if (!rule || failed(rule.buildBatched(b, values, dims, n, outs, outDims)))
        return op.emitError() << "cannot vmap '" << op.getName()
                              << "': no batching rule for this use";
      for (auto [r, v, d] : llvm::zip(op.getResults(), outs, outDims))
        map[r] = {v, d};
    }
    return success();
  }

  /// A genc.while whose state, condition or body depends on the example,
  /// by masking: every loop-carried value gets the batch; the batched loop
  /// runs while the condition holds for any example, and an example whose
  /// condition is false keeps its state (its body runs but its update is
  /// discarded), so each example ends with the state of its own loop.
  LogicalResult batchWhile(OpBuilder &b, WhileOp loop,
                           ArrayRef<Batched> operands,
                           DenseMap<Value, Batched> &map, int64_t n) {
    Location loc = loop.getLoc();
    SmallVector<Value> inits;
    for (const Batched &x : operands)
      inits.push_back(batchedFirst(b, loc, x, n));
    WhileOp batched = createWhile(b, loc, inits);
    Block &cond = loop.getCond().front(), &body = loop.getBody().front();
    // The per-example condition [n] x i1 of the state in `block`'s args.
    auto predicate = [&](OpBuilder &ib, Block *block,
                         DenseMap<Value, Batched> &local) -> FailureOr<Value> {
      for (auto [arg, state] : llvm::zip(cond.getArguments(), block->getArguments()))
        local[arg] = {state, 0};
      if (failed(batchBlock(ib, cond, local, n)))
        return failure();
      return batchedFirst(ib, loc, lookupIn(local, cond.getTerminator()->getOperand(0)), n);
    };
    OpBuilder::InsertionGuard guard(b);
    {
      Block *c = &batched.getCond().front();
      b.setInsertionPointToEnd(c);
      DenseMap<Value, Batched> local = map;
      FailureOr<Value> p = predicate(b, c, local);
      if (failed(p))
        return failure();
      auto i1 = RankedTensorType::get({}, b.getI1Type());
      Value none = b.create<ConstantOp>(loc, DenseElementsAttr::get(i1, false));
      Value any = b.create<ReduceOp>(
          loc, *p, none, ArrayRef<int64_t>{0},
          [](OpBuilder &nb, Location l, Value acc, Value e) -> Value {
            return nb.create<OrOp>(l, acc, e);
          });
      b.create<ReturnOp>(loc, any);
    }
    {
      Block *d = &batched.getBody().front();
      b.setInsertionPointToEnd(d);
      DenseMap<Value, Batched> local = map;
      FailureOr<Value> p = predicate(b, d, local);
      if (failed(p))
        return failure();
      for (auto [arg, state] : llvm::zip(body.getArguments(), d->getArguments()))
        local[arg] = {state, 0};
      if (failed(batchBlock(b, body, local, n)))
        return failure();
      SmallVector<Value> next;
      for (auto [v, state] :
           llvm::zip(body.getTerminator()->getOperands(), d->getArguments())) {
        Value updated = batchedFirst(b, loc, lookupIn(local, v), n);
        auto type = cast<RankedTensorType>(updated.getType());
        Value mask = b.create<BroadcastInDimOp>(
            loc, RankedTensorType::get(type.getShape(), b.getI1Type()), *p,
            b.getDenseI64ArrayAttr({0}));
        next.push_back(b.create<SelectOp>(loc, type, mask, updated, state));
      }
      b.create<ReturnOp>(loc, next);
    }
    for (auto [r, v] : llvm::zip(loop.getResults(), batched.getResults()))
      map[r] = {v, 0};
    return success();
  }

  ModuleOp module;
  llvm::StringSet<> inProgress;
};

struct GencVmapPass : public genc::impl::GencVmapPassBase<GencVmapPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    Batcher batcher(module);
    while (true) {
      SmallVector<VmapOp> ready;
      bool pending = false;
      module.walk([&](VmapOp op) {
        pending = true;
        llvm::SmallPtrSet<Operation *, 8> seen;
        auto callee = module.lookupSymbol<func::FuncOp>(op.getCallee());
        if (callee && !hasTransformOps(callee, seen))
          ready.push_back(op);
      });
      if (!pending || ready.empty())
        return; // what is left waits for genc-autodiff
      for (VmapOp op : ready) {
        auto callee = module.lookupSymbol<func::FuncOp>(op.getCallee());
        int64_t n = op.getAxisSize();
        OpBuilder b(op);
        SmallVector<Value> args;
        SmallVector<bool> mask;
        for (auto [v, axis] : llvm::zip(op.getPrimals(), op.getInAxes())) {
          mask.push_back(axis != -1);
          args.push_back(axis == -1 ? v : moveDim(b, op.getLoc(), v, axis, 0));
        }
        FailureOr<func::FuncOp> fn = batcher.getOrCreate(callee, mask, n);
        if (failed(fn))
          return signalPassFailure();
        auto call = b.create<func::CallOp>(op.getLoc(), *fn, args);
        SmallVector<Value> results;
        for (auto [r, axis] : llvm::zip(call.getResults(), op.getOutAxes()))
          results.push_back(moveDim(b, op.getLoc(), r, 0, axis));
        op.replaceAllUsesWith(results);
        op.erase();
      }
    }
  }
};

} // namespace

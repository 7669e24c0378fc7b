//===- Autodiff.cpp - the genc-autodiff pass (reverse mode) ---------------===//
//
// genc.vjp @f(primals) cotangents(cts) argnums = [...] becomes a call of a
// generated function: a clone of f's body (the forward sweep; its values
// are what the backward sweep reads), then the adjoint sweep, built op by
// op in reverse from GradOpInterface rules. Per-op rules live with the ops
// (dialects/genc/IR/GencGrad.cpp); this pass never switches on op names.
//
//===----------------------------------------------------------------------===//

#include "compiler/Passes.h"

#include "dialects/genc/IR/GencDialect.h"

#include "mlir/IR/IRMapping.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/StringSet.h"

namespace mlir::genc {
#define GEN_PASS_DEF_GENCAUTODIFFPASS
#include "compiler/Passes.h.inc"
} // namespace mlir::genc

using namespace mlir;
using namespace mlir::genc;

namespace {

bool isDifferentiable(Type t) {
  auto tt = dyn_cast<RankedTensorType>(t);
  return tt && isa<FloatType>(tt.getElementType());
}

Value zerosLike(OpBuilder &b, Location loc, Type type) {
  auto tt = cast<RankedTensorType>(type);
  return b.create<ConstantOp>(
      loc, SplatElementsAttr::get(tt, b.getZeroAttr(tt.getElementType())));
}

bool containsVjp(func::FuncOp fn) {
  return fn.walk([](Operation *op) {
             return isa<VjpOp, JvpOp>(op) ? WalkResult::interrupt()
                                          : WalkResult::advance();
           })
      .wasInterrupted();
}

/// Rewrites genc.jvp @f(x) tangents(t) through reverse mode:
///   g(x, u) = (cotangents of vjp(f)(x; u) for f's float inputs)
///   J t     = cotangent of u in vjp(g)(x, 0; t)   (g is linear in u)
/// The two new genc.vjp ops are expanded by the main loop.
LogicalResult rewriteJvp(ModuleOp module, JvpOp op) {
  auto callee = module.lookupSymbol<func::FuncOp>(op.getCallee());
  FunctionType ft = callee.getFunctionType();
  Location loc = op.getLoc();
  SmallVector<int64_t> floatArgs;
  for (auto [i, t] : llvm::enumerate(ft.getInputs()))
    if (isDifferentiable(t))
      floatArgs.push_back(i);
  for (Type t : ft.getResults())
    if (!isDifferentiable(t))
      return op.emitError("jvp needs float results");
  // g(x..., u...) -> (J^T u restricted to the float inputs).
  OpBuilder b(module.getContext());
  b.setInsertionPointToEnd(module.getBody());
  SmallVector<Type> gInputs(ft.getInputs());
  gInputs.append(ft.getResults().begin(), ft.getResults().end());
  SmallVector<Type> gResults;
  for (int64_t a : floatArgs)
    gResults.push_back(ft.getInput(a));
  std::string gName = callee.getName().str() + "__vjp_linear";
  auto g = module.lookupSymbol<func::FuncOp>(gName);
  if (!g) {
    g = b.create<func::FuncOp>(loc, gName, b.getFunctionType(gInputs, gResults));
    g.setPrivate();
    Block *entry = g.addEntryBlock();
    OpBuilder gb = OpBuilder::atBlockEnd(entry);
    SmallVector<Type> vjpTypes(ft.getResults());
    vjpTypes.append(gResults);
    auto vjp = gb.create<VjpOp>(
        loc, vjpTypes, op.getCalleeAttr(),
        entry->getArguments().take_front(ft.getNumInputs()),
        entry->getArguments().drop_front(ft.getNumInputs()),
        gb.getDenseI64ArrayAttr(floatArgs));
    gb.create<func::ReturnOp>(
        loc, vjp.getResults().drop_front(ft.getNumResults()));
  }
  // J t = vjp of g w.r.t. u at u = 0, cotangent t (float inputs only).
  b.setInsertionPoint(op);
  auto primal = b.create<func::CallOp>(loc, callee, op.getPrimals());
  SmallVector<Value> gArgs(op.getPrimals());
  for (Type t : ft.getResults())
    gArgs.push_back(zerosLike(b, loc, t));
  SmallVector<Value> tangents;
  for (int64_t a : floatArgs)
    tangents.push_back(op.getTangents()[a]);
  SmallVector<int64_t> uArgs;
  for (unsigned i = 0; i < ft.getNumResults(); ++i)
    uArgs.push_back(ft.getNumInputs() + i);
  SmallVector<Type> types(gResults);
  types.append(ft.getResults().begin(), ft.getResults().end());
  auto outer = b.create<VjpOp>(loc, types,
                               FlatSymbolRefAttr::get(g.getNameAttr()), gArgs,
                               tangents, b.getDenseI64ArrayAttr(uArgs));
  SmallVector<Value> results(primal.getResults());
  llvm::append_range(results, outer.getResults().drop_front(gResults.size()));
  op.replaceAllUsesWith(results);
  op.erase();
  return success();
}

class AdjointBuilder {
public:
  AdjointBuilder(ModuleOp module) : module(module), symbols(module) {}

  /// The adjoint function of `callee` for `argnums` (generated once).
  FailureOr<func::FuncOp> getOrCreate(func::FuncOp callee,
                                      ArrayRef<int64_t> argnums) {
    std::string name = callee.getName().str() + "__vjp";
    for (int64_t a : argnums)
      name += "_" + std::to_string(a);
    if (auto existing = module.lookupSymbol<func::FuncOp>(name))
      return existing;
    if (callee.isDeclaration())
      return callee.emitError() << "cannot differentiate '" << callee.getName()
                                << "': it has no body";
    if (!callee.getBody().hasOneBlock())
      return callee.emitError() << "cannot differentiate '" << callee.getName()
                                << "': only single-block functions";
    if (!inProgress.insert(callee.getName()).second)
      return callee.emitError() << "cannot differentiate recursive function '"
                                << callee.getName() << "'";
    FailureOr<func::FuncOp> fn = build(callee, argnums, name);
    inProgress.erase(callee.getName());
    return fn;
  }

private:
  FailureOr<func::FuncOp> build(func::FuncOp callee, ArrayRef<int64_t> argnums,
                                const std::string &name) {
    FunctionType ft = callee.getFunctionType();
    SmallVector<Type> inputs(ft.getInputs());
    inputs.append(ft.getResults().begin(), ft.getResults().end());
    SmallVector<Type> results(ft.getResults());
    for (int64_t a : argnums)
      results.push_back(ft.getInput(a));
    OpBuilder b(module.getContext());
    b.setInsertionPointToEnd(module.getBody());
    Location loc = callee.getLoc();
    auto fn = b.create<func::FuncOp>(loc, name, b.getFunctionType(inputs, results));
    fn.setPrivate();
    Block *entry = fn.addEntryBlock();
    b.setInsertionPointToEnd(entry);

    // Forward sweep: a clone of the callee's body.
    IRMapping map;
    Block &body = callee.getBody().front();
    unsigned numPrimals = ft.getNumInputs();
    for (unsigned i = 0; i < numPrimals; ++i)
      map.map(body.getArgument(i), entry->getArgument(i));
    SmallVector<Operation *> forward;
    for (Operation &op : body.without_terminator())
      forward.push_back(b.clone(op, map));
    auto ret = cast<func::ReturnOp>(body.getTerminator());
    SmallVector<Value> outputs;
    for (Value v : ret.getOperands())
      outputs.push_back(map.lookup(v));

    // Seed the output cotangents.
    cotangents.clear();
    for (auto [i, v] : llvm::enumerate(outputs))
      if (isDifferentiable(v.getType()))
        accumulate(b, v, entry->getArgument(numPrimals + i));

    // Adjoint sweep.
    for (Operation *op : llvm::reverse(forward))
      if (failed(backward(b, op)))
        return failure();

    SmallVector<Value> returned(outputs);
    for (int64_t a : argnums) {
      Value arg = entry->getArgument(a);
      Value ct = cotangents.lookup(arg);
      returned.push_back(ct ? ct : zerosLike(b, loc, arg.getType()));
    }
    b.create<func::ReturnOp>(loc, returned);
    return fn;
  }

  void accumulate(OpBuilder &b, Value v, Value ct) {
    if (!ct)
      return;
    Value &slot = cotangents[v];
    slot = slot ? b.create<AddOp>(ct.getLoc(), slot, ct).getResult() : ct;
  }

  LogicalResult backward(OpBuilder &b, Operation *op) {
    SmallVector<Value> resultCts;
    bool any = false;
    for (Value r : op->getResults()) {
      resultCts.push_back(cotangents.lookup(r));
      any |= resultCts.back() != nullptr;
    }
    if (!any || isa<StopGradientOp>(op) || op->hasTrait<OpTrait::ConstantLike>())
      return success();
    if (llvm::none_of(op->getOperandTypes(), isDifferentiable))
      return success();
    // Zero cotangents for results the rule needs but nobody used.
    auto materialize = [&](SmallVector<Value> &cts) {
      for (auto [i, ct] : llvm::enumerate(cts))
        if (!ct)
          ct = zerosLike(b, op->getLoc(), op->getResult(i).getType());
    };
    if (auto call = dyn_cast<func::CallOp>(op)) {
      auto callee = module.lookupSymbol<func::FuncOp>(call.getCallee());
      if (!callee)
        return call.emitError("cannot differentiate through an unknown callee");
      SmallVector<int64_t> argnums;
      for (auto [i, t] : llvm::enumerate(call.getOperandTypes()))
        if (isDifferentiable(t))
          argnums.push_back(i);
      FailureOr<func::FuncOp> adj = getOrCreate(callee, argnums);
      if (failed(adj))
        return failure();
      materialize(resultCts);
      SmallVector<Value> args(call.getOperands());
      args.append(resultCts);
      auto c = b.create<func::CallOp>(call.getLoc(), *adj, args);
      for (auto [k, a] : llvm::enumerate(argnums))
        accumulate(b, call.getOperand(a),
                   c.getResult(call.getNumResults() + k));
      return success();
    }
    auto rule = dyn_cast<GradOpInterface>(op);
    if (!rule)
      return op->emitError() << "cannot differentiate through '"
                             << op->getName() << "': it has no gradient rule";
    SmallVector<Value> operandCts;
    OpBuilder::InsertionGuard guard(b);
    if (failed(rule.buildVjp(b, resultCts, operandCts)))
      return op->emitError() << "no gradient rule for this use of '"
                             << op->getName() << "'";
    if (operandCts.size() != op->getNumOperands())
      return op->emitError() << "gradient rule of '" << op->getName()
                             << "' returned " << operandCts.size()
                             << " cotangents for " << op->getNumOperands()
                             << " operands";
    for (auto [operand, ct] : llvm::zip(op->getOperands(), operandCts)) {
      if (ct && ct.getType() != operand.getType())
        return op->emitError() << "gradient rule of '" << op->getName()
                               << "' produced " << ct.getType() << " for an "
                               << operand.getType() << " operand";
      if (isDifferentiable(operand.getType()))
        accumulate(b, operand, ct);
    }
    return success();
  }

  ModuleOp module;
  SymbolTable symbols;
  llvm::StringSet<> inProgress;
  DenseMap<Value, Value> cotangents;
};

struct GencAutodiffPass
    : public genc::impl::GencAutodiffPassBase<GencAutodiffPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    AdjointBuilder adjoints(module);
    SmallVector<JvpOp> jvps;
    module.walk([&](JvpOp op) { jvps.push_back(op); });
    for (JvpOp op : jvps)
      if (failed(rewriteJvp(module, op)))
        return signalPassFailure();
    while (true) {
      SmallVector<VjpOp> ready;
      bool pending = false;
      module.walk([&](VjpOp op) {
        pending = true;
        auto callee = module.lookupSymbol<func::FuncOp>(op.getCallee());
        if (callee && !containsVjp(callee))
          ready.push_back(op);
      });
      if (!pending)
        return;
      if (ready.empty()) {
        module.emitError("genc.vjp ops form a cycle through their callees");
        return signalPassFailure();
      }
      for (VjpOp op : ready) {
        auto callee = module.lookupSymbol<func::FuncOp>(op.getCallee());
        FailureOr<func::FuncOp> adj =
            adjoints.getOrCreate(callee, op.getArgnums());
        if (failed(adj))
          return signalPassFailure();
        OpBuilder b(op);
        SmallVector<Value> args(op.getPrimals());
        args.append(op.getCotangents().begin(), op.getCotangents().end());
        auto call = b.create<func::CallOp>(op.getLoc(), *adj, args);
        op.replaceAllUsesWith(call.getResults());
        op.erase();
      }
    }
  }
};

} // namespace

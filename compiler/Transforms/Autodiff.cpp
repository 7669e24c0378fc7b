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
#include "compiler/Transforms/TransformUtils.h"

#include "dialects/genc/IR/GencDialect.h"

#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Transforms/RegionUtils.h"
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

/// Whether `fn`, or a function it calls or names as a rule (transitively),
/// still contains a genc.vjp/genc.jvp: differentiating it must wait until
/// those are expanded.
bool containsVjp(func::FuncOp fn, llvm::SmallPtrSetImpl<Operation *> &seen) {
  if (!fn || !seen.insert(fn).second)
    return false;
  auto module = fn->getParentOfType<ModuleOp>();
  auto lookup = [&](Attribute a) {
    auto ref = dyn_cast_or_null<FlatSymbolRefAttr>(a);
    return ref ? module.lookupSymbol<func::FuncOp>(ref.getAttr()) : nullptr;
  };
  if (auto rules = fn->getAttrOfType<DictionaryAttr>("genc.custom_vjp"))
    for (NamedAttribute rule : rules)
      if (containsVjp(lookup(rule.getValue()), seen))
        return true;
  if (containsVjp(lookup(fn->getAttr("genc.custom_jvp")), seen))
    return true;
  return fn
      .walk([&](Operation *op) {
        if (isa<VjpOp, JvpOp, VmapOp>(op))
          return WalkResult::interrupt();
        if (auto call = dyn_cast<func::CallOp>(op))
          if (containsVjp(module.lookupSymbol<func::FuncOp>(call.getCallee()),
                          seen))
            return WalkResult::interrupt();
        return WalkResult::advance();
      })
      .wasInterrupted();
}

bool containsVjp(func::FuncOp fn) {
  llvm::SmallPtrSet<Operation *, 8> seen;
  return containsVjp(fn, seen);
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
    OpBuilder gb(module.getContext());
    g = createPrivateFunction(gb, module, loc, gName,
                              gb.getFunctionType(gInputs, gResults));
    Block *entry = &g.getBody().front();
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

//===----------------------------------------------------------------------===//
// Loops: static trip counts
//===----------------------------------------------------------------------===//

std::optional<int64_t> constantInt(Value v) {
  DenseIntElementsAttr attr;
  if (!matchPattern(v, m_Constant(&attr)) || attr.getNumElements() != 1)
    return std::nullopt;
  return (*attr.value_begin<APInt>()).getSExtValue();
}

ComparisonDirection swapped(ComparisonDirection d) {
  switch (d) {
  case ComparisonDirection::LT: return ComparisonDirection::GT;
  case ComparisonDirection::LE: return ComparisonDirection::GE;
  case ComparisonDirection::GT: return ComparisonDirection::LT;
  case ComparisonDirection::GE: return ComparisonDirection::LE;
  default: return d;
  }
}

/// Loops that reverse mode can tape: one integer loop-carried counter that
/// starts at a constant, is stepped by a constant (genc.add) in the body and
/// compared against a constant in `cond` (a fori_loop). Returns the number
/// of iterations (found by stepping the counter, at most 2^24).
FailureOr<int64_t> staticTripCount(WhileOp op) {
  Block &cond = op.getCond().front();
  Block &body = op.getBody().front();
  auto condRet = cast<ReturnOp>(cond.getTerminator());
  auto bodyRet = cast<ReturnOp>(body.getTerminator());
  auto cmp = condRet.getResults()[0].getDefiningOp<CompareOp>();
  if (!cmp)
    return failure();
  for (unsigned j = 0; j < op.getNumOperands(); ++j) {
    ComparisonDirection dir = cmp.getComparisonDirection();
    std::optional<int64_t> limit;
    if (cmp.getLhs() == cond.getArgument(j)) {
      limit = constantInt(cmp.getRhs());
    } else if (cmp.getRhs() == cond.getArgument(j)) {
      limit = constantInt(cmp.getLhs());
      dir = swapped(dir);
    }
    std::optional<int64_t> init = constantInt(op.getOperands()[j]);
    auto add = bodyRet.getResults()[j].getDefiningOp<AddOp>();
    if (!limit || !init || !add)
      continue;
    std::optional<int64_t> step;
    if (add.getLhs() == body.getArgument(j))
      step = constantInt(add.getRhs());
    else if (add.getRhs() == body.getArgument(j))
      step = constantInt(add.getLhs());
    if (!step)
      continue;
    auto holds = [&](int64_t i) {
      switch (dir) {
      case ComparisonDirection::LT: return i < *limit;
      case ComparisonDirection::LE: return i <= *limit;
      case ComparisonDirection::GT: return i > *limit;
      case ComparisonDirection::GE: return i >= *limit;
      case ComparisonDirection::NE: return i != *limit;
      case ComparisonDirection::EQ: return i == *limit;
      }
      return false;
    };
    constexpr int64_t kMaxTrips = int64_t(1) << 24;
    int64_t trips = 0;
    for (int64_t i = *init; holds(i); i += *step)
      if (++trips > kMaxTrips)
        return failure();
    return trips;
  }
  return failure();
}

Value scalarI32(OpBuilder &b, Location loc, int64_t v) {
  auto t = RankedTensorType::get({}, b.getI32Type());
  return b.create<ConstantOp>(loc, DenseElementsAttr::get(t, b.getI32IntegerAttr(v).getValue()));
}

/// tensor<n x T.shape> with T's element type.
RankedTensorType stacked(Type t, int64_t n) {
  auto tt = cast<RankedTensorType>(t);
  SmallVector<int64_t> shape{n};
  llvm::append_range(shape, tt.getShape());
  return RankedTensorType::get(shape, tt.getElementType());
}

//===----------------------------------------------------------------------===//
// Function attributes: custom_vjp and checkpoint
//===----------------------------------------------------------------------===//

constexpr llvm::StringLiteral kCustomVjp = "genc.custom_vjp";
constexpr llvm::StringLiteral kCustomJvp = "genc.custom_jvp";
constexpr llvm::StringLiteral kCheckpoint = "genc.checkpoint";

enum class Remat { None, Everything, DotsSaved };

/// Saved by the dots_saveable policy: contractions, whose recomputation is
/// the expensive part of a forward sweep.
bool isSavedByDotsPolicy(Operation &op) {
  return isa<DotGeneralOp, ConvolutionOp>(op);
}

/// genc.grad / genc.value_and_grad -> genc.vjp seeded with 1 for the loss
/// (the first result) and 0 for the auxiliary results.
void rewriteGrad(Operation *op, FlatSymbolRefAttr callee, ValueRange primals,
                 ArrayRef<int64_t> argnums, bool valueToo) {
  auto module = op->getParentOfType<ModuleOp>();
  auto fn = module.lookupSymbol<func::FuncOp>(callee.getAttr());
  OpBuilder b(op);
  Location loc = op->getLoc();
  SmallVector<Value> cts;
  for (auto [i, t] : llvm::enumerate(fn.getResultTypes())) {
    auto tt = cast<RankedTensorType>(t);
    cts.push_back(b.create<ConstantOp>(
        loc, SplatElementsAttr::get(
                 tt, i == 0 ? b.getOneAttr(tt.getElementType())
                            : b.getZeroAttr(tt.getElementType()))));
  }
  SmallVector<Type> types(fn.getResultTypes());
  for (int64_t a : argnums)
    types.push_back(primals[a].getType());
  auto vjp = b.create<VjpOp>(loc, types, callee, primals, cts,
                             b.getDenseI64ArrayAttr(argnums));
  ValueRange outs = vjp.getResults().take_front(fn.getNumResults());
  ValueRange grads = vjp.getResults().drop_front(fn.getNumResults());
  SmallVector<Value> results;
  if (valueToo) {
    llvm::append_range(results, outs);
    llvm::append_range(results, grads);
  } else {
    llvm::append_range(results, grads);
    llvm::append_range(results, outs.drop_front());
  }
  op->replaceAllUsesWith(results);
  op->erase();
}

class AdjointBuilder {
public:
  AdjointBuilder(ModuleOp module) : module(module) {}

  /// The adjoint function of `callee` for `argnums` (generated once):
  /// (primals..., cotangents of results...) -> (results..., cotangents of
  /// the argnums arguments...). With `savedDots`, the values of the
  /// callee's top-level contractions are extra inputs after the primals.
  FailureOr<func::FuncOp> getOrCreate(func::FuncOp callee,
                                      ArrayRef<int64_t> argnums,
                                      bool savedDots = false) {
    std::string name = callee.getName().str() + (savedDots ? "__vjp_saved" : "__vjp");
    for (int64_t a : argnums)
      name += "_" + std::to_string(a);
    if (auto existing = module.lookupSymbol<func::FuncOp>(name))
      return existing;
    if (failed(checkBody(callee)))
      return failure();
    if (!inProgress.insert(callee.getName()).second)
      return callee.emitError() << "cannot differentiate recursive function '"
                                << callee.getName() << "'";
    // build() may run in the middle of another function's sweep.
    DenseMap<Value, Value> outerCts = std::move(cotangents);
    DenseMap<Value, Value> outerSubstitutes = std::move(substitutes);
    cotangents.clear();
    substitutes.clear();
    FailureOr<func::FuncOp> fn = build(callee, argnums, name, savedDots);
    cotangents = std::move(outerCts);
    substitutes = std::move(outerSubstitutes);
    inProgress.erase(callee.getName());
    return fn;
  }

private:
  LogicalResult checkBody(func::FuncOp callee) {
    if (callee.isDeclaration())
      return callee.emitError() << "cannot differentiate '" << callee.getName()
                                << "': it has no body";
    if (!callee.getBody().hasOneBlock())
      return callee.emitError() << "cannot differentiate '" << callee.getName()
                                << "': only single-block functions";
    return success();
  }

  FailureOr<func::FuncOp> build(func::FuncOp callee, ArrayRef<int64_t> argnums,
                                const std::string &name, bool savedDots) {
    FunctionType ft = callee.getFunctionType();
    Block &body = callee.getBody().front();
    SmallVector<Operation *> saved;
    if (savedDots)
      for (Operation &op : body.without_terminator())
        if (isSavedByDotsPolicy(op))
          saved.push_back(&op);
    SmallVector<Type> inputs(ft.getInputs());
    for (Operation *op : saved)
      inputs.push_back(op->getResult(0).getType());
    inputs.append(ft.getResults().begin(), ft.getResults().end());
    SmallVector<Type> results(ft.getResults());
    for (int64_t a : argnums)
      results.push_back(ft.getInput(a));
    OpBuilder b(module.getContext());
    Location loc = callee.getLoc();
    auto fn = createPrivateFunction(b, module, loc, name,
                                    b.getFunctionType(inputs, results));
    Block *entry = &fn.getBody().front();
    unsigned numPrimals = ft.getNumInputs();
    unsigned numSaved = saved.size();

    // Forward sweep: the callee's body (or its custom rule's forward).
    SmallVector<Operation *> forward;
    SmallVector<Value> outputs;
    ValueRange primals = entry->getArguments().take_front(numPrimals);
    if (callee->hasAttr(kCustomVjp)) {
      FailureOr<SmallVector<Value>> r = emitCustomForward(b, loc, callee, primals, forward);
      if (failed(r))
        return failure();
      outputs = *r;
    } else if (callee->hasAttr(kCustomJvp)) {
      FailureOr<SmallVector<Value>> r = emitCall(b, loc, callee, primals, forward);
      if (failed(r))
        return failure();
      outputs = *r;
    } else {
      IRMapping map;
      map.map(body.getArguments(), primals);
      ValueRange savedArgs = entry->getArguments().slice(numPrimals, numSaved);
      for (Operation &op : body.without_terminator()) {
        auto it = llvm::find(saved, &op);
        if (it == saved.end()) {
          if (failed(cloneOp(b, op, map, forward)))
            return failure();
          continue;
        }
        // A saved contraction: its value comes in as an argument; the clone
        // stays (unused) only so that the sweep can run its rule.
        Operation *clone = b.clone(op, map);
        Value value = savedArgs[it - saved.begin()];
        substitutes[clone->getResult(0)] = value;
        map.map(op.getResult(0), value);
        forward.push_back(clone);
      }
      for (Value v : body.getTerminator()->getOperands())
        outputs.push_back(map.lookupOrDefault(v));
    }

    // Activity: only ops that depend on the differentiated arguments get
    // an adjoint (a custom_jvp rule's primal outputs, say, are constants
    // for its tangent map).
    DenseSet<Value> varied;
    for (int64_t a : argnums)
      varied.insert(entry->getArgument(a));
    for (Operation *op : forward) {
      SetVector<Value> inputs(op->getOperands().begin(), op->getOperands().end());
      if (op->getNumRegions())
        getUsedValuesDefinedAbove(op->getRegions(), inputs);
      if (llvm::any_of(inputs, [&](Value v) { return varied.contains(v); })) {
        for (Value r : op->getResults()) {
          varied.insert(r);
          if (Value saved = substitutes.lookup(r)) // its uses read the argument
            varied.insert(saved);
        }
      } else
        inactive.insert(op);
    }

    // Seed the output cotangents, then the adjoint sweep.
    for (auto [i, v] : llvm::enumerate(outputs))
      if (isDifferentiable(v.getType()))
        accumulate(b, v, entry->getArgument(numPrimals + numSaved + i));
    if (failed(sweep(b, forward)))
      return failure();

    for (auto [clone, value] : substitutes)
      if (clone.use_empty())
        clone.getDefiningOp()->erase();
    substitutes.clear();

    SmallVector<Value> returned(outputs);
    for (int64_t a : argnums) {
      Value arg = entry->getArgument(a);
      Value ct = cotangents.lookup(arg);
      returned.push_back(ct ? ct : zerosLike(b, loc, arg.getType()));
    }
    b.create<func::ReturnOp>(loc, returned);
    return fn;
  }

  //===--------------------------------------------------------------------===//
  // Forward sweep
  //===--------------------------------------------------------------------===//

  /// Clones `op` (mapped through `map`) as part of a forward sweep; the ops
  /// the backward sweep must visit are appended to `forward`. Calls are
  /// inlined (their values saved) unless the callee carries a custom rule or
  /// a checkpoint policy; while loops with a static trip count are taped.
  LogicalResult cloneOp(OpBuilder &b, Operation &op, IRMapping &map,
                        SmallVectorImpl<Operation *> &forward) {
    if (auto call = dyn_cast<func::CallOp>(op)) {
      auto callee = module.lookupSymbol<func::FuncOp>(call.getCallee());
      FailureOr<Remat> remat =
          callee ? checkpointPolicy(callee) : FailureOr<Remat>(Remat::None);
      if (failed(remat))
        return failure();
      if (callee && !callee.isDeclaration() && *remat != Remat::Everything) {
        SmallVector<Value> args;
        for (Value v : call.getOperands())
          args.push_back(map.lookupOrDefault(v));
        FailureOr<SmallVector<Value>> results =
            emitCall(b, call.getLoc(), callee, args, forward);
        if (failed(results))
          return failure();
        map.map(call.getResults(), *results);
        return success();
      }
    }
    if (auto loop = dyn_cast<WhileOp>(op)) {
      FailureOr<int64_t> trips = staticTripCount(loop);
      if (succeeded(trips) && *trips > 0 && needsTape(loop)) {
        forward.push_back(tape(b, loop, *trips, map));
        return success();
      }
    }
    forward.push_back(b.clone(op, map));
    return success();
  }

  /// A call of `callee` in a forward sweep, except a checkpoint with the
  /// nothing_saveable policy: that call is cloned as is, and its adjoint
  /// reruns the callee (backwardCall).
  FailureOr<SmallVector<Value>> emitCall(OpBuilder &b, Location loc,
                                         func::FuncOp callee, ValueRange args,
                                         SmallVectorImpl<Operation *> &forward) {
    if (callee->hasAttr(kCustomVjp))
      return emitCustomForward(b, loc, callee, args, forward);
    if (callee->hasAttr(kCustomJvp)) {
      FailureOr<func::FuncOp> rule = customJvpRule(callee);
      if (failed(rule))
        return failure();
      auto c = b.create<func::CallOp>(loc, callee, args);
      customJvpCalls[c] = *rule;
      forward.push_back(c);
      return SmallVector<Value>(c.getResults());
    }
    FailureOr<Remat> remat = checkpointPolicy(callee);
    if (failed(remat))
      return failure();
    if (*remat == Remat::DotsSaved) {
      FailureOr<func::FuncOp> saving = getOrCreateSaving(callee);
      if (failed(saving))
        return failure();
      auto c = b.create<func::CallOp>(loc, *saving, args);
      savedCalls[c] = callee;
      forward.push_back(c);
      return SmallVector<Value>(c.getResults().take_front(callee.getNumResults()));
    }
    // Inline: the callee's values are saved like the caller's.
    if (failed(checkBody(callee)))
      return failure();
    if (!inProgress.insert(callee.getName()).second)
      return callee.emitError() << "cannot differentiate recursive function '"
                                << callee.getName() << "'";
    Block &body = callee.getBody().front();
    IRMapping inner;
    inner.map(body.getArguments(), args);
    for (Operation &op : body.without_terminator())
      if (failed(cloneOp(b, op, inner, forward)))
        return failure();
    inProgress.erase(callee.getName());
    SmallVector<Value> results;
    for (Value v : body.getTerminator()->getOperands())
      results.push_back(inner.lookupOrDefault(v));
    return results;
  }

  FailureOr<Remat> checkpointPolicy(func::FuncOp callee) {
    Attribute attr = callee->getAttr(kCheckpoint);
    if (!attr)
      return Remat::None;
    auto policy = dyn_cast<StringAttr>(attr);
    if (policy && policy.getValue() == "everything_saveable")
      return Remat::None;
    if (policy && policy.getValue() == "nothing_saveable")
      return Remat::Everything;
    if (policy && policy.getValue() == "dots_saveable")
      return Remat::DotsSaved;
    return callee.emitError()
           << "unknown " << kCheckpoint << " policy " << attr
           << " (expected \"nothing_saveable\", \"dots_saveable\" or "
              "\"everything_saveable\")";
  }

  /// `callee` returning, after its results, the values of its top-level
  /// contractions (what dots_saveable keeps for the backward sweep).
  FailureOr<func::FuncOp> getOrCreateSaving(func::FuncOp callee) {
    std::string name = callee.getName().str() + "__save_dots";
    if (auto existing = module.lookupSymbol<func::FuncOp>(name))
      return existing;
    if (failed(checkBody(callee)))
      return failure();
    OpBuilder b(module.getContext());
    b.setInsertionPointToEnd(module.getBody());
    auto fn = cast<func::FuncOp>(b.clone(*callee));
    fn.setName(name);
    fn.setPrivate();
    fn->removeAttr(kCheckpoint);
    Block &body = fn.getBody().front();
    auto ret = cast<func::ReturnOp>(body.getTerminator());
    SmallVector<Value> results(ret.getOperands());
    for (Operation &op : body.without_terminator())
      if (isSavedByDotsPolicy(op))
        results.push_back(op.getResult(0));
    b.setInsertionPoint(ret);
    b.create<func::ReturnOp>(ret.getLoc(), results);
    ret.erase();
    SmallVector<Type> types;
    for (Value v : results)
      types.push_back(v.getType());
    fn.setType(b.getFunctionType(fn.getArgumentTypes(), types));
    return fn;
  }

  /// The rule functions of a custom_vjp function, checked against it:
  /// fwd: (args) -> (results..., residuals...);
  /// bwd: (residuals..., cotangents of results...) -> (one cotangent per
  /// float argument).
  FailureOr<std::pair<func::FuncOp, func::FuncOp>> customRule(func::FuncOp f) {
    auto dict = dyn_cast<DictionaryAttr>(f->getAttr(kCustomVjp));
    auto fwdRef = dict ? dict.getAs<FlatSymbolRefAttr>("fwd") : nullptr;
    auto bwdRef = dict ? dict.getAs<FlatSymbolRefAttr>("bwd") : nullptr;
    if (!fwdRef || !bwdRef)
      return f.emitError() << kCustomVjp
                           << " must be {fwd = @f_fwd, bwd = @f_bwd}";
    auto fwd = module.lookupSymbol<func::FuncOp>(fwdRef.getAttr());
    auto bwd = module.lookupSymbol<func::FuncOp>(bwdRef.getAttr());
    if (!fwd || !bwd)
      return f.emitError() << kCustomVjp << " names an unknown function "
                           << (fwd ? bwdRef : fwdRef);
    FunctionType ft = f.getFunctionType(), fwdT = fwd.getFunctionType(),
                 bwdT = bwd.getFunctionType();
    if (fwdT.getInputs() != ft.getInputs() ||
        fwdT.getNumResults() < ft.getNumResults() ||
        fwdT.getResults().take_front(ft.getNumResults()) != ft.getResults())
      return f.emitError() << "custom_vjp forward rule @" << fwd.getName()
                           << " has type " << fwdT
                           << "; it must take the arguments of @" << f.getName()
                           << " and return its results, then residuals";
    SmallVector<Type> bwdIn(fwdT.getResults().drop_front(ft.getNumResults()));
    bwdIn.append(ft.getResults().begin(), ft.getResults().end());
    SmallVector<Type> bwdOut;
    for (Type t : ft.getInputs())
      if (isDifferentiable(t))
        bwdOut.push_back(t);
    if (TypeRange(bwdIn) != bwdT.getInputs() || TypeRange(bwdOut) != bwdT.getResults())
      return f.emitError() << "custom_vjp backward rule @" << bwd.getName()
                           << " has type " << bwdT << "; expected "
                           << FunctionType::get(f.getContext(), bwdIn, bwdOut)
                           << " (residuals, then one cotangent per result; "
                              "one cotangent per float argument)";
    return std::make_pair(fwd, bwd);
  }

  /// The rule of a custom_jvp function f, checked against it:
  /// (args..., one tangent per float argument) -> (results..., one tangent
  /// per result).
  FailureOr<func::FuncOp> customJvpRule(func::FuncOp f) {
    auto ref = dyn_cast<FlatSymbolRefAttr>(f->getAttr(kCustomJvp));
    auto rule = ref ? module.lookupSymbol<func::FuncOp>(ref.getAttr()) : nullptr;
    if (!rule)
      return f.emitError() << kCustomJvp
                           << " must name the rule function (@f_jvp)";
    FunctionType ft = f.getFunctionType();
    SmallVector<Type> in(ft.getInputs());
    for (Type t : ft.getInputs())
      if (isDifferentiable(t))
        in.push_back(t);
    SmallVector<Type> out(ft.getResults());
    out.append(ft.getResults().begin(), ft.getResults().end());
    if (TypeRange(in) != rule.getFunctionType().getInputs() ||
        TypeRange(out) != rule.getFunctionType().getResults())
      return f.emitError() << "custom_jvp rule @" << rule.getName()
                           << " has type " << rule.getFunctionType()
                           << "; expected "
                           << FunctionType::get(f.getContext(), in, out)
                           << " (arguments, then one tangent per float "
                              "argument; results, then their tangents)";
    return rule;
  }

  FailureOr<SmallVector<Value>> emitCustomForward(OpBuilder &b, Location loc,
                                                  func::FuncOp f, ValueRange args,
                                                  SmallVectorImpl<Operation *> &forward) {
    auto rule = customRule(f);
    if (failed(rule))
      return failure();
    auto c = b.create<func::CallOp>(loc, rule->first, args);
    customCalls[c] = {rule->second, f.getNumResults()};
    forward.push_back(c);
    return SmallVector<Value>(c.getResults().take_front(f.getNumResults()));
  }

  /// Whether gradients can flow through `loop`: float loop-carried values
  /// or float values captured by its body.
  static bool needsTape(WhileOp loop) {
    if (llvm::any_of(loop.getOperandTypes(), isDifferentiable))
      return true;
    SetVector<Value> captured;
    getUsedValuesDefinedAbove(loop.getBody(), captured);
    return llvm::any_of(captured, [](Value v) { return isDifferentiable(v.getType()); });
  }

  /// Which loop-carried values of `loop` the backward loop reads: those
  /// from which the body computes an operand that some VJP reads — any
  /// operand of an op that is not GencLinear, the integer operands of one
  /// that is, whatever an op with regions uses. A carry that the body only
  /// adds to, reshapes and passes on (an output written one column per
  /// iteration, a running sum) is not needed: its cotangent passes through
  /// linear ops whose VJPs read no float value.
  static SmallVector<bool> carriesToTape(WhileOp loop) {
    Block &body = loop.getBody().front();
    DenseSet<Value> needed;
    SmallVector<Value> work;
    auto need = [&](Value v) {
      if (needed.insert(v).second)
        work.push_back(v);
    };
    auto needAllOf = [&](Operation &op) {
      for (Value v : op.getOperands())
        need(v);
      if (op.getNumRegions() > 0) {
        SetVector<Value> captured;
        getUsedValuesDefinedAbove(op.getRegions(), captured);
        for (Value v : captured)
          need(v);
      }
    };
    for (Operation &op : body.without_terminator()) {
      if (op.getNumRegions() > 0 || !op.hasTrait<OpTrait::GencLinear>()) {
        needAllOf(op);
        continue;
      }
      for (Value v : op.getOperands())
        if (!isDifferentiable(v.getType()))
          need(v);
    }
    while (!work.empty()) {
      Operation *def = work.pop_back_val().getDefiningOp();
      if (def && def->getBlock() == &body)
        needAllOf(*def); // recomputing a needed value needs its operands
    }
    SmallVector<bool> taped;
    for (BlockArgument arg : body.getArguments())
      taped.push_back(needed.contains(arg));
    return taped;
  }

  /// The forward loop, extended with an iteration counter and one buffer
  /// per loop-carried value the backward loop reads (carriesToTape) that
  /// records its value at the start of every iteration (genc.scatter_add
  /// into zeros: each slot is written once).
  Operation *tape(OpBuilder &b, WhileOp loop, int64_t trips, IRMapping &map) {
    Location loc = loop.getLoc();
    unsigned n = loop.getNumOperands();
    SmallVector<bool> taped = carriesToTape(loop);
    SmallVector<Value> inits;
    for (Value v : loop.getOperands())
      inits.push_back(map.lookupOrDefault(v));
    inits.push_back(scalarI32(b, loc, 0));
    for (unsigned j = 0; j < n; ++j)
      if (taped[j])
        inits.push_back(zerosLike(b, loc, stacked(loop.getOperand(j).getType(), trips)));
    WhileOp tapedLoop = createWhile(b, loc, inits);
    {
      OpBuilder::InsertionGuard guard(b);
      Block *cond = &tapedLoop.getCond().front();
      b.setInsertionPointToEnd(cond);
      IRMapping cm = map;
      cm.map(loop.getCond().front().getArguments(), cond->getArguments().take_front(n));
      for (Operation &op : loop.getCond().front())
        b.clone(op, cm);

      Block *body = &tapedLoop.getBody().front();
      b.setInsertionPointToEnd(body);
      IRMapping bm = map;
      Block &src = loop.getBody().front();
      bm.map(src.getArguments(), body->getArguments().take_front(n));
      for (Operation &op : src.without_terminator())
        b.clone(op, bm);
      SmallVector<Value> yields;
      for (Value v : src.getTerminator()->getOperands())
        yields.push_back(bm.lookupOrDefault(v));
      Value k = body->getArgument(n);
      auto idxType = RankedTensorType::get({1}, b.getI32Type());
      Value idx = b.create<ReshapeOp>(loc, idxType, k);
      yields.push_back(b.create<AddOp>(loc, k, scalarI32(b, loc, 1)));
      for (unsigned j = 0, next = n + 1; j < n; ++j) {
        if (!taped[j])
          continue;
        Value state = body->getArgument(j);
        Value row = b.create<ReshapeOp>(loc, stacked(state.getType(), 1), state);
        Value buf = body->getArgument(next++);
        yields.push_back(b.create<ScatterAddOp>(loc, buf.getType(), buf, idx, row, 0));
      }
      b.create<ReturnOp>(loc, yields);
    }
    map.map(loop.getResults(), tapedLoop.getResults().take_front(n));
    auto &t = tapes[tapedLoop];
    t.source = loop;
    t.outer = map;
    for (unsigned j = 0, next = n + 1; j < n; ++j)
      t.buffers.push_back(taped[j] ? tapedLoop.getResult(next++) : Value());
    t.trips = trips;
    return tapedLoop;
  }

  //===--------------------------------------------------------------------===//
  // Adjoint sweep
  //===--------------------------------------------------------------------===//

  LogicalResult sweep(OpBuilder &b, ArrayRef<Operation *> forward) {
    for (Operation *op : llvm::reverse(forward))
      if (failed(backward(b, op)))
        return failure();
    return success();
  }

  void accumulate(OpBuilder &b, Value v, Value ct) {
    if (!ct)
      return;
    Value &slot = cotangents[v];
    slot = slot ? b.create<AddOp>(ct.getLoc(), slot, ct).getResult() : ct;
  }

  Value cotangentOrZeros(OpBuilder &b, Location loc, Value v) {
    Value ct = cotangents.lookup(v);
    return ct ? ct : zerosLike(b, loc, v.getType());
  }

  LogicalResult backward(OpBuilder &b, Operation *op) {
    SmallVector<Value> resultCts;
    bool any = false;
    for (Value r : op->getResults()) {
      resultCts.push_back(cotangents.lookup(substitutes.lookup(r) ? substitutes.lookup(r) : r));
      any |= resultCts.back() != nullptr;
    }
    if (!any || inactive.contains(op) || isa<StopGradientOp>(op) ||
        op->hasTrait<OpTrait::ConstantLike>())
      return success();
    // Zero cotangents for results the rule needs but nobody used.
    auto materialize = [&](MutableArrayRef<Value> cts) {
      for (auto [i, ct] : llvm::enumerate(cts))
        if (!ct)
          ct = zerosLike(b, op->getLoc(), op->getResult(i).getType());
    };
    if (auto it = customCalls.find(op); it != customCalls.end()) {
      auto [bwd, numResults] = it->second;
      MutableArrayRef<Value> cts(resultCts);
      materialize(cts.take_front(numResults));
      SmallVector<Value> args(op->getResults().drop_front(numResults));
      args.append(resultCts.begin(), resultCts.begin() + numResults);
      auto c = b.create<func::CallOp>(op->getLoc(), bwd, args);
      unsigned k = 0;
      for (Value operand : op->getOperands())
        if (isDifferentiable(operand.getType()))
          accumulate(b, operand, c.getResult(k++));
      return success();
    }
    if (auto it = customJvpCalls.find(op); it != customJvpCalls.end()) {
      // The rule's tangent map t -> J t is linear; its transpose (what
      // reverse mode needs) is the VJP of the rule w.r.t. t at t = 0.
      func::FuncOp rule = it->second;
      unsigned numArgs = op->getNumOperands(), numResults = op->getNumResults();
      materialize(resultCts);
      SmallVector<Value> primals(op->getOperands());
      SmallVector<int64_t> argnums;
      for (Value v : op->getOperands())
        if (isDifferentiable(v.getType())) {
          argnums.push_back(primals.size());
          primals.push_back(zerosLike(b, op->getLoc(), v.getType()));
        }
      SmallVector<Value> cts;
      for (Value r : op->getResults())
        cts.push_back(zerosLike(b, op->getLoc(), r.getType()));
      llvm::append_range(cts, resultCts);
      SmallVector<Type> types(rule.getResultTypes());
      for (int64_t a : argnums)
        types.push_back(primals[a].getType());
      auto vjp = b.create<VjpOp>(op->getLoc(), types,
                                 FlatSymbolRefAttr::get(rule.getNameAttr()),
                                 primals, cts, b.getDenseI64ArrayAttr(argnums));
      unsigned k = 2 * numResults;
      for (unsigned i = 0; i < numArgs; ++i)
        if (isDifferentiable(op->getOperand(i).getType()))
          accumulate(b, op->getOperand(i), vjp.getResult(k++));
      return success();
    }
    if (auto it = savedCalls.find(op); it != savedCalls.end()) {
      func::FuncOp callee = it->second;
      unsigned numResults = callee.getNumResults();
      return backwardCall(b, op, callee, MutableArrayRef<Value>(resultCts).take_front(numResults),
                          op->getResults().drop_front(numResults), /*savedDots=*/true);
    }
    if (auto loop = dyn_cast<WhileOp>(op))
      return backwardWhile(b, loop, resultCts);
    if (auto branch = dyn_cast<IfOp>(op))
      return backwardIf(b, branch, resultCts);
    if (llvm::none_of(op->getOperandTypes(), isDifferentiable))
      return success();
    if (auto call = dyn_cast<func::CallOp>(op)) {
      auto callee = module.lookupSymbol<func::FuncOp>(call.getCallee());
      if (!callee)
        return call.emitError("cannot differentiate through an unknown callee");
      return backwardCall(b, op, callee, resultCts, {}, /*savedDots=*/false);
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

  /// A call whose callee is rematerialized: the callee's adjoint function
  /// runs its forward sweep again (all of it, or all but the `saved`
  /// contractions) and then its adjoint sweep.
  LogicalResult backwardCall(OpBuilder &b, Operation *op, func::FuncOp callee,
                             MutableArrayRef<Value> resultCts, ValueRange saved,
                             bool savedDots) {
    SmallVector<int64_t> argnums;
    for (auto [i, t] : llvm::enumerate(op->getOperandTypes()))
      if (isDifferentiable(t))
        argnums.push_back(i);
    if (argnums.empty())
      return success();
    FailureOr<func::FuncOp> adj = getOrCreate(callee, argnums, savedDots);
    if (failed(adj))
      return failure();
    for (auto [i, ct] : llvm::enumerate(resultCts))
      if (!ct)
        ct = zerosLike(b, op->getLoc(), callee.getResultTypes()[i]);
    SmallVector<Value> args(op->getOperands());
    llvm::append_range(args, saved);
    llvm::append_range(args, resultCts);
    auto c = b.create<func::CallOp>(op->getLoc(), *adj, args);
    for (auto [k, a] : llvm::enumerate(argnums))
      accumulate(b, op->getOperand(a), c.getResult(resultCts.size() + k));
    return success();
  }

  /// genc.if: a genc.if on the same predicate whose branches rerun the
  /// branch's forward ops and its adjoint sweep, and return the cotangents
  /// of the float values the branches capture.
  LogicalResult backwardIf(OpBuilder &b, IfOp op, ArrayRef<Value> resultCts) {
    SetVector<Value> captured;
    getUsedValuesDefinedAbove(op->getRegions(), captured);
    SmallVector<Value> free;
    SmallVector<Type> types;
    for (Value v : captured)
      if (isDifferentiable(v.getType())) {
        free.push_back(v);
        types.push_back(v.getType());
      }
    if (free.empty())
      return success();
    Location loc = op.getLoc();
    auto adj = b.create<IfOp>(loc, types, op.getPred());
    for (auto [src, dst] : llvm::zip(op->getRegions(), adj->getRegions())) {
      OpBuilder::InsertionGuard guard(b);
      b.createBlock(&dst);
      IRMapping map;
      SmallVector<Operation *> forward;
      for (Operation &inner : src.front().without_terminator())
        if (failed(cloneOp(b, inner, map, forward)))
          return failure();
      DenseMap<Value, Value> outer = std::move(cotangents);
      cotangents.clear();
      for (auto [v, ct] : llvm::zip(src.front().getTerminator()->getOperands(), resultCts))
        if (isDifferentiable(v.getType()))
          accumulate(b, map.lookupOrDefault(v), ct);
      if (failed(sweep(b, forward)))
        return failure();
      SmallVector<Value> yields;
      for (Value v : free)
        yields.push_back(cotangentOrZeros(b, loc, v));
      b.create<ReturnOp>(loc, yields);
      cotangents = std::move(outer);
    }
    for (auto [v, ct] : llvm::zip(free, adj.getResults()))
      accumulate(b, v, ct);
    return success();
  }

  /// genc.while with a static trip count: a loop from the last iteration
  /// to the first that reads the taped state, reruns the body's forward ops
  /// and its adjoint sweep, and carries the loop-carried values' cotangents
  /// and the sums of the captured values' cotangents.
  LogicalResult backwardWhile(OpBuilder &b, WhileOp op, ArrayRef<Value> resultCts) {
    auto it = tapes.find(op);
    if (it == tapes.end()) {
      FailureOr<int64_t> trips = staticTripCount(op);
      if (failed(trips))
        return op.emitError()
               << "cannot differentiate this genc.while: its trip count "
                  "depends on run-time values; reverse mode needs a static "
                  "trip count (an integer counter that starts at a constant, "
                  "steps by a constant genc.add and is compared with a "
                  "constant in `cond`)";
      for (auto [operand, ct] : llvm::zip(op.getOperands(), resultCts))
        if (isDifferentiable(operand.getType()))
          accumulate(b, operand, ct); // zero trips: results are the inits
      return success();
    }
    Tape &t = it->second;
    WhileOp src = t.source;
    Block &srcBody = src.getBody().front();
    unsigned n = src.getNumOperands();
    Location loc = op.getLoc();
    SetVector<Value> captured;
    getUsedValuesDefinedAbove(src.getBody(), captured);
    SmallVector<Value> free; // in the forward sweep's terms
    for (Value v : captured)
      if (isDifferentiable(v.getType()))
        free.push_back(t.outer.lookupOrDefault(v));
    SmallVector<unsigned> floats;
    for (unsigned j = 0; j < n; ++j)
      if (isDifferentiable(src.getOperand(j).getType()))
        floats.push_back(j);

    SmallVector<Value> inits{scalarI32(b, loc, t.trips - 1)};
    for (unsigned j : floats)
      inits.push_back(resultCts[j] ? resultCts[j]
                                   : zerosLike(b, loc, op.getResult(j).getType()));
    for (Value v : free)
      inits.push_back(zerosLike(b, loc, v.getType()));
    // Stand-ins for the carries that were not taped, one each (cotangents
    // are keyed by value): the ops that read them recompute values no VJP
    // reads, which canonicalization then removes.
    SmallVector<Value> untaped(n);
    for (unsigned j = 0; j < n; ++j)
      if (!t.buffers[j])
        untaped[j] = zerosLike(b, loc, src.getOperand(j).getType());
    WhileOp adj = createWhile(b, loc, inits);
    {
      OpBuilder::InsertionGuard guard(b);
      Block *cond = &adj.getCond().front();
      b.setInsertionPointToEnd(cond);
      Value more = b.create<CompareOp>(
          loc, RankedTensorType::get({}, b.getI1Type()), ComparisonDirection::GE,
          cond->getArgument(0), scalarI32(b, loc, 0));
      b.create<ReturnOp>(loc, ValueRange{more});

      Block *body = &adj.getBody().front();
      b.setInsertionPointToEnd(body);
      Value k = body->getArgument(0);
      Value idx = b.create<ReshapeOp>(loc, RankedTensorType::get({1}, b.getI32Type()), k);
      IRMapping map = t.outer;
      SmallVector<Value> state;
      for (unsigned j = 0; j < n; ++j) {
        Type type = src.getOperand(j).getType();
        if (!t.buffers[j]) { // not taped: only dead recomputations read it
          state.push_back(untaped[j]);
          continue;
        }
        Value row = b.create<GatherOp>(loc, stacked(type, 1), t.buffers[j], idx, 0);
        state.push_back(b.create<ReshapeOp>(loc, type, row));
      }
      map.map(srcBody.getArguments(), state);
      SmallVector<Operation *> forward;
      for (Operation &inner : srcBody.without_terminator())
        if (failed(cloneOp(b, inner, map, forward)))
          return failure();
      DenseMap<Value, Value> outer = std::move(cotangents);
      cotangents.clear();
      Operation *ret = srcBody.getTerminator();
      for (auto [i, j] : llvm::enumerate(floats))
        accumulate(b, map.lookupOrDefault(ret->getOperand(j)), body->getArgument(1 + i));
      if (failed(sweep(b, forward)))
        return failure();
      SmallVector<Value> yields{b.create<AddOp>(loc, k, scalarI32(b, loc, -1))};
      for (unsigned j : floats)
        yields.push_back(cotangentOrZeros(b, loc, state[j]));
      for (auto [i, v] : llvm::enumerate(free)) {
        Value acc = body->getArgument(1 + floats.size() + i);
        Value ct = cotangents.lookup(v);
        yields.push_back(ct ? b.create<AddOp>(loc, acc, ct).getResult() : acc);
      }
      b.create<ReturnOp>(loc, yields);
      cotangents = std::move(outer);
    }
    for (auto [i, j] : llvm::enumerate(floats))
      accumulate(b, op.getOperand(j), adj.getResult(1 + i));
    for (auto [i, v] : llvm::enumerate(free))
      accumulate(b, v, adj.getResult(1 + floats.size() + i));
    return success();
  }

  struct Tape {
    WhileOp source;        // the loop whose body the backward loop reruns
    IRMapping outer;       // source's enclosing values -> forward sweep's
    SmallVector<Value> buffers; // per loop-carried value; null: not taped
    int64_t trips = 0;
  };
  struct CustomCall {
    func::FuncOp bwd;
    unsigned numResults;
  };

  ModuleOp module;
  llvm::StringSet<> inProgress;
  DenseMap<Value, Value> cotangents;
  DenseMap<Value, Value> substitutes; // saved contraction -> its argument
  DenseSet<Operation *> inactive;      // forward ops no argnum reaches
  DenseMap<Operation *, Tape> tapes;            // keyed by the taped loop
  DenseMap<Operation *, CustomCall> customCalls; // keyed by the fwd call
  DenseMap<Operation *, func::FuncOp> savedCalls; // dots_saveable calls
  DenseMap<Operation *, func::FuncOp> customJvpCalls; // call -> jvp rule
};

struct GencAutodiffPass
    : public genc::impl::GencAutodiffPassBase<GencAutodiffPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    AdjointBuilder adjoints(module);
    SmallVector<Operation *> grads;
    module.walk([&](Operation *op) {
      if (isa<GradOp, ValueAndGradOp>(op))
        grads.push_back(op);
    });
    for (Operation *op : grads) {
      if (auto g = dyn_cast<GradOp>(op))
        rewriteGrad(op, g.getCalleeAttr(), g.getPrimals(), g.getArgnums(),
                    /*valueToo=*/false);
      else if (auto vg = dyn_cast<ValueAndGradOp>(op))
        rewriteGrad(op, vg.getCalleeAttr(), vg.getPrimals(), vg.getArgnums(),
                    /*valueToo=*/true);
    }
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
        bool vmaps = module.walk([](VmapOp) { return WalkResult::interrupt(); })
                         .wasInterrupted();
        if (vmaps)
          return; // genc-vmap expands those first
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

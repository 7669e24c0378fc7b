//===- Control.cpp - fori_loop, while_loop, cond, checkpoint, custom_vjp --===//
//
// Loops and branches are genc.while / genc.if ops whose regions are traced
// by region traces (Trace(enclosing, block)); checkpoint and custom_vjp are
// calls of traced private functions carrying the attributes genc-autodiff
// reads (genc.checkpoint, genc.custom_vjp).
//
//===----------------------------------------------------------------------===//

#include "Internal.h"

#include "dialects/genc/IR/GencDialect.h"
#include "genc/Control.h"
#include "genc/Ops.h"

#include "mlir/AsmParser/AsmParser.h"

using namespace mlir;

namespace genc::detail {

namespace {

bool isFloat(DType d) { return d == f32 || d == f64 || d == f16 || d == bf16; }

std::string avals(const std::vector<Tensor> &ts) {
  std::string s = "(";
  for (size_t i = 0; i < ts.size(); ++i)
    s += (i ? ", " : "") + ts[i].aval();
  return s + ")";
}

bool sameAvals(const std::vector<Tensor> &a, const std::vector<Tensor> &b) {
  if (a.size() != b.size())
    return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].aval() != b[i].aval())
      return false;
  return true;
}

/// A new block with arguments of `types` at the end of `region`.
Block *addBlock(Region &region, TypeRange types, Location loc) {
  Block *block = new Block();
  region.push_back(block);
  for (Type t : types)
    block->addArgument(t, loc);
  return block;
}

using RegionFn =
    std::function<std::vector<Tensor>(const std::vector<Tensor> &)>;

/// genc.while in `t` carrying `inits`; `cond` and `body` are traced into
/// its regions (cond returns one 0-d bool tensor).
std::vector<Tensor> emitWhile(Trace &t, const char *what,
                              const std::vector<Tensor> &inits,
                              const RegionFn &cond, const RegionFn &body,
                              const Loc &loc) {
  OpBuilder &b = t.builder();
  Location l = location(loc, what);
  SmallVector<Value> values;
  for (const Tensor &x : inits)
    values.push_back(t.valueOf(x, loc, what));
  SmallVector<Type> types(ValueRange(values).getTypes());
  auto op = b.create<mlir::genc::WhileOp>(l, types, values);
  try {
    {
      Trace region(t, addBlock(op.getCond(), types, l));
      std::vector<Tensor> p = cond(region.arguments());
      if (p.size() != 1 || p[0].dtype() != DType::I1 || p[0].rank() != 0)
        fail(loc, what, "the condition must return one 0-d bool tensor, got " +
                            avals(p));
      region.finishRegion(p, loc);
    }
    Trace region(t, addBlock(op.getBody(), types, l));
    std::vector<Tensor> args = region.arguments();
    std::vector<Tensor> next = body(args);
    if (!sameAvals(next, args))
      fail(loc, what, "the body must return the loop-carried values' types " +
                          avals(args) + ", got " + avals(next));
    region.finishRegion(next, loc);
  } catch (...) {
    op.erase();
    throw;
  }
  std::vector<Tensor> results;
  for (Value v : op.getResults())
    results.push_back(t.wrap(v));
  return results;
}

} // namespace

std::vector<Tensor> foriLoop(int64_t lower, int64_t upper,
                             const std::vector<Tensor> &init,
                             const LeavesFn &body, Loc loc) {
  const char *what = "fori_loop";
  std::vector<Tensor> leaves{scalar((double)lower, DType::I32, loc)};
  leaves.insert(leaves.end(), init.begin(), init.end());
  std::vector<Tensor> out = inTraceOrEager(
      leaves, what, loc, [&](Trace &t, const std::vector<Tensor> &inits) {
        // The counter is compared with and stepped by constants, so the
        // trip count is static (what reverse mode needs).
        return emitWhile(
            t, what, inits,
            [&](const std::vector<Tensor> &a) {
              return std::vector<Tensor>{
                  less(a[0], scalar((double)upper, DType::I32, loc), loc)};
            },
            [&](const std::vector<Tensor> &a) {
              std::vector<Tensor> next = body(a);
              next.insert(next.begin(),
                          add(a[0], scalar(1.0, DType::I32, loc), loc));
              return next;
            },
            loc);
      });
  return std::vector<Tensor>(out.begin() + 1, out.end());
}

std::vector<Tensor> whileLoop(const std::vector<Tensor> &init,
                              const LeavesFn &cond, const LeavesFn &body,
                              Loc loc) {
  return inTraceOrEager(init, "while_loop", loc,
                        [&](Trace &t, const std::vector<Tensor> &inits) {
                          return emitWhile(t, "while_loop", inits, cond, body,
                                           loc);
                        });
}

std::vector<Tensor> condCall(const Tensor &pred,
                             const std::vector<Tensor> &operands,
                             const LeavesFn &onTrue, const LeavesFn &onFalse,
                             Loc loc) {
  const char *what = "cond";
  if (!pred.defined() || pred.dtype() != DType::I1 || pred.rank() != 0)
    fail(loc, what, "the predicate must be a 0-d bool tensor, got " +
                        (pred.defined() ? pred.aval() : "undefined"));
  std::vector<Tensor> leaves{pred};
  leaves.insert(leaves.end(), operands.begin(), operands.end());
  return inTraceOrEager(
      leaves, what, loc, [&](Trace &t, const std::vector<Tensor> &values) {
        OpBuilder &b = t.builder();
        Location l = location(loc, what);
        Value p = t.valueOf(values[0], loc, what);
        std::vector<Tensor> xs(values.begin() + 1, values.end());
        // The branches are traced into a result-less genc.if first; the
        // final op (with the result types) then takes its regions.
        auto draft = b.create<mlir::genc::IfOp>(l, TypeRange{}, p);
        std::vector<Tensor> outs[2];
        try {
          Region *regions[2] = {&draft.getThenBranch(), &draft.getElseBranch()};
          const LeavesFn *fns[2] = {&onTrue, &onFalse};
          for (int k = 0; k < 2; ++k) {
            Trace region(t, addBlock(*regions[k], {}, l));
            outs[k] = (*fns[k])(xs);
            region.finishRegion(outs[k], loc);
          }
          if (!sameAvals(outs[0], outs[1]))
            fail(loc, what, "the branches return different types: " +
                                avals(outs[0]) + " and " + avals(outs[1]));
        } catch (...) {
          draft.erase();
          throw;
        }
        SmallVector<Type> types;
        for (const Tensor &o : outs[0])
          types.push_back(tensorType(o.dtype(), o.shape()));
        auto op = b.create<mlir::genc::IfOp>(l, types, p);
        op.getThenBranch().takeBody(draft.getThenBranch());
        op.getElseBranch().takeBody(draft.getElseBranch());
        draft.erase();
        std::vector<Tensor> results;
        for (Value v : op.getResults())
          results.push_back(t.wrap(v));
        return results;
      });
}

namespace {

/// func.call of `sub` on `leaves` (and its captures) in the current trace.
std::vector<Tensor> callSub(const char *what, const SubFunction &sub,
                            const std::vector<Tensor> &leaves, const Loc &loc) {
  std::vector<Tensor> args(leaves);
  args.insert(args.end(), sub.captures.begin(), sub.captures.end());
  return apply(
      what, args,
      [&](OpBuilder &b, Location l, ArrayRef<Value> v) {
        SmallVector<Type> types;
        for (auto &[d, s] : sub.outputs)
          types.push_back(tensorType(d, s));
        auto call = b.create<func::CallOp>(l, sub.callee, types, v);
        return std::vector<Value>(call.getResults().begin(),
                                  call.getResults().end());
      },
      loc);
}

void noCheck(const std::vector<Tensor> &) {}

} // namespace

std::pair<std::vector<Tensor>, std::shared_ptr<void>>
callFunction(const char *what, const std::vector<Tensor> &leaves,
             const TraceFn &trace,
             const std::vector<std::pair<std::string, std::string>> &attrs,
             Loc loc) {
  std::lock_guard<std::recursive_mutex> guard(compilerLock());
  Trace *t = currentTrace();
  if (!t)
    return trace(leaves); // eager: the attributes only matter to transforms
  SubFunction sub = traceSubFunction(*t, what, leaves, trace, noCheck);
  auto fn = t->module().lookupSymbol<func::FuncOp>(sub.callee);
  for (auto &[name, text] : attrs) {
    Attribute attr = parseAttribute(text, &context());
    if (!attr)
      fail(loc, what, "invalid attribute " + text);
    fn->setAttr(name, attr);
  }
  return {callSub(what, sub, leaves, loc), sub.outputTemplate};
}

std::pair<std::vector<Tensor>, std::shared_ptr<void>>
customVjpCall(const std::vector<Tensor> &leaves, const TraceFn &f,
              const TraceFn &fwd,
              const std::function<TraceFn(const std::shared_ptr<void> &)> &bwd,
              size_t, Loc loc) {
  const char *what = "custom_vjp";
  std::lock_guard<std::recursive_mutex> guard(compilerLock());
  Trace *t = currentTrace();
  if (!t)
    return f(leaves); // eager: no transform sees the rule
  SubFunction fSub = traceSubFunction(*t, "custom_vjp_f", leaves, f, noCheck);
  SubFunction fwdSub = traceSubFunction(
      *t, "custom_vjp_fwd", leaves, fwd, [&](const std::vector<Tensor> &outs) {
        bool ok = outs.size() >= fSub.outputs.size();
        for (size_t i = 0; ok && i < fSub.outputs.size(); ++i)
          ok = outs[i].dtype() == fSub.outputs[i].first &&
               outs[i].shape() == fSub.outputs[i].second;
        if (!ok)
          fail(loc, what, "fwd must return f's outputs first, then residuals");
      });
  // bwd(residuals, output cotangents) -> cotangents of x's float leaves.
  size_t numY = fSub.outputs.size();
  std::vector<std::pair<DType, Shape>> bwdSpecs(fwdSub.outputs.begin() + numY,
                                                fwdSub.outputs.end());
  bwdSpecs.insert(bwdSpecs.end(), fSub.outputs.begin(), fSub.outputs.end());
  TraceFn userBwd = bwd(fwdSub.outputTemplate);
  TraceFn floatBwd = [&](const std::vector<Tensor> &tracers) {
    auto [cts, templ] = userBwd(tracers);
    if (cts.size() != leaves.size())
      fail(loc, what, "bwd must return a cotangent with the structure of x (" +
                          std::to_string(leaves.size()) + " leaves, got " +
                          std::to_string(cts.size()) + ")");
    std::vector<Tensor> floats;
    for (size_t i = 0; i < leaves.size(); ++i) {
      if (!isFloat(leaves[i].dtype()))
        continue;
      if (cts[i].aval() != leaves[i].aval())
        fail(loc, what, "bwd returned " + cts[i].aval() + " for leaf " +
                            std::to_string(i) + " of x, which is " +
                            leaves[i].aval());
      floats.push_back(cts[i]);
    }
    return std::make_pair(floats, templ);
  };
  SubFunction bwdSub =
      traceSubFunction(*t, "custom_vjp_bwd", bwdSpecs, floatBwd, noCheck);
  if (!fSub.captures.empty() || !fwdSub.captures.empty() ||
      !bwdSub.captures.empty())
    fail(loc, what,
         "f, fwd and bwd must not close over traced values (they would "
         "become extra arguments the rule does not see); pass them inside x");
  auto fn = t->module().lookupSymbol<func::FuncOp>(fSub.callee);
  MLIRContext *ctx = &context();
  fn->setAttr("genc.custom_vjp",
              DictionaryAttr::get(
                  ctx, {NamedAttribute(StringAttr::get(ctx, "fwd"),
                                       FlatSymbolRefAttr::get(ctx, fwdSub.callee)),
                        NamedAttribute(StringAttr::get(ctx, "bwd"),
                                       FlatSymbolRefAttr::get(ctx, bwdSub.callee))}));
  return {callSub(what, fSub, leaves, loc), fSub.outputTemplate};
}

std::pair<std::vector<Tensor>, std::shared_ptr<void>>
customJvpCall(const std::vector<Tensor> &leaves, const TraceFn &f,
              const TraceFn &rule, Loc loc) {
  const char *what = "custom_jvp";
  std::lock_guard<std::recursive_mutex> guard(compilerLock());
  Trace *t = currentTrace();
  if (!t)
    return f(leaves); // eager: no transform sees the rule
  SubFunction fSub = traceSubFunction(*t, "custom_jvp_f", leaves, f, noCheck);
  std::vector<std::pair<DType, Shape>> specs;
  for (const Tensor &l : leaves)
    specs.push_back({l.dtype(), l.shape()});
  for (const Tensor &l : leaves)
    if (isFloat(l.dtype()))
      specs.push_back({l.dtype(), l.shape()});
  SubFunction ruleSub = traceSubFunction(
      *t, "custom_jvp_rule", specs, rule, [&](const std::vector<Tensor> &outs) {
        size_t n = fSub.outputs.size();
        bool ok = outs.size() == 2 * n;
        for (size_t i = 0; ok && i < 2 * n; ++i)
          ok = outs[i].dtype() == fSub.outputs[i % n].first &&
               outs[i].shape() == fSub.outputs[i % n].second;
        if (!ok)
          fail(loc, what, "the rule must return (f(x), tangent), both with "
                          "the structure, dtypes and shapes of f's result");
      });
  if (!fSub.captures.empty() || !ruleSub.captures.empty())
    fail(loc, what,
         "f and the rule must not close over traced values (they would "
         "become extra arguments the rule does not see); pass them inside x");
  auto fn = t->module().lookupSymbol<func::FuncOp>(fSub.callee);
  fn->setAttr("genc.custom_jvp",
              FlatSymbolRefAttr::get(&context(), ruleSub.callee));
  return {callSub(what, fSub, leaves, loc), fSub.outputTemplate};
}

std::pair<std::vector<Tensor>, std::shared_ptr<void>>
vmapCall(const std::vector<Tensor> &leaves, const std::vector<int64_t> &axes,
         int64_t outAxis, const std::string &axisName, const TraceFn &trace,
         Loc loc) {
  const char *what = "vmap";
  int64_t n = -1;
  std::vector<std::pair<DType, Shape>> specs;
  for (size_t i = 0; i < leaves.size(); ++i) {
    const Tensor &l = leaves[i];
    if (!l.defined())
      fail(loc, what, "leaf " + std::to_string(i) + " is an undefined tensor");
    Shape shape = l.shape();
    int64_t ax = axes[i];
    if (ax != -1) {
      if (ax < 0 || ax >= (int64_t)shape.size())
        fail(loc, what, "in_axes " + std::to_string(ax) + " is out of range "
                        "for leaf " + std::to_string(i) + " " + l.aval());
      if (n == -1)
        n = shape[ax];
      else if (shape[ax] != n)
        fail(loc, what, "batched leaves disagree on the batch size: leaf " +
                            std::to_string(i) + " " + l.aval() + " has " +
                            std::to_string(shape[ax]) + " along axis " +
                            std::to_string(ax) + ", others " +
                            std::to_string(n));
      shape.erase(shape.begin() + ax);
    }
    specs.push_back({l.dtype(), shape});
  }
  if (n == -1)
    fail(loc, what, "no argument is batched (every in_axes entry is -1)");
  std::shared_ptr<void> templ;
  std::vector<Tensor> outs = inTraceOrEager(
      leaves, what, loc, [&](Trace &t, const std::vector<Tensor> &values) {
        SubFunction sub = traceSubFunction(t, "vmap_fn", specs, trace, noCheck);
        templ = sub.outputTemplate;
        std::vector<Tensor> inputs(values);
        inputs.insert(inputs.end(), sub.captures.begin(), sub.captures.end());
        SmallVector<int64_t> inAxes(axes.begin(), axes.end());
        inAxes.append(sub.captures.size(), -1);
        SmallVector<Type> types;
        SmallVector<int64_t> outAxes;
        for (auto &[d, s] : sub.outputs) {
          if (outAxis < 0 || outAxis > (int64_t)s.size())
            fail(loc, what, "out_axis " + std::to_string(outAxis) +
                                " is out of range for an output of rank " +
                                std::to_string(s.size()));
          Shape shape = s;
          shape.insert(shape.begin() + outAxis, n);
          types.push_back(tensorType(d, shape));
          outAxes.push_back(outAxis);
        }
        return apply(
            what, inputs,
            [&](OpBuilder &b, Location l, ArrayRef<Value> v) {
              auto op = b.create<mlir::genc::VmapOp>(
                  l, types, FlatSymbolRefAttr::get(b.getContext(), sub.callee),
                  v, b.getDenseI64ArrayAttr(inAxes),
                  b.getDenseI64ArrayAttr(outAxes), b.getI64IntegerAttr(n),
                  axisName.empty() ? StringAttr() : b.getStringAttr(axisName),
                  StringAttr());
              return std::vector<Value>(op.getResults().begin(),
                                        op.getResults().end());
            },
            loc);
      });
  return {outs, templ};
}

} // namespace genc::detail

//===- Grad.cpp - genc.vjp emission for grad/value_and_grad ---------------===//

#include "Internal.h"

#include "dialects/genc/IR/GencDialect.h"
#include "genc/Grad.h"
#include "genc/Ops.h"

using namespace mlir;

namespace genc::detail {

/// Emits f as a private function of the current trace and a genc.vjp of it.
static VjpResult emitVjp(Trace &outer, const std::vector<Tensor> &leaves,
                         size_t numDiff, const TraceFn &trace, const char *what,
                         const Loc &loc) {
  std::vector<std::pair<DType, Shape>> specs;
  for (const Tensor &t : leaves)
    specs.push_back({t.dtype(), t.shape()});
  std::string callee;
  std::shared_ptr<void> templ;
  std::vector<std::pair<DType, Shape>> outSpecs;
  {
    Trace inner(outer, "grad_fn", specs);
    auto [outs, t] = trace(inner.arguments());
    templ = t;
    if (outs.empty() || outs[0].rank() != 0 ||
        (outs[0].dtype() != f32 && outs[0].dtype() != f64 &&
         outs[0].dtype() != f16 && outs[0].dtype() != bf16))
      fail(loc, what,
           "the function must return a scalar float (first output), got " +
               (outs.empty() ? std::string("nothing") : outs[0].aval()));
    for (const Tensor &o : outs)
      outSpecs.push_back({o.dtype(), o.shape()});
    callee = inner.name().str();
    inner.finish(outs);
  }
  for (size_t i = 0; i < numDiff; ++i)
    if (leaves[i].dtype() != f32 && leaves[i].dtype() != f64 &&
        leaves[i].dtype() != f16 && leaves[i].dtype() != bf16)
      fail(loc, what, "can only differentiate with respect to float tensors; "
                      "leaf " + std::to_string(i) + " is " + leaves[i].aval());
  std::vector<Tensor> inputs(leaves);
  for (size_t i = 0; i < outSpecs.size(); ++i)
    inputs.push_back(full(outSpecs[i].second, i == 0 ? 1.0 : 0.0,
                          outSpecs[i].first, loc));
  size_t numPrimals = leaves.size();
  std::vector<Tensor> results = apply(
      what, inputs,
      [&](OpBuilder &b, Location l, ArrayRef<Value> v) {
        SmallVector<Type> types;
        for (auto &[d, s] : outSpecs)
          types.push_back(tensorType(d, s));
        for (size_t i = 0; i < numDiff; ++i)
          types.push_back(v[i].getType());
        SmallVector<int64_t> argnums;
        for (size_t i = 0; i < numDiff; ++i)
          argnums.push_back(i);
        auto op = b.create<mlir::genc::VjpOp>(
            l, types, FlatSymbolRefAttr::get(b.getContext(), callee),
            v.take_front(numPrimals), v.drop_front(numPrimals),
            b.getDenseI64ArrayAttr(argnums));
        return std::vector<Value>(op.getResults().begin(),
                                  op.getResults().end());
      },
      loc);
  VjpResult r;
  r.outputs.assign(results.begin(), results.begin() + outSpecs.size());
  r.grads.assign(results.begin() + outSpecs.size(), results.end());
  r.outputTemplate = templ;
  return r;
}

VjpResult vjpCall(const std::vector<Tensor> &leaves, size_t numDiff,
                  const TraceFn &trace, const char *what, Loc loc) {
  std::lock_guard<std::recursive_mutex> guard(compilerLock());
  if (Trace *t = currentTrace())
    return emitVjp(*t, leaves, numDiff, trace, what, loc);
  // Eager: compile the gradient program (cached by its IR) and run it.
  std::vector<std::pair<DType, Shape>> specs;
  for (size_t i = 0; i < leaves.size(); ++i) {
    if (!leaves[i].defined())
      fail(loc, what, "leaf " + std::to_string(i) + " is an undefined tensor");
    specs.push_back({leaves[i].dtype(), leaves[i].shape()});
  }
  Trace top("main", specs);
  VjpResult r = emitVjp(top, top.arguments(), numDiff, trace, what, loc);
  std::vector<Tensor> all(r.outputs);
  all.insert(all.end(), r.grads.begin(), r.grads.end());
  mlir::OwningOpRef<ModuleOp> module = top.finish(all);
  std::vector<Tensor> values =
      useInterpreter() ? interpret(*module, leaves, loc, what)
                       : run(*compile(*module, loc, what), leaves, loc, what);
  VjpResult out;
  out.outputs.assign(values.begin(), values.begin() + r.outputs.size());
  out.grads.assign(values.begin() + r.outputs.size(), values.end());
  out.outputTemplate = r.outputTemplate;
  return out;
}

} // namespace genc::detail

//===- Grad.cpp - genc.vjp emission for grad/value_and_grad ---------------===//

#include "Internal.h"

#include "dialects/genc/IR/GencDialect.h"
#include "genc/Grad.h"
#include "genc/Ops.h"

using namespace mlir;

namespace genc::detail {

SubFunction traceSubFunction(
    Trace &outer, const char *name, const std::vector<Tensor> &leaves,
    const TraceFn &trace,
    const std::function<void(const std::vector<Tensor> &)> &check) {
  std::vector<std::pair<DType, Shape>> specs;
  for (const Tensor &t : leaves)
    specs.push_back({t.dtype(), t.shape()});
  return traceSubFunction(outer, name, specs, trace, check);
}

SubFunction traceSubFunction(
    Trace &outer, const char *name,
    const std::vector<std::pair<DType, Shape>> &specs, const TraceFn &trace,
    const std::function<void(const std::vector<Tensor> &)> &check) {
  SubFunction f;
  Trace inner(outer, name, specs);
  auto [outs, templ] = trace(inner.arguments());
  check(outs);
  f.outputTemplate = templ;
  for (const Tensor &o : outs)
    f.outputs.push_back({o.dtype(), o.shape()});
  f.callee = inner.name().str();
  inner.finish(outs);
  f.captures = inner.captures();
  return f;
}

namespace {

bool isFloat(DType d) { return d == f32 || d == f64 || d == f16 || d == bf16; }

/// Splits `results` into the outputs (first `n`) and the rest.
VjpResult split(const std::vector<Tensor> &results, size_t n,
                std::shared_ptr<void> outputTemplate) {
  VjpResult r;
  r.outputs.assign(results.begin(), results.begin() + n);
  r.grads.assign(results.begin() + n, results.end());
  r.outputTemplate = std::move(outputTemplate);
  return r;
}

} // namespace

/// Emits f as a private function of the current trace and a genc.vjp of it.
/// With `cts` null, the first output (a scalar float) is seeded with 1 and
/// the others with 0; otherwise `cts` are the outputs' cotangents.
static VjpResult emitVjp(Trace &outer, const std::vector<Tensor> &leaves,
                         const std::vector<size_t> &diff, const TraceFn &trace,
                         const char *what, const Loc &loc,
                         const std::vector<Tensor> *cts = nullptr) {
  SubFunction sub = traceSubFunction(
      outer, "grad_fn", leaves, trace, [&](const std::vector<Tensor> &outs) {
        if (cts) {
          if (cts->size() != outs.size())
            fail(loc, what, "the cotangent needs the structure of the output (" +
                                std::to_string(outs.size()) + " leaves, got " +
                                std::to_string(cts->size()) + ")");
          for (size_t i = 0; i < outs.size(); ++i)
            if ((*cts)[i].aval() != outs[i].aval())
              fail(loc, what, "cotangent " + std::to_string(i) + " is " +
                                  (*cts)[i].aval() + " but the output is " +
                                  outs[i].aval());
          return;
        }
        if (outs.empty() || outs[0].rank() != 0 || !isFloat(outs[0].dtype()))
          fail(loc, what,
               "the function must return a scalar float (first output), "
               "got " +
                   (outs.empty() ? std::string("nothing") : outs[0].aval()));
      });
  const std::string &callee = sub.callee;
  const auto &outSpecs = sub.outputs;
  for (size_t i : diff)
    if (!isFloat(leaves[i].dtype()))
      fail(loc, what, "can only differentiate with respect to float tensors; "
                      "leaf " + std::to_string(i) + " is " + leaves[i].aval());
  std::vector<Tensor> inputs(leaves);
  inputs.insert(inputs.end(), sub.captures.begin(), sub.captures.end());
  size_t numPrimals = inputs.size();
  for (size_t i = 0; i < outSpecs.size(); ++i)
    inputs.push_back(cts ? (*cts)[i]
                         : full(outSpecs[i].second, i == 0 ? 1.0 : 0.0,
                                outSpecs[i].first, loc));
  std::vector<Tensor> results = apply(
      what, inputs,
      [&](OpBuilder &b, Location l, ArrayRef<Value> v) {
        SmallVector<Type> types;
        for (auto &[d, s] : outSpecs)
          types.push_back(tensorType(d, s));
        SmallVector<int64_t> argnums;
        for (size_t i : diff) {
          types.push_back(v[i].getType());
          argnums.push_back(i);
        }
        auto op = b.create<mlir::genc::VjpOp>(
            l, types, FlatSymbolRefAttr::get(b.getContext(), callee),
            v.take_front(numPrimals), v.drop_front(numPrimals),
            b.getDenseI64ArrayAttr(argnums));
        return std::vector<Value>(op.getResults().begin(),
                                  op.getResults().end());
      },
      loc);
  return split(results, outSpecs.size(), sub.outputTemplate);
}

/// Emits f as a private function of `outer` and a genc.jvp of it.
static VjpResult emitJvp(Trace &outer, const std::vector<Tensor> &leaves,
                         const std::vector<Tensor> &tangents,
                         const TraceFn &trace, const Loc &loc) {
  const char *what = "jvp";
  if (tangents.size() != leaves.size())
    fail(loc, what, "tangents need the structure of the primals (" +
                        std::to_string(leaves.size()) + " leaves, got " +
                        std::to_string(tangents.size()) + ")");
  for (size_t i = 0; i < leaves.size(); ++i)
    if (tangents[i].aval() != leaves[i].aval())
      fail(loc, what, "tangent " + std::to_string(i) + " is " +
                          tangents[i].aval() + " but its primal is " +
                          leaves[i].aval());
  SubFunction sub = traceSubFunction(
      outer, "jvp_fn", leaves, trace, [&](const std::vector<Tensor> &outs) {
        for (const Tensor &o : outs)
          if (!isFloat(o.dtype()))
            fail(loc, what, "outputs must be float tensors, got " + o.aval());
      });
  const std::string &callee = sub.callee;
  const auto &outSpecs = sub.outputs;
  std::vector<Tensor> inputs(leaves);
  inputs.insert(inputs.end(), sub.captures.begin(), sub.captures.end());
  size_t n = inputs.size();
  inputs.insert(inputs.end(), tangents.begin(), tangents.end());
  for (const Tensor &c : sub.captures) // closed-over values are constants
    inputs.push_back(zeros_like(c, loc));
  std::vector<Tensor> results = apply(
      what, inputs,
      [&](OpBuilder &b, Location l, ArrayRef<Value> v) {
        SmallVector<Type> types;
        for (int k = 0; k < 2; ++k)
          for (auto &[d, s] : outSpecs)
            types.push_back(tensorType(d, s));
        auto op = b.create<mlir::genc::JvpOp>(
            l, types, FlatSymbolRefAttr::get(b.getContext(), callee),
            v.take_front(n), v.drop_front(n));
        return std::vector<Value>(op.getResults().begin(),
                                  op.getResults().end());
      },
      loc);
  return split(results, outSpecs.size(), sub.outputTemplate);
}

/// Runs `emit` in the current trace, or compiles and runs it eagerly.
static VjpResult inTraceOrEager(
    const std::vector<Tensor> &leaves, const char *what, const Loc &loc,
    const std::function<VjpResult(Trace &, const std::vector<Tensor> &)> &emit) {
  size_t numOutputs = 0;
  std::shared_ptr<void> outputTemplate;
  std::vector<Tensor> all = detail::inTraceOrEager(
      leaves, what, loc, [&](Trace &t, const std::vector<Tensor> &values) {
        VjpResult r = emit(t, values);
        numOutputs = r.outputs.size();
        outputTemplate = r.outputTemplate;
        std::vector<Tensor> flat(r.outputs);
        flat.insert(flat.end(), r.grads.begin(), r.grads.end());
        return flat;
      });
  return split(all, numOutputs, outputTemplate);
}

VjpResult jvpCall(const std::vector<Tensor> &leaves,
                  const std::vector<Tensor> &tangents, const TraceFn &trace,
                  Loc loc) {
  std::vector<Tensor> all(leaves);
  all.insert(all.end(), tangents.begin(), tangents.end());
  size_t n = leaves.size();
  return inTraceOrEager(all, "jvp", loc,
                        [&](Trace &t, const std::vector<Tensor> &values) {
                          std::vector<Tensor> primals(values.begin(),
                                                      values.begin() + n);
                          std::vector<Tensor> tans(values.begin() + n,
                                                   values.end());
                          return emitJvp(t, primals, tans, trace, loc);
                        });
}

VjpResult vjpWithCotangents(const std::vector<Tensor> &leaves,
                            const std::vector<Tensor> &cts,
                            const TraceFn &trace, Loc loc) {
  std::vector<Tensor> all(leaves);
  all.insert(all.end(), cts.begin(), cts.end());
  size_t n = leaves.size();
  std::vector<size_t> diff;
  for (size_t i = 0; i < n; ++i)
    if (isFloat(leaves[i].dtype()))
      diff.push_back(i);
  return inTraceOrEager(all, "vjp", loc,
                        [&](Trace &t, const std::vector<Tensor> &values) {
                          std::vector<Tensor> primals(values.begin(),
                                                      values.begin() + n);
                          std::vector<Tensor> c(values.begin() + n,
                                                values.end());
                          return emitVjp(t, primals, diff, trace, "vjp", loc,
                                         &c);
                        });
}

VjpResult vjpCall(const std::vector<Tensor> &leaves,
                  const std::vector<size_t> &diff, const TraceFn &trace,
                  const char *what, Loc loc) {
  return inTraceOrEager(leaves, what, loc,
                        [&](Trace &t, const std::vector<Tensor> &values) {
                          return emitVjp(t, values, diff, trace, what, loc);
                        });
}

} // namespace genc::detail

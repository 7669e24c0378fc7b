// Structured control flow and differentiation policies, as in JAX:
//   fori_loop(lower, upper, body, init)   jax.lax.fori_loop  (genc.while)
//   while_loop(cond, body, init)          jax.lax.while_loop (genc.while)
//   cond(pred, on_true, on_false, x)      jax.lax.cond       (genc.if)
//   checkpoint(f, policy)                 jax.checkpoint     (genc.checkpoint)
//   custom_vjp(f, fwd, bwd)               jax.custom_vjp     (genc.custom_vjp)
//   custom_jvp(f, jvp_rule)               jax.custom_jvp     (genc.custom_jvp)
//   vmap(f, in_axes, out_axes)            jax.vmap           (genc.vmap)
// Bodies and branches are traced once into regions of one op (not
// unrolled); they may use tracers of the enclosing function. fori_loop has
// a static trip count, so reverse mode differentiates it (the carried
// state is taped per iteration); a while_loop whose trip count depends on
// data is rejected by grad with a diagnostic. Outside jit each call is
// compiled and run like any op.
#ifndef GENC_FRONTEND_CONTROL_H
#define GENC_FRONTEND_CONTROL_H

#include "genc/Jit.h"

#include <optional>

namespace genc {

namespace detail {
using LeavesFn =
    std::function<std::vector<Tensor>(const std::vector<Tensor> &)>;
std::vector<Tensor> foriLoop(int64_t lower, int64_t upper,
                             const std::vector<Tensor> &init,
                             const LeavesFn &body, Loc loc);
std::vector<Tensor> whileLoop(const std::vector<Tensor> &init,
                              const LeavesFn &cond, const LeavesFn &body,
                              Loc loc);
std::vector<Tensor> condCall(const Tensor &pred,
                             const std::vector<Tensor> &operands,
                             const LeavesFn &onTrue, const LeavesFn &onFalse,
                             Loc loc);
/// Traces `trace` into a private function carrying `attrs` (name -> MLIR
/// attribute text) and calls it; outside a trace, calls `trace` directly.
std::pair<std::vector<Tensor>, std::shared_ptr<void>>
callFunction(const char *what, const std::vector<Tensor> &leaves,
             const TraceFn &trace,
             const std::vector<std::pair<std::string, std::string>> &attrs,
             Loc loc);
/// Traces `trace` on the leaves with their batch axis removed and emits a
/// genc.vmap over them (axis -1: shared); all outputs get the batch at
/// `outAxis`.
/// `axisName` (may be empty) is recorded as the op's axis_name.
std::pair<std::vector<Tensor>, std::shared_ptr<void>>
vmapCall(const std::vector<Tensor> &leaves, const std::vector<int64_t> &axes,
         int64_t outAxis, const std::string &axisName, const TraceFn &trace,
         Loc loc);
/// Emits f and its JVP rule (traced on x's leaves, then one tangent per
/// float leaf) and a call of f marked with the rule.
std::pair<std::vector<Tensor>, std::shared_ptr<void>>
customJvpCall(const std::vector<Tensor> &leaves, const TraceFn &f,
              const TraceFn &rule, Loc loc);
/// Emits f, fwd and bwd as functions and a call of f marked with the rule.
std::pair<std::vector<Tensor>, std::shared_ptr<void>>
customVjpCall(const std::vector<Tensor> &leaves, const TraceFn &f,
              const TraceFn &fwd,
              const std::function<TraceFn(const std::shared_ptr<void> &)> &bwd,
              size_t numOutputs, Loc loc);

template <class T> std::vector<Tensor> leavesOf(const T &v) {
  std::vector<Tensor> leaves;
  std::string key;
  TreeTraits<T>::flatten(v, leaves, key);
  return leaves;
}
template <class T> T fromLeaves(const T &like, const std::vector<Tensor> &l) {
  size_t pos = 0;
  return TreeTraits<T>::unflatten(like, l, pos);
}
} // namespace detail

/// jax.lax.fori_loop: for i in [lower, upper): val = body(i, val), with i a
/// 0-d i32 tensor. T is a Tensor or any TreeTraits structure.
template <class T, class Body>
T fori_loop(int64_t lower, int64_t upper, const Body &body, const T &init,
            Loc loc = Loc::current()) {
  auto out = detail::foriLoop(
      lower, upper, detail::leavesOf(init),
      [&](const std::vector<Tensor> &leaves) {
        std::vector<Tensor> carry(leaves.begin() + 1, leaves.end());
        T next = body(leaves[0], detail::fromLeaves(init, carry));
        return detail::leavesOf(next);
      },
      loc);
  return detail::fromLeaves(init, out);
}

/// jax.lax.while_loop: while cond(val): val = body(val). cond returns a 0-d
/// bool tensor.
template <class T, class Cond, class Body>
T while_loop(const Cond &cond, const Body &body, const T &init,
             Loc loc = Loc::current()) {
  auto out = detail::whileLoop(
      detail::leavesOf(init),
      [&](const std::vector<Tensor> &leaves) {
        return std::vector<Tensor>{cond(detail::fromLeaves(init, leaves))};
      },
      [&](const std::vector<Tensor> &leaves) {
        return detail::leavesOf(body(detail::fromLeaves(init, leaves)));
      },
      loc);
  return detail::fromLeaves(init, out);
}

/// jax.lax.cond: on_true(x) if pred (a 0-d bool tensor) else on_false(x);
/// both must return the same structure, dtypes and shapes.
template <class T, class True, class False>
auto cond(const Tensor &pred, const True &on_true, const False &on_false,
          const T &x, Loc loc = Loc::current()) {
  using R = std::invoke_result_t<const True &, const T &>;
  std::optional<R> like;
  auto out = detail::condCall(
      pred, detail::leavesOf(x),
      [&](const std::vector<Tensor> &leaves) {
        R r = on_true(detail::fromLeaves(x, leaves));
        like = r;
        return detail::leavesOf(r);
      },
      [&](const std::vector<Tensor> &leaves) {
        return detail::leavesOf(R(on_false(detail::fromLeaves(x, leaves))));
      },
      loc);
  return detail::fromLeaves(*like, out);
}

/// jax.checkpoint (remat): under grad, f's intermediate values are not
/// kept for the backward sweep but recomputed from its arguments. policy:
/// "nothing_saveable" (recompute everything), "dots_saveable" (keep the
/// results of matmuls and convolutions) or "everything_saveable".
template <class F>
auto checkpoint(F f, std::string policy = "nothing_saveable",
                Loc loc = Loc::current()) {
  if (policy != "nothing_saveable" && policy != "dots_saveable" &&
      policy != "everything_saveable")
    fail(loc, "checkpoint",
         "unknown policy '" + policy +
             "' (expected nothing_saveable, dots_saveable or "
             "everything_saveable)");
  return [f = std::move(f), policy, loc](const auto &...args) {
    using R = std::invoke_result_t<const F &, decltype(args)...>;
    std::vector<Tensor> leaves;
    std::string key;
    (TreeTraits<std::decay_t<decltype(args)>>::flatten(args, leaves, key), ...);
    auto [outs, templ] = detail::callFunction(
        "checkpoint", leaves, detail::makeTraceFn(f, args...),
        {{"genc.checkpoint", "\"" + policy + "\""}}, loc);
    return detail::fromLeaves(*static_cast<const R *>(templ.get()), outs);
  };
}

/// jax.custom_vjp for a function of one argument X (a Tensor or any
/// TreeTraits structure): f(x) -> Y; fwd(x) -> std::pair<Y, Res>;
/// bwd(res, ct_y) -> X (the cotangent of x; entries for integer leaves are
/// ignored). Under grad, fwd runs in the forward sweep and bwd in the
/// backward sweep instead of f's own rules.
template <class F, class Fwd, class Bwd>
auto custom_vjp(F f, Fwd fwd, Bwd bwd, Loc loc = Loc::current()) {
  return [f = std::move(f), fwd = std::move(fwd), bwd = std::move(bwd),
          loc](const auto &x) {
    using X = std::decay_t<decltype(x)>;
    using Y = std::invoke_result_t<const F &, const X &>;
    using P = std::invoke_result_t<const Fwd &, const X &>;
    static_assert(std::is_same_v<typename P::first_type, Y>,
                  "custom_vjp: fwd must return std::pair<f's result, residuals>");
    auto bwdTrace = [&](const std::shared_ptr<void> &fwdTemplate) {
      const P &like = *static_cast<const P *>(fwdTemplate.get());
      return detail::makeTraceFn(bwd, like.second, like.first);
    };
    auto [outs, templ] = detail::customVjpCall(
        detail::leavesOf(x), detail::makeTraceFn(f, x),
        detail::makeTraceFn(fwd, x), bwdTrace, /*numOutputs=*/0, loc);
    return detail::fromLeaves(*static_cast<const Y *>(templ.get()), outs);
  };
}

/// jax.custom_jvp for a function of one argument X: f(x) -> Y;
/// jvp_rule(x, t) -> std::pair<Y, Y> (f(x) and its tangent, linear in t;
/// t has x's structure, zeros at integer leaves). Forward mode uses the rule;
/// reverse mode uses its transpose (the VJP of t -> tangent at t = 0), as
/// JAX does.
template <class F, class Rule>
auto custom_jvp(F f, Rule rule, Loc loc = Loc::current()) {
  return [f = std::move(f), rule = std::move(rule), loc](const auto &x) {
    using X = std::decay_t<decltype(x)>;
    using Y = std::invoke_result_t<const F &, const X &>;
    std::vector<Tensor> leaves = detail::leavesOf(x);
    detail::TraceFn ruleTrace = [&](const std::vector<Tensor> &tracers) {
      size_t n = leaves.size(), k = n;
      std::vector<Tensor> xs(tracers.begin(), tracers.begin() + n), ts;
      for (const Tensor &l : xs) {
        DType d = l.dtype();
        bool isFloat = d == f32 || d == f64 || d == f16 || d == bf16;
        ts.push_back(isFloat ? tracers[k++] : zeros_like(l, loc));
      }
      std::pair<Y, Y> r =
          rule(detail::fromLeaves(x, xs), detail::fromLeaves(x, ts));
      std::vector<Tensor> outs = detail::leavesOf(r.first);
      for (const Tensor &t : detail::leavesOf(r.second))
        outs.push_back(t);
      return std::make_pair(outs, std::static_pointer_cast<void>(
                                      std::make_shared<Y>(r.first)));
    };
    auto [outs, templ] = detail::customJvpCall(
        leaves, detail::makeTraceFn(f, x), ruleTrace, loc);
    return detail::fromLeaves(*static_cast<const Y *>(templ.get()), outs);
  };
}

/// jax.vmap: vmap(f)(xs...) maps f over the leading axis of every
/// argument; in_axes gives one axis per argument (-1: shared by all
/// examples, like in_axes=None), applied to every leaf of that argument;
/// every output gets the batch at out_axis. One batched program, no loop
/// over examples (genc-vmap); composes with grad, jit and itself.
/// axis_name (jax.vmap's) is recorded on the genc.vmap op, reserved for
/// collectives over the mapped axis (shard issue); nested vmaps may not
/// reuse a name.
template <class F> class Vmapped {
public:
  Vmapped(F f, std::vector<int64_t> inAxes, int64_t outAxis,
          std::string axisName, Loc loc)
      : f_(std::move(f)), inAxes_(std::move(inAxes)), outAxis_(outAxis),
        axisName_(std::move(axisName)), loc_(loc) {}

  template <class... Args> auto operator()(const Args &...args) const {
    std::vector<int64_t> axes = inAxes_;
    if (axes.empty())
      axes.assign(sizeof...(Args), 0);
    if (axes.size() != sizeof...(Args))
      fail(loc_, "vmap",
           "in_axes has " + std::to_string(axes.size()) + " entries for " +
               std::to_string(sizeof...(Args)) + " arguments");
    std::vector<Tensor> leaves;
    std::vector<int64_t> leafAxes;
    std::string key;
    size_t arg = 0;
    ((TreeTraits<Args>::flatten(args, leaves, key),
      leafAxes.resize(leaves.size(), axes[arg++])),
     ...);
    auto [outs, templ] =
        detail::vmapCall(leaves, leafAxes, outAxis_, axisName_,
                         detail::makeTraceFn(f_, args...), loc_);
    using R = std::invoke_result_t<const F &, const Args &...>;
    return detail::fromLeaves(*static_cast<const R *>(templ.get()), outs);
  }

private:
  F f_;
  std::vector<int64_t> inAxes_;
  int64_t outAxis_;
  std::string axisName_;
  Loc loc_;
};

template <class F>
Vmapped<F> vmap(F f, std::vector<int64_t> in_axes = {}, int64_t out_axis = 0,
                std::string axis_name = "", Loc loc = Loc::current()) {
  return Vmapped<F>(std::move(f), std::move(in_axes), out_axis,
                    std::move(axis_name), loc);
}

} // namespace genc

#endif // GENC_FRONTEND_CONTROL_H

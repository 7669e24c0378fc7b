// Automatic differentiation in the frontend: genc::grad and
// genc::value_and_grad trace the function into a genc function and emit a
// genc.vjp op; the genc-autodiff compiler pass builds the gradient (reverse
// mode) from per-op rules. Composable with jit (inside jit they only add IR;
// outside, the gradient program is compiled and cached like any jit).
// Differentiation is with respect to the FIRST argument (a Tensor, Params or
// any TreeTraits structure); the gradient has its structure.
// Thread safety: as jit.
#ifndef GENC_FRONTEND_GRAD_H
#define GENC_FRONTEND_GRAD_H

#include "genc/Jit.h"
#include "genc/Ops.h"

namespace genc {

namespace detail {
struct VjpResult {
  std::vector<Tensor> outputs;
  std::vector<Tensor> grads;
  std::shared_ptr<void> outputTemplate;
};
/// Traces `trace` as a function of `leaves`, seeds the first output with 1
/// (it must be a scalar float) and the others with 0, and returns the
/// outputs and the cotangents of leaves [0, numDiff).
VjpResult vjpCall(const std::vector<Tensor> &leaves, size_t numDiff,
                  const TraceFn &trace, const char *what, Loc loc);
/// Traces `trace` as a function of `leaves` and pushes `tangents` (one per
/// leaf) forward; returns the outputs and their tangents.
VjpResult jvpCall(const std::vector<Tensor> &leaves,
                  const std::vector<Tensor> &tangents, const TraceFn &trace,
                  Loc loc);
} // namespace detail

/// jax.jvp(f, (x,), (t,)): returns (f(x), J t) for a function of one
/// argument (a Tensor or any TreeTraits structure with float leaves; `t`
/// has the same structure). Forward mode is derived from the reverse-mode
/// rules by the compiler (see genc.jvp).
template <class F, class X>
auto jvp(const F &f, const X &x, const X &t, Loc loc = Loc::current()) {
  using R = std::invoke_result_t<const F &, const X &>;
  std::vector<Tensor> leaves = tree_leaves(x), tangents = tree_leaves(t);
  detail::VjpResult r =
      detail::jvpCall(leaves, tangents, detail::makeTraceFn(f, x), loc);
  const R &like = *static_cast<const R *>(r.outputTemplate.get());
  size_t pos = 0;
  R y = TreeTraits<R>::unflatten(like, r.outputs, pos);
  pos = 0;
  R dy = TreeTraits<R>::unflatten(like, r.grads, pos);
  return std::make_pair(y, dy);
}

/// value_and_grad(f)(x, rest...) -> std::pair<value, grad wrt x>; with
/// has_aux, f returns std::pair<Tensor, Aux> and the result is
/// std::tuple<value, aux, grad>.
template <class F, bool HasAux = false> class ValueAndGrad {
public:
  ValueAndGrad(F f, Loc loc) : f_(std::move(f)), loc_(loc) {}

  template <class A0, class... Rest>
  auto operator()(const A0 &x, const Rest &...rest) const {
    using R = std::invoke_result_t<const F &, const A0 &, const Rest &...>;
    std::vector<Tensor> leaves;
    std::string key;
    TreeTraits<A0>::flatten(x, leaves, key);
    size_t numDiff = leaves.size();
    (TreeTraits<Rest>::flatten(rest, leaves, key), ...);
    detail::VjpResult r = detail::vjpCall(leaves, numDiff,
                                          detail::makeTraceFn(f_, x, rest...),
                                          HasAux ? "value_and_grad(has_aux)"
                                                 : "value_and_grad",
                                          loc_);
    size_t pos = 0;
    A0 g = TreeTraits<A0>::unflatten(x, r.grads, pos);
    pos = 0;
    R value = TreeTraits<R>::unflatten(
        *static_cast<const R *>(r.outputTemplate.get()), r.outputs, pos);
    if constexpr (HasAux)
      return std::make_tuple(value.first, value.second, g);
    else
      return std::make_pair(value, g);
  }

private:
  F f_;
  Loc loc_;
};

template <class F> class Grad {
public:
  Grad(F f, Loc loc) : vg_(std::move(f), loc) {}
  template <class... Args> auto operator()(const Args &...args) const {
    return vg_(args...).second;
  }

private:
  ValueAndGrad<F> vg_;
};

/// jax.grad(f): the gradient of a scalar-valued f w.r.t. its first argument.
template <class F> Grad<F> grad(F f, Loc loc = Loc::current()) {
  return Grad<F>(std::move(f), loc);
}
/// jax.value_and_grad(f).
template <class F>
ValueAndGrad<F> value_and_grad(F f, Loc loc = Loc::current()) {
  return ValueAndGrad<F>(std::move(f), loc);
}
/// jax.value_and_grad(f, has_aux=True): f returns (loss, aux).
template <class F>
ValueAndGrad<F, true> value_and_grad_with_aux(F f, Loc loc = Loc::current()) {
  return ValueAndGrad<F, true>(std::move(f), loc);
}

/// jax.jacfwd for a function Tensor -> Tensor: J[out..., in...], one JVP
/// per input element (unrolled; meant for small inputs).
template <class F> auto jacfwd(F f, Loc loc = Loc::current()) {
  return [f, loc](const Tensor &x) {
    int64_t n = x.size();
    std::vector<Tensor> columns;
    for (int64_t j = 0; j < n; ++j) {
      Tensor e = reshape(one_hot(scalar((double)j, i32, loc), n, x.dtype(), loc),
                         x.shape(), loc);
      columns.push_back(jvp(f, x, e, loc).second);
    }
    Tensor j = stack(columns, -1, loc); // [out..., n]
    Shape shape = j.shape();
    shape.pop_back();
    shape.insert(shape.end(), x.shape().begin(), x.shape().end());
    return reshape(j, shape, loc);
  };
}

/// jax.jacrev for a function Tensor -> Tensor: J[out..., in...], one VJP
/// per output element (unrolled; meant for small outputs).
template <class F> auto jacrev(F f, Loc loc = Loc::current()) {
  return [f, loc](const Tensor &x) {
    Tensor y = f(x);
    std::vector<Tensor> rows;
    for (int64_t i = 0; i < y.size(); ++i) {
      auto component = [&f, i, loc](const Tensor &v) {
        Tensor flat = reshape(f(v), {-1}, loc);
        return reshape(slice(flat, {i}, {i + 1}, {}, loc), {}, loc);
      };
      rows.push_back(grad(component, loc)(x));
    }
    Tensor j = stack(rows, 0, loc); // [m, in...]
    Shape shape = y.shape();
    shape.insert(shape.end(), x.shape().begin(), x.shape().end());
    return reshape(j, shape, loc);
  };
}

/// jax.hessian for a scalar function of one tensor: jacfwd(grad(f)).
template <class F> auto hessian(F f, Loc loc = Loc::current()) {
  return jacfwd([f, loc](const Tensor &x) { return grad(f, loc)(x); }, loc);
}

} // namespace genc

#endif // GENC_FRONTEND_GRAD_H

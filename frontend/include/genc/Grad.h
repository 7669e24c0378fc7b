// Automatic differentiation in the frontend: genc::grad and
// genc::value_and_grad trace the function into a genc function and emit a
// genc.vjp op; the genc-autodiff compiler pass builds the gradient (reverse
// mode) from per-op rules. Composable with jit (inside jit they only add IR;
// outside, the gradient program is compiled and cached like any jit).
// Differentiation is with respect to the first argument (a Tensor, Params or
// any TreeTraits structure), or the arguments listed as template arguments
// (grad<0, 2>(f)); each gradient has its argument's structure. Functions
// may close over tracers of an enclosing jit or grad: those are passed to
// the differentiated function as extra (not differentiated) arguments.
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
/// outputs and the cotangents of the leaves listed in `diff`.
VjpResult vjpCall(const std::vector<Tensor> &leaves,
                  const std::vector<size_t> &diff, const TraceFn &trace,
                  const char *what, Loc loc);
/// Traces `trace` as a function of `leaves` and pulls `cts` (one per
/// output leaf) back to the float leaves (in order; integer leaves get
/// none).
VjpResult vjpWithCotangents(const std::vector<Tensor> &leaves,
                            const std::vector<Tensor> &cts,
                            const TraceFn &trace, Loc loc);
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

/// jax.vjp(f, x): returns (f(x), vjp_fn) where vjp_fn(ct) pulls a
/// cotangent with the structure of f's result back to one with x's
/// structure (integer leaves of x get zeros). vjp_fn reruns the forward
/// sweep (inside a jit, CSE merges it with the first call's).
template <class F, class X>
auto vjp(const F &f, const X &x, Loc loc = Loc::current()) {
  using Y = std::invoke_result_t<const F &, const X &>;
  Y y = f(x);
  auto pullback = [f, x, loc](const Y &ct) {
    std::vector<Tensor> leaves = tree_leaves(x), cts = tree_leaves(ct);
    detail::VjpResult r = detail::vjpWithCotangents(
        leaves, cts, detail::makeTraceFn(f, x), loc);
    std::vector<Tensor> grads;
    size_t k = 0;
    for (const Tensor &l : leaves) {
      DType d = l.dtype();
      bool isFloat = d == f32 || d == f64 || d == f16 || d == bf16;
      grads.push_back(isFloat ? r.grads[k++] : zeros_like(l, loc));
    }
    size_t pos = 0;
    return TreeTraits<X>::unflatten(x, grads, pos);
  };
  return std::make_pair(y, pullback);
}

/// value_and_grad(f)(x, rest...) -> std::pair<value, grad wrt x>; with
/// has_aux, f returns std::pair<Tensor, Aux> and the result is
/// std::tuple<value, aux, grad>. With explicit argnums (increasing): one
/// argnum gives that argument's gradient (jax.grad(f, argnums=1)); several
/// give a std::tuple, one entry per listed argument (argnums=(0, 2)).
template <class F, bool HasAux = false, size_t... Argnums> class ValueAndGrad {
public:
  ValueAndGrad(F f, Loc loc) : f_(std::move(f)), loc_(loc) {}

  template <class... Args> auto operator()(const Args &...args) const {
    static_assert(sizeof...(Args) > 0, "grad: the function takes no arguments");
    static_assert(((Argnums < sizeof...(Args)) && ...),
                  "grad: an argnum is past the last argument");
    static_assert(increasing(), "grad: argnums must be strictly increasing");
    using R = std::invoke_result_t<const F &, const Args &...>;
    std::vector<Tensor> leaves;
    std::string key;
    std::vector<size_t> ends;
    ((TreeTraits<Args>::flatten(args, leaves, key), ends.push_back(leaves.size())),
     ...);
    std::vector<size_t> diff;
    for (size_t a : selected())
      for (size_t i = a == 0 ? 0 : ends[a - 1]; i < ends[a]; ++i)
        diff.push_back(i);
    detail::VjpResult r = detail::vjpCall(leaves, diff,
                                          detail::makeTraceFn(f_, args...),
                                          HasAux ? "value_and_grad(has_aux)"
                                                 : "value_and_grad",
                                          loc_);
    auto all = std::forward_as_tuple(args...);
    size_t pos = 0;
    auto g = gradients(all, r.grads, pos);
    pos = 0;
    R value = TreeTraits<R>::unflatten(
        *static_cast<const R *>(r.outputTemplate.get()), r.outputs, pos);
    if constexpr (HasAux)
      return std::make_tuple(value.first, value.second, g);
    else
      return std::make_pair(value, g);
  }

private:
  static constexpr bool increasing() {
    size_t a[] = {Argnums..., 0};
    for (size_t i = 1; i < sizeof...(Argnums); ++i)
      if (a[i] <= a[i - 1])
        return false;
    return true;
  }
  static std::vector<size_t> selected() {
    if constexpr (sizeof...(Argnums) == 0)
      return {0};
    else
      return {Argnums...};
  }
  template <class Tuple>
  static auto gradients(const Tuple &all, const std::vector<Tensor> &grads,
                        size_t &pos) {
    if constexpr (sizeof...(Argnums) <= 1) {
      constexpr size_t a = (0 + ... + Argnums);
      using A = std::decay_t<std::tuple_element_t<a, Tuple>>;
      return TreeTraits<A>::unflatten(std::get<a>(all), grads, pos);
    } else {
      // Braced initialization evaluates left to right.
      return std::tuple<std::decay_t<std::tuple_element_t<Argnums, Tuple>>...>{
          TreeTraits<std::decay_t<std::tuple_element_t<Argnums, Tuple>>>::
              unflatten(std::get<Argnums>(all), grads, pos)...};
    }
  }

  F f_;
  Loc loc_;
};

template <class F, size_t... Argnums> class Grad {
public:
  Grad(F f, Loc loc) : vg_(std::move(f), loc) {}
  template <class... Args> auto operator()(const Args &...args) const {
    return vg_(args...).second;
  }

private:
  ValueAndGrad<F, false, Argnums...> vg_;
};

/// jax.grad(f): the gradient of a scalar-valued f w.r.t. its first argument.
template <class F> Grad<F> grad(F f, Loc loc = Loc::current()) {
  return Grad<F>(std::move(f), loc);
}
/// jax.grad(f, argnums=(A0, As...)): grad<1>(f) differentiates the second
/// argument; grad<0, 2>(f) returns a tuple of two gradients.
template <size_t A0, size_t... As, class F>
Grad<F, A0, As...> grad(F f, Loc loc = Loc::current()) {
  return Grad<F, A0, As...>(std::move(f), loc);
}
/// jax.value_and_grad(f).
template <class F>
ValueAndGrad<F> value_and_grad(F f, Loc loc = Loc::current()) {
  return ValueAndGrad<F>(std::move(f), loc);
}
template <size_t A0, size_t... As, class F>
ValueAndGrad<F, false, A0, As...> value_and_grad(F f,
                                                 Loc loc = Loc::current()) {
  return ValueAndGrad<F, false, A0, As...>(std::move(f), loc);
}
/// jax.value_and_grad(f, has_aux=True): f returns (loss, aux).
template <class F>
ValueAndGrad<F, true> value_and_grad_with_aux(F f, Loc loc = Loc::current()) {
  return ValueAndGrad<F, true>(std::move(f), loc);
}
template <size_t A0, size_t... As, class F>
ValueAndGrad<F, true, A0, As...>
value_and_grad_with_aux(F f, Loc loc = Loc::current()) {
  return ValueAndGrad<F, true, A0, As...>(std::move(f), loc);
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

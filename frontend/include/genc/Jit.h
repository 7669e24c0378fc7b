// genc::jit: trace once per (argument structure, shapes, dtypes, static
// values), compile, cache, and call the compiled code. genc::lower returns
// the traced genc IR as text. Calls of a jitted function inside another
// trace are inlined (as jax.jit nests).
//
// Caches: in memory per jitted function and per IR content hash; on disk in
// $GENC_CACHE_DIR (default $XDG_CACHE_HOME/genc or ~/.cache/genc; "off"
// disables). A retrace of a jitted function is reported on stderr with its
// reason (set GENC_LOG_COMPILES=0 to silence).
//
// Thread safety: tracing and compiling are serialized by a process-wide
// lock; calling compiled code is thread safe.
#ifndef GENC_FRONTEND_JIT_H
#define GENC_FRONTEND_JIT_H

#include "genc/Tree.h"

#include <memory>
#include <string>
#include <tuple>
#include <type_traits>

namespace genc {

/// Where traced programs run: compiled native code (default), or the
/// reference interpreter (exact, slow; for debugging numerics). The
/// environment variable GENC_BACKEND=interp selects the interpreter at
/// start-up.
enum class Backend { Compiled, Interpreter };
void set_backend(Backend backend);

/// A device compiled programs run on: the host CPU (default) or an NVIDIA
/// GPU through CUDA (kernels compiled for its architecture; inputs and
/// outputs copied to and from the device by the runtime).
struct Device {
  enum class Kind { Cpu, Cuda };
  Kind kind = Kind::Cpu;
  int index = 0;
  static Device cpu() { return {}; }
  static Device cuda(int index = 0) { return {Kind::Cuda, index}; }
  /// "cpu", "cuda:0".
  std::string str() const;
  /// Parses "cpu", "cuda" (= cuda:0) or "cuda:N"; throws genc::Error.
  static Device parse(const std::string &text);
  friend bool operator==(const Device &, const Device &) = default;
};

/// Programs compiled from now on (jit and eager ops) run on `device`; the
/// environment variable GENC_DEVICE (cpu, cuda, cuda:N) sets it at
/// start-up. Choosing a CUDA device loads the NVIDIA driver now: without
/// one (or without device N) it throws genc::Error with the driver's
/// message, and the default stays as it was.
void set_default_device(Device device);
Device default_device();

/// Check numerics (like jax_debug_nans + jax_debug_infs): programs compiled
/// from now on check every kernel's floating-point outputs, and a call that
/// produces a NaN or Inf throws genc::Error naming the first kernel that
/// did, the genc ops it came from and the user's source line — forward and
/// gradient code alike. Slower (every output is scanned once more); off by
/// default, on at start-up with GENC_CHECK_NUMERICS=1. ±Inf counts too, so
/// programs that use infinities as values (masks) see false alarms.
void set_check_numerics(bool on);
bool check_numerics();

/// genc's on-disk cache directory ($GENC_CACHE_DIR, else
/// $XDG_CACHE_HOME/genc or ~/.cache/genc), created on first use; "" when
/// caching is off (GENC_CACHE_DIR=off) or the directory is unusable.
/// Applications may keep their own derived artifacts under it.
std::string cache_directory();
Backend backend();

struct CompileCacheStats {
  int64_t memory_hits = 0, disk_hits = 0, compiles = 0, corrupt_entries = 0;
};
/// Process-wide counters of the compilation caches (eager ops and jit).
CompileCacheStats compile_cache_stats();

namespace detail {
bool tracing();

struct JitState;
std::shared_ptr<JitState> newJitState(std::string name, Loc loc);
int64_t jitTraceCount(const JitState &state);
std::string jitLastRecompileReason(const JitState &state);

using TraceFn = std::function<std::pair<std::vector<Tensor>, std::shared_ptr<void>>(
    const std::vector<Tensor> &)>;

/// Looks up or traces+compiles, then runs on `leaves`. Returns the output
/// leaves and the output template recorded when tracing.
std::pair<std::vector<Tensor>, std::shared_ptr<void>>
jitCall(JitState &state, const std::string &structure,
        const std::vector<Tensor> &leaves, const std::vector<size_t> &argEnds,
        const TraceFn &trace);

/// A TraceFn that rebuilds `args` from traced leaves, calls `f` and
/// flattens its result (keeping a copy of it as the output template).
template <class F, class... Args>
TraceFn makeTraceFn(const F &f, const Args &...args) {
  return [&f, &args...](const std::vector<Tensor> &tracers) {
    using R = std::invoke_result_t<const F &, const Args &...>;
    size_t pos = 0;
    std::tuple<Args...> traced{TreeTraits<Args>::unflatten(args, tracers, pos)...};
    R result = std::apply(f, traced);
    std::vector<Tensor> outs;
    std::string outKey;
    TreeTraits<R>::flatten(result, outs, outKey);
    return std::make_pair(outs, std::static_pointer_cast<void>(
                                    std::make_shared<R>(std::move(result))));
  };
}

/// Traces `trace` on abstract leaves and returns the module text.
std::string lowerToText(const std::string &name,
                        const std::vector<Tensor> &leaves, const TraceFn &trace,
                        Loc loc);
} // namespace detail

template <class F> class Jitted {
public:
  Jitted(F f, std::string name, Loc loc)
      : f_(std::move(f)), state_(detail::newJitState(std::move(name), loc)) {}

  template <class... Args> auto operator()(const Args &...args) const {
    using R = std::invoke_result_t<const F &, const Args &...>;
    if (detail::tracing())
      return f_(args...);
    std::vector<Tensor> leaves;
    std::vector<size_t> argEnds;
    std::string key;
    ((TreeTraits<Args>::flatten(args, leaves, key), argEnds.push_back(leaves.size())), ...);
    auto [outs, templ] = detail::jitCall(*state_, key, leaves, argEnds,
                                         detail::makeTraceFn(f_, args...));
    size_t pos = 0;
    return TreeTraits<R>::unflatten(*static_cast<const R *>(templ.get()), outs,
                                    pos);
  }

  /// How many times this function was traced (1 + recompiles).
  int64_t trace_count() const { return detail::jitTraceCount(*state_); }
  /// Why the last retrace happened ("" if never retraced).
  std::string last_recompile_reason() const {
    return detail::jitLastRecompileReason(*state_);
  }

private:
  F f_;
  std::shared_ptr<detail::JitState> state_;
};

template <class F>
Jitted<F> jit(F f, std::string name = "jitted", Loc loc = Loc::current()) {
  return Jitted<F>(std::move(f), std::move(name), loc);
}

/// Arithmetic cost of `f` on `args`, after autodiff (like
/// jax.jit(f).lower(...).cost_analysis()): FLOPs with 2 per multiply-add of
/// matmuls and convolutions, 1 per elementwise result and reduced element.
struct Cost {
  double flops = 0;
};
namespace detail {
Cost costOf(const std::vector<Tensor> &leaves, const TraceFn &trace, Loc loc);
}
template <class F, class... Args>
Cost cost_analysis(const F &f, const Args &...args) {
  std::vector<Tensor> leaves;
  std::string key;
  (TreeTraits<Args>::flatten(args, leaves, key), ...);
  return detail::costOf(leaves, detail::makeTraceFn(f, args...),
                        Loc::current());
}

/// The genc IR of `f` traced on `args` (like jax.jit(f).lower(...).as_text()).
template <class F, class... Args>
std::string lower(const F &f, const Args &...args) {
  std::vector<Tensor> leaves;
  std::string key;
  (TreeTraits<Args>::flatten(args, leaves, key), ...);
  return detail::lowerToText("main", leaves, detail::makeTraceFn(f, args...),
                             Loc::current());
}

} // namespace genc

#endif // GENC_FRONTEND_JIT_H

//===- Jit.cpp - tracing, caching and calling jitted functions ------------===//

#include "Internal.h"

#include "compiler/API/Compile.h"

#include "genc/Jit.h"

#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <map>

namespace genc {

CompileCacheStats compile_cache_stats() {
  std::lock_guard<std::recursive_mutex> guard(detail::compilerLock());
  const detail::CacheStats &s = detail::cacheStats();
  return {s.memoryHits, s.diskHits, s.compiles, s.corruptEntries};
}

namespace detail {

bool tracing() { return currentTrace() != nullptr; }

struct JitEntry {
  std::shared_ptr<Compiled> compiled;
  // Interpreter backend: the traced program itself.
  std::shared_ptr<mlir::OwningOpRef<mlir::ModuleOp>> module;
  std::shared_ptr<void> outputTemplate;
};

struct JitState {
  std::string name;
  Loc loc;
  std::map<std::string, JitEntry> entries;
  int64_t traces = 0;
  std::string lastReason;
  // What the previous call looked like, to explain a retrace.
  std::string lastStructure;
  std::vector<std::string> lastAvals;
  std::vector<size_t> lastArgEnds;
};

std::shared_ptr<JitState> newJitState(std::string name, Loc loc) {
  auto s = std::make_shared<JitState>();
  s->name = std::move(name);
  s->loc = loc;
  return s;
}

int64_t jitTraceCount(const JitState &state) { return state.traces; }
std::string jitLastRecompileReason(const JitState &state) {
  return state.lastReason;
}

static bool logCompiles() {
  const char *env = std::getenv("GENC_LOG_COMPILES");
  return !env || std::string(env) != "0";
}

/// Explains why `avals`/`structure` missed the cache of `state`.
static std::string explain(const JitState &state, const std::string &structure,
                           const std::vector<std::string> &avals,
                           const std::vector<size_t> &argEnds) {
  if (structure != state.lastStructure)
    return "argument structure or static arguments changed";
  for (size_t i = 0; i < avals.size() && i < state.lastAvals.size(); ++i) {
    if (avals[i] == state.lastAvals[i])
      continue;
    size_t arg = 0;
    while (arg < argEnds.size() && argEnds[arg] <= i)
      ++arg;
    size_t first = arg == 0 ? 0 : argEnds[arg - 1];
    std::string where = "argument " + std::to_string(arg);
    if (argEnds[arg] - first > 1)
      where += " (leaf " + std::to_string(i - first) + ")";
    return where + " changed from " + state.lastAvals[i] + " to " + avals[i];
  }
  return "a new combination of argument shapes";
}

std::pair<std::vector<Tensor>, std::shared_ptr<void>>
jitCall(JitState &state, const std::string &structure,
        const std::vector<Tensor> &leaves, const std::vector<size_t> &argEnds,
        const TraceFn &trace) {
  std::lock_guard<std::recursive_mutex> guard(compilerLock());
  std::vector<std::string> avals;
  // Programs compiled with and without numerics checks are different.
  std::string key = structure + (check_numerics() ? "|checked|" : "|");
  for (size_t i = 0; i < leaves.size(); ++i) {
    if (!leaves[i].defined())
      fail(state.loc, state.name, "leaf " + std::to_string(i) +
                                      " of the arguments is an undefined "
                                      "tensor");
    avals.push_back(leaves[i].aval());
    key += avals.back() + ",";
  }
  auto it = state.entries.find(key);
  if (it == state.entries.end()) {
    if (state.traces > 0) {
      state.lastReason = explain(state, structure, avals, argEnds);
      if (logCompiles())
        llvm::errs() << "genc: recompiling '" << state.name
                     << "': " << state.lastReason << "\n";
    }
    std::vector<std::pair<DType, Shape>> specs;
    for (const Tensor &t : leaves)
      specs.push_back({t.dtype(), t.shape()});
    Trace t("main", specs);
    auto [outs, templ] = trace(t.arguments());
    mlir::OwningOpRef<mlir::ModuleOp> module = t.finish(outs);
    ++state.traces;
    JitEntry entry;
    entry.outputTemplate = templ;
    if (useInterpreter())
      entry.module = std::make_shared<mlir::OwningOpRef<mlir::ModuleOp>>(
          std::move(module));
    else
      entry.compiled = compile(*module, state.loc, state.name);
    it = state.entries.emplace(key, std::move(entry)).first;
  }
  state.lastStructure = structure;
  state.lastAvals = avals;
  state.lastArgEnds = argEnds;
  if (it->second.module)
    return {interpret(**it->second.module, leaves, state.loc, state.name),
            it->second.outputTemplate};
  if (!it->second.compiled) // traced under the interpreter, now compiled
    it->second.compiled = compile(**it->second.module, state.loc, state.name);
  return {run(*it->second.compiled, leaves, state.loc, state.name),
          it->second.outputTemplate};
}

std::string lowerToText(const std::string &name,
                        const std::vector<Tensor> &leaves, const TraceFn &trace,
                        Loc loc) {
  std::lock_guard<std::recursive_mutex> guard(compilerLock());
  std::vector<std::pair<DType, Shape>> specs;
  for (const Tensor &t : leaves)
    specs.push_back({t.dtype(), t.shape()});
  Trace t(name, specs);
  auto outs = trace(t.arguments()).first;
  mlir::OwningOpRef<mlir::ModuleOp> module = t.finish(outs);
  std::string text;
  llvm::raw_string_ostream os(text);
  module->print(os);
  return os.str();
}

Cost costOf(const std::vector<Tensor> &leaves, const TraceFn &trace,
           Loc loc) {
  std::lock_guard<std::recursive_mutex> guard(compilerLock());
  std::vector<std::pair<DType, Shape>> specs;
  for (const Tensor &t : leaves)
    specs.push_back({t.dtype(), t.shape()});
  Trace t("main", specs);
  auto outs = trace(t.arguments()).first;
  mlir::OwningOpRef<mlir::ModuleOp> module = t.finish(outs);
  mlir::genc::CompileOptions options;
  if (failed(mlir::genc::lowerModule(*module, mlir::genc::Phase::Genc,
                                     options)))
    fail(loc, "cost_analysis", "the program does not compile");
  Cost cost;
  cost.flops = mlir::genc::estimateCost(*module).flops;
  return cost;
}

} // namespace detail
} // namespace genc

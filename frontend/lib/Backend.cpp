//===- Backend.cpp - choosing compiled code or the reference interpreter --===//

#include "Internal.h"

#include "compiler/API/Compile.h"
#include "frontend/lib/Interop.h"
#include "genc/Jit.h"

#include "dialects/genc/Interpreter/Interpreter.h"
#include "mlir/IR/Diagnostics.h"

#include <atomic>
#include <cstdlib>
#include <cstring>

using namespace mlir;

namespace genc {

static std::atomic<int> currentBackend{[] {
  const char *env = std::getenv("GENC_BACKEND");
  return env && std::strcmp(env, "interp") == 0 ? 1 : 0;
}()};

static bool envFlag(const char *name) {
  const char *v = std::getenv(name);
  return v && *v && std::strcmp(v, "0") != 0;
}
static std::atomic<bool> checkNumerics{envFlag("GENC_CHECK_NUMERICS")};
void set_check_numerics(bool on) { checkNumerics = on; }
bool check_numerics() { return checkNumerics.load(); }

void set_backend(Backend b) { currentBackend = b == Backend::Interpreter; }
Backend backend() {
  return currentBackend ? Backend::Interpreter : Backend::Compiled;
}

namespace detail {

bool useInterpreter() { return currentBackend.load() != 0; }

std::vector<Tensor> interpret(ModuleOp module, const std::vector<Tensor> &inputs,
                              const Loc &loc, const std::string &what) {
  std::lock_guard<std::recursive_mutex> guard(compilerLock());
  std::string diagnostics;
  {
    ScopedDiagnosticHandler handler(module.getContext(), [&](Diagnostic &d) {
      if (d.getSeverity() == DiagnosticSeverity::Error)
        diagnostics += (diagnostics.empty() ? "" : "; ") + d.str();
      return success();
    });
    if (failed(mlir::genc::expandTransforms(module)))
      fail(loc, what, diagnostics);
  }
  auto fn = module.lookupSymbol<func::FuncOp>("main");
  if (!fn)
    fail(loc, what, "internal error: traced module has no main");
  SmallVector<mlir::genc::interp::RefTensor> args;
  std::string error;
  for (const Tensor &t : inputs) {
    FailureOr<mlir::genc::interp::RefTensor> r =
        ::genc::interop::toRefTensor(*module.getContext(), t.buffer(), error);
    if (failed(r))
      fail(loc, what, error);
    args.push_back(std::move(*r));
  }
  FailureOr<SmallVector<mlir::genc::interp::RefTensor>> out;
  {
    ScopedDiagnosticHandler handler(module.getContext(), [&](Diagnostic &d) {
      if (d.getSeverity() == DiagnosticSeverity::Error)
        diagnostics += (diagnostics.empty() ? "" : "; ") + d.str();
      return success();
    });
    out = mlir::genc::interp::interpret(fn, args);
  }
  if (failed(out))
    fail(loc, what, "interpreter: " + diagnostics);
  std::vector<Tensor> results;
  for (const mlir::genc::interp::RefTensor &r : *out) {
    absl::StatusOr<runtime::Buffer> b = ::genc::interop::toBuffer(r);
    if (!b.ok())
      fail(loc, what, std::string(b.status().message()));
    results.emplace_back(std::move(*b));
  }
  return results;
}

} // namespace detail
} // namespace genc

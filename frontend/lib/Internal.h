//===- Internal.h - frontend internals: tensors, traces, compilation ------===//
//
// Not installed. A traced tensor holds an mlir::Value of the innermost
// active Trace; a concrete one holds a runtime buffer. `apply` is how every
// op is built: inside a trace it emits IR; on concrete inputs it traces a
// one-op function, compiles it (cached) and runs it.
//
//===----------------------------------------------------------------------===//

#ifndef GENC_FRONTEND_LIB_INTERNAL_H
#define GENC_FRONTEND_LIB_INTERNAL_H

#include "genc/Jit.h"
#include "genc/Tensor.h"
#include "genc/runtime/Module.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"

#include <functional>
#include <mutex>

namespace genc::detail {

class Trace;

struct TensorImpl {
  DType dtype;
  Shape shape;
  std::shared_ptr<runtime::Buffer> buffer; // concrete
  mlir::Value value;                       // traced
  Trace *trace = nullptr;
  uint64_t traceId = 0;
};

/// The process-wide context (all dialects genc accepts, loaded) and the lock
/// that serializes tracing and compilation.
mlir::MLIRContext &context();
std::recursive_mutex &compilerLock();

mlir::Type elementType(DType dtype);
DType dtypeOf(mlir::Type type);
mlir::RankedTensorType tensorType(DType dtype, const Shape &shape);
mlir::Location location(const Loc &loc, llvm::StringRef op);

/// A function being traced.
class Trace {
public:
  Trace(std::string name, const std::vector<std::pair<DType, Shape>> &inputs);
  /// A function traced into `parent`'s module (for grad): a private
  /// function whose name is returned by name().
  Trace(Trace &parent, std::string name,
        const std::vector<std::pair<DType, Shape>> &inputs);
  /// The region `block` of an op being built in `enclosing` (loop bodies,
  /// branches): ops go into `block`, its arguments are the tracers, and
  /// tracers of `enclosing` (and of its enclosing traces) may be used —
  /// they are captured by the region.
  Trace(Trace &enclosing, mlir::Block *block);
  ~Trace();
  Trace(const Trace &) = delete;

  /// Traced tensors for the function's arguments.
  std::vector<Tensor> arguments();
  /// Finishes the function with `results`; returns the module.
  mlir::OwningOpRef<mlir::ModuleOp> finish(const std::vector<Tensor> &results);
  /// Finishes a region trace with genc.return of `results`.
  void finishRegion(const std::vector<Tensor> &results, const Loc &loc);

  /// The IR value of `t` in this trace: traced values of this trace as is,
  /// concrete tensors as constants. Throws for tracers of another trace.
  mlir::Value valueOf(const Tensor &t, const Loc &loc, llvm::StringRef op);
  Tensor wrap(mlir::Value v);

  mlir::OpBuilder &builder() { return builder_; }
  mlir::ModuleOp module() { return moduleOp_; }
  llvm::StringRef name() { return fn_.getName(); }
  /// Tracers of enclosing functions that this function (a sub-function
  /// trace) used: each became an extra trailing argument, so every call
  /// site passes them after the declared arguments.
  const std::vector<Tensor> &captures() const { return captures_; }
  /// A fresh private function name in this trace's module.
  std::string uniqueName(llvm::StringRef base);
  uint64_t id() const { return id_; }

private:
  void begin(std::string name,
             const std::vector<std::pair<DType, Shape>> &inputs);
  bool sees(uint64_t traceId) const;
  bool reaches(uint64_t traceId) const;
  mlir::Value capture(const Tensor &outer);
  Trace *parent_ = nullptr;                  // sub-function traces only
  std::vector<Tensor> captures_;
  std::vector<mlir::Value> captureArgs_;
  mlir::OwningOpRef<mlir::ModuleOp> module_; // top-level traces only
  Trace *enclosing_ = nullptr;               // region traces only
  mlir::ModuleOp moduleOp_;
  mlir::func::FuncOp fn_;
  mlir::OpBuilder builder_;
  uint64_t id_;
  std::vector<Tensor> args_;
};

/// The innermost active trace, or null (eager).
Trace *currentTrace();

/// Builds one op: gets the operands' IR values and returns result values.
using OpBuilderFn = std::function<std::vector<mlir::Value>(
    mlir::OpBuilder &, mlir::Location, llvm::ArrayRef<mlir::Value>)>;

/// Runs `emit` in the current trace on `leaves`, or (eagerly) traces it
/// as a function of `leaves`, compiles it and runs it; `emit` returns the
/// result leaves.
std::vector<Tensor> inTraceOrEager(
    const std::vector<Tensor> &leaves, const char *what, const Loc &loc,
    const std::function<std::vector<Tensor>(Trace &, const std::vector<Tensor> &)>
        &emit);

/// f traced as a private function of a trace's module.
struct SubFunction {
  std::string callee;
  std::vector<Tensor> captures; // passed after the declared arguments
  std::shared_ptr<void> outputTemplate;
  std::vector<std::pair<DType, Shape>> outputs;
};

/// Traces `trace` on fresh arguments shaped like `leaves` into a private
/// function of `outer`; `check` may reject the outputs (it throws).
SubFunction traceSubFunction(
    Trace &outer, const char *name, const std::vector<Tensor> &leaves,
    const TraceFn &trace,
    const std::function<void(const std::vector<Tensor> &)> &check);
SubFunction traceSubFunction(
    Trace &outer, const char *name,
    const std::vector<std::pair<DType, Shape>> &specs, const TraceFn &trace,
    const std::function<void(const std::vector<Tensor> &)> &check);

/// Applies `build` to `inputs` in the current trace, or eagerly. Verifies
/// the ops built and throws genc::Error at `loc` on a diagnostic.
std::vector<Tensor> apply(llvm::StringRef op, const std::vector<Tensor> &inputs,
                          const OpBuilderFn &build, const Loc &loc);
Tensor apply1(llvm::StringRef op, const std::vector<Tensor> &inputs,
              const std::function<mlir::Value(mlir::OpBuilder &, mlir::Location,
                                              llvm::ArrayRef<mlir::Value>)> &build,
              const Loc &loc);

/// A compiled function: its runtime module and entry point.
struct Compiled {
  std::unique_ptr<runtime::Module> module;
  const runtime::Function *function = nullptr;
};

/// Compiles `module` (entry `main`) through the in-memory and on-disk
/// caches. Throws genc::Error on failure.
std::shared_ptr<Compiled> compile(mlir::ModuleOp module, const Loc &loc,
                                  const std::string &what);

/// Runs a compiled function on concrete tensors.
std::vector<Tensor> run(const Compiled &compiled,
                        const std::vector<Tensor> &inputs, const Loc &loc,
                        const std::string &what);

/// Runs `module`'s entry `main` on concrete tensors with the reference
/// interpreter.
std::vector<Tensor> interpret(mlir::ModuleOp module,
                              const std::vector<Tensor> &inputs, const Loc &loc,
                              const std::string &what);
bool useInterpreter();
/// The GPU architecture a CUDA device's kernels are compiled for (sm_90a
/// on Hopper); throws genc::Error without the driver or the device.
std::string gpuArchOf(const Device &device);

/// Counters for tests and diagnostics.
struct CacheStats {
  int64_t memoryHits = 0, diskHits = 0, compiles = 0, corruptEntries = 0;
};
CacheStats &cacheStats();

} // namespace genc::detail

#endif // GENC_FRONTEND_LIB_INTERNAL_H

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
  ~Trace();
  Trace(const Trace &) = delete;

  /// Traced tensors for the function's arguments.
  std::vector<Tensor> arguments();
  /// Finishes the function with `results`; returns the module.
  mlir::OwningOpRef<mlir::ModuleOp> finish(const std::vector<Tensor> &results);

  /// The IR value of `t` in this trace: traced values of this trace as is,
  /// concrete tensors as constants. Throws for tracers of another trace.
  mlir::Value valueOf(const Tensor &t, const Loc &loc, llvm::StringRef op);
  Tensor wrap(mlir::Value v);

  mlir::OpBuilder &builder() { return builder_; }
  llvm::StringRef name() { return fn_.getName(); }
  /// A fresh private function name in this trace's module.
  std::string uniqueName(llvm::StringRef base);
  uint64_t id() const { return id_; }

private:
  void begin(std::string name,
             const std::vector<std::pair<DType, Shape>> &inputs);
  mlir::OwningOpRef<mlir::ModuleOp> module_; // top-level traces only
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

/// Counters for tests and diagnostics.
struct CacheStats {
  int64_t memoryHits = 0, diskHits = 0, compiles = 0, corruptEntries = 0;
};
CacheStats &cacheStats();

} // namespace genc::detail

#endif // GENC_FRONTEND_LIB_INTERNAL_H

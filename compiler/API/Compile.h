//===- Compile.h - the genc compile API -------------------------*- C++ -*-===//
//
// compile(module, options) -> artifact: the one entry point the CLI, the
// frontend's jit and tests use. Two ways to run the result share the
// artifact ABI (runtime/README.md): an in-process JIT, and an
// ahead-of-time shared library plus C header.
//
// Thread safety: functions here may run concurrently on distinct
// MLIRContexts; a JitModule is immutable after creation.
//
//===----------------------------------------------------------------------===//

#ifndef GENC_COMPILER_API_COMPILE_H
#define GENC_COMPILER_API_COMPILE_H

#include "compiler/Pipelines/Pipelines.h"
#include "compiler/Signatures.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"

#include <memory>
#include <string>

namespace mlir {
class ExecutionEngine;
} // namespace mlir

namespace mlir::genc {

struct CompileOptions {
  /// "cpu", or "cuda": kernels for `gpuArch` and host code that launches
  /// them through the runtime (metadata `target cuda`).
  std::string target = "cpu";
  std::string gpuArch = "sm_90a";
  /// CUDA's fast-math policy (CudaPipelineOptions::fastMath).
  bool fastMath = false;
  int optLevel = 3;
  bool useBlas = true;
  /// Time every kernel at run time (genc-cpu-profile): the runtime prints
  /// the per-kernel table (genc_profile.h).
  bool profile = false;
  /// Fail a call at the first NaN/Inf a kernel writes, naming the kernel,
  /// its genc ops and their source location (genc_numerics.h).
  bool checkNumerics = false;
  /// Print the IR after each pass to stderr (debugging).
  bool printIRAfterAll = false;
  /// Vector register width of the CPU code (register-tiled GEMM kernels):
  /// -1 = the host's (hostVectorBits()), 0 = no such kernels.
  int64_t vectorBits = -1;
};

/// 512 if the host CPU has AVX-512F, 256 with AVX2 and FMA, else 0.
int64_t hostVectorBits();

/// Registers every dialect a genc input may use (genc, func, arith, math,
/// tensor, linalg, scf, ...) and the LLVM translation interfaces.
void registerGencCompilerDialects(DialectRegistry &registry);

/// Runs the pipeline for `options.target` up to and including `to`, in
/// place. Diagnostics go to the module's context.
LogicalResult lowerModule(ModuleOp module, Phase to,
                          const CompileOptions &options);

/// Expands the transform ops (genc.vjp, ...) into plain genc functions, as
/// the first phase of every pipeline does; for the reference interpreter.
LogicalResult expandTransforms(ModuleOp module);

/// Arithmetic cost of a genc program (after expandTransforms/the genc
/// phase): 2 per multiply-add of dot_general and convolution (counting only
/// products with input elements, not with padding or lhs_dilation's
/// inserted zeros), 1 per element of elementwise ops and per reduced input
/// element; data movement is free.
struct CostEstimate {
  double flops = 0;
};
CostEstimate estimateCost(ModuleOp module);

/// Runs the CUDA pipeline up to and including `to`, in place.
LogicalResult lowerModuleForCuda(ModuleOp module, CudaPhase to,
                                 const CudaPipelineOptions &options);

/// The PTX of `module`'s kernels (one module, all kernels), through the
/// CUDA pipeline and LLVM's NVPTX backend. Needs no GPU.
FailureOr<std::string> emitPtx(ModuleOp module,
                               const CudaPipelineOptions &options);

/// emitPtx assembled by the CUDA toolkit's ptxas (--gpu-name chip) into a
/// cubin at `path`. Error naming what is missing when ptxas is not found.
LogicalResult emitCubin(ModuleOp module, llvm::StringRef path,
                        const CudaPipelineOptions &options);


/// Output kinds beyond the MLIR phases.
enum class NativeOutput { LLVMIR, Assembly, Object, SharedLibrary };

/// Lowers `module` fully and writes `kind` to `path` (atomically). For
/// SharedLibrary the result is a loadable artifact.
LogicalResult emitNative(ModuleOp module, NativeOutput kind,
                         llvm::StringRef path, const CompileOptions &options);

/// The C header describing an artifact's entry points.
std::string emitHeader(llvm::ArrayRef<EntrySignature> entries,
                       llvm::StringRef guardName);

/// A module compiled in process.
class JitModule {
public:
  ~JitModule();
  /// Lowers and JIT-compiles `module` (consumed).
  static FailureOr<std::unique_ptr<JitModule>>
  create(ModuleOp module, const CompileOptions &options);
  /// The artifact metadata text.
  const std::string &metadata() const { return metadataText; }
  /// The address of the exported symbol `symbol` (e.g. "genc_invoke_main"),
  /// or null if there is none.
  void *lookupSymbol(llvm::StringRef symbol) const;

private:
  JitModule() = default;
  std::unique_ptr<ExecutionEngine> engine;
  std::string metadataText;
};

} // namespace mlir::genc

#endif // GENC_COMPILER_API_COMPILE_H

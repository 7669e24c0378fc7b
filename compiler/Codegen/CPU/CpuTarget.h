//===- CpuTarget.h - host CPU code generation -------------------*- C++ -*-===//
//
// From the LLVM dialect to native code for the host CPU: translation to
// LLVM IR tuned for the host (AVX2/AVX-512 when present), the O3 pipeline,
// object/assembly emission and linking a shared-library artifact.
//
//===----------------------------------------------------------------------===//

#ifndef GENC_COMPILER_CODEGEN_CPU_CPUTARGET_H
#define GENC_COMPILER_CODEGEN_CPU_CPUTARGET_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Target/TargetMachine.h"

#include <memory>
#include <string>

namespace mlir::genc {

/// Initializes LLVM's native target once (thread safe).
void initializeNativeTarget();

/// A TargetMachine for the host CPU and its features, or an error message.
FailureOr<std::unique_ptr<llvm::TargetMachine>>
createHostTargetMachine(std::string &error);

/// Translates an LLVM-dialect module to LLVM IR for `tm`, marks functions
/// with the target CPU/features and runs the O`optLevel` pipeline. Emits a
/// diagnostic on `module` on failure.
FailureOr<std::unique_ptr<llvm::Module>>
translateAndOptimize(ModuleOp module, llvm::LLVMContext &ctx,
                     llvm::TargetMachine &tm, int optLevel);

/// Object code (or assembly when `assembly`) for `module`.
FailureOr<std::string> emitMachineCode(llvm::Module &module,
                                       llvm::TargetMachine &tm, bool assembly,
                                       std::string &error);

/// Links `objectPath` into the shared library `outPath` with the system C
/// compiler, adding OpenBLAS when `needsBlas`. Writes to a temporary file
/// and renames, so a failed link never leaves a half-written artifact.
LogicalResult linkSharedLibrary(llvm::StringRef objectPath,
                                llvm::StringRef outPath, bool needsBlas,
                                std::string &error);

/// True if `module` calls into CBLAS.
bool usesBlas(const llvm::Module &module);

} // namespace mlir::genc

#endif // GENC_COMPILER_CODEGEN_CPU_CPUTARGET_H

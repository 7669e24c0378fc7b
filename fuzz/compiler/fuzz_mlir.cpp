// genc compile X.mlir: the MLIR parser, the verifiers of every dialect a
// genc input may use, and the whole CPU pipeline down to the LLVM dialect
// and LLVM IR, on arbitrary text. Whatever is accepted must lower or fail
// with a diagnostic; a crash, an abort or a sanitizer report is a finding.
// (Native code generation by LLVM's backend is not fuzzed: it is the
// system's LLVM, reached only through the LLVM dialect's translation.)
#include "compiler/API/Compile.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"

#include <cstdint>
#include <string>

static const mlir::DialectRegistry &registry() {
  static mlir::DialectRegistry *r = [] {
    auto *reg = new mlir::DialectRegistry();
    mlir::genc::registerGencCompilerDialects(*reg);
    return reg;
  }();
  return *r;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  // NUL-terminated, as the files genc reads (MemoryBuffer): MLIR's lexer
  // scans C strings and relies on the terminator.
  std::string text(reinterpret_cast<const char *>(data), size);
  mlir::MLIRContext context(registry(), mlir::MLIRContext::Threading::DISABLED);
  context.loadAllAvailableDialects();
  // Diagnostics are the expected outcome of bad input; drop them.
  mlir::ScopedDiagnosticHandler quiet(&context, [](mlir::Diagnostic &) {
    return mlir::success();
  });
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceString<mlir::ModuleOp>(
          llvm::StringRef(text.data(), text.size()), &context);
  if (!module)
    return 0;
  mlir::genc::CompileOptions options;
  if (mlir::failed(mlir::genc::lowerModule(*module, mlir::genc::Phase::LLVM,
                                           options)))
    return 0;
  llvm::LLVMContext llvmContext;
  std::unique_ptr<llvm::Module> llvmModule =
      mlir::translateModuleToLLVMIR(*module, llvmContext);
  (void)llvmModule;
  return 0;
}

// genc compile X.mlir -o X.o: the MLIR parser, the verifiers of every
// dialect a genc input may use, the whole CPU pipeline, translation to LLVM
// IR, LLVM -O3 and native code generation (the system's LLVM, not
// instrumented), on arbitrary text. Whatever is accepted must compile or
// fail with a diagnostic; a crash, an abort or a sanitizer report is a
// finding.
#include "compiler/API/Compile.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"

#include <cstdint>
#include <cstdlib>
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
  static const std::string object = [] {
    char tmpl[] = "/tmp/genc-fuzz-mlir-XXXXXX";
    return std::string(mkdtemp(tmpl)) + "/out.o";
  }();
  mlir::genc::CompileOptions options; // genc compile's defaults (O3, BLAS)
  (void)mlir::genc::emitNative(*module, mlir::genc::NativeOutput::Object,
                               object, options);
  return 0;
}

//===- Compile.cpp - the genc compile API ---------------------------------===//

#include "compiler/API/Compile.h"

#include "compiler/Codegen/CPU/CpuTarget.h"
#include "compiler/Passes.h"
#include "dialects/genc/IR/GencDialect.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlow.h"
#include "mlir/Dialect/Func/Extensions/AllExtensions.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/DynamicLibrary.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <unistd.h>

using namespace mlir;
using namespace mlir::genc;

void mlir::genc::registerGencCompilerDialects(DialectRegistry &registry) {
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registry.insert<GencDialect>();
  registerBuiltinDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
}

LogicalResult mlir::genc::lowerModule(ModuleOp module, Phase to,
                                      const CompileOptions &options) {
  if (options.target != "cpu")
    return module.emitError() << "unknown target '" << options.target
                              << "' (available: cpu)";
  PassManager pm(module.getContext());
  if (options.printIRAfterAll) {
    module.getContext()->disableMultithreading();
    pm.enableIRPrinting();
  }
  CpuPipelineOptions cpu;
  cpu.useBlas = options.useBlas;
  buildCpuPipeline(pm, to, cpu);
  return pm.run(module);
}

LogicalResult mlir::genc::expandTransforms(ModuleOp module) {
  PassManager pm(module.getContext());
  addTransformPasses(pm);
  return pm.run(module);
}

/// Writes `bytes` to `path` via a temporary file and a rename.
static LogicalResult writeAtomically(ModuleOp module, llvm::StringRef path,
                                     llvm::StringRef bytes) {
  std::string tmp = (path + ".tmp." + llvm::Twine(::getpid())).str();
  {
    std::error_code ec;
    llvm::raw_fd_ostream os(tmp, ec);
    if (ec)
      return module.emitError() << "cannot write " << path << ": "
                                << ec.message();
    os << bytes;
    os.close();
    if (os.has_error()) {
      llvm::sys::fs::remove(tmp);
      return module.emitError() << "cannot write " << path << ": "
                                << os.error().message();
    }
  }
  if (std::error_code ec = llvm::sys::fs::rename(tmp, path)) {
    llvm::sys::fs::remove(tmp);
    return module.emitError() << "cannot write " << path << ": "
                              << ec.message();
  }
  return success();
}

/// Lowers `module` to the LLVM dialect and makes the host TargetMachine.
static FailureOr<std::unique_ptr<llvm::TargetMachine>>
lowerForHost(ModuleOp module, const CompileOptions &options) {
  if (failed(lowerModule(module, Phase::LLVM, options)))
    return failure();
  std::string error;
  FailureOr<std::unique_ptr<llvm::TargetMachine>> tm =
      createHostTargetMachine(error);
  if (failed(tm))
    return module.emitError() << error;
  return tm;
}

LogicalResult mlir::genc::emitNative(ModuleOp module, NativeOutput kind,
                                     llvm::StringRef path,
                                     const CompileOptions &options) {
  FailureOr<std::unique_ptr<llvm::TargetMachine>> tm =
      lowerForHost(module, options);
  if (failed(tm))
    return failure();
  std::string error;
  llvm::LLVMContext llvmCtx;
  FailureOr<std::unique_ptr<llvm::Module>> llvmModule =
      translateAndOptimize(module, llvmCtx, **tm, options.optLevel);
  if (failed(llvmModule))
    return failure();
  if (kind == NativeOutput::LLVMIR) {
    std::string text;
    llvm::raw_string_ostream os(text);
    (*llvmModule)->print(os, nullptr);
    return writeAtomically(module, path, os.str());
  }
  FailureOr<std::string> code = emitMachineCode(
      **llvmModule, **tm, kind == NativeOutput::Assembly, error);
  if (failed(code))
    return module.emitError() << error;
  if (kind != NativeOutput::SharedLibrary)
    return writeAtomically(module, path, *code);
  llvm::SmallString<128> objPath;
  if (std::error_code ec =
          llvm::sys::fs::createTemporaryFile("genc", "o", objPath))
    return module.emitError() << "cannot create a temporary file: "
                              << ec.message();
  LogicalResult written = writeAtomically(module, objPath, *code);
  LogicalResult linked =
      succeeded(written)
          ? linkSharedLibrary(objPath, path, usesBlas(**llvmModule), error)
          : failure();
  llvm::sys::fs::remove(objPath);
  if (failed(written))
    return failure();
  if (failed(linked))
    return module.emitError() << error;
  return success();
}

std::string mlir::genc::emitHeader(llvm::ArrayRef<EntrySignature> entries,
                                   llvm::StringRef guardName) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << "/* Generated by genc compile: the entry points of a genc artifact.\n"
        " * Each genc_invoke_NAME takes one pointer per input, then one per\n"
        " * output, to contiguous row-major data (outputs preallocated by\n"
        " * the caller, 64-byte aligned). Load the shared library with\n"
        " * genc::runtime::Module (shape/dtype checks) or call directly. */\n";
  os << "#ifndef " << guardName << "\n#define " << guardName << "\n\n";
  os << "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n";
  os << "/* Artifact description (format: runtime/README.md). */\n";
  os << "const char *genc_artifact_metadata(void);\n\n";
  for (const EntrySignature &e : entries) {
    os << "/* " << e.name << "(";
    llvm::interleaveComma(e.inputs, os, [&](RankedTensorType t) {
      os << tensorSpecString(t);
    });
    os << ") -> (";
    llvm::interleaveComma(e.outputs, os, [&](RankedTensorType t) {
      os << tensorSpecString(t);
    });
    os << ")\n * buffers: " << e.inputs.size() << " input(s), then "
       << e.outputs.size() << " output(s). */\n";
    os << "void genc_invoke_" << e.name << "(void **buffers);\n\n";
  }
  os << "#ifdef __cplusplus\n}\n#endif\n\n#endif /* " << guardName << " */\n";
  return os.str();
}

JitModule::~JitModule() = default;

FailureOr<std::unique_ptr<JitModule>>
JitModule::create(ModuleOp module, const CompileOptions &options) {
  // Read the signatures before lowering consumes the attribute.
  if (failed(lowerModule(module, Phase::Genc, options)))
    return failure();
  std::string metadata = printArtifactMetadata(getEntrySignatures(module));
  FailureOr<std::unique_ptr<llvm::TargetMachine>> tm =
      lowerForHost(module, options);
  if (failed(tm))
    return failure();
  std::string error;
  // CBLAS symbols resolve from the process.
  if (llvm::sys::DynamicLibrary::LoadLibraryPermanently("libopenblas.so.0",
                                                        &error))
    llvm::sys::DynamicLibrary::LoadLibraryPermanently("libopenblas.so",
                                                      &error);
  ExecutionEngineOptions engineOptions;
  llvm::TargetMachine *tmPtr = tm->get();
  engineOptions.transformer =
      makeOptimizingTransformer(options.optLevel, 0, tmPtr);
  engineOptions.jitCodeGenOptLevel = llvm::CodeGenOptLevel::Aggressive;
  auto engine = ExecutionEngine::create(module, engineOptions);
  if (!engine) {
    std::string msg;
    llvm::raw_string_ostream os(msg);
    os << engine.takeError();
    return module.emitError() << "JIT compilation failed: " << os.str();
  }
  std::unique_ptr<JitModule> jit(new JitModule());
  jit->engine = std::move(*engine);
  jit->metadataText = std::move(metadata);
  return jit;
}

void *JitModule::lookupSymbol(llvm::StringRef symbol) const {
  auto sym = engine->lookup(symbol);
  if (!sym) {
    llvm::consumeError(sym.takeError());
    return nullptr;
  }
  return *sym;
}

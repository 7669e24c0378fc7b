//===- CpuTarget.cpp - host CPU code generation ---------------------------===//

#include "compiler/Codegen/CPU/CpuTarget.h"

#include "genc/runtime/Seal.h"

#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/StringSaver.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/SubtargetFeature.h"

#include <unistd.h>

#include <cstdlib>

#include <mutex>

using namespace mlir;
using namespace mlir::genc;

void mlir::genc::initializeNativeTarget() {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    llvm::InitializeNativeTargetAsmParser();
    // LLVM's default unroll threshold at -O3 (300) fully unrolls the many
    // short loops of a fused training step (4x4 kernels, 3 channels) and
    // then vectorizes each copy: the VAE step grew from 12k to 205k lines
    // of IR and took 80 s in LLVM. 50 keeps the code and compile time an
    // order of magnitude smaller and measured no slower (docs/PERFORMANCE.md).
    auto &options = llvm::cl::getRegisteredOptions();
    auto it = options.find("unroll-threshold");
    if (it != options.end() && it->second->getNumOccurrences() == 0)
      it->second->addOccurrence(0, "unroll-threshold", "50");
    // Developer knob: extra LLVM options (they are part of the compile
    // cache key), e.g. GENC_LLVM_FLAGS="-unroll-threshold=150".
    if (const char *flags = std::getenv("GENC_LLVM_FLAGS")) {
      llvm::SmallVector<const char *> argv{"genc"};
      llvm::BumpPtrAllocator alloc;
      llvm::StringSaver saver(alloc);
      llvm::cl::TokenizeGNUCommandLine(flags, saver, argv);
      llvm::cl::ParseCommandLineOptions((int)argv.size(), argv.data());
    }
  });
}

static std::string hostFeatures() {
  llvm::SubtargetFeatures features;
  llvm::StringMap<bool> host = llvm::sys::getHostCPUFeatures();
  for (auto &f : host)
    features.AddFeature(f.first(), f.second);
  return features.getString();
}

FailureOr<std::unique_ptr<llvm::TargetMachine>>
mlir::genc::createHostTargetMachine(std::string &error) {
  initializeNativeTarget();
  std::string triple = llvm::sys::getProcessTriple();
  const llvm::Target *target = llvm::TargetRegistry::lookupTarget(triple, error);
  if (!target)
    return failure();
  llvm::TargetOptions options;
  std::unique_ptr<llvm::TargetMachine> tm(target->createTargetMachine(
      triple, llvm::sys::getHostCPUName(), hostFeatures(), options,
      llvm::Reloc::PIC_, std::nullopt, llvm::CodeGenOptLevel::Aggressive));
  if (!tm) {
    error = "cannot create a target machine for " + triple;
    return failure();
  }
  return tm;
}

FailureOr<std::unique_ptr<llvm::Module>>
mlir::genc::translateAndOptimize(ModuleOp module, llvm::LLVMContext &ctx,
                                 llvm::TargetMachine &tm, int optLevel) {
  registerBuiltinDialectTranslation(*module.getContext());
  registerLLVMDialectTranslation(*module.getContext());
  std::unique_ptr<llvm::Module> llvmModule =
      translateModuleToLLVMIR(module, ctx, "genc");
  if (!llvmModule) {
    module.emitError("failed to translate the module to LLVM IR");
    return failure();
  }
  llvmModule->setDataLayout(tm.createDataLayout());
  llvmModule->setTargetTriple(tm.getTargetTriple().str());
  for (llvm::Function &f : *llvmModule) {
    if (f.isDeclaration())
      continue;
    f.addFnAttr("target-cpu", tm.getTargetCPU());
    f.addFnAttr("target-features", tm.getTargetFeatureString());
  }
  auto transformer = makeOptimizingTransformer(optLevel, /*sizeLevel=*/0, &tm);
  if (llvm::Error err = transformer(llvmModule.get())) {
    std::string msg;
    llvm::raw_string_ostream os(msg);
    os << err;
    module.emitError() << "LLVM optimization failed: " << os.str();
    return failure();
  }
  return llvmModule;
}

FailureOr<std::string> mlir::genc::emitMachineCode(llvm::Module &module,
                                                   llvm::TargetMachine &tm,
                                                   bool assembly,
                                                   std::string &error) {
  llvm::SmallVector<char, 0> buffer;
  llvm::raw_svector_ostream os(buffer);
  llvm::legacy::PassManager pm;
  if (tm.addPassesToEmitFile(pm, os, nullptr,
                             assembly ? llvm::CodeGenFileType::AssemblyFile
                                      : llvm::CodeGenFileType::ObjectFile)) {
    error = "the target cannot emit this file type";
    return failure();
  }
  pm.run(module);
  return std::string(buffer.begin(), buffer.end());
}

bool mlir::genc::usesBlas(const llvm::Module &module) {
  for (const llvm::Function &f : module)
    if (f.isDeclaration() && f.getName().starts_with("cblas_"))
      return true;
  return false;
}

LogicalResult mlir::genc::linkSharedLibrary(llvm::StringRef objectPath,
                                            llvm::StringRef outPath,
                                            bool needsBlas,
                                            std::string &error) {
  llvm::ErrorOr<std::string> cc = llvm::sys::findProgramByName("cc");
  if (!cc)
    cc = llvm::sys::findProgramByName("clang-19");
  if (!cc) {
    error = "no C compiler (cc) found to link the shared library";
    return failure();
  }
  std::string tmp = (outPath + ".tmp." + llvm::Twine(::getpid())).str();
  llvm::SmallVector<llvm::StringRef> args{*cc, "-shared", "-o", tmp,
                                          objectPath};
  if (needsBlas)
    args.push_back("-lopenblas");
  args.push_back("-lm");
  std::string errMsg;
  int rc = llvm::sys::ExecuteAndWait(*cc, args, std::nullopt, {}, 0, 0,
                                     &errMsg);
  if (rc != 0) {
    llvm::sys::fs::remove(tmp);
    error = "linking " + outPath.str() + " failed" +
            (errMsg.empty() ? "" : ": " + errMsg) +
            (needsBlas ? " (is libopenblas-dev installed?)" : "");
    return failure();
  }
  // The checksum of the linked file into its seal block, before the file
  // gets its name (an unsealed artifact is never seen).
  if (absl::Status sealed = ::genc::runtime::sealArtifact(tmp); !sealed.ok()) {
    llvm::sys::fs::remove(tmp);
    error = std::string(sealed.message());
    return failure();
  }
  if (std::error_code ec = llvm::sys::fs::rename(tmp, outPath)) {
    llvm::sys::fs::remove(tmp);
    error = "cannot write " + outPath.str() + ": " + ec.message();
    return failure();
  }
  return success();
}

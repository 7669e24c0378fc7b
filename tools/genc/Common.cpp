//===- Common.cpp - helpers shared by the genc subcommands ----------------===//

#include "tools/genc/Commands.h"

#include "compiler/API/Compile.h"
#include "compiler/Passes.h"
#include "compiler/Pipelines/Pipelines.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

int ::genc::tools::fail(llvm::StringRef cmd, const llvm::Twine &message) {
  llvm::errs() << "genc " << cmd << ": error: " << message << "\n";
  return 1;
}

auto ::genc::tools::makeContext() -> std::unique_ptr<MLIRContext> {
  DialectRegistry registry;
  mlir::genc::registerGencCompilerDialects(registry);
  auto ctx = std::make_unique<MLIRContext>(registry);
  ctx->loadAllAvailableDialects();
  return ctx;
}

auto ::genc::tools::loadModule(MLIRContext &ctx,
                                              llvm::SourceMgr &sourceMgr,
                              llvm::StringRef path)
    -> OwningOpRef<ModuleOp> {
  auto file = llvm::MemoryBuffer::getFileOrSTDIN(path);
  if (!file) {
    llvm::errs() << "error: cannot read " << path << ": "
                 << file.getError().message() << "\n";
    return nullptr;
  }
  sourceMgr.AddNewSourceBuffer(std::move(*file), llvm::SMLoc());
  return parseSourceFile<ModuleOp>(sourceMgr, ParserConfig(&ctx));
}

bool ::genc::tools::splitFlag(llvm::StringRef arg, llvm::StringRef &name,
                            llvm::StringRef &value) {
  if (!arg.starts_with("--"))
    return false;
  auto [n, v] = arg.drop_front(2).split('=');
  name = n;
  value = v;
  return true;
}

int64_t(::genc::tools::parseVectorBits)(llvm::StringRef command,
                                     llvm::StringRef value) {
  if (value == "0" || value == "256" || value == "512")
    return std::stoll(value.str());
  fail(command, "--vector-bits must be 0, 256 or 512 (got '" + value + "')");
  return -2;
}

int ::genc::tools::optCommand(int argc, char **argv) {
  registerAllPasses();
  mlir::genc::registerGencPasses();
  mlir::genc::registerGencPipelines();
  DialectRegistry registry;
  mlir::genc::registerGencCompilerDialects(registry);
  return asMainReturnCode(
      MlirOptMain(argc, argv, "genc opt: genc optimizer driver\n", registry));
}

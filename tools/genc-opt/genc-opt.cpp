//===- genc-opt.cpp - mlir-opt with genc's dialects and passes ------------===//
//
// The driver every lit test uses: all upstream dialects and passes plus
// genc's dialect, passes and the genc-cpu-pipeline.
//
//===----------------------------------------------------------------------===//

#include "compiler/API/Compile.h"
#include "compiler/Passes.h"
#include "compiler/Pipelines/Pipelines.h"

#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::registerAllPasses();
  mlir::genc::registerGencPasses();
  mlir::genc::registerGencPipelines();
  mlir::DialectRegistry registry;
  mlir::genc::registerGencCompilerDialects(registry);
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "genc optimizer driver\n", registry));
}

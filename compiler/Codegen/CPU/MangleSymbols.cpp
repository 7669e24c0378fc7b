//===- MangleSymbols.cpp - the genc-cpu-mangle-symbols pass ---------------===//

#include "compiler/Passes.h"
#include "compiler/Signatures.h"

#include "mlir/IR/SymbolTable.h"

namespace mlir::genc {
#define GEN_PASS_DEF_GENCCPUMANGLESYMBOLSPASS
#include "compiler/Passes.h.inc"
} // namespace mlir::genc

using namespace mlir;

namespace {
struct GencCpuMangleSymbolsPass
    : public genc::impl::GencCpuMangleSymbolsPassBase<GencCpuMangleSymbolsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable table(module);
    SmallVector<func::FuncOp> fns;
    for (auto fn : module.getOps<func::FuncOp>())
      if (!fn.isDeclaration() && !fn.getName().starts_with("genc_fn_"))
        fns.push_back(fn);
    for (func::FuncOp fn : fns) {
      StringAttr newName =
          StringAttr::get(&getContext(), genc::mangledName(fn.getName()));
      if (failed(table.rename(fn, newName))) {
        fn.emitError() << "cannot rename '" << fn.getName() << "' to "
                       << newName;
        return signalPassFailure();
      }
    }
  }
};
} // namespace

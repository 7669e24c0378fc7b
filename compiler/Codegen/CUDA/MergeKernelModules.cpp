//===- MergeKernelModules.cpp - the genc-cuda-merge-kernels pass ----------===//
//
// gpu-kernel-outlining puts every kernel in its own gpu.module; a genc
// program is shipped as one PTX/cubin, so the kernels move into the first
// module and every gpu.launch_func is pointed at it.
//
//===----------------------------------------------------------------------===//

#include "compiler/Passes.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/IR/SymbolTable.h"

namespace mlir::genc {
#define GEN_PASS_DEF_GENCCUDAMERGEKERNELSPASS
#include "compiler/Passes.h.inc"
} // namespace mlir::genc

using namespace mlir;

namespace {
struct GencCudaMergeKernelsPass
    : public genc::impl::GencCudaMergeKernelsPassBase<GencCudaMergeKernelsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<gpu::GPUModuleOp> modules(module.getOps<gpu::GPUModuleOp>());
    if (modules.size() < 2)
      return;
    gpu::GPUModuleOp into = modules.front();
    SymbolTable table(into);
    llvm::DenseMap<std::pair<StringAttr, StringAttr>, StringAttr> renamed;
    for (gpu::GPUModuleOp from : llvm::drop_begin(modules)) {
      for (Operation &op : llvm::make_early_inc_range(from.getBody()->getOperations())) {
        auto sym = dyn_cast<SymbolOpInterface>(&op);
        if (!sym)
          continue;
        StringAttr old = sym.getNameAttr();
        op.remove();
        // insert() renames on a clash and returns the name used.
        StringAttr now = table.insert(&op);
        renamed[{from.getNameAttr(), old}] = now;
      }
    }
    module.walk([&](gpu::LaunchFuncOp launch) {
      auto key = std::make_pair(launch.getKernelModuleName(),
                                launch.getKernelName());
      auto it = renamed.find(key);
      if (it == renamed.end())
        return;
      launch.setKernelAttr(SymbolRefAttr::get(
          into.getNameAttr(), {FlatSymbolRefAttr::get(it->second)}));
    });
    for (gpu::GPUModuleOp from : llvm::drop_begin(modules))
      from.erase();
  }
};
} // namespace

//===- Profile.cpp - the genc-cpu-profile pass ----------------------------===//
//
// Kernel-level profiling of compiled code (genc compile/run --profile,
// GENC_PROFILE=1 for jit): every kernel of a buffer-level function — a
// structured linalg op (after fusion: one fused loop nest), a copy, or a
// call of an external library function (CBLAS) — is bracketed by
// genc_rt_profile_enter/exit(label), with `label` a constant string naming
// the kernel, its output shape and the user's source location. The runtime
// accumulates time per label and prints the table
// (runtime/include/genc/runtime/genc_profile.h). Kernels are found through
// op interfaces (LinalgOp, CopyOpInterface, CallOpInterface), not names.
//
//===----------------------------------------------------------------------===//

#include "compiler/Codegen/CPU/Kernels.h"
#include "compiler/Codegen/CPU/RuntimeCalls.h"
#include "compiler/Passes.h"

namespace mlir::genc {
#define GEN_PASS_DEF_GENCCPUPROFILEPASS
#include "compiler/Passes.h.inc"
} // namespace mlir::genc

using namespace mlir;
using namespace mlir::genc;

namespace {

constexpr llvm::StringLiteral kEnter = "genc_rt_profile_enter";
constexpr llvm::StringLiteral kExit = "genc_rt_profile_exit";

struct GencCpuProfilePass
    : public genc::impl::GencCpuProfilePassBase<GencCpuProfilePass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    RuntimeCallBuilder rt(module);
    SmallVector<Operation *> kernels = collectKernels(module, rt.symbols);
    if (kernels.empty())
      return;
    func::FuncOp enter = rt.declare(kEnter, {rt.ptrType()}, {});
    func::FuncOp exit = rt.declare(kExit, {rt.ptrType()}, {});
    for (Operation *op : kernels) {
      std::string label = kernelLabel(op);
      rt.loc = op->getLoc();
      rt.b.setInsertionPoint(op);
      Value name = rt.string(label, "__genc_kernel");
      rt.b.create<func::CallOp>(rt.loc, enter, ValueRange{name});
      rt.b.setInsertionPointAfter(op);
      rt.b.create<func::CallOp>(rt.loc, exit, ValueRange{name});
    }
  }
};

} // namespace

//===- FastMath.cpp - the genc-cuda-fast-math pass ------------------------===//
//
// CUDA's fast-math policy for the kernels (`--fast-math`), applied to the
// kernels in the LLVM dialect (after convert-gpu-to-nvvm): `fast` flags on
// every floating-point op (FastmathFlagsInterface), and on each kernel
// function the attributes the NVPTX backend reads -- unsafe and approximate
// FP math (div.approx, sqrt.approx, contraction) and f32 denormals flushed
// to zero (the .ftz instruction forms).
//
//===----------------------------------------------------------------------===//

#include "compiler/Passes.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"

namespace mlir::genc {
#define GEN_PASS_DEF_GENCCUDAFASTMATHPASS
#include "compiler/Passes.h.inc"
} // namespace mlir::genc

using namespace mlir;

namespace {
struct GencCudaFastMathPass
    : public genc::impl::GencCudaFastMathPassBase<GencCudaFastMathPass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    auto fast = LLVM::FastmathFlagsAttr::get(ctx, LLVM::FastmathFlags::fast);
    auto yes = BoolAttr::get(ctx, true);
    getOperation().walk([&](gpu::GPUModuleOp module) {
      module.walk([&](LLVM::LLVMFuncOp fn) {
        if (fn.isExternal())
          return;
        fn.setUnsafeFpMathAttr(yes);
        fn.setApproxFuncFpMathAttr(yes);
        fn.setNoSignedZerosFpMathAttr(yes);
        fn.setDenormalFpMathF32Attr(StringAttr::get(ctx, "preserve-sign"));
      });
      module.walk([&](LLVM::FastmathFlagsInterface op) {
        op->setAttr(op.getFastmathAttrName(), fast);
      });
    });
  }
};
} // namespace

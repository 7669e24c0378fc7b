//===- HostAllocations.cpp - the genc-cuda-host-allocations pass ----------===//
//
// The buffers of a program compiled for CUDA live on the device: the host
// functions' memref.alloc become gpu.alloc host_shared (the runtime's
// managed-memory pool, CudaAbi.cpp) and their memref.dealloc a gpu.dealloc
// ordered on the device's stream.
//
//===----------------------------------------------------------------------===//

#include "compiler/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::genc {
#define GEN_PASS_DEF_GENCCUDAHOSTALLOCATIONSPASS
#include "compiler/Passes.h.inc"
} // namespace mlir::genc

using namespace mlir;

namespace {
struct GencCudaHostAllocationsPass
    : public genc::impl::GencCudaHostAllocationsPassBase<
          GencCudaHostAllocationsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    IRRewriter rewriter(module.getContext());
    for (func::FuncOp fn : module.getOps<func::FuncOp>()) {
      fn.walk([&](memref::AllocOp alloc) {
        rewriter.setInsertionPoint(alloc);
        auto replacement = rewriter.create<gpu::AllocOp>(
            alloc.getLoc(), alloc.getType(), /*asyncToken=*/Type(),
            ValueRange{}, alloc.getDynamicSizes(), alloc.getSymbolOperands(),
            /*hostShared=*/true);
        rewriter.replaceOp(alloc, replacement.getMemref());
      });
      fn.walk([&](memref::DeallocOp dealloc) {
        // gpu-to-llvm lowers only the async form: wait (a stream), free on
        // it, wait for it.
        rewriter.setInsertionPoint(dealloc);
        Location loc = dealloc.getLoc();
        Type token = gpu::AsyncTokenType::get(module.getContext());
        Value stream =
            rewriter.create<gpu::WaitOp>(loc, token, ValueRange{}).getAsyncToken();
        Value freed = rewriter
                          .create<gpu::DeallocOp>(loc, token, ValueRange{stream},
                                                  dealloc.getMemref())
                          .getAsyncToken();
        rewriter.create<gpu::WaitOp>(loc, Type(), ValueRange{freed});
        rewriter.eraseOp(dealloc);
      });
    }
    module->setAttr("genc.target", StringAttr::get(module.getContext(), "cuda"));
  }
};
} // namespace

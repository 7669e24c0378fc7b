//===- HostMemory.cpp - the genc-cuda-host-memory pass --------------------===//
//
// The buffers of a program compiled for CUDA live in device memory, which
// the host code must not dereference. After kernel outlining every
// func.func is host code; here
//   - memref.alloc / memref.dealloc become gpu.alloc / gpu.dealloc (the
//     async forms gpu-to-llvm lowers, each between gpu.waits: the
//     runtime's caching pool, ordered on the device's stream);
//   - a memref.load (scalar control flow, rank-0 arithmetic) reads the
//     element into a host temporary through genc_rt_cuda_copy first, a
//     memref.store writes it from one;
//   - a memref.copy (contiguous: the others became kernels) is one device
//     copy;
//   - a memref.get_global (a constant in host memory) is uploaded into a
//     device buffer, freed before the function returns.
// genc_rt_cuda_copy(dst, src, bytes) (runtime/src/CudaAbi.cpp) copies
// between any two addresses on the device's stream and waits.
//
//===----------------------------------------------------------------------===//

#include "compiler/Codegen/BufferAddress.h"
#include "compiler/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::genc {
#define GEN_PASS_DEF_GENCCUDAHOSTMEMORYPASS
#include "compiler/Passes.h.inc"
} // namespace mlir::genc

using namespace mlir;

namespace {

constexpr llvm::StringLiteral kCopyFn = "genc_rt_cuda_copy";

struct HostMemory {
  ModuleOp module;
  IRRewriter &b;
  Type i64;

  /// The address of element `indices` of `m` (all of `m` for none), as i64.
  Value address(Location loc, Value m, ValueRange indices = {}) {
    return b.create<arith::IndexCastOp>(
        loc, i64, genc::elementAddress(b, loc, m, indices));
  }

  void copy(Location loc, Value dst, Value src, int64_t bytes) {
    Value n = b.create<arith::ConstantOp>(loc, b.getI64IntegerAttr(bytes));
    b.create<func::CallOp>(loc, kCopyFn, TypeRange{}, ValueRange{dst, src, n});
  }

  /// gpu.alloc of device memory in its async form.
  Value allocate(Location loc, MemRefType t, ValueRange dynamicSizes,
                 ValueRange symbols) {
    Type token = gpu::AsyncTokenType::get(b.getContext());
    Value stream =
        b.create<gpu::WaitOp>(loc, token, ValueRange{}).getAsyncToken();
    auto alloc = b.create<gpu::AllocOp>(loc, t, token, ValueRange{stream},
                                        dynamicSizes, symbols,
                                        /*hostShared=*/false);
    b.create<gpu::WaitOp>(loc, Type(), ValueRange{alloc.getAsyncToken()});
    return alloc.getMemref();
  }

  void deallocate(Location loc, Value m) {
    Type token = gpu::AsyncTokenType::get(b.getContext());
    Value stream =
        b.create<gpu::WaitOp>(loc, token, ValueRange{}).getAsyncToken();
    Value freed =
        b.create<gpu::DeallocOp>(loc, token, ValueRange{stream}, m)
            .getAsyncToken();
    b.create<gpu::WaitOp>(loc, Type(), ValueRange{freed});
  }

  /// A host scalar at the top of `fn` (not in the loop that uses it: an
  /// alloca there would grow the stack every iteration).
  Value hostTemporary(func::FuncOp fn, Location loc, Type element) {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(&fn.front());
    return b.create<memref::AllocaOp>(loc, MemRefType::get({}, element));
  }

  static bool isHostBuffer(Value m) {
    return m.getDefiningOp<memref::AllocaOp>() != nullptr;
  }

  LogicalResult run(func::FuncOp fn) {
    SmallVector<Operation *> ops;
    fn.walk([&](Operation *op) {
      if (isa<memref::AllocOp, memref::DeallocOp, memref::LoadOp,
              memref::StoreOp, memref::CopyOp, memref::GetGlobalOp>(op))
        ops.push_back(op);
    });
    SmallVector<Value> uploaded;
    // Constants are uploaded once per call, at the top (their device
    // copies are freed at the returns, which the top dominates).
    for (Operation *op : ops)
      if (isa<memref::GetGlobalOp>(op))
        op->moveBefore(&fn.front(), fn.front().begin());
    for (Operation *op : ops) {
      Location loc = op->getLoc();
      b.setInsertionPoint(op);
      if (auto alloc = dyn_cast<memref::AllocOp>(op)) {
        b.replaceOp(op, allocate(loc, alloc.getType(),
                                 alloc.getDynamicSizes(),
                                 alloc.getSymbolOperands()));
      } else if (auto dealloc = dyn_cast<memref::DeallocOp>(op)) {
        deallocate(loc, dealloc.getMemref());
        b.eraseOp(op);
      } else if (auto load = dyn_cast<memref::LoadOp>(op)) {
        if (isHostBuffer(load.getMemref()))
          continue;
        auto t = load.getMemRefType();
        Value tmp = hostTemporary(fn, loc, t.getElementType());
        copy(loc, address(loc, tmp),
             address(loc, load.getMemref(), load.getIndices()),
             genc::elementBytes(t));
        b.replaceOpWithNewOp<memref::LoadOp>(op, tmp, ValueRange{});
      } else if (auto store = dyn_cast<memref::StoreOp>(op)) {
        if (isHostBuffer(store.getMemref()))
          continue;
        auto t = store.getMemRefType();
        Value tmp = hostTemporary(fn, loc, t.getElementType());
        b.create<memref::StoreOp>(loc, store.getValue(), tmp, ValueRange{});
        copy(loc, address(loc, store.getMemref(), store.getIndices()),
             address(loc, tmp), genc::elementBytes(t));
        b.eraseOp(op);
      } else if (auto c = dyn_cast<memref::CopyOp>(op)) {
        auto t = cast<MemRefType>(c.getSource().getType());
        if (!t.hasStaticShape())
          return c.emitError("genc-cuda-host-memory: a copy of dynamic "
                             "shape in host code");
        copy(loc, address(loc, c.getTarget()), address(loc, c.getSource()),
             t.getNumElements() * genc::elementBytes(t));
        b.eraseOp(op);
      } else if (auto g = dyn_cast<memref::GetGlobalOp>(op)) {
        // Every use but the upload's reads the device copy.
        SmallVector<OpOperand *> uses;
        for (OpOperand &use : g.getResult().getUses())
          uses.push_back(&use);
        b.setInsertionPointAfter(op);
        auto t = g.getType();
        Value device = allocate(loc, t, {}, {});
        copy(loc, address(loc, device), address(loc, g.getResult()),
             t.getNumElements() * genc::elementBytes(t));
        for (OpOperand *use : uses)
          use->set(device);
        uploaded.push_back(device);
      }
    }
    // Uploaded constants live until the function returns.
    fn.walk([&](func::ReturnOp ret) {
      b.setInsertionPoint(ret);
      for (Value d : uploaded)
        deallocate(ret.getLoc(), d);
    });
    return success();
  }
};

struct GencCudaHostMemoryPass
    : public genc::impl::GencCudaHostMemoryPassBase<GencCudaHostMemoryPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *ctx = module.getContext();
    IRRewriter rewriter(ctx);
    HostMemory host{module, rewriter, IntegerType::get(ctx, 64)};
    SmallVector<func::FuncOp> fns(module.getOps<func::FuncOp>());
    for (func::FuncOp fn : fns)
      if (!fn.isExternal() && failed(host.run(fn)))
        return signalPassFailure();
    if (!module.lookupSymbol(kCopyFn)) {
      rewriter.setInsertionPointToStart(module.getBody());
      auto i64 = rewriter.getI64Type();
      auto decl = rewriter.create<func::FuncOp>(
          module.getLoc(), kCopyFn,
          rewriter.getFunctionType({i64, i64, i64}, {}));
      decl.setPrivate();
    }
    module->setAttr("genc.target", StringAttr::get(ctx, "cuda"));
  }
};
} // namespace

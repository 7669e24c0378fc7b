//===- CheckNumerics.cpp - the genc-cpu-check-numerics pass ---------------===//
//
// --check-numerics (genc compile/run, GENC_CHECK_NUMERICS=1 or
// genc::set_check_numerics for jit, the zoo's --check-numerics): after
// every kernel of a bufferized function (Kernels.h), each floating-point
// output buffer is scanned by genc_rt_check_numerics(label, data, count,
// dtype) (runtime/include/genc/runtime/genc_numerics.h). The first NaN or
// Inf of a call becomes the call's error, naming the kernel, the genc ops it
// came from and their source location — forward and backward (gradient)
// kernels alike, since autodiff has expanded by now. Runs before CBLAS
// calls replace matmuls, so their outputs are checked too.
//
//===----------------------------------------------------------------------===//

#include "compiler/Codegen/CPU/Kernels.h"
#include "compiler/Codegen/CPU/RuntimeCalls.h"
#include "compiler/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/Utils/MemRefUtils.h"
#include "mlir/Interfaces/CopyOpInterface.h"

namespace mlir::genc {
#define GEN_PASS_DEF_GENCCPUCHECKNUMERICSPASS
#include "compiler/Passes.h.inc"
} // namespace mlir::genc

using namespace mlir;
using namespace mlir::genc;

namespace {

constexpr llvm::StringLiteral kCheck = "genc_rt_check_numerics";

/// The buffers `op` writes.
SmallVector<Value> outputsOf(Operation *op) {
  // A fill writes a constant on purpose (-inf is the init of max
  // reductions).
  if (isa<linalg::FillOp>(op))
    return {};
  if (auto linalgOp = dyn_cast<linalg::LinalgOp>(op))
    return SmallVector<Value>(linalgOp.getDpsInits());
  if (auto copy = dyn_cast<CopyOpInterface>(op))
    return {copy.getTarget()};
  return {}; // an external call: its outputs are not known
}

struct GencCpuCheckNumericsPass
    : public genc::impl::GencCpuCheckNumericsPassBase<GencCpuCheckNumericsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    RuntimeCallBuilder rt(module);
    func::FuncOp check;
    for (Operation *op : collectKernels(module, rt.symbols)) {
      std::optional<Value> label;
      for (Value out : outputsOf(op)) {
        auto type = dyn_cast<MemRefType>(out.getType());
        // Strided views (rare at this level) are checked where they are
        // copied to a contiguous buffer.
        if (!type || !memref::isStaticShapeAndContiguousRowMajor(type))
          continue;
        std::optional<int32_t> code = runtimeDTypeCode(type.getElementType());
        if (!isa<FloatType>(type.getElementType()) || !code ||
            type.getNumElements() == 0)
          continue;
        if (!check)
          check = rt.declare(kCheck,
                             {rt.ptrType(), rt.ptrType(), rt.b.getI64Type(),
                              rt.b.getI32Type()},
                             {});
        rt.loc = op->getLoc();
        rt.b.setInsertionPointAfter(op);
        if (!label)
          label = rt.string(kernelLabel(op), "__genc_kernel");
        // The data pointer: aligned base + offset elements.
        Value base = rt.b.create<memref::ExtractAlignedPointerAsIndexOp>(rt.loc, out);
        auto meta = rt.b.create<memref::ExtractStridedMetadataOp>(rt.loc, out);
        int64_t bytes = type.getElementTypeBitWidth() / 8;
        Value offsetBytes = rt.b.create<arith::MulIOp>(
            rt.loc, meta.getOffset(),
            rt.b.create<arith::ConstantIndexOp>(rt.loc, bytes));
        Value address = rt.b.create<arith::AddIOp>(rt.loc, base, offsetBytes);
        Value ptr = rt.b.create<LLVM::IntToPtrOp>(
            rt.loc, rt.ptrType(),
            rt.b.create<arith::IndexCastOp>(rt.loc, rt.b.getI64Type(), address));
        rt.b.create<func::CallOp>(
            rt.loc, check,
            ValueRange{*label, ptr,
                       rt.b.create<arith::ConstantIntOp>(
                           rt.loc, type.getNumElements(), rt.b.getI64Type()),
                       rt.b.create<arith::ConstantIntOp>(rt.loc, *code,
                                                         rt.b.getI32Type())});
      }
    }
  }
};

} // namespace

//===- EntryPoints.cpp - the genc-cpu-entry-points pass -------------------===//
//
// Adds the artifact ABI to a module in the LLVM dialect (runtime/README.md
// is the specification): `void genc_invoke_NAME(void **buffers)` per entry
// point, unpacking one data pointer per input then per output into the
// memref descriptors of the lowered function, and
// `const char *genc_artifact_metadata(void)`. The lowered functions become
// internal so only the ABI is exported.
//
//===----------------------------------------------------------------------===//

#include "compiler/Passes.h"
#include "compiler/Signatures.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"

namespace mlir::genc {
#define GEN_PASS_DEF_GENCCPUENTRYPOINTSPASS
#include "compiler/Passes.h.inc"
} // namespace mlir::genc

using namespace mlir;
using namespace mlir::genc;

namespace {

struct GencCpuEntryPointsPass
    : public genc::impl::GencCpuEntryPointsPassBase<GencCpuEntryPointsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    std::vector<EntrySignature> entries = getEntrySignatures(module);
    MLIRContext *ctx = &getContext();
    OpBuilder b(ctx);
    b.setInsertionPointToEnd(module.getBody());
    Location loc = module.getLoc();
    Type ptr = LLVM::LLVMPointerType::get(ctx);
    Type i64 = b.getI64Type();

    for (const EntrySignature &e : entries) {
      auto fn = module.lookupSymbol<LLVM::LLVMFuncOp>(mangledName(e.name));
      if (!fn) {
        module.emitError() << "entry point '" << e.name
                           << "' was not lowered to an llvm.func";
        return signalPassFailure();
      }
      SmallVector<RankedTensorType> buffers(e.inputs);
      buffers.append(e.outputs);
      unsigned expected = 0;
      for (RankedTensorType t : buffers)
        expected += 3 + 2 * t.getRank();
      if (fn.getNumArguments() != expected) {
        fn.emitError() << "entry point '" << e.name << "' has "
                       << fn.getNumArguments()
                       << " arguments after lowering, expected " << expected
                       << " (one memref descriptor per input and output)";
        return signalPassFailure();
      }
      fn.setLinkage(LLVM::Linkage::Internal);

      auto wrapperType = LLVM::LLVMFunctionType::get(
          LLVM::LLVMVoidType::get(ctx), {ptr});
      auto wrapper = b.create<LLVM::LLVMFuncOp>(
          loc, ("genc_invoke_" + e.name), wrapperType);
      Block *entry = wrapper.addEntryBlock(b);
      OpBuilder wb = OpBuilder::atBlockEnd(entry);
      Value table = entry->getArgument(0);
      SmallVector<Value> args;
      auto c64 = [&](int64_t v) -> Value {
        return wb.create<LLVM::ConstantOp>(loc, i64, wb.getI64IntegerAttr(v));
      };
      for (auto [i, t] : llvm::enumerate(buffers)) {
        Value slot = wb.create<LLVM::GEPOp>(
            loc, ptr, ptr, table, ArrayRef<LLVM::GEPArg>{(int32_t)i});
        Value data = wb.create<LLVM::LoadOp>(loc, ptr, slot);
        args.append({data, data, c64(0)});
        SmallVector<int64_t> strides(t.getRank(), 1);
        for (int64_t d = t.getRank() - 2; d >= 0; --d)
          strides[d] = strides[d + 1] * t.getDimSize(d + 1);
        for (int64_t d : t.getShape())
          args.push_back(c64(d));
        for (int64_t s : strides)
          args.push_back(c64(s));
      }
      wb.create<LLVM::CallOp>(loc, fn, args);
      wb.create<LLVM::ReturnOp>(loc, ValueRange{});
    }

    // Metadata: a NUL-terminated constant string and its accessor.
    std::string text = printArtifactMetadata(entries);
    text.push_back('\0');
    auto strType = LLVM::LLVMArrayType::get(b.getI8Type(), text.size());
    b.create<LLVM::GlobalOp>(loc, strType, /*isConstant=*/true,
                             LLVM::Linkage::Internal, "__genc_metadata",
                             b.getStringAttr(text));
    auto metaFn = b.create<LLVM::LLVMFuncOp>(
        loc, "genc_artifact_metadata", LLVM::LLVMFunctionType::get(ptr, {}));
    Block *body = metaFn.addEntryBlock(b);
    OpBuilder mb = OpBuilder::atBlockEnd(body);
    Value addr = mb.create<LLVM::AddressOfOp>(loc, ptr, "__genc_metadata");
    mb.create<LLVM::ReturnOp>(loc, addr);
    module->removeAttr(kSignaturesAttrName);
  }
};

} // namespace

//===- EmbedKernels.cpp - the genc-cuda-embed-kernels pass ----------------===//
//
// The kernels of a CUDA artifact: for each gpu.binary, the cubin ptxas
// makes of its PTX for the target chip, with the PTX kept as a fallback,
// in genc's container (read by the runtime's mgpuModuleLoad, CudaAbi.cpp):
//
//   "GENC-CUDA-FAT1\0\0" | u64 cubin size | cubin | u64 PTX size | PTX\0
//
//===----------------------------------------------------------------------===//

#include "compiler/Codegen/CUDA/Ptxas.h"
#include "compiler/Passes.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"

#include <cstdint>
#include <cstring>

namespace mlir::genc {
#define GEN_PASS_DEF_GENCCUDAEMBEDKERNELSPASS
#include "compiler/Passes.h.inc"
} // namespace mlir::genc

using namespace mlir;

namespace {

void appendSized(std::string &out, llvm::StringRef bytes) {
  uint64_t size = bytes.size();
  char le[8];
  for (int i = 0; i < 8; ++i)
    le[i] = static_cast<char>((size >> (8 * i)) & 0xff);
  out.append(le, 8);
  out.append(bytes.data(), bytes.size());
}

struct GencCudaEmbedKernelsPass
    : public genc::impl::GencCudaEmbedKernelsPassBase<GencCudaEmbedKernelsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    bool warned = false;
    WalkResult result = module.walk([&](gpu::BinaryOp binary) {
      SmallVector<Attribute> objects;
      for (Attribute a : binary.getObjects()) {
        auto object = dyn_cast<gpu::ObjectAttr>(a);
        auto target =
            object ? dyn_cast<NVVM::NVVMTargetAttr>(object.getTarget()) : nullptr;
        if (!object || !target ||
            object.getFormat() != gpu::CompilationTarget::Assembly) {
          objects.push_back(a);
          continue;
        }
        std::string ptx = object.getObject().getValue().rtrim('\0').str();
        ptx.push_back('\0');
        std::string cubin;
        if (genc::findPtxas().empty()) {
          if (!warned)
            binary.emitWarning()
                << "ptxas not found (install the CUDA toolkit or set "
                   "CUDA_HOME): the artifact carries PTX only, which the "
                   "driver compiles when the program is loaded";
          warned = true;
        } else {
          FailureOr<std::string> assembled = genc::assemblePtx(
              binary.getLoc(), llvm::StringRef(ptx).drop_back(),
              target.getChip());
          if (failed(assembled))
            return WalkResult::interrupt();
          cubin = std::move(*assembled);
        }
        std::string container("GENC-CUDA-FAT1\0\0", 16);
        appendSized(container, cubin);
        appendSized(container, ptx);
        objects.push_back(gpu::ObjectAttr::get(
            module.getContext(), target, gpu::CompilationTarget::Binary,
            StringAttr::get(module.getContext(), container),
            object.getProperties()));
      }
      binary.setObjectsAttr(ArrayAttr::get(module.getContext(), objects));
      return WalkResult::advance();
    });
    if (result.wasInterrupted())
      signalPassFailure();
  }
};
} // namespace

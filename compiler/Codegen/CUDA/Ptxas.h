//===- Ptxas.h - the CUDA toolkit's PTX assembler ---------------*- C++ -*-===//
//
// PTX -> cubin with the toolkit's ptxas (LLVM has no NVIDIA machine-code
// emitter). Used by `genc compile --target=cuda --emit=cubin` and by the
// embedding of kernels into artifacts (genc-cuda-embed-kernels).
//
//===----------------------------------------------------------------------===//

#ifndef GENC_COMPILER_CODEGEN_CUDA_PTXAS_H
#define GENC_COMPILER_CODEGEN_CUDA_PTXAS_H

#include "mlir/IR/Location.h"
#include "mlir/Support/LogicalResult.h"
#include "llvm/ADT/StringRef.h"

#include <string>

namespace mlir::genc {

/// ptxas from $CUDA_HOME/bin, $CUDA_PATH/bin, /usr/local/cuda/bin or PATH;
/// "" when there is none.
std::string findPtxas();

/// The cubin ptxas makes of `ptx` for `chip` (e.g. sm_90a). Errors (at
/// `loc`): ptxas not found, or its messages when it rejects the PTX.
FailureOr<std::string> assemblePtx(Location loc, llvm::StringRef ptx,
                                   llvm::StringRef chip);

} // namespace mlir::genc

#endif // GENC_COMPILER_CODEGEN_CUDA_PTXAS_H

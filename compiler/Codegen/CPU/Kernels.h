//===- Kernels.h - the kernels of buffer-level code ---------------*- C++ -*-===//
//
// What genc-cpu-profile times and genc-cpu-check-numerics checks: the
// kernels of a bufferized function, found through op interfaces — a
// structured linalg op (after fusion, one loop nest), a copy, or a call of
// an external library function (CBLAS) — and their labels for messages.
//
//===----------------------------------------------------------------------===//

#ifndef GENC_COMPILER_CODEGEN_CPU_KERNELS_H
#define GENC_COMPILER_CODEGEN_CPU_KERNELS_H

#include "mlir/IR/Operation.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/SmallVector.h"

#include <string>

namespace mlir::genc {

/// The attribute (a string: the kernel's label) of a generated function
/// that is one kernel, e.g. genc-cpu-register-gemm's.
inline constexpr llvm::StringLiteral kKernelAttr = "genc.kernel";

/// True for a kernel: a LinalgOp (not nested in another), a copy, a call
/// of an external function other than the runtime's genc_rt_*, or a call
/// of a generated kernel (a function with kKernelAttr).
bool isKernel(Operation *op, SymbolTable &symbols);

/// Every kernel of `module`, in walk order (collected first: the passes
/// insert calls around them).
SmallVector<Operation *> collectKernels(Operation *module, SymbolTable &symbols);

/// "<kind> <output shape> [(payload)] from <genc op> at <file:line:col>,
/// ...", e.g. "linalg.generic 64x32xf32 (2 ops) from genc.tanh at
/// mlp.mlir:6:8, genc.add at mlp.mlir:5:8" or "cblas_sgemm 64x32x128 from
/// genc.dot_general at mlp.mlir:3:8" (m x n x k); the genc ops are those
/// named in the location (genc-to-linalg wraps each genc op's location in a
/// NameLoc with the op's name; fusion keeps both ops' locations), at most 4.
std::string kernelLabel(Operation *op);

} // namespace mlir::genc

#endif // GENC_COMPILER_CODEGEN_CPU_KERNELS_H

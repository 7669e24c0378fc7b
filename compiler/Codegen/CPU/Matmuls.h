//===- Matmuls.h - buffer-level matmuls for library and kernel calls -*- C++ -*-===//
//
// What genc-cpu-library-calls (BLAS) and genc-cpu-register-gemm (generated
// register-tiled kernels) both need from a linalg matmul on memrefs: its
// GEMM shape and transpositions, and whether its output was zero-filled
// right before (beta = 0, the fill dropped).
//
//===----------------------------------------------------------------------===//

#ifndef GENC_COMPILER_CODEGEN_CPU_MATMULS_H
#define GENC_COMPILER_CODEGEN_CPU_MATMULS_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"

#include <optional>

namespace mlir::genc {

/// C[b] (M x N) = op(A[b]) (M x K) * op(B[b]) (K x N), row-major; A is
/// [K, M] when transA, B is [N, K] when transB.
struct MatmulShape {
  bool batched = false, transA = false, transB = false;
  int64_t M = 0, N = 0, K = 0, batch = 1;
};

/// True if the last dimension of `type` is statically contiguous.
bool hasUnitInnerStride(MemRefType type);

/// The GEMM of a linalg (batch_)matmul(_transpose_a|_b) on memrefs with
/// static shapes, one element type and contiguous rows; nullopt for any
/// other op.
std::optional<MatmulShape> matchMatmul(linalg::LinalgOp op);

/// Every such matmul of `module` with its shape, collected first (the
/// passes replace them as they go).
SmallVector<std::pair<linalg::LinalgOp, MatmulShape>>
collectMatmuls(Operation *module);

/// 0 if `op`'s output `c` is zero-filled right before it (a linalg.fill,
/// or a copy of a zero-filled buffer) -- that fill/copy is erased -- else 1.
double foldZeroFillBefore(Operation *op, Value c);

} // namespace mlir::genc

#endif // GENC_COMPILER_CODEGEN_CPU_MATMULS_H

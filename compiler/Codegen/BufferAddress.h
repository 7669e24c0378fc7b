//===- BufferAddress.h - addresses of buffer elements -----------*- C++ -*-===//
//
// The byte address of a memref's element (aligned pointer + (offset +
// sum index_i * stride_i) * element size) as an index value: what library
// calls (CBLAS, cuBLAS) and the CUDA host code's copies pass to C
// functions.
//
//===----------------------------------------------------------------------===//

#ifndef GENC_COMPILER_CODEGEN_BUFFERADDRESS_H
#define GENC_COMPILER_CODEGEN_BUFFERADDRESS_H

#include "mlir/IR/Builders.h"

namespace mlir::genc {

/// Bytes of one element of `type` (i1 is stored as a byte).
int64_t elementBytes(MemRefType type);

/// The address of element `indices` of `memref` (its first element when
/// `indices` is empty), as index.
Value elementAddress(OpBuilder &b, Location loc, Value memref,
                     ValueRange indices = {});

} // namespace mlir::genc

#endif // GENC_COMPILER_CODEGEN_BUFFERADDRESS_H

//===- Interop.h - runtime buffers <-> interpreter tensors ------*- C++ -*-===//
//
// Shared by the genc CLI (`genc run --backend=interp`) and the frontend's
// interpreter backend. Not installed.

#ifndef GENC_FRONTEND_LIB_INTEROP_H
#define GENC_FRONTEND_LIB_INTEROP_H

#include "dialects/genc/Interpreter/Interpreter.h"
#include "genc/runtime/Buffer.h"

#include "absl/status/statusor.h"

namespace genc::interop {

/// Copies a runtime buffer into an interpreter tensor (error for dtypes
/// the compiler does not take, e.g. ui8).
mlir::FailureOr<mlir::genc::interp::RefTensor>
toRefTensor(mlir::MLIRContext &ctx, const ::genc::runtime::Buffer &buffer,
            std::string &error);

/// Copies an interpreter tensor into a runtime buffer.
absl::StatusOr<::genc::runtime::Buffer>
toBuffer(const mlir::genc::interp::RefTensor &tensor);

} // namespace genc::interop

#endif // GENC_FRONTEND_LIB_INTEROP_H

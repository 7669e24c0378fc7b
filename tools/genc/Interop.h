//===- Interop.h - runtime buffers <-> interpreter tensors ------*- C++ -*-===//

#ifndef GENC_TOOLS_GENC_INTEROP_H
#define GENC_TOOLS_GENC_INTEROP_H

#include "dialects/genc/Interpreter/Interpreter.h"
#include "genc/runtime/Buffer.h"

#include "absl/status/statusor.h"

namespace genc::tools {

/// Copies a runtime buffer into an interpreter tensor (error for dtypes
/// the compiler does not take, e.g. ui8).
mlir::FailureOr<mlir::genc::interp::RefTensor>
toRefTensor(mlir::MLIRContext &ctx, const ::genc::runtime::Buffer &buffer,
            std::string &error);

/// Copies an interpreter tensor into a runtime buffer.
absl::StatusOr<::genc::runtime::Buffer>
toBuffer(const mlir::genc::interp::RefTensor &tensor);

} // namespace genc::tools

#endif // GENC_TOOLS_GENC_INTEROP_H

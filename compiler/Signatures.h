//===- Signatures.h - entry-point signatures and artifact metadata -*- C++ -*-===//
//
// The compiler's side of the artifact description: entry points recorded
// by genc-record-signatures, printed in the metadata text format that the
// runtime parses (runtime/README.md is the specification).
//
//===----------------------------------------------------------------------===//

#ifndef GENC_COMPILER_SIGNATURES_H
#define GENC_COMPILER_SIGNATURES_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/BuiltinTypes.h"

#include <string>
#include <vector>

namespace mlir::genc {

/// Module attribute holding the entry points' signatures.
inline constexpr llvm::StringLiteral kSignaturesAttrName = "genc.signatures";

struct EntrySignature {
  std::string name;
  SmallVector<RankedTensorType> inputs, outputs;
  /// Devices the function runs on at once (SPMD), from `genc.devices`.
  int64_t devices = 1;
  /// "cpu", or "cuda" in a module the CUDA pipeline lowered (the module
  /// attribute `genc.target`): the artifact metadata's `target` line.
  std::string target = "cpu";
};

/// The symbol genc-cpu-mangle-symbols gives the user's function `name`.
inline std::string mangledName(llvm::StringRef name) {
  return ("genc_fn_" + name).str();
}

/// Reads the `genc.signatures` attribute (empty if absent).
std::vector<EntrySignature> getEntrySignatures(ModuleOp module);

/// The artifact metadata text for `entries` (format version 1, or 2 when a
/// function runs on several devices).
std::string printArtifactMetadata(ArrayRef<EntrySignature> entries);

/// "2x3xf32", "f32", "4xi1", as the runtime's TensorSpec notation.
std::string tensorSpecString(RankedTensorType type);

} // namespace mlir::genc

#endif // GENC_COMPILER_SIGNATURES_H

// The compiled-artifact ABI: function signatures and the metadata text format.
//
// A compiled module is a shared library exporting
//
//   extern "C" const char *genc_artifact_metadata(void);
//   extern "C" void genc_invoke_NAME(void **buffers);   // one per function
//
// `buffers` holds one pointer per input, then one per output, each to dense
// row-major data; the caller allocates the outputs (64-byte aligned) and the
// function writes them. The metadata (versions 1 and 2) is line based and
// whitespace separated; `#` starts a comment:
//
//   genc-artifact 1
//   func main
//   input 2x3xf32
//   input f32
//   output 3xi64
//   end
//
// Version 2 adds an optional `devices N` line per function (a multi-device
// SPMD function, see Collectives.h); version 3 an optional `target cuda`
// line (the function's buffers live on a CUDA device, see Cuda.h; `cpu`
// when absent).
//
// runtime/README.md is the full specification.
//
// Thread safety: every function here is pure and safe to call concurrently.
#ifndef GENC_RUNTIME_ARTIFACT_H
#define GENC_RUNTIME_ARTIFACT_H

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "genc/runtime/Buffer.h"

namespace genc::runtime {

/// Newest metadata format version this runtime reads (it reads 1 to 3).
/// printArtifactMetadata writes version 1 unless a function needs the
/// `devices` line of version 2 (2) or the `target` line of version 3 (3).
inline constexpr int kArtifactMetadataVersion = 3;
/// Name of the metadata symbol every artifact exports.
inline constexpr const char *kArtifactMetadataSymbol = "genc_artifact_metadata";
/// Prefix of each entry point symbol: genc_invoke_NAME.
inline constexpr const char *kArtifactInvokePrefix = "genc_invoke_";

/// Name and static types of one entry function of an artifact.
struct FunctionSignature {
  std::string name;
  std::vector<TensorSpec> inputs;
  std::vector<TensorSpec> outputs;
  /// Number of devices the function runs on at once (metadata `devices N`,
  /// version 2); 1 for an ordinary function.
  int64_t devices = 1;
  /// Where the function's buffers live: "cpu" (host memory) or "cuda"
  /// (metadata `target cuda`, version 3): Function::call then stages the
  /// inputs and outputs through the default CUDA device (Cuda.h).
  std::string target = "cpu";

  friend bool operator==(const FunctionSignature &,
                         const FunctionSignature &) = default;
};

/// Parses a tensor type: "2x3xf32", "f32" (scalar), "0x4xf32".
/// Errors: `unknown dtype 'f12'`, `invalid tensor type '2x?xf32': ...`.
absl::StatusOr<TensorSpec> parseTensorSpec(std::string_view text);

/// True for a valid function name: [A-Za-z_][A-Za-z0-9_]* (it becomes part
/// of a C symbol).
bool isValidFunctionName(std::string_view name);

/// Parses metadata of versions 1 to 3. Errors name the line, e.g.
/// `metadata line 3: unknown dtype 'f12'`.
absl::StatusOr<std::vector<FunctionSignature>>
parseArtifactMetadata(std::string_view text);

/// Prints metadata that parseArtifactMetadata reads back unchanged: version
/// 1 when every function has devices == 1, else version 2 with a `devices
/// N` line right after `func NAME` of each function with devices != 1.
std::string
printArtifactMetadata(const std::vector<FunctionSignature> &functions);

/// "main(2x3xf32, f32) -> (3xi64)", for messages and tools.
std::string formatSignature(const FunctionSignature &signature);

} // namespace genc::runtime

#endif // GENC_RUNTIME_ARTIFACT_H

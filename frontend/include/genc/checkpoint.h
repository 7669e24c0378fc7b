// Checkpoints in the safetensors format (https://github.com/huggingface/
// safetensors), readable and writable by the `safetensors` Python package:
//
//   8 bytes      N, the header length, unsigned little-endian
//   N bytes      JSON: {"name": {"dtype": "F32", "shape": [2, 3],
//                "data_offsets": [begin, end]}, ..., "__metadata__":
//                {"key": "value", ...}}, padded with spaces
//   the rest     every tensor's raw little-endian bytes, row-major; offsets
//                are relative to the start of this section, contiguous,
//                without gaps
//
// dtypes: F32 F64 F16 BF16 I8 I32 I64 BOOL (genc i1) U8. Model parameters,
// BatchNorm statistics and optimizer state are all Params and save alike:
//
//   save_checkpoint("step1000.safetensors", params, {{"step", "1000"}});
//   Params p = load_checkpoint("step1000.safetensors");
//
// save_checkpoint writes `path.tmp.<pid>`, fsyncs it and renames it over
// `path`, so a crash never leaves a torn checkpoint. It records the SHA-256
// of the data section in __metadata__["genc.sha256"]; load_checkpoint
// verifies it when present (files from other writers have none) and
// rejects truncated files, bad JSON, unknown dtypes, sizes that disagree
// with shapes, and overlapping, out-of-range or gapped offsets, with a
// genc::Error naming the file and the problem.
//
// Thread safety: both functions are safe to call concurrently; concurrent
// saves to one path leave one complete file (the last rename wins).
#ifndef GENC_FRONTEND_CHECKPOINT_H
#define GENC_FRONTEND_CHECKPOINT_H

#include "genc/Tree.h"

#include <map>
#include <string>

namespace genc {

/// Writes the concrete tensors of `tensors` (names as keys) and string
/// metadata. The key "genc.sha256" is reserved.
void save_checkpoint(const std::string &path, const Params &tensors,
                     const std::map<std::string, std::string> &metadata = {},
                     Loc loc = Loc::current());

/// Reads a safetensors file. With `metadata`, stores its __metadata__
/// there (without "genc.sha256").
Params load_checkpoint(const std::string &path,
                       std::map<std::string, std::string> *metadata = nullptr,
                       Loc loc = Loc::current());

/// Lowercase hex SHA-256 of `size` bytes (what "genc.sha256" holds).
std::string sha256_hex(const void *data, size_t size);

} // namespace genc

#endif // GENC_FRONTEND_CHECKPOINT_H

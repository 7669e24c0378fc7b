// The seal of a genc artifact: its format version and a SHA-256 checksum
// of the whole file, checked before the runtime loads (and so runs) it.
//
// Layout: a 64-byte block in the artifact's read-only data — 32 bytes of
// magic text "GENC-ARTIFACT-SEAL v<version>" (NUL-padded), then the
// SHA-256 of the entire file computed with these 32 digest bytes zeroed.
// genc compile writes the block and seals the linked file; hand-written
// artifacts declare the block with GENC_ARTIFACT_SEAL_BLOCK
// (genc_runtime.h) and are sealed by the genc-seal tool.
//
// Thread safety: the functions only touch the named file.
#ifndef GENC_RUNTIME_SEAL_H
#define GENC_RUNTIME_SEAL_H

#include "absl/status/status.h"

#include <string>

namespace genc::runtime {

/// The seal format this runtime writes and reads.
inline constexpr int kArtifactSealVersion = 1;

/// Computes the file's checksum and writes it into its seal block.
/// Errors: unreadable/unwritable file, no seal block, or more than one.
absl::Status sealArtifact(const std::string &path);

/// OK if the file's seal block holds version kArtifactSealVersion and the
/// file's checksum; otherwise why not, naming the file: not sealed,
/// another seal version, or a checksum mismatch (corrupt or tampered).
absl::Status checkArtifactSeal(const std::string &path);

} // namespace genc::runtime

#endif // GENC_RUNTIME_SEAL_H

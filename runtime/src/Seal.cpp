// Artifact seals (genc/runtime/Seal.h).
#include "genc/runtime/Seal.h"

#include "genc/runtime/Sha256.h"

#include "absl/strings/str_cat.h"

#include <cstring>
#include <fstream>
#include <iterator>
#include <string_view>
#include <vector>

namespace genc::runtime {
namespace {

constexpr std::string_view kMagicPrefix = "GENC-ARTIFACT-SEAL v";
constexpr size_t kMagicBytes = 32, kDigestBytes = 32;

absl::Status readFile(const std::string &path, std::string &out) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return absl::NotFoundError(absl::StrCat("cannot read artifact '", path, "'"));
  out.assign(std::istreambuf_iterator<char>(in), {});
  return absl::OkStatus();
}

/// Offsets of the seal blocks (magic prefix + version digits + NUL padding
/// to 32 bytes + 32 digest bytes) in `file`; `versions` gets each block's
/// version text.
std::vector<size_t> findSeals(const std::string &file,
                              std::vector<std::string> *versions = nullptr) {
  std::vector<size_t> found;
  for (size_t at = file.find(kMagicPrefix); at != std::string::npos;
       at = file.find(kMagicPrefix, at + 1)) {
    if (at + kMagicBytes + kDigestBytes > file.size())
      continue;
    size_t end = at + kMagicPrefix.size();
    while (end < at + kMagicBytes && file[end] != '\0')
      ++end;
    bool padded = end < at + kMagicBytes;
    for (size_t i = end; i < at + kMagicBytes && padded; ++i)
      padded = file[i] == '\0';
    if (!padded)
      continue; // the text elsewhere (e.g. in a string), not a block
    found.push_back(at);
    if (versions)
      versions->push_back(file.substr(at + kMagicPrefix.size(),
                                      end - at - kMagicPrefix.size()));
  }
  return found;
}

std::array<uint8_t, 32> digestOf(std::string file, size_t seal) {
  std::memset(&file[seal + kMagicBytes], 0, kDigestBytes);
  Sha256 h;
  h.update(file.data(), file.size());
  return h.finish();
}

} // namespace

absl::Status sealArtifact(const std::string &path) {
  std::string file;
  if (absl::Status s = readFile(path, file); !s.ok())
    return s;
  std::vector<size_t> seals = findSeals(file);
  if (seals.size() != 1)
    return absl::InvalidArgumentError(absl::StrCat(
        "cannot seal artifact '", path, "': it has ", seals.size(),
        " seal blocks (expected exactly one)"));
  std::array<uint8_t, 32> digest = digestOf(file, seals[0]);
  std::fstream out(path, std::ios::binary | std::ios::in | std::ios::out);
  out.seekp((std::streamoff)(seals[0] + kMagicBytes));
  out.write(reinterpret_cast<const char *>(digest.data()), kDigestBytes);
  out.flush();
  if (!out)
    return absl::InternalError(absl::StrCat("cannot write the seal of '", path, "'"));
  return absl::OkStatus();
}

absl::Status checkArtifactSeal(const std::string &path) {
  std::string file;
  if (absl::Status s = readFile(path, file); !s.ok())
    return s;
  std::vector<std::string> versions;
  std::vector<size_t> seals = findSeals(file, &versions);
  std::string refuse = absl::StrCat("refusing to load artifact '", path, "': ");
  if (seals.empty())
    return absl::InvalidArgumentError(
        refuse + "it carries no genc seal (not a genc artifact, or made by a "
                 "genc older than seal version 1)");
  if (seals.size() > 1)
    return absl::InvalidArgumentError(refuse + "it carries more than one seal");
  if (versions[0] != std::to_string(kArtifactSealVersion))
    return absl::InvalidArgumentError(absl::StrCat(
        refuse, "its seal has format version '", versions[0],
        "'; this runtime reads version ", kArtifactSealVersion,
        " (recompile it with this genc)"));
  std::array<uint8_t, 32> digest = digestOf(file, seals[0]);
  if (std::memcmp(digest.data(), &file[seals[0] + kMagicBytes], kDigestBytes))
    return absl::DataLossError(
        refuse + "checksum mismatch (the file is corrupt or was modified "
                 "after genc sealed it)");
  return absl::OkStatus();
}

} // namespace genc::runtime

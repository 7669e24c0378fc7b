// Artifact seals: the checksum (SHA-256, checked against Python's hashlib),
// and the refusals — unsealed, modified, foreign-version files are never
// dlopen()ed.
#include "genc/runtime/Module.h"
#include "genc/runtime/Seal.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

using namespace genc::runtime;

namespace {

std::string block(const std::string &version = "1") {
  std::string b = "GENC-ARTIFACT-SEAL v" + version;
  b.resize(64, '\0');
  return b;
}

std::string tempPath(const std::string &name) {
  return ::testing::TempDir() + "/genc_seal_" + name;
}

void writeFile(const std::string &path, const std::string &data) {
  std::ofstream(path, std::ios::binary) << data;
}

std::string readFile(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string hex(const std::string &bytes) {
  static const char *digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes)
    out += std::string{digits[c >> 4], digits[c & 15]};
  return out;
}

TEST(SealTest, DigestIsTheSha256OfTheFileWithTheDigestZeroed) {
  // Expected values: hashlib.sha256 of the same bytes.
  std::string path = tempPath("digest");
  writeFile(path, block());
  ASSERT_TRUE(sealArtifact(path).ok());
  EXPECT_EQ(hex(readFile(path).substr(32)),
            "3c2d302cb67cbe938d872a874243d9fa7c3bdb9e5ca90b10d906b6fc40ab878f");
  std::string prefix;
  for (int i = 0; i < 1000; ++i)
    prefix += (char)((i * 7) % 251);
  std::string tail;
  for (int i = 0; i < 33; ++i)
    tail += "tail";
  writeFile(path, prefix + block() + tail);
  ASSERT_TRUE(sealArtifact(path).ok());
  EXPECT_EQ(hex(readFile(path).substr(1000 + 32, 32)),
            "7b733ac7d1636acd0311c56f5d4c60fb484e1b9c8da565903e8ca7a5910ad9ca");
  EXPECT_TRUE(checkArtifactSeal(path).ok());
  std::remove(path.c_str());
}

TEST(SealTest, RefusesUnsealedModifiedAndForeignFiles) {
  std::string path = tempPath("refuse");
  writeFile(path, "no seal here, just bytes");
  absl::Status s = checkArtifactSeal(path);
  EXPECT_NE(s.message().find("carries no genc seal"), std::string::npos) << s;

  writeFile(path, "code" + block() + "more code");
  ASSERT_TRUE(sealArtifact(path).ok());
  std::string file = readFile(path);
  file[1] ^= 1; // one bit of "code"
  writeFile(path, file);
  s = checkArtifactSeal(path);
  EXPECT_EQ(s.code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(s.message().find("checksum mismatch"), std::string::npos) << s;

  writeFile(path, "code" + block("9") + "more code");
  s = checkArtifactSeal(path);
  EXPECT_NE(s.message().find("its seal has format version '9'; this runtime reads version 1"),
            std::string::npos) << s;

  writeFile(path, block() + block());
  EXPECT_FALSE(sealArtifact(path).ok());
  std::remove(path.c_str());
}

// Module::load checks the seal before dlopen: a sealed test artifact with
// one byte changed is refused with the seal's message.
TEST(SealTest, ModuleLoadRefusesATamperedArtifact) {
  std::string original = readFile(GENC_TEST_ADD_ARTIFACT);
  ASSERT_FALSE(original.empty());
  ASSERT_TRUE(checkArtifactSeal(GENC_TEST_ADD_ARTIFACT).ok());
  std::string path = tempPath("tampered.so");
  std::string file = original;
  file[file.size() / 2] ^= 0x40;
  writeFile(path, file);
  absl::StatusOr<std::unique_ptr<Module>> m = Module::load(path);
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("refusing to load artifact"), std::string::npos)
      << m.status();
  EXPECT_NE(m.status().message().find("checksum mismatch"), std::string::npos)
      << m.status();
  writeFile(path, original);
  EXPECT_TRUE(Module::load(path).ok());
  std::remove(path.c_str());
}

} // namespace

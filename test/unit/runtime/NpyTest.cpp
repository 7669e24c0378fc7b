// Tests of .npy reading (files made by NumPy) and writing.
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "TestUtil.h"
#include "genc/runtime/TensorIO.h"
#include "gtest/gtest.h"

namespace genc::runtime {
namespace {

using testing::dataPath;
using testing::hasError;

std::string readFile(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

Buffer readOrDie(const std::string &name) {
  absl::StatusOr<Buffer> b = readNpy(dataPath(name));
  EXPECT_TRUE(b.ok()) << name << ": " << b.status();
  return b.ok() ? std::move(*b) : Buffer();
}

class NpyTempDir : public ::testing::Test {
protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("genc-npy-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string path(const std::string &name) const { return dir_ / name; }
  std::filesystem::path dir_;
};

TEST(NpyReadTest, ReadsNumpyFilesOfEveryDType) {
  EXPECT_EQ(formatTensorLiteral(readOrDie("f32_2x3.npy")),
            "2x3xf32=[-1 -0.5 0][0.5 1 1.5]");
  EXPECT_EQ(formatTensorLiteral(readOrDie("f64_3.npy")),
            "3xf64=1.5 -2.25 1.0000000000000001e+300");
  EXPECT_EQ(formatTensorLiteral(readOrDie("f16_4.npy")),
            "4xf16=0.5 -1 65504 0.099976");
  EXPECT_EQ(formatTensorLiteral(readOrDie("i32_2x2.npy")),
            "2x2xi32=[1 -2][2147483647 -2147483648]");
  EXPECT_EQ(formatTensorLiteral(readOrDie("i64_scalar.npy")), "i64=-7");
  EXPECT_EQ(formatTensorLiteral(readOrDie("bool_5.npy")), "5xi1=1 0 1 1 0");
  EXPECT_EQ(formatTensorLiteral(readOrDie("i8_3.npy")), "3xi8=-128 0 127");
  EXPECT_EQ(formatTensorLiteral(readOrDie("u8_2x2x2.npy")),
            "2x2x2xui8=[[0 30][60 90]][[120 150][180 210]]");
  EXPECT_EQ(formatTensorLiteral(readOrDie("f32_0x4.npy")), "0x4xf32=");
}

TEST(NpyReadTest, ReadsFormatVersions2And3) {
  EXPECT_EQ(formatTensorLiteral(readOrDie("f32_v2.npy")), "1x2xf32=[1 2]");
  EXPECT_EQ(formatTensorLiteral(readOrDie("f32_v3.npy")), "1x2xf32=[1 2]");
}

TEST(NpyReadTest, TransposesFortranOrder) {
  // np.asfortranarray(np.arange(6).reshape(2, 3)): same logical values.
  EXPECT_EQ(formatTensorLiteral(readOrDie("f32_fortran_2x3.npy")),
            "2x3xf32=[0 1 2][3 4 5]");
  EXPECT_EQ(formatTensorLiteral(readOrDie("i32_fortran_2x3x2.npy")),
            "2x3x2xi32=[[0 1][2 3][4 5]][[6 7][8 9][10 11]]");
}

TEST(NpyReadTest, RejectsBigEndianAndUnsupportedDTypes) {
  EXPECT_TRUE(hasError(readNpy(dataPath("f32_big_endian.npy")),
                       "big-endian data ('>f4') is not supported"));
  EXPECT_TRUE(hasError(readNpy(dataPath("c64_unsupported.npy")),
                       "unsupported dtype '<c8'"));
}

// Regression (fuzz/fuzz_npy): a header claiming a huge shape over a few
// data bytes is refused before anything is allocated (it used to try 80 GB).
TEST(NpyReadTest, HugeShapeOverTinyDataIsRefusedWithoutAllocating) {
  auto npy = [](const std::string &shape) {
    std::string header = "{'descr': '<i4', 'fortran_order': True, 'shape': " +
                         shape + ", }";
    while ((10 + header.size() + 1) % 64)
      header += ' ';
    header += '\n';
    std::string bytes("\x93NUMPY\x01\x00", 8);
    bytes += (char)(header.size() & 0xff);
    bytes += (char)(header.size() >> 8);
    return bytes + header + std::string(16, '\x01');
  };
  EXPECT_TRUE(hasError(parseNpy(npy("(3, 34, 444, 444444)"), "h.npy"),
                       "'h.npy': truncated data: expected 80511919488 bytes, got 16"));
  EXPECT_TRUE(hasError(parseNpy(npy("(4294967296, 4294967296, 4)"), "h.npy"),
                       "'h.npy': truncated data: expected more than 2^64 bytes, got 16"));
  // Empty, Fortran order, leading dimensions whose product overflows
  // (UBSan, fuzz_npy): an empty tensor.
  absl::StatusOr<Buffer> empty =
      parseNpy(npy("(366, 4, 4444414255, 409865, 4, 0, 4054)"), "e.npy");
  ASSERT_TRUE(empty.ok()) << empty.status();
  EXPECT_EQ(empty->numElements(), 0);
}

TEST(NpyReadTest, ErrorsNameTheFile) {
  std::string bytes = readFile(dataPath("f32_2x3.npy"));
  ASSERT_EQ(bytes.size(), 128u + 24u);
  EXPECT_TRUE(hasError(parseNpy(bytes.substr(0, bytes.size() - 4), "t.npy"),
                       "'t.npy': truncated data: expected 24 bytes, got 20"));
  EXPECT_TRUE(hasError(parseNpy(bytes.substr(0, 40), "t.npy"),
                       "'t.npy': truncated .npy header"));
  EXPECT_TRUE(hasError(parseNpy(bytes.substr(0, 9), "t.npy"),
                       "'t.npy': truncated .npy header"));
  EXPECT_TRUE(hasError(parseNpy("", "t.npy"), "'t.npy': not a .npy file"));
  EXPECT_TRUE(hasError(parseNpy("PK\x03\x04 zip file", "t.npy"),
                       "not a .npy file (bad magic)"));
  std::string badVersion = bytes;
  badVersion[6] = 9;
  EXPECT_TRUE(hasError(parseNpy(badVersion, "t.npy"),
                       "unsupported .npy format version 9.0"));
  EXPECT_TRUE(hasError(readNpy("/nonexistent/dir/a.npy"),
                       "cannot read '/nonexistent/dir/a.npy'"));
}

TEST(NpyReadTest, RejectsMalformedHeaders) {
  std::string bytes = readFile(dataPath("f32_2x3.npy"));
  auto withHeader = [&](std::string_view from, std::string_view to) {
    std::string copy = bytes;
    size_t at = copy.find(from);
    EXPECT_NE(at, std::string::npos);
    copy.replace(at, from.size(), to); // Same length keeps the layout.
    return copy;
  };
  EXPECT_TRUE(hasError(parseNpy(withHeader("'descr'", "'descX'"), "h.npy"),
                       "'h.npy': bad header: unexpected key 'descX'"));
  EXPECT_TRUE(hasError(parseNpy(withHeader("False", "Maybe"), "h.npy"),
                       "expected True or False"));
  EXPECT_TRUE(hasError(parseNpy(withHeader("(2, 3)", "(2, x)"), "h.npy"),
                       "expected a dimension"));
  EXPECT_TRUE(
      hasError(parseNpy(withHeader("{", "["), "h.npy"), "expected '{'"));
  EXPECT_TRUE(hasError(parseNpy(withHeader("'<f4'", "'<u4'"), "h.npy"),
                       "unsupported dtype '<u4'"));
}

TEST(NpyWriteTest, SerializationMatchesNumpyByteForByte) {
  for (const char *name : {"f32_2x3.npy", "f64_3.npy", "bool_5.npy",
                           "i64_scalar.npy", "u8_2x2x2.npy", "f32_0x4.npy",
                           "i8_3.npy", "f16_4.npy", "i32_2x2.npy"}) {
    std::string bytes = readFile(dataPath(name));
    absl::StatusOr<Buffer> b = parseNpy(bytes, name);
    ASSERT_TRUE(b.ok()) << b.status();
    absl::StatusOr<std::string> out = serializeNpy(*b);
    ASSERT_TRUE(out.ok()) << out.status();
    EXPECT_EQ(*out, bytes) << name;
  }
}

TEST_F(NpyTempDir, WriteThenReadEveryDType) {
  const char *literals[] = {
      "2x3xf32=1.5 -2 3 4 5 6", "3xf64=0.1 -1e300 5", "2xf16=0.5 -65504",
      "4xi1=1 0 0 1",           "3xi8=-128 5 127",    "2x2xi32=1 2 3 -4",
      "i64=-9000000000",        "2xui8=0 255",        "0x3xf32=",
  };
  for (const char *literal : literals) {
    absl::StatusOr<Buffer> b = parseTensorLiteral(literal);
    ASSERT_TRUE(b.ok()) << b.status();
    std::string file = path("t.npy");
    GENC_ASSERT_OK(writeNpy(file, *b));
    absl::StatusOr<Buffer> back = readNpy(file);
    ASSERT_TRUE(back.ok()) << back.status();
    EXPECT_EQ(formatTensorLiteral(*back), formatTensorLiteral(*b)) << literal;
  }
  // Only the final file remains: the temporary was renamed over it.
  int files = 0;
  for (const auto &entry : std::filesystem::directory_iterator(dir_)) {
    EXPECT_EQ(entry.path().filename(), "t.npy");
    ++files;
  }
  EXPECT_EQ(files, 1);
}

TEST_F(NpyTempDir, WritesVersion2WhenTheHeaderIsHuge) {
  // 30000 dimensions of 1 need a header longer than 65535 bytes.
  absl::StatusOr<Buffer> b =
      Buffer::allocate(DType::I32, std::vector<int64_t>(30000, 1));
  ASSERT_TRUE(b.ok());
  b->dataAs<int32_t>()[0] = 42;
  absl::StatusOr<std::string> bytes = serializeNpy(*b);
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ((*bytes)[6], 2);
  GENC_ASSERT_OK(writeNpy(path("big.npy"), *b));
  absl::StatusOr<Buffer> back = readNpy(path("big.npy"));
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->rank(), 30000u);
  EXPECT_EQ(back->dataAs<int32_t>()[0], 42);
}

TEST_F(NpyTempDir, WriteErrors) {
  absl::StatusOr<Buffer> bf16 = parseTensorLiteral("2xbf16=1 2");
  ASSERT_TRUE(bf16.ok());
  EXPECT_TRUE(
      hasError(writeNpy(path("b.npy"), *bf16), "NumPy has no bfloat16 dtype"));
  EXPECT_FALSE(std::filesystem::exists(path("b.npy")));
  absl::StatusOr<Buffer> f32 = parseTensorLiteral("f32=1");
  ASSERT_TRUE(f32.ok());
  EXPECT_TRUE(hasError(writeNpy(path("missing/dir/x.npy"), *f32),
                       "cannot write '" + path("missing/dir/x.npy") + "'"));
}

TEST_F(NpyTempDir, OverwritesExistingFiles) {
  absl::StatusOr<Buffer> a = parseTensorLiteral("3xi32=1 2 3");
  absl::StatusOr<Buffer> b = parseTensorLiteral("i8=5");
  ASSERT_TRUE(a.ok() && b.ok());
  GENC_ASSERT_OK(writeNpy(path("o.npy"), *a));
  GENC_ASSERT_OK(writeNpy(path("o.npy"), *b));
  absl::StatusOr<Buffer> back = readNpy(path("o.npy"));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(formatTensorLiteral(*back), "i8=5");
}

} // namespace
} // namespace genc::runtime

// Helpers shared by the zoo data tests.
#ifndef GENC_TEST_ZOO_DATA_TESTUTIL_H
#define GENC_TEST_ZOO_DATA_TESTUTIL_H

#include "genc/zoo/Data.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include <filesystem>
#include <string>
#include <unistd.h>

namespace genc::zoo::test {

/// A fresh directory under the system temp dir, removed on destruction.
class TempDir {
public:
  TempDir() {
    const auto *info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string("genc-zoo-") +
                       (info ? info->name() : "test") + "-" +
                       std::to_string(::getpid());
    path_ = std::filesystem::temp_directory_path() / name;
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string file(const std::string &name) const {
    return (path_ / name).string();
  }
  const std::filesystem::path &path() const { return path_; }

private:
  std::filesystem::path path_;
};

/// A small set with recognisable pixels and metadata.
inline GalaxySet makeSet(int64_t count, int size) {
  GalaxySet s;
  s.count = count;
  s.height = s.width = size;
  s.images.resize(static_cast<size_t>(count) * size * size * 3);
  for (size_t k = 0; k < s.images.size(); ++k)
    s.images[k] = static_cast<uint8_t>((k * 37 + k / 7) % 256);
  for (int64_t i = 0; i < count; ++i) {
    s.labels.push_back(static_cast<int32_t>(i % 10));
    s.redshift.push_back(0.01f + 0.001f * i);
    s.ra.push_back(10.5f + i);
    s.dec.push_back(-5.25f + i);
    s.pxscale.push_back(0.262f);
  }
  return s;
}

/// Expects two sets to hold the same values.
inline void expectSameSet(const GalaxySet &a, const GalaxySet &b) {
  EXPECT_EQ(a.count, b.count);
  EXPECT_EQ(a.height, b.height);
  EXPECT_EQ(a.width, b.width);
  EXPECT_TRUE(a.images == b.images);
  EXPECT_EQ(a.labels, b.labels);
  EXPECT_EQ(a.redshift, b.redshift);
  EXPECT_EQ(a.ra, b.ra);
  EXPECT_EQ(a.dec, b.dec);
  EXPECT_EQ(a.pxscale, b.pxscale);
}

/// Runs `fn` and returns the DataError message ("" if none was thrown).
template <typename Fn> std::string dataError(Fn fn) {
  try {
    fn();
  } catch (const DataError &e) {
    return e.what();
  }
  return "";
}

} // namespace genc::zoo::test

#endif // GENC_TEST_ZOO_DATA_TESTUTIL_H

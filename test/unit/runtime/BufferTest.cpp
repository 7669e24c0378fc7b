// Tests of Buffer allocation, alignment, cloning, moving and TensorSpec.
#include "genc/runtime/Buffer.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <unistd.h>

#include "TestUtil.h"
#include "gtest/gtest.h"

namespace genc::runtime {
namespace {

using testing::hasError;

bool isAligned(const void *p) {
  return reinterpret_cast<uintptr_t>(p) % kBufferAlignment == 0;
}

TEST(BufferTest, AllocateIsZeroedAndAligned) {
  absl::StatusOr<Buffer> b = Buffer::allocate(DType::F32, {2, 3});
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_EQ(b->dtype(), DType::F32);
  EXPECT_EQ(b->shape(), (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(b->rank(), 2u);
  EXPECT_EQ(b->numElements(), 6);
  EXPECT_EQ(b->byteSize(), 24u);
  EXPECT_EQ(b->shapeString(), "2x3xf32");
  ASSERT_NE(b->data(), nullptr);
  EXPECT_TRUE(isAligned(b->data()));
  for (int i = 0; i < 6; ++i)
    EXPECT_EQ(b->dataAs<float>()[i], 0.0f);
}

TEST(BufferTest, EverySizeIsAligned) {
  std::vector<Buffer> keep; // Hold them so allocations differ.
  for (int64_t n = 0; n < 200; ++n) {
    absl::StatusOr<Buffer> b = Buffer::allocate(DType::I8, {n});
    ASSERT_TRUE(b.ok());
    EXPECT_TRUE(isAligned(b->data())) << n;
    keep.push_back(std::move(*b));
  }
}

TEST(BufferTest, ScalarHasOneElement) {
  absl::StatusOr<Buffer> b = Buffer::allocate(DType::F64, {});
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->rank(), 0u);
  EXPECT_EQ(b->numElements(), 1);
  EXPECT_EQ(b->byteSize(), 8u);
  EXPECT_EQ(b->shapeString(), "f64");
}

TEST(BufferTest, ZeroSizedBufferHasStorage) {
  absl::StatusOr<Buffer> b = Buffer::allocate(DType::F32, {0, 4});
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->numElements(), 0);
  EXPECT_EQ(b->byteSize(), 0u);
  EXPECT_NE(b->data(), nullptr);
  EXPECT_EQ(b->shapeString(), "0x4xf32");
  // A zero dimension makes huge other dimensions harmless.
  absl::StatusOr<Buffer> huge =
      Buffer::allocate(DType::F32, {0, std::numeric_limits<int64_t>::max()});
  ASSERT_TRUE(huge.ok()) << huge.status();
  EXPECT_EQ(huge->numElements(), 0);
}

TEST(BufferTest, RejectsNegativeDimensions) {
  EXPECT_TRUE(hasError(Buffer::allocate(DType::F32, {2, -1}),
                       "invalid shape 2x-1xf32: negative dimension -1"));
}

TEST(BufferTest, RejectsAbsurdSizes) {
  // 2^40 bytes is the limit: 2^38 f32 elements fit, one more does not.
  EXPECT_TRUE(hasError(Buffer::allocate(DType::F32, {(int64_t{1} << 38) + 1}),
                       "too large"));
  EXPECT_TRUE(
      hasError(Buffer::allocate(DType::F32, {1 << 20, 1 << 20, 1 << 20}),
               "tensor 1048576x1048576x1048576xf32 is too large"));
  // Products that overflow int64 must not wrap around.
  int64_t big = std::numeric_limits<int64_t>::max();
  EXPECT_TRUE(hasError(Buffer::allocate(DType::I8, {big, big}), "too large"));
  EXPECT_TRUE(hasError(
      Buffer::allocate(DType::I8, {int64_t{1} << 32, int64_t{1} << 32}),
      "too large"));
}

TEST(BufferTest, CloneIsADeepCopy) {
  absl::StatusOr<Buffer> a = Buffer::allocate(DType::I32, {3});
  ASSERT_TRUE(a.ok());
  a->dataAs<int32_t>()[0] = 7;
  a->dataAs<int32_t>()[2] = -9;
  absl::StatusOr<Buffer> b = a->clone();
  ASSERT_TRUE(b.ok());
  EXPECT_NE(b->data(), a->data());
  EXPECT_TRUE(isAligned(b->data()));
  EXPECT_EQ(b->shapeString(), "3xi32");
  EXPECT_EQ(std::memcmp(a->data(), b->data(), 12), 0);
  b->dataAs<int32_t>()[0] = 1;
  EXPECT_EQ(a->dataAs<int32_t>()[0], 7);
}

TEST(BufferTest, MoveLeavesSourceEmpty) {
  absl::StatusOr<Buffer> a = Buffer::allocate(DType::F16, {4, 4});
  ASSERT_TRUE(a.ok());
  void *data = a->data();
  Buffer b = std::move(*a);
  EXPECT_EQ(b.data(), data);
  EXPECT_EQ(b.shapeString(), "4x4xf16");
  EXPECT_EQ(a->data(), nullptr);
  EXPECT_EQ(a->numElements(), 0);
  EXPECT_EQ(a->byteSize(), 0u);
  Buffer c;
  c = std::move(b);
  EXPECT_EQ(c.data(), data);
  EXPECT_EQ(b.data(), nullptr);
}

TEST(BufferTest, DefaultBufferIsEmpty) {
  Buffer b;
  EXPECT_EQ(b.data(), nullptr);
  EXPECT_EQ(b.numElements(), 0);
  EXPECT_EQ(b.shapeString(), "0xf32");
  absl::StatusOr<Buffer> copy = b.clone();
  ASSERT_TRUE(copy.ok());
  EXPECT_EQ(copy->numElements(), 0);
}

TEST(TensorSpecTest, StrAndMatches) {
  TensorSpec spec{DType::F32, {2, 3}};
  EXPECT_EQ(spec.str(), "2x3xf32");
  EXPECT_EQ((TensorSpec{DType::I1, {}}).str(), "i1");
  EXPECT_EQ((TensorSpec{DType::U8, {0, 4}}).str(), "0x4xui8");
  absl::StatusOr<Buffer> b = Buffer::allocate(spec);
  ASSERT_TRUE(b.ok());
  EXPECT_TRUE(spec.matches(*b));
  EXPECT_EQ(b->spec(), spec);
  EXPECT_FALSE((TensorSpec{DType::F32, {3, 2}}).matches(*b));
  EXPECT_FALSE((TensorSpec{DType::I32, {2, 3}}).matches(*b));
  EXPECT_FALSE((TensorSpec{DType::F32, {6}}).matches(*b));
}

// Large storage is cached when a buffer dies and handed to the next buffer
// of the same byte size; allocate() still returns zeros then.
TEST(BufferTest, CachedStorageIsReusedAndZeroedForAllocate) {
  const std::vector<int64_t> shape{512, 1024}; // 2 MiB of f32
  void *first = nullptr;
  {
    absl::StatusOr<Buffer> a = Buffer::allocate(DType::F32, shape);
    ASSERT_TRUE(a.ok());
    first = a->data();
    std::fill_n(a->dataAs<float>(), a->numElements(), 7.0f);
  }
  absl::StatusOr<Buffer> b = Buffer::allocate(DType::F32, shape);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->data(), first) << "the freed storage was not reused";
  const float *p = b->dataAs<float>();
  EXPECT_TRUE(std::all_of(p, p + b->numElements(),
                          [](float v) { return v == 0.0f; }));
  Buffer::releaseCachedStorage();
}

TEST(BufferTest, AllocateUninitializedHasTheSpecAndAlignment) {
  absl::StatusOr<Buffer> b =
      Buffer::allocateUninitialized(TensorSpec{DType::F64, {3, 300000}});
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->numElements(), 900000);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(b->data()) % kBufferAlignment, 0u);
  absl::StatusOr<Buffer> bad =
      Buffer::allocateUninitialized(TensorSpec{DType::F32, {-1}});
  EXPECT_FALSE(bad.ok());
}

} // namespace
} // namespace genc::runtime

// More than the machine's memory is a clear error, not a lazy calloc and an
// OOM kill later (fuzz/fuzz_tensor_literal found 13 GB literals).
TEST(BufferTest, MoreThanPhysicalMemoryIsAnError) {
  long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGESIZE);
  if (pages <= 0 || size <= 0 || (double)pages * size >= 0x1p39)
    GTEST_SKIP() << "machine memory unknown or >= 512 GB";
  absl::StatusOr<genc::runtime::Buffer> b =
      genc::runtime::Buffer::allocate(genc::runtime::DType::F32, {1 << 17, 1 << 20});
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_NE(b.status().message().find(
                "tensor 131072x1048576xf32 needs 549.8 GB, more than this machine's"),
            std::string::npos)
      << b.status();
}

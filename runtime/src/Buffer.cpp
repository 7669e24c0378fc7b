// Buffer allocation, cloning and TensorSpec printing.
#include "genc/runtime/Buffer.h"
#include <mutex>
#include <map>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unistd.h>
#include <utility>

#include "absl/strings/str_cat.h"

namespace genc::runtime {

namespace {

std::string formatSpec(DType dtype, const std::vector<int64_t> &shape) {
  std::string out;
  for (int64_t dim : shape)
    absl::StrAppend(&out, dim, "x");
  absl::StrAppend(&out, std::string(dtypeName(dtype)));
  return out;
}

} // namespace

std::string TensorSpec::str() const { return formatSpec(dtype, shape); }

bool TensorSpec::matches(const Buffer &buffer) const {
  return buffer.dtype() == dtype && buffer.shape() == shape;
}

absl::StatusOr<int64_t> checkedNumElements(DType dtype,
                                           const std::vector<int64_t> &shape) {
  bool empty = false;
  for (int64_t dim : shape) {
    if (dim < 0)
      return absl::InvalidArgumentError(
          absl::StrCat("invalid shape ", formatSpec(dtype, shape),
                       ": negative dimension ", dim));
    empty |= dim == 0;
  }
  if (empty)
    return 0;
  // Every dimension is >= 1 here, so the running product never shrinks and
  // checking it against the limit before each step rules out overflow.
  const uint64_t maxElements = kMaxBufferBytes / dtypeSize(dtype);
  uint64_t count = 1;
  for (int64_t dim : shape) {
    if (static_cast<uint64_t>(dim) > maxElements / count)
      return absl::InvalidArgumentError(absl::StrCat(
          "tensor ", formatSpec(dtype, shape),
          " is too large: more than 2^40 bytes (the buffer size limit)"));
    count *= static_cast<uint64_t>(dim);
  }
  return static_cast<int64_t>(count);
}

namespace {

/// Freed storage of >= 1 MiB kept for reuse, by exact byte size.
class StorageCache {
public:
  static StorageCache &get() {
    static StorageCache *cache = new StorageCache(); // outlives all Buffers
    return *cache;
  }
  void *take(size_t bytes) {
    if (bytes < kMin || limit_ == 0)
      return nullptr;
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = free_.find(bytes);
    if (it == free_.end())
      return nullptr;
    void *p = it->second;
    free_.erase(it);
    cached_ -= bytes;
    return p;
  }
  bool give(void *p, size_t bytes) {
    if (bytes < kMin || limit_ == 0)
      return false;
    std::lock_guard<std::mutex> lock(mutex_);
    if (cached_ + bytes > limit_)
      return false;
    free_.emplace(bytes, p);
    cached_ += bytes;
    return true;
  }
  void release() {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto &[bytes, p] : free_)
      std::free(p);
    free_.clear();
    cached_ = 0;
  }

private:
  static constexpr size_t kMin = size_t{1} << 20;
  StorageCache() {
    limit_ = size_t{1024} << 20;
    if (const char *env = std::getenv("GENC_BUFFER_CACHE_MB"))
      limit_ = static_cast<size_t>(std::strtoull(env, nullptr, 10)) << 20;
  }
  std::mutex mutex_;
  std::multimap<size_t, void *> free_;
  size_t cached_ = 0, limit_ = 0;
};

} // namespace

void Buffer::FreeDeleter::operator()(void *p) const {
  if (!StorageCache::get().give(p, bytes))
    std::free(p);
}

void Buffer::releaseCachedStorage() { StorageCache::get().release(); }

Buffer::Buffer() : shape_{0} {}

Buffer::Buffer(Buffer &&other) noexcept
    : dtype_(other.dtype_), shape_(std::move(other.shape_)),
      numElements_(other.numElements_),
      allocation_(std::move(other.allocation_)), data_(other.data_) {
  other.dtype_ = DType::F32;
  other.shape_ = {0};
  other.numElements_ = 0;
  other.data_ = nullptr;
}

Buffer &Buffer::operator=(Buffer &&other) noexcept {
  if (this == &other)
    return *this;
  dtype_ = other.dtype_;
  shape_ = std::move(other.shape_);
  numElements_ = other.numElements_;
  allocation_ = std::move(other.allocation_);
  data_ = other.data_;
  other.dtype_ = DType::F32;
  other.shape_ = {0};
  other.numElements_ = 0;
  other.data_ = nullptr;
  return *this;
}

Buffer::~Buffer() = default;

absl::StatusOr<Buffer> Buffer::allocate(DType dtype,
                                        std::vector<int64_t> shape) {
  return allocateImpl(dtype, std::move(shape), /*zero=*/true);
}

absl::StatusOr<Buffer> Buffer::allocateUninitialized(const TensorSpec &spec) {
  return allocateImpl(spec.dtype, spec.shape, /*zero=*/false);
}

absl::StatusOr<Buffer> Buffer::allocateImpl(DType dtype,
                                            std::vector<int64_t> shape,
                                            bool zero) {
  absl::StatusOr<int64_t> count = checkedNumElements(dtype, shape);
  if (!count.ok())
    return count.status();
  size_t bytes = static_cast<size_t>(*count) * dtypeSize(dtype);
  // More than the machine's memory cannot work: say so, instead of a lazy
  // calloc that succeeds and an OOM kill when the data is touched.
  static const uint64_t physical = [] {
    long pages = ::sysconf(_SC_PHYS_PAGES), size = ::sysconf(_SC_PAGESIZE);
    return pages > 0 && size > 0 ? static_cast<uint64_t>(pages) * size : 0;
  }();
  if (physical && bytes > physical) {
    char sizes[96];
    std::snprintf(sizes, sizeof sizes,
                  " needs %.1f GB, more than this machine's %.1f GB of memory",
                  bytes / 1e9, physical / 1e9);
    return absl::ResourceExhaustedError(
        absl::StrCat("tensor ", formatSpec(dtype, shape), sizes));
  }
  // Over-allocate so the data can start on an alignment boundary. Never
  // zero bytes, so data() is always a valid non-null pointer. Fresh
  // storage comes from calloc (zero-filled lazily for large blocks);
  // reused storage is cleared when zeros are asked for.
  size_t total = bytes + kBufferAlignment;
  void *raw = StorageCache::get().take(total);
  if (raw && zero)
    std::memset(raw, 0, total);
  if (!raw)
    raw = std::calloc(1, total);
  if (!raw)
    return absl::ResourceExhaustedError(
        absl::StrCat("out of memory allocating ", bytes, " bytes for ",
                     formatSpec(dtype, shape)));
  auto address = reinterpret_cast<uintptr_t>(raw);
  uintptr_t aligned =
      (address + kBufferAlignment - 1) & ~uintptr_t{kBufferAlignment - 1};
  Buffer buffer;
  buffer.dtype_ = dtype;
  buffer.shape_ = std::move(shape);
  buffer.numElements_ = *count;
  buffer.allocation_ = std::unique_ptr<void, FreeDeleter>(raw, FreeDeleter{total});
  buffer.data_ = reinterpret_cast<void *>(aligned);
  return buffer;
}

absl::StatusOr<Buffer> Buffer::allocate(const TensorSpec &spec) {
  return allocate(spec.dtype, spec.shape);
}

absl::StatusOr<Buffer> Buffer::clone() const {
  absl::StatusOr<Buffer> copy = allocate(dtype_, shape_);
  if (!copy.ok())
    return copy.status();
  if (data_ && byteSize() > 0)
    std::memcpy(copy->data(), data_, byteSize());
  return copy;
}

std::string Buffer::shapeString() const { return formatSpec(dtype_, shape_); }

} // namespace genc::runtime

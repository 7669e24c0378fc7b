// A caching allocator for device memory, as PyTorch's and XLA's: freed
// blocks go back to a pool instead of to the driver, and an allocation of
// a similar size takes a cached block first. Allocation through the
// driver (cuMemAlloc, cuMemAllocManaged) synchronizes the device and costs
// tens to hundreds of microseconds; a training step allocates and frees
// the same sizes every step, so after the first step every allocation is a
// pool hit.
//
// Stream order: blocks are freed in the order of one stream's work (the
// device's stream; genc launches everything on it), so a freed block may
// be reused by later work on that stream at once, without waiting.
//
// Sizes are rounded up: to 512 bytes below 1 MiB, to 2 MiB above (large
// blocks fit a range of sizes); a request takes the smallest cached block
// that fits and wastes at most 1/8 of it plus the rounding. When the
// driver is out of memory, every cached block is returned and the request
// retried once.
//
// The backend (the driver's alloc/free) is a parameter, so the policy is
// tested without a GPU. Thread safety: every member may be called from any
// thread.
#ifndef GENC_RUNTIME_CACHINGALLOCATOR_H
#define GENC_RUNTIME_CACHINGALLOCATOR_H

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <unordered_map>

#include "absl/status/statusor.h"

namespace genc::runtime::detail {

struct AllocatorStats {
  size_t bytesInUse = 0;      ///< handed out, rounded sizes
  size_t bytesCached = 0;     ///< in the pool, free
  size_t peakBytesInUse = 0;
  size_t bytesFromDriver = 0; ///< in use + cached
  uint64_t hits = 0;          ///< allocations served from the pool
  uint64_t misses = 0;        ///< allocations that went to the driver
};

class CachingAllocator {
public:
  /// `allocate(bytes)` returns memory from the driver or an error whose
  /// code is ResourceExhausted when the device is out of memory;
  /// `release(ptr)` returns it to the driver.
  using AllocateFn = std::function<absl::StatusOr<void *>(size_t bytes)>;
  using ReleaseFn = std::function<void(void *ptr)>;

  CachingAllocator(AllocateFn allocate, ReleaseFn release)
      : allocate_(std::move(allocate)), release_(std::move(release)) {}
  CachingAllocator(const CachingAllocator &) = delete;
  CachingAllocator &operator=(const CachingAllocator &) = delete;
  ~CachingAllocator() { trim(); }

  /// The size a request for `bytes` is rounded to.
  static size_t roundedSize(size_t bytes) {
    constexpr size_t kSmall = 512, kLarge = size_t(2) << 20;
    if (bytes == 0)
      bytes = 1;
    if (bytes < (size_t(1) << 20))
      return (bytes + kSmall - 1) / kSmall * kSmall;
    return (bytes + kLarge - 1) / kLarge * kLarge;
  }

  /// A block of at least `bytes`. With `noDriver` (e.g. while a CUDA graph
  /// is being captured, when the driver may not allocate) only the pool is
  /// used: FailedPrecondition when nothing cached fits.
  absl::StatusOr<void *> allocate(size_t bytes, bool noDriver = false) {
    size_t size = roundedSize(bytes);
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = free_.lower_bound(size);
    if (it != free_.end() && it->first - size <= it->first / 8) {
      void *ptr = it->second;
      size_t blockSize = it->first;
      free_.erase(it);
      stats_.bytesCached -= blockSize;
      return handOut(ptr, blockSize, /*hit=*/true);
    }
    if (noDriver)
      return absl::FailedPreconditionError(
          "no cached device block fits " + std::to_string(bytes) +
          " bytes, and the driver may not allocate now (during CUDA graph "
          "capture: run the captured work once before capturing it)");
    absl::StatusOr<void *> fresh = allocate_(size);
    if (!fresh.ok() && absl::IsResourceExhausted(fresh.status())) {
      releaseCachedLocked();
      fresh = allocate_(size);
    }
    if (!fresh.ok())
      return fresh.status();
    stats_.bytesFromDriver += size;
    return handOut(*fresh, size, /*hit=*/false);
  }

  /// Returns a block from allocate() to the pool. Unknown pointers are an
  /// InvalidArgument error (a double free, or memory from elsewhere).
  absl::Status free(void *ptr) {
    if (!ptr)
      return absl::OkStatus();
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = inUse_.find(ptr);
    if (it == inUse_.end())
      return absl::InvalidArgumentError(
          "freeing device memory the caching allocator did not hand out "
          "(or freed before)");
    size_t size = it->second;
    inUse_.erase(it);
    stats_.bytesInUse -= size;
    stats_.bytesCached += size;
    free_.emplace(size, ptr);
    return absl::OkStatus();
  }

  /// Gives every cached block back to the driver.
  void trim() {
    std::lock_guard<std::mutex> lock(mutex_);
    releaseCachedLocked();
  }

  /// The rounded size of a block handed out (0 if `ptr` is not one).
  size_t blockSize(void *ptr) const {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = inUse_.find(ptr);
    return it == inUse_.end() ? 0 : it->second;
  }

  AllocatorStats stats() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return stats_;
  }

private:
  void *handOut(void *ptr, size_t size, bool hit) {
    inUse_.emplace(ptr, size);
    stats_.bytesInUse += size;
    if (stats_.bytesInUse > stats_.peakBytesInUse)
      stats_.peakBytesInUse = stats_.bytesInUse;
    ++(hit ? stats_.hits : stats_.misses);
    return ptr;
  }

  void releaseCachedLocked() {
    for (auto &[size, ptr] : free_) {
      release_(ptr);
      stats_.bytesFromDriver -= size;
    }
    free_.clear();
    stats_.bytesCached = 0;
  }

  AllocateFn allocate_;
  ReleaseFn release_;
  mutable std::mutex mutex_;
  std::multimap<size_t, void *> free_;
  std::unordered_map<void *, size_t> inUse_;
  AllocatorStats stats_;
};

} // namespace genc::runtime::detail

#endif // GENC_RUNTIME_CACHINGALLOCATOR_H

// Buffer: an owning, 64-byte aligned, dense row-major tensor; TensorSpec.
//
// Thread safety: a Buffer is a plain value. Concurrent const access is safe;
// mutating one Buffer (or writing its data) while another thread uses it is
// not. TensorSpec is likewise a plain value.
#ifndef GENC_RUNTIME_BUFFER_H
#define GENC_RUNTIME_BUFFER_H

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "genc/runtime/DType.h"

namespace genc::runtime {

class Buffer;

/// Alignment in bytes of every Buffer's storage (what compiled code assumes).
inline constexpr size_t kBufferAlignment = 64;

/// Largest storage a Buffer may have: 2^40 bytes (1 TiB).
inline constexpr uint64_t kMaxBufferBytes = uint64_t{1} << 40;

/// Element type and static shape of a tensor, e.g. 2x3xf32.
struct TensorSpec {
  DType dtype = DType::F32;
  std::vector<int64_t> shape;

  /// "2x3xf32"; a scalar is just "f32"; "0x4xf32" for empty tensors.
  std::string str() const;
  /// True when the buffer has exactly this dtype and shape.
  bool matches(const Buffer &buffer) const;

  friend bool operator==(const TensorSpec &, const TensorSpec &) = default;
};

/// Owning, move-only tensor storage. The data is dense, row-major, zero
/// initialised (except allocateUninitialized) and aligned to
/// kBufferAlignment bytes. A default-constructed
/// or moved-from Buffer is empty: dtype f32, shape {0}, no storage.
class Buffer {
public:
  Buffer();
  Buffer(Buffer &&other) noexcept;
  Buffer &operator=(Buffer &&other) noexcept;
  Buffer(const Buffer &) = delete;
  Buffer &operator=(const Buffer &) = delete;
  ~Buffer();

  /// Allocates a zero-filled buffer. Fails for negative dimensions and for
  /// sizes above kMaxBufferBytes (or when memory runs out).
  static absl::StatusOr<Buffer> allocate(DType dtype,
                                         std::vector<int64_t> shape);
  static absl::StatusOr<Buffer> allocate(const TensorSpec &spec);
  /// Like allocate, but the contents are unspecified: for outputs that the
  /// callee overwrites entirely (Function::call's results).
  static absl::StatusOr<Buffer> allocateUninitialized(const TensorSpec &spec);

  /// Storage of 1 MiB and more is kept for reuse when a buffer is freed
  /// (same byte size; a training step allocates the same shapes every
  /// step), up to GENC_BUFFER_CACHE_MB in total (default 1024; 0 disables).
  /// This drops every cached block.
  static void releaseCachedStorage();

  /// Deep copy (a new allocation holding the same bytes).
  absl::StatusOr<Buffer> clone() const;

  DType dtype() const { return dtype_; }
  const std::vector<int64_t> &shape() const { return shape_; }
  size_t rank() const { return shape_.size(); }
  int64_t numElements() const { return numElements_; }
  size_t byteSize() const {
    return static_cast<size_t>(numElements_) * dtypeSize(dtype_);
  }
  TensorSpec spec() const { return TensorSpec{dtype_, shape_}; }

  /// Start of the storage; never null for an allocated buffer (even with
  /// zero elements), null for an empty (default/moved-from) one.
  void *data() { return data_; }
  const void *data() const { return data_; }
  /// The storage viewed as T; the caller picks T to match dtype() (uint8_t
  /// for i1/i8/ui8 as needed, uint16_t for f16/bf16).
  template <class T> T *dataAs() { return static_cast<T *>(data_); }
  template <class T> const T *dataAs() const {
    return static_cast<const T *>(data_);
  }

  /// "2x3xf32"; a scalar is "f32".
  std::string shapeString() const;

private:
  struct FreeDeleter {
    FreeDeleter() : bytes(0) {}
    explicit FreeDeleter(size_t b) : bytes(b) {}
    size_t bytes; // what was allocated (for the storage cache)
    void operator()(void *p) const;
  };
  static absl::StatusOr<Buffer> allocateImpl(DType dtype,
                                             std::vector<int64_t> shape,
                                             bool zero);

  DType dtype_ = DType::F32;
  std::vector<int64_t> shape_;
  int64_t numElements_ = 0;
  std::unique_ptr<void, FreeDeleter> allocation_; // What calloc returned.
  void *data_ = nullptr;                          // allocation_, aligned.
};

/// Validates a shape and returns its element count. Fails for negative
/// dimensions and when the data would exceed kMaxBufferBytes.
absl::StatusOr<int64_t> checkedNumElements(DType dtype,
                                           const std::vector<int64_t> &shape);

} // namespace genc::runtime

#endif // GENC_RUNTIME_BUFFER_H

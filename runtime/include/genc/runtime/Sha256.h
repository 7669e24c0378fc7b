// SHA-256 (FIPS 180-4): artifact seals and the frontend's checkpoint
// checksums; the runtime has no crypto or LLVM dependency.
// Thread safety: one object per thread.
#ifndef GENC_RUNTIME_SHA256_H
#define GENC_RUNTIME_SHA256_H

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

namespace genc::runtime {

class Sha256 {
public:
  Sha256();
  void update(const void *data, size_t size);
  std::array<uint8_t, 32> finish();
  /// finish() as 64 lower-case hex digits.
  std::string hex();

private:
  void block(const uint8_t *p);
  uint32_t h_[8];
  uint8_t buffer_[64];
  size_t buffered_ = 0;
  uint64_t bytes_ = 0;
};

} // namespace genc::runtime

#endif // GENC_RUNTIME_SHA256_H

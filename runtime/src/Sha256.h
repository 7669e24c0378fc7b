// Internal (not installed): SHA-256 (FIPS 180-4) for artifact seals; the
// runtime has no crypto or LLVM dependency.
#ifndef GENC_RUNTIME_SRC_SHA256_H
#define GENC_RUNTIME_SRC_SHA256_H

#include <array>
#include <cstddef>
#include <cstdint>

namespace genc::runtime::detail {

class Sha256 {
public:
  Sha256();
  void update(const void *data, size_t size);
  std::array<uint8_t, 32> finish();

private:
  void block(const uint8_t *p);
  uint32_t h_[8];
  uint8_t buffer_[64];
  size_t buffered_ = 0;
  uint64_t bytes_ = 0;
};

} // namespace genc::runtime::detail

#endif // GENC_RUNTIME_SRC_SHA256_H

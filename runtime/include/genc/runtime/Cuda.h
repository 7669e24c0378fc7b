// The CUDA driver, loaded at run time. The runtime never links libcuda:
// it dlopens libcuda.so.1 (the NVIDIA driver) when a CUDA device is first
// asked for, so every binary runs on machines without a GPU and gets a
// clear error only when it asks for one.
//
// Thread safety: every function may be called from any thread.
#ifndef GENC_RUNTIME_CUDA_H
#define GENC_RUNTIME_CUDA_H

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace genc::runtime {

/// What the driver reports about one device.
struct CudaDeviceInfo {
  int index = 0;
  std::string name;         ///< e.g. "NVIDIA H200"
  int computeMajor = 0;     ///< 9 for Hopper
  int computeMinor = 0;
  size_t totalMemoryBytes = 0;
};

/// Loads and initializes the driver once; the CUDA devices of this
/// machine. Errors: `CUDA is not available: libcuda.so.1 (the NVIDIA
/// driver) was not found ...`, `cuInit failed: ...`, `no CUDA devices`.
absl::StatusOr<std::vector<CudaDeviceInfo>> cudaDevices();

} // namespace genc::runtime

#endif // GENC_RUNTIME_CUDA_H

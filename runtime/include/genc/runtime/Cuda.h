// The CUDA driver, loaded at run time. The runtime never links libcuda:
// it dlopens libcuda.so.1 (the NVIDIA driver) when a CUDA device is first
// asked for, so every binary runs on machines without a GPU and gets a
// clear error only when it asks for one.
//
// Compiled CUDA artifacts (genc compile --target=cuda, metadata `target
// cuda`) call the runtime's mgpu* functions (the ABI of MLIR's gpu-to-llvm
// lowering, implemented in CudaAbi.cpp over CudaDevice); Function::call
// stages host buffers through device 0 for them.
//
// Thread safety: every function may be called from any thread.
#ifndef GENC_RUNTIME_CUDA_H
#define GENC_RUNTIME_CUDA_H

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "genc/runtime/Buffer.h"

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
/// GENC_CUDA_DRIVER=PATH loads another driver library instead (tests).
absl::StatusOr<std::vector<CudaDeviceInfo>> cudaDevices();

/// The CUDA device `target cuda` functions run on (Function::call); 0 by
/// default. Not checked here (CudaDevice::get reports a missing device).
void setDefaultCudaDevice(int ordinal);
int defaultCudaDevice();

/// Memory of one device's caching allocator (see CudaDevice::allocate).
struct CudaMemoryStats {
  size_t bytesInUse = 0;     ///< handed out (rounded sizes)
  size_t bytesCached = 0;    ///< freed into the pool, kept for reuse
  size_t peakBytesInUse = 0;
  uint64_t poolHits = 0;     ///< allocations served from the pool
  uint64_t driverAllocations = 0;
};

class CudaGraph;

/// One CUDA device as genc uses it: the device's primary context, one
/// non-blocking stream that all of genc's work on the device is ordered on
/// (kernel launches, copies, stream-ordered frees), and a caching
/// allocator. Created on first use and kept for the life of the process.
class CudaDevice {
public:
  /// Device `ordinal` (0-based). Errors: those of cudaDevices(), and `no
  /// CUDA device 3: this machine has 1 (NVIDIA H200)`.
  static absl::StatusOr<CudaDevice *> get(int ordinal = 0);

  const CudaDeviceInfo &info() const { return info_; }

  /// `bytes` of device memory (cuMemAlloc) from the caching allocator:
  /// what compiled programs use (their host code reaches it only through
  /// copies, genc-cuda-host-memory). `hostVisible` asks for managed memory
  /// instead (cuMemAllocManaged; `gpu.alloc host_shared`), which the host
  /// may dereference after synchronize(); a request beyond the device's
  /// free memory is refused (oversubscribed managed memory can hang a GPU).
  absl::StatusOr<void *> allocate(size_t bytes, bool hostVisible = false);
  /// Returns a block to its pool, ordered after the stream's queued work.
  absl::Status free(void *ptr);
  /// Gives the pools' cached blocks back to the driver.
  void releaseCachedMemory();
  CudaMemoryStats memoryStats() const;

  /// Copies `bytes` between any two of host, device and managed memory,
  /// ordered on the stream (asynchronous with respect to the host).
  absl::Status copy(void *dst, const void *src, size_t bytes);
  /// Waits for everything queued on the stream; returns the first error of
  /// work queued since the last synchronize.
  absl::Status synchronize();

  /// Milliseconds that the work `enqueue` queues on the stream takes on
  /// the device, between two events recorded around it.
  absl::StatusOr<float> timeMs(const std::function<absl::Status()> &enqueue);

  /// Records the work `enqueue` queues on the stream as a CUDA graph
  /// (stream capture) without running it; CudaGraph::launch replays it
  /// with one driver call. For fixed-shape steps whose buffers stay the
  /// same: run the work once first, so that its allocations are cached
  /// (the driver may not allocate while capturing). Host code that reads
  /// device results (a data-dependent loop) cannot be captured.
  absl::StatusOr<std::unique_ptr<CudaGraph>>
  capture(const std::function<absl::Status()> &enqueue);
  /// True while capture() runs on this device.
  bool capturing() const;

  /// The driver handles, for the compiled code's runtime calls.
  void *stream() const { return stream_; }
  void *context() const { return context_; }

  CudaDevice(const CudaDevice &) = delete;
  CudaDevice &operator=(const CudaDevice &) = delete;
  ~CudaDevice();

private:
  CudaDevice() = default;
  struct Pools;
  friend class CudaGraph;
  CudaDeviceInfo info_;
  int device_ = 0;
  void *context_ = nullptr;
  void *stream_ = nullptr;
  std::unique_ptr<Pools> pools_;
};

/// Milliseconds per call of a `target cuda` function on the default CUDA
/// device, its inputs staged once: `warmup` untimed calls, then `reps`
/// timed between two events on the stream (no host copies in the timing).
/// With `graph`, the call is captured once as a CUDA graph and the graph
/// replayed instead. For benchmarks (genc-run-artifact --time).
absl::StatusOr<double> timeCudaFunction(const class Function &function,
                                        absl::Span<const Buffer *const> inputs,
                                        int warmup, int reps, bool graph);

/// An instantiated CUDA graph of one device (CudaDevice::capture).
class CudaGraph {
public:
  /// Queues the recorded work on the device's stream.
  absl::Status launch();
  ~CudaGraph();

private:
  friend class CudaDevice;
  CudaGraph(CudaDevice *device, void *graph, void *exec)
      : device_(device), graph_(graph), exec_(exec) {}
  CudaDevice *device_;
  void *graph_;
  void *exec_;
};

} // namespace genc::runtime

#endif // GENC_RUNTIME_CUDA_H

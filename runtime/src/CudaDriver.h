// The CUDA driver API entry points genc uses, resolved by name from
// libcuda.so.1 with dlopen (no CUDA headers or libraries at build time).
// Internal to the runtime.
#ifndef GENC_RUNTIME_CUDADRIVER_H
#define GENC_RUNTIME_CUDADRIVER_H

#include <cstddef>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "genc/runtime/Artifact.h"
#include "genc/runtime/Buffer.h"

namespace genc::runtime::detail {

using CUresult = int;
using CUdevice = int;
using CUdeviceptr = unsigned long long;
using CUhandle = void *; // CUcontext, CUstream, CUmodule, CUfunction, ...

inline constexpr CUresult kCudaSuccess = 0;
inline constexpr CUresult kCudaErrorOutOfMemory = 2;
inline constexpr CUresult kCudaErrorNotReady = 600;
inline constexpr int kAttrComputeMajor = 75;
inline constexpr int kAttrComputeMinor = 76;
inline constexpr unsigned kStreamNonBlocking = 1;
inline constexpr unsigned kMemAttachGlobal = 1;
inline constexpr int kStreamCaptureModeThreadLocal = 1;

struct CudaDriver {
  CUresult (*cuInit)(unsigned);
  CUresult (*cuDeviceGetCount)(int *);
  CUresult (*cuDeviceGet)(CUdevice *, int);
  CUresult (*cuDeviceGetName)(char *, int, CUdevice);
  CUresult (*cuDeviceGetAttribute)(int *, int, CUdevice);
  CUresult (*cuDeviceTotalMem)(size_t *, CUdevice);
  CUresult (*cuGetErrorString)(CUresult, const char **);
  CUresult (*cuDevicePrimaryCtxRetain)(CUhandle *, CUdevice);
  CUresult (*cuDevicePrimaryCtxRelease)(CUdevice);
  CUresult (*cuCtxSetCurrent)(CUhandle);
  CUresult (*cuStreamCreate)(CUhandle *, unsigned);
  CUresult (*cuStreamDestroy)(CUhandle);
  CUresult (*cuStreamSynchronize)(CUhandle);
  CUresult (*cuStreamWaitEvent)(CUhandle, CUhandle, unsigned);
  CUresult (*cuMemAlloc)(CUdeviceptr *, size_t);
  CUresult (*cuMemAllocManaged)(CUdeviceptr *, size_t, unsigned);
  CUresult (*cuMemFree)(CUdeviceptr);
  CUresult (*cuMemGetInfo)(size_t *, size_t *);
  CUresult (*cuMemcpyAsync)(CUdeviceptr, CUdeviceptr, size_t, CUhandle);
  CUresult (*cuMemsetD32Async)(CUdeviceptr, unsigned, size_t, CUhandle);
  CUresult (*cuMemsetD16Async)(CUdeviceptr, unsigned short, size_t, CUhandle);
  CUresult (*cuModuleLoadData)(CUhandle *, const void *);
  CUresult (*cuModuleUnload)(CUhandle);
  CUresult (*cuModuleGetFunction)(CUhandle *, CUhandle, const char *);
  CUresult (*cuLaunchKernel)(CUhandle, unsigned, unsigned, unsigned, unsigned,
                             unsigned, unsigned, unsigned, CUhandle, void **,
                             void **);
  CUresult (*cuEventCreate)(CUhandle *, unsigned);
  CUresult (*cuEventDestroy)(CUhandle);
  CUresult (*cuEventRecord)(CUhandle, CUhandle);
  CUresult (*cuEventSynchronize)(CUhandle);
  CUresult (*cuEventElapsedTime)(float *, CUhandle, CUhandle);
  CUresult (*cuStreamBeginCapture)(CUhandle, int);
  CUresult (*cuStreamEndCapture)(CUhandle, CUhandle *);
  CUresult (*cuGraphInstantiateWithFlags)(CUhandle *, CUhandle,
                                          unsigned long long);
  CUresult (*cuGraphLaunch)(CUhandle, CUhandle);
  CUresult (*cuGraphDestroy)(CUhandle);
  CUresult (*cuGraphExecDestroy)(CUhandle);

  /// "out of memory (CUDA error 2)".
  std::string describe(CUresult rc) const;
  /// OK, or `what failed: <describe(rc)>` (ResourceExhausted for out of
  /// memory, Internal otherwise).
  absl::Status check(CUresult rc, const char *what) const;
};

/// Loads libcuda.so.1 (or $GENC_CUDA_DRIVER) and calls cuInit once.
absl::StatusOr<const CudaDriver *> cudaDriver();

/// Records the first error of a compiled program's CUDA runtime call in the
/// calling thread's device context: the call then fails with it.
void recordCudaError(absl::Status status);

/// Function::call for a `target cuda` function: copies the host inputs to
/// defaultCudaDevice(), runs `invoke` there, copies the outputs back.
absl::Status invokeOnCuda(const FunctionSignature &signature,
                          void (*invoke)(void **),
                          absl::Span<const Buffer *const> inputs,
                          absl::Span<Buffer *const> outputs);

} // namespace genc::runtime::detail

#endif // GENC_RUNTIME_CUDADRIVER_H

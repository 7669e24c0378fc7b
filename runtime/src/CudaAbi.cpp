// The runtime calls of compiled CUDA programs: MLIR's gpu-to-llvm lowering
// (LLVM 19) turns gpu.launch_func, gpu.alloc, gpu.dealloc, gpu.memcpy and
// gpu.wait into calls of these mgpu* functions (the ABI of MLIR's
// CudaRuntimeWrappers.cpp). genc implements them over CudaDevice instead
// of linking MLIR's wrappers (which link libcuda): the driver stays
// dlopen'd, allocations come from the caching pool, every launch goes on
// the device's one stream, and errors fail the call (recordCudaError)
// instead of printing and going on.
//
// The lowering loads the kernel module, looks up the kernel, creates and
// destroys a stream around every launch; here modules and functions are
// cached (keyed by the embedded blob's address and size, checked against
// its first and last bytes), and "creating" a stream returns the device's.

#include <cstdint>
#include <cstring>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

#include "CudaDriver.h"
#include "genc/runtime/Cuda.h"
#include "absl/strings/str_cat.h"

using namespace genc::runtime;
using namespace genc::runtime::detail;

namespace {

thread_local int defaultOrdinal = 0;

/// The calling thread's default device, or null after recording why not.
CudaDevice *device() {
  thread_local CudaDevice *cached = nullptr;
  thread_local int cachedOrdinal = -1;
  if (cached && cachedOrdinal == defaultOrdinal)
    return cached;
  absl::StatusOr<CudaDevice *> d = CudaDevice::get(defaultOrdinal);
  if (!d.ok()) {
    recordCudaError(d.status());
    return nullptr;
  }
  cached = *d;
  cachedOrdinal = defaultOrdinal;
  return cached;
}

const CudaDriver *driverFor(CudaDevice *d) {
  if (!d)
    return nullptr;
  const CudaDriver *driver = *cudaDriver();
  driver->cuCtxSetCurrent(d->context());
  return driver;
}

void check(const CudaDriver &driver, CUresult rc, const char *what) {
  if (rc != kCudaSuccess)
    recordCudaError(driver.check(rc, what));
}

/// genc's kernel container (compiler/Codegen/CUDA/EmbedKernels.cpp): the
/// magic, then the cubin and the PTX, each as a little-endian u64 size and
/// the bytes (PTX NUL-terminated). The cubin runs when it matches the GPU;
/// otherwise the driver compiles the PTX.
constexpr char kContainerMagic[16] = "GENC-CUDA-FAT1";

struct ModuleKey {
  const void *data;
  size_t size;
  bool operator<(const ModuleKey &o) const {
    return std::tie(data, size) < std::tie(o.data, o.size);
  }
};

struct CachedModule {
  std::string head, tail; // first and last bytes, to detect a reused address
  CUhandle module = nullptr;
  std::map<std::string, CUhandle> functions;
};

std::mutex cacheMutex;
std::map<ModuleKey, CachedModule> &moduleCache() {
  static auto *cache = new std::map<ModuleKey, CachedModule>();
  return *cache;
}

std::string edge(const void *data, size_t size, bool head) {
  size_t n = std::min<size_t>(size, 1024);
  const char *p = static_cast<const char *>(data);
  return std::string(head ? p : p + size - n, n);
}

CUhandle loadModule(const void *data, size_t size) {
  CudaDevice *d = device();
  const CudaDriver *driver = driverFor(d);
  if (!driver)
    return nullptr;
  std::lock_guard<std::mutex> lock(cacheMutex);
  ModuleKey key{data, size};
  auto it = moduleCache().find(key);
  if (it != moduleCache().end()) {
    if (size == 0 || (it->second.head == edge(data, size, true) &&
                      it->second.tail == edge(data, size, false)))
      return it->second.module;
    driver->cuModuleUnload(it->second.module);
    moduleCache().erase(it);
  }
  CUhandle module = nullptr;
  CUresult rc;
  const char *bytes = static_cast<const char *>(data);
  if (size > sizeof(kContainerMagic) &&
      std::memcmp(bytes, kContainerMagic, sizeof(kContainerMagic)) == 0) {
    uint64_t cubinSize = 0, ptxSize = 0;
    size_t at = sizeof(kContainerMagic);
    std::memcpy(&cubinSize, bytes + at, 8);
    const char *cubin = bytes + at + 8;
    at += 8 + cubinSize;
    std::memcpy(&ptxSize, bytes + at, 8);
    const char *ptx = bytes + at + 8;
    rc = cubinSize ? driver->cuModuleLoadData(&module, cubin) : -1;
    if (rc != kCudaSuccess && ptxSize)
      rc = driver->cuModuleLoadData(&module, ptx);
  } else {
    rc = driver->cuModuleLoadData(&module, data);
  }
  if (rc != kCudaSuccess) {
    recordCudaError(driver->check(rc, "loading the program's CUDA kernels "
                                      "(cuModuleLoadData)"));
    return nullptr;
  }
  CachedModule entry;
  entry.head = edge(data, size, true);
  entry.tail = edge(data, size, false);
  entry.module = module;
  moduleCache()[key] = std::move(entry);
  return module;
}

/// cuMemsetD32Async / cuMemsetD16Async on the device's stream.
template <class T> void memset(void *dst, T value, size_t count) {
  CudaDevice *d = device();
  const CudaDriver *driver = driverFor(d);
  if (!driver)
    return;
  auto ptr = reinterpret_cast<CUdeviceptr>(dst);
  if constexpr (sizeof(T) == 4)
    check(*driver, driver->cuMemsetD32Async(ptr, value, count, d->stream()),
          "cuMemsetD32Async");
  else
    check(*driver, driver->cuMemsetD16Async(ptr, value, count, d->stream()),
          "cuMemsetD16Async");
}

} // namespace

extern "C" {

void *mgpuModuleLoad(void *data, size_t size) { return loadModule(data, size); }

void *mgpuModuleLoadJIT(void *data, int /*optLevel*/) {
  // PTX text, NUL-terminated.
  return loadModule(data, std::strlen(static_cast<const char *>(data)) + 1);
}

void mgpuModuleUnload(void * /*module*/) {
  // Cached for the life of the process (the lowering unloads after every
  // launch).
}

void *mgpuModuleGetFunction(void *module, const char *name) {
  if (!module)
    return nullptr;
  CudaDevice *d = device();
  const CudaDriver *driver = driverFor(d);
  if (!driver)
    return nullptr;
  std::lock_guard<std::mutex> lock(cacheMutex);
  for (auto &[key, entry] : moduleCache()) {
    if (entry.module != module)
      continue;
    auto it = entry.functions.find(name);
    if (it != entry.functions.end())
      return it->second;
    CUhandle fn = nullptr;
    CUresult rc = driver->cuModuleGetFunction(&fn, module, name);
    if (rc != kCudaSuccess) {
      recordCudaError(driver->check(
          rc, absl::StrCat("looking up kernel ", name).c_str()));
      return nullptr;
    }
    entry.functions.emplace(name, fn);
    return fn;
  }
  CUhandle fn = nullptr;
  check(*driver, driver->cuModuleGetFunction(&fn, module, name),
        "cuModuleGetFunction");
  return fn;
}

void mgpuLaunchKernel(void *function, intptr_t gridX, intptr_t gridY,
                      intptr_t gridZ, intptr_t blockX, intptr_t blockY,
                      intptr_t blockZ, int32_t smem, void * /*stream*/,
                      void **params, void **extra, size_t /*paramsCount*/) {
  if (!function)
    return; // the module or function failed to load: already recorded
  CudaDevice *d = device();
  const CudaDriver *driver = driverFor(d);
  if (!driver)
    return;
  check(*driver,
        driver->cuLaunchKernel(function, gridX, gridY, gridZ, blockX, blockY,
                               blockZ, smem, d->stream(), params, extra),
        "cuLaunchKernel");
}

void *mgpuStreamCreate() {
  CudaDevice *d = device();
  return d ? d->stream() : nullptr;
}

void mgpuStreamDestroy(void * /*stream*/) {}

void mgpuStreamSynchronize(void * /*stream*/) {
  CudaDevice *d = device();
  // While a graph is captured, work is recorded, not run: nothing to wait
  // for (and waiting would end the capture).
  if (!d || d->capturing())
    return;
  if (absl::Status s = d->synchronize(); !s.ok())
    recordCudaError(s);
}

void mgpuStreamWaitEvent(void * /*stream*/, void * /*event*/) {
  // One stream per device: its work is already ordered.
}

void *mgpuEventCreate() {
  CudaDevice *d = device();
  const CudaDriver *driver = driverFor(d);
  if (!driver)
    return nullptr;
  CUhandle event = nullptr;
  check(*driver, driver->cuEventCreate(&event, /*CU_EVENT_DISABLE_TIMING=*/2),
        "cuEventCreate");
  return event;
}

void mgpuEventDestroy(void *event) {
  if (const CudaDriver *driver = driverFor(device()); driver && event)
    driver->cuEventDestroy(event);
}

void mgpuEventSynchronize(void *event) {
  CudaDevice *d = device();
  if (const CudaDriver *driver = driverFor(d); driver && event &&
                                               !d->capturing())
    check(*driver, driver->cuEventSynchronize(event), "cuEventSynchronize");
}

void mgpuEventRecord(void *event, void * /*stream*/) {
  CudaDevice *d = device();
  if (const CudaDriver *driver = driverFor(d); driver && event)
    check(*driver, driver->cuEventRecord(event, d->stream()), "cuEventRecord");
}

void *mgpuMemAlloc(uint64_t sizeBytes, void * /*stream*/, bool isHostShared) {
  CudaDevice *d = device();
  if (!d)
    return nullptr;
  absl::StatusOr<void *> p = d->allocate(sizeBytes, isHostShared);
  if (!p.ok()) {
    recordCudaError(p.status());
    return nullptr;
  }
  return *p;
}

void mgpuMemFree(void *ptr, void * /*stream*/) {
  if (CudaDevice *d = device(); d && ptr)
    if (absl::Status s = d->free(ptr); !s.ok())
      recordCudaError(s);
}

void mgpuMemcpy(void *dst, void *src, size_t sizeBytes, void * /*stream*/) {
  if (CudaDevice *d = device(); d && sizeBytes)
    if (absl::Status s = d->copy(dst, src, sizeBytes); !s.ok())
      recordCudaError(s);
}

void mgpuMemset32(void *dst, unsigned int value, size_t count,
                  void * /*stream*/) {
  memset<unsigned int>(dst, value, count);
}

void mgpuMemset16(void *dst, unsigned short value, size_t count,
                  void * /*stream*/) {
  memset<unsigned short>(dst, value, count);
}

void mgpuSetDefaultDevice(int32_t ordinal) { defaultOrdinal = ordinal; }

/// The host code's one access to device memory (genc-cuda-host-memory):
/// copies `bytes` from address `src` to `dst` (host or device, either way)
/// on the device's stream and waits, so that a value read is final and a
/// value written is seen by the kernels queued after.
void genc_rt_cuda_copy(int64_t dst, int64_t src, int64_t bytes) {
  CudaDevice *d = device();
  if (!d || bytes <= 0)
    return;
  absl::Status s = d->copy(reinterpret_cast<void *>(dst),
                           reinterpret_cast<const void *>(src),
                           static_cast<size_t>(bytes));
  if (s.ok() && !d->capturing())
    s = d->synchronize();
  if (!s.ok())
    recordCudaError(s);
}

} // extern "C"

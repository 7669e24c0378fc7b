// The CUDA driver through dlopen, CudaDevice (context, stream, caching
// allocator, events, graphs) and the staging of Function::call for
// `target cuda` functions.

#include "genc/runtime/Cuda.h"

#include <dlfcn.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "CachingAllocator.h"
#include "genc/runtime/Module.h"
#include "CudaDriver.h"
#include "Spmd.h"
#include "absl/strings/str_cat.h"

extern "C" void mgpuSetDefaultDevice(int32_t ordinal); // CudaAbi.cpp

namespace genc::runtime {
namespace detail {

std::string CudaDriver::describe(CUresult rc) const {
  const char *text = nullptr;
  if (cuGetErrorString && cuGetErrorString(rc, &text) == kCudaSuccess && text)
    return absl::StrCat(text, " (CUDA error ", rc, ")");
  return absl::StrCat("CUDA error ", rc);
}

absl::Status CudaDriver::check(CUresult rc, const char *what) const {
  if (rc == kCudaSuccess)
    return absl::OkStatus();
  std::string message = absl::StrCat(what, " failed: ", describe(rc));
  return rc == kCudaErrorOutOfMemory ? absl::ResourceExhaustedError(message)
                                     : absl::InternalError(message);
}

namespace {

template <class F> bool bind(void *lib, const char *name, F &fn) {
  fn = reinterpret_cast<F>(dlsym(lib, name));
  return fn != nullptr;
}

} // namespace

absl::StatusOr<const CudaDriver *> cudaDriver() {
  static std::once_flag once;
  static CudaDriver driver;
  static absl::Status status;
  std::call_once(once, [] {
    const char *override = std::getenv("GENC_CUDA_DRIVER");
    const char *name = override && *override ? override : "libcuda.so.1";
    void *lib = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
      status = absl::UnavailableError(absl::StrCat(
          "CUDA is not available: ", name,
          " (the NVIDIA driver) was not found (", dlerror(),
          "); this machine has no NVIDIA GPU driver. The CPU backend works "
          "everywhere; genc compile --target=cuda needs no GPU"));
      return;
    }
    std::string missing;
    auto need = [&](const char *symbol, auto &fn) {
      if (!bind(lib, symbol, fn))
        absl::StrAppend(&missing, missing.empty() ? "" : ", ", symbol);
    };
    need("cuInit", driver.cuInit);
    need("cuDeviceGetCount", driver.cuDeviceGetCount);
    need("cuDeviceGet", driver.cuDeviceGet);
    need("cuDeviceGetName", driver.cuDeviceGetName);
    need("cuDeviceGetAttribute", driver.cuDeviceGetAttribute);
    need("cuDeviceTotalMem_v2", driver.cuDeviceTotalMem);
    need("cuDevicePrimaryCtxRetain", driver.cuDevicePrimaryCtxRetain);
    need("cuDevicePrimaryCtxRelease_v2", driver.cuDevicePrimaryCtxRelease);
    need("cuCtxSetCurrent", driver.cuCtxSetCurrent);
    need("cuStreamCreate", driver.cuStreamCreate);
    need("cuStreamDestroy_v2", driver.cuStreamDestroy);
    need("cuStreamSynchronize", driver.cuStreamSynchronize);
    need("cuStreamWaitEvent", driver.cuStreamWaitEvent);
    need("cuMemAlloc_v2", driver.cuMemAlloc);
    need("cuMemAllocManaged", driver.cuMemAllocManaged);
    need("cuMemFree_v2", driver.cuMemFree);
    need("cuMemGetInfo_v2", driver.cuMemGetInfo);
    need("cuMemcpyAsync", driver.cuMemcpyAsync);
    need("cuMemsetD32Async", driver.cuMemsetD32Async);
    need("cuMemsetD16Async", driver.cuMemsetD16Async);
    need("cuModuleLoadData", driver.cuModuleLoadData);
    need("cuModuleUnload", driver.cuModuleUnload);
    need("cuModuleGetFunction", driver.cuModuleGetFunction);
    need("cuLaunchKernel", driver.cuLaunchKernel);
    need("cuEventCreate", driver.cuEventCreate);
    need("cuEventDestroy_v2", driver.cuEventDestroy);
    need("cuEventRecord", driver.cuEventRecord);
    need("cuEventSynchronize", driver.cuEventSynchronize);
    need("cuEventElapsedTime", driver.cuEventElapsedTime);
    need("cuStreamBeginCapture_v2", driver.cuStreamBeginCapture);
    need("cuStreamEndCapture", driver.cuStreamEndCapture);
    need("cuGraphInstantiateWithFlags", driver.cuGraphInstantiateWithFlags);
    need("cuGraphLaunch", driver.cuGraphLaunch);
    need("cuGraphDestroy", driver.cuGraphDestroy);
    need("cuGraphExecDestroy", driver.cuGraphExecDestroy);
    bind(lib, "cuGetErrorString", driver.cuGetErrorString);
    if (!missing.empty()) {
      status = absl::UnavailableError(absl::StrCat(
          "CUDA is not available: ", name,
          " lacks driver API entry points genc needs (", missing,
          "); the driver is older than CUDA 11.4"));
      return;
    }
    if (CUresult rc = driver.cuInit(0); rc != kCudaSuccess)
      status = absl::UnavailableError(absl::StrCat(
          "CUDA is not available: cuInit failed: ", driver.describe(rc)));
  });
  if (!status.ok())
    return status;
  return &driver;
}

void recordCudaError(absl::Status status) {
  DeviceContext &context = currentDeviceContext();
  if (context.pending.ok())
    context.pending = std::move(status);
}

} // namespace detail

using namespace detail;

absl::StatusOr<std::vector<CudaDeviceInfo>> cudaDevices() {
  absl::StatusOr<const CudaDriver *> driver = cudaDriver();
  if (!driver.ok())
    return driver.status();
  const CudaDriver &d = **driver;
  int count = 0;
  if (CUresult rc = d.cuDeviceGetCount(&count); rc != kCudaSuccess)
    return absl::UnavailableError(
        absl::StrCat("cuDeviceGetCount failed: ", d.describe(rc)));
  if (count == 0)
    return absl::UnavailableError("CUDA is not available: no CUDA devices");
  std::vector<CudaDeviceInfo> devices;
  for (int i = 0; i < count; ++i) {
    CUdevice dev = 0;
    if (CUresult rc = d.cuDeviceGet(&dev, i); rc != kCudaSuccess)
      return absl::UnavailableError(
          absl::StrCat("cuDeviceGet(", i, ") failed: ", d.describe(rc)));
    CudaDeviceInfo info;
    info.index = i;
    char name[256] = {};
    if (d.cuDeviceGetName(name, sizeof(name) - 1, dev) == kCudaSuccess)
      info.name = name;
    d.cuDeviceGetAttribute(&info.computeMajor, kAttrComputeMajor, dev);
    d.cuDeviceGetAttribute(&info.computeMinor, kAttrComputeMinor, dev);
    d.cuDeviceTotalMem(&info.totalMemoryBytes, dev);
    devices.push_back(std::move(info));
  }
  return devices;
}

struct CudaDevice::Pools {
  Pools(const CudaDriver &d, CudaDevice *device)
      : managed(
            [&d, device](size_t bytes) -> absl::StatusOr<void *> {
              CUdeviceptr p = 0;
              d.cuCtxSetCurrent(device->context_);
              size_t freeBytes = 0, totalBytes = 0;
              if (d.cuMemGetInfo(&freeBytes, &totalBytes) == kCudaSuccess &&
                  bytes > freeBytes)
                return absl::ResourceExhaustedError(absl::StrCat(
                    "cuMemAllocManaged: ", bytes, " bytes asked, ",
                    freeBytes, " free on the device (managed memory is "
                    "not oversubscribed)"));
              if (absl::Status s = d.check(
                      d.cuMemAllocManaged(&p, bytes, kMemAttachGlobal),
                      "cuMemAllocManaged");
                  !s.ok())
                return s;
              return reinterpret_cast<void *>(p);
            },
            releaser(d, device)),
        deviceOnly(
            [&d, device](size_t bytes) -> absl::StatusOr<void *> {
              CUdeviceptr p = 0;
              d.cuCtxSetCurrent(device->context_);
              if (absl::Status s =
                      d.check(d.cuMemAlloc(&p, bytes), "cuMemAlloc");
                  !s.ok())
                return s;
              return reinterpret_cast<void *>(p);
            },
            releaser(d, device)) {}
  /// Gives a block back to the driver (managed and device memory alike).
  static CachingAllocator::ReleaseFn releaser(const CudaDriver &d,
                                              CudaDevice *device) {
    return [&d, device](void *p) {
      d.cuCtxSetCurrent(device->context_);
      d.cuMemFree(reinterpret_cast<CUdeviceptr>(p));
    };
  }
  CachingAllocator managed, deviceOnly;
  bool capturing = false;
};

namespace {

/// Makes the device's context current on the calling thread (cheap when
/// it already is).
void makeCurrent(const CudaDriver &d, void *context) {
  thread_local void *current = nullptr;
  if (current != context) {
    d.cuCtxSetCurrent(context);
    current = context;
  }
}

} // namespace

absl::StatusOr<CudaDevice *> CudaDevice::get(int ordinal) {
  static std::mutex mutex;
  // Never destroyed: at exit the driver may already be shutting down, and
  // the process's end releases the contexts anyway.
  static auto &devices = *new std::map<int, std::unique_ptr<CudaDevice>>();
  std::lock_guard<std::mutex> lock(mutex);
  if (auto it = devices.find(ordinal); it != devices.end())
    return it->second.get();
  absl::StatusOr<std::vector<CudaDeviceInfo>> all = cudaDevices();
  if (!all.ok())
    return all.status();
  if (ordinal < 0 || ordinal >= static_cast<int>(all->size()))
    return absl::InvalidArgumentError(absl::StrCat(
        "no CUDA device ", ordinal, ": this machine has ", all->size(), " (",
        (*all)[0].name, ")"));
  const CudaDriver &d = **cudaDriver();
  std::unique_ptr<CudaDevice> device(new CudaDevice());
  device->info_ = (*all)[ordinal];
  if (absl::Status s = d.check(d.cuDeviceGet(&device->device_, ordinal),
                               "cuDeviceGet");
      !s.ok())
    return s;
  if (absl::Status s = d.check(
          d.cuDevicePrimaryCtxRetain(&device->context_, device->device_),
          "cuDevicePrimaryCtxRetain");
      !s.ok())
    return s;
  makeCurrent(d, device->context_);
  if (absl::Status s = d.check(
          d.cuStreamCreate(&device->stream_, kStreamNonBlocking),
          "cuStreamCreate");
      !s.ok())
    return s;
  device->pools_ = std::make_unique<Pools>(d, device.get());
  CudaDevice *result = device.get();
  devices.emplace(ordinal, std::move(device));
  return result;
}

CudaDevice::~CudaDevice() {
  absl::StatusOr<const CudaDriver *> d = cudaDriver();
  if (!d.ok())
    return;
  makeCurrent(**d, context_);
  if (stream_)
    (*d)->cuStreamSynchronize(stream_);
  pools_.reset();
  if (stream_)
    (*d)->cuStreamDestroy(stream_);
  if (context_)
    (*d)->cuDevicePrimaryCtxRelease(device_);
}

absl::StatusOr<void *> CudaDevice::allocate(size_t bytes, bool hostVisible) {
  CachingAllocator &pool = hostVisible ? pools_->managed : pools_->deviceOnly;
  absl::StatusOr<void *> p = pool.allocate(bytes, pools_->capturing);
  if (!p.ok())
    return absl::Status(p.status().code(),
                        absl::StrCat("cannot allocate ", bytes,
                                     " bytes on CUDA device ", info_.index,
                                     " (", info_.name,
                                     "): ", p.status().message()));
  return p;
}

absl::Status CudaDevice::free(void *ptr) {
  if (!ptr)
    return absl::OkStatus();
  if (pools_->managed.blockSize(ptr))
    return pools_->managed.free(ptr);
  return pools_->deviceOnly.free(ptr);
}

void CudaDevice::releaseCachedMemory() {
  // Blocks freed in stream order may still be in use by queued work.
  (void)synchronize();
  pools_->managed.trim();
  pools_->deviceOnly.trim();
}

CudaMemoryStats CudaDevice::memoryStats() const {
  CudaMemoryStats out;
  for (const CachingAllocator *pool :
       {&pools_->managed, &pools_->deviceOnly}) {
    AllocatorStats s = pool->stats();
    out.bytesInUse += s.bytesInUse;
    out.bytesCached += s.bytesCached;
    out.peakBytesInUse += s.peakBytesInUse;
    out.poolHits += s.hits;
    out.driverAllocations += s.misses;
  }
  return out;
}

absl::Status CudaDevice::copy(void *dst, const void *src, size_t bytes) {
  const CudaDriver &d = **cudaDriver();
  makeCurrent(d, context_);
  return d.check(d.cuMemcpyAsync(reinterpret_cast<CUdeviceptr>(dst),
                                 reinterpret_cast<CUdeviceptr>(src), bytes,
                                 stream_),
                 "cuMemcpyAsync");
}

absl::Status CudaDevice::synchronize() {
  const CudaDriver &d = **cudaDriver();
  makeCurrent(d, context_);
  return d.check(d.cuStreamSynchronize(stream_), "cuStreamSynchronize");
}

bool CudaDevice::capturing() const { return pools_->capturing; }

absl::StatusOr<float>
CudaDevice::timeMs(const std::function<absl::Status()> &enqueue) {
  const CudaDriver &d = **cudaDriver();
  makeCurrent(d, context_);
  CUhandle start = nullptr, stop = nullptr;
  if (absl::Status s = d.check(d.cuEventCreate(&start, 0), "cuEventCreate");
      !s.ok())
    return s;
  if (absl::Status s = d.check(d.cuEventCreate(&stop, 0), "cuEventCreate");
      !s.ok()) {
    d.cuEventDestroy(start);
    return s;
  }
  absl::Status status = d.check(d.cuEventRecord(start, stream_), "cuEventRecord");
  if (status.ok())
    status = enqueue();
  if (status.ok())
    status = d.check(d.cuEventRecord(stop, stream_), "cuEventRecord");
  if (status.ok())
    status = d.check(d.cuEventSynchronize(stop), "cuEventSynchronize");
  float ms = 0;
  if (status.ok())
    status = d.check(d.cuEventElapsedTime(&ms, start, stop),
                     "cuEventElapsedTime");
  d.cuEventDestroy(start);
  d.cuEventDestroy(stop);
  if (!status.ok())
    return status;
  return ms;
}

absl::StatusOr<std::unique_ptr<CudaGraph>>
CudaDevice::capture(const std::function<absl::Status()> &enqueue) {
  const CudaDriver &d = **cudaDriver();
  makeCurrent(d, context_);
  if (absl::Status s = synchronize(); !s.ok())
    return s;
  if (absl::Status s = d.check(
          d.cuStreamBeginCapture(stream_, kStreamCaptureModeThreadLocal),
          "cuStreamBeginCapture");
      !s.ok())
    return s;
  pools_->capturing = true;
  absl::Status status = enqueue();
  pools_->capturing = false;
  CUhandle graph = nullptr;
  absl::Status ended =
      d.check(d.cuStreamEndCapture(stream_, &graph), "cuStreamEndCapture");
  if (!status.ok() || !ended.ok()) {
    if (graph)
      d.cuGraphDestroy(graph);
    return status.ok() ? ended : status;
  }
  CUhandle exec = nullptr;
  if (absl::Status s = d.check(d.cuGraphInstantiateWithFlags(&exec, graph, 0),
                               "cuGraphInstantiateWithFlags");
      !s.ok()) {
    d.cuGraphDestroy(graph);
    return s;
  }
  return std::unique_ptr<CudaGraph>(new CudaGraph(this, graph, exec));
}

absl::Status CudaGraph::launch() {
  const CudaDriver &d = **cudaDriver();
  makeCurrent(d, device_->context_);
  return d.check(d.cuGraphLaunch(exec_, device_->stream_), "cuGraphLaunch");
}

CudaGraph::~CudaGraph() {
  const CudaDriver &d = **cudaDriver();
  makeCurrent(d, device_->context_);
  d.cuGraphExecDestroy(exec_);
  d.cuGraphDestroy(graph_);
}

namespace {
std::atomic<int> defaultDevice{0};
} // namespace

void setDefaultCudaDevice(int ordinal) { defaultDevice = ordinal; }
int defaultCudaDevice() { return defaultDevice.load(); }

absl::StatusOr<double> timeCudaFunction(const Function &function,
                                        absl::Span<const Buffer *const> inputs,
                                        int warmup, int reps, bool graph) {
  const FunctionSignature &sig = function.signature();
  if (sig.target != "cuda")
    return absl::InvalidArgumentError(absl::StrCat(
        "function '", sig.name, "' is not compiled for CUDA (target ",
        sig.target, ")"));
  if (absl::Status s = function.checkInputs(inputs); !s.ok())
    return s;
  if (reps < 1)
    return absl::InvalidArgumentError("reps must be at least 1");
  int ordinal = defaultCudaDevice();
  absl::StatusOr<CudaDevice *> device = CudaDevice::get(ordinal);
  if (!device.ok())
    return device.status();
  CudaDevice &gpu = **device;
  std::vector<void *> table;
  auto cleanup = [&] {
    (void)gpu.synchronize();
    for (void *p : table)
      (void)gpu.free(p);
  };
  for (const Buffer *input : inputs) {
    absl::StatusOr<void *> p = gpu.allocate(input->byteSize());
    if (!p.ok()) {
      cleanup();
      return p.status();
    }
    table.push_back(*p);
    if (absl::Status s = gpu.copy(*p, input->data(), input->byteSize());
        !s.ok()) {
      cleanup();
      return s;
    }
  }
  for (const TensorSpec &out : sig.outputs) {
    size_t elements = 1;
    for (int64_t d : out.shape)
      elements *= static_cast<size_t>(d);
    absl::StatusOr<void *> p = gpu.allocate(elements * dtypeSize(out.dtype));
    if (!p.ok()) {
      cleanup();
      return p.status();
    }
    table.push_back(*p);
  }
  size_t owned = table.size();
  table.push_back(nullptr);
  mgpuSetDefaultDevice(ordinal);
  auto once = [&]() -> absl::Status {
    return runOnOneDevice(function.invokeFn(), table.data());
  };
  absl::Status status;
  for (int i = 0; status.ok() && i < std::max(warmup, graph ? 1 : 0); ++i)
    status = once();
  std::unique_ptr<CudaGraph> captured;
  if (status.ok() && graph) {
    absl::StatusOr<std::unique_ptr<CudaGraph>> g = gpu.capture(once);
    if (g.ok())
      captured = std::move(*g);
    else
      status = g.status();
  }
  absl::StatusOr<float> ms = absl::InternalError("not run");
  if (status.ok())
    ms = gpu.timeMs([&]() -> absl::Status {
      for (int i = 0; i < reps; ++i)
        if (absl::Status s = captured ? captured->launch() : once(); !s.ok())
          return s;
      return absl::OkStatus();
    });
  table.resize(owned);
  cleanup();
  if (!status.ok())
    return status;
  if (!ms.ok())
    return ms.status();
  return static_cast<double>(*ms) / reps;
}

namespace detail {

absl::Status invokeOnCuda(const FunctionSignature &signature,
                          void (*invoke)(void **),
                          absl::Span<const Buffer *const> inputs,
                          absl::Span<Buffer *const> outputs) {
  if (signature.devices != 1)
    return absl::UnimplementedError(absl::StrCat(
        "function '", signature.name, "' runs on ", signature.devices,
        " devices; multi-device CUDA functions are not supported yet"));
  int ordinal = defaultCudaDevice();
  absl::StatusOr<CudaDevice *> device = CudaDevice::get(ordinal);
  if (!device.ok())
    return absl::Status(device.status().code(),
                        absl::StrCat("cannot run CUDA function '",
                                     signature.name,
                                     "': ", device.status().message()));
  CudaDevice &gpu = **device;
  std::vector<void *> pointers;
  absl::Status status;
  auto cleanup = [&] {
    for (void *p : pointers)
      (void)gpu.free(p);
  };
  auto stage = [&](const Buffer &b) -> absl::StatusOr<void *> {
    absl::StatusOr<void *> p = gpu.allocate(b.byteSize(), /*hostVisible=*/false);
    if (!p.ok())
      return p;
    pointers.push_back(*p);
    return p;
  };
  for (const Buffer *input : inputs) {
    absl::StatusOr<void *> p = stage(*input);
    if (!p.ok()) {
      cleanup();
      return p.status();
    }
    if (input->byteSize())
      if (absl::Status s = gpu.copy(*p, input->data(), input->byteSize());
          !s.ok()) {
        cleanup();
        return s;
      }
  }
  for (Buffer *output : outputs) {
    absl::StatusOr<void *> p = stage(*output);
    if (!p.ok()) {
      cleanup();
      return p.status();
    }
  }
  std::vector<void *> table = pointers;
  table.push_back(nullptr);
  // The program's mgpu* calls go to the same device.
  mgpuSetDefaultDevice(ordinal);
  status = runOnOneDevice(invoke, table.data());
  if (absl::Status s = gpu.synchronize(); status.ok())
    status = s;
  for (size_t i = 0; status.ok() && i < outputs.size(); ++i)
    if (outputs[i]->byteSize())
      status = gpu.copy(outputs[i]->data(), pointers[inputs.size() + i],
                        outputs[i]->byteSize());
  if (absl::Status s = gpu.synchronize(); status.ok())
    status = s;
  cleanup();
  if (!status.ok())
    return absl::Status(status.code(),
                        absl::StrCat("CUDA function '", signature.name,
                                     "': ", status.message()));
  return absl::OkStatus();
}

} // namespace detail
} // namespace genc::runtime

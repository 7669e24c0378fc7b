// The CUDA driver through dlopen: the few entry points genc needs are
// resolved by name, with their C signatures declared here (no CUDA
// headers or libraries at build time).

#include "genc/runtime/Cuda.h"

#include <dlfcn.h>

#include <mutex>
#include <vector>

#include "absl/strings/str_cat.h"

namespace genc::runtime {

namespace {

using CUresult = int;
using CUdevice = int;
constexpr CUresult kSuccess = 0;
constexpr int kComputeMajor = 75; // CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR
constexpr int kComputeMinor = 76; // CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR

struct Driver {
  CUresult (*cuInit)(unsigned) = nullptr;
  CUresult (*cuDeviceGetCount)(int *) = nullptr;
  CUresult (*cuDeviceGet)(CUdevice *, int) = nullptr;
  CUresult (*cuDeviceGetName)(char *, int, CUdevice) = nullptr;
  CUresult (*cuDeviceGetAttribute)(int *, int, CUdevice) = nullptr;
  CUresult (*cuDeviceTotalMem)(size_t *, CUdevice) = nullptr;
  CUresult (*cuGetErrorString)(CUresult, const char **) = nullptr;

  std::string describe(CUresult rc) const {
    const char *text = nullptr;
    if (cuGetErrorString && cuGetErrorString(rc, &text) == kSuccess && text)
      return absl::StrCat(text, " (CUDA error ", rc, ")");
    return absl::StrCat("CUDA error ", rc);
  }
};

template <class F> bool bind(void *lib, const char *name, F &fn) {
  fn = reinterpret_cast<F>(dlsym(lib, name));
  return fn != nullptr;
}

absl::StatusOr<const Driver *> loadDriver() {
  static std::once_flag once;
  static Driver driver;
  static absl::Status status;
  std::call_once(once, [] {
    void *lib = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
      status = absl::UnavailableError(absl::StrCat(
          "CUDA is not available: libcuda.so.1 (the NVIDIA driver) was not "
          "found (",
          dlerror(), "); this machine has no NVIDIA GPU driver. The CPU "
          "backend works everywhere; genc compile --target=cuda needs no GPU"));
      return;
    }
    bool ok = bind(lib, "cuInit", driver.cuInit) &&
              bind(lib, "cuDeviceGetCount", driver.cuDeviceGetCount) &&
              bind(lib, "cuDeviceGet", driver.cuDeviceGet) &&
              bind(lib, "cuDeviceGetName", driver.cuDeviceGetName) &&
              bind(lib, "cuDeviceGetAttribute", driver.cuDeviceGetAttribute) &&
              bind(lib, "cuDeviceTotalMem_v2", driver.cuDeviceTotalMem);
    bind(lib, "cuGetErrorString", driver.cuGetErrorString);
    if (!ok) {
      status = absl::UnavailableError(
          "CUDA is not available: libcuda.so.1 lacks driver API entry points "
          "(a driver too old for genc?)");
      return;
    }
    if (CUresult rc = driver.cuInit(0); rc != kSuccess)
      status = absl::UnavailableError(
          absl::StrCat("CUDA is not available: cuInit failed: ",
                       driver.describe(rc)));
  });
  if (!status.ok())
    return status;
  return &driver;
}

} // namespace

absl::StatusOr<std::vector<CudaDeviceInfo>> cudaDevices() {
  absl::StatusOr<const Driver *> driver = loadDriver();
  if (!driver.ok())
    return driver.status();
  const Driver &d = **driver;
  int count = 0;
  if (CUresult rc = d.cuDeviceGetCount(&count); rc != kSuccess)
    return absl::UnavailableError(
        absl::StrCat("cuDeviceGetCount failed: ", d.describe(rc)));
  if (count == 0)
    return absl::UnavailableError("CUDA is not available: no CUDA devices");
  std::vector<CudaDeviceInfo> devices;
  for (int i = 0; i < count; ++i) {
    CUdevice dev = 0;
    if (CUresult rc = d.cuDeviceGet(&dev, i); rc != kSuccess)
      return absl::UnavailableError(
          absl::StrCat("cuDeviceGet(", i, ") failed: ", d.describe(rc)));
    CudaDeviceInfo info;
    info.index = i;
    char name[256] = {};
    if (d.cuDeviceGetName(name, sizeof(name) - 1, dev) == kSuccess)
      info.name = name;
    d.cuDeviceGetAttribute(&info.computeMajor, kComputeMajor, dev);
    d.cuDeviceGetAttribute(&info.computeMinor, kComputeMinor, dev);
    d.cuDeviceTotalMem(&info.totalMemoryBytes, dev);
    devices.push_back(std::move(info));
  }
  return devices;
}

} // namespace genc::runtime

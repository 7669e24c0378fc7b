//===- Backend.cpp - choosing compiled code or the reference interpreter --===//

#include "Internal.h"

#include "compiler/API/Compile.h"
#include "frontend/lib/Interop.h"
#include "genc/Jit.h"

#include "dialects/genc/Interpreter/Interpreter.h"
#include "mlir/IR/Diagnostics.h"

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <optional>

#include "genc/runtime/Cuda.h"

using namespace mlir;

namespace genc {

static std::atomic<int> currentBackend{[] {
  const char *env = std::getenv("GENC_BACKEND");
  return env && std::strcmp(env, "interp") == 0 ? 1 : 0;
}()};

static bool envFlag(const char *name) {
  const char *v = std::getenv(name);
  return v && *v && std::strcmp(v, "0") != 0;
}
static std::atomic<bool> checkNumerics{envFlag("GENC_CHECK_NUMERICS")};
void set_check_numerics(bool on) { checkNumerics = on; }
bool check_numerics() { return checkNumerics.load(); }

std::string Device::str() const {
  return kind == Kind::Cpu ? "cpu" : "cuda:" + std::to_string(index);
}

Device Device::parse(const std::string &text) {
  if (text == "cpu")
    return cpu();
  if (text == "cuda")
    return cuda(0);
  if (text.rfind("cuda:", 0) == 0 && text.size() > 5 &&
      text.find_first_not_of("0123456789", 5) == std::string::npos &&
      text.size() < 10)
    return cuda(std::stoi(text.substr(5)));
  throw Error("unknown device '" + text + "' (expected cpu, cuda or cuda:N)");
}

namespace {
std::mutex deviceMutex;
std::optional<Device> currentDevice;

/// Probes the driver for `d` (CUDA): the GPU architecture to compile for.
std::string checkedGpuArch(const Device &d) {
  absl::StatusOr<std::vector<runtime::CudaDeviceInfo>> gpus =
      runtime::cudaDevices();
  if (!gpus.ok())
    throw Error("device " + d.str() + ": " +
                std::string(gpus.status().message()));
  if (d.index < 0 || d.index >= static_cast<int>(gpus->size()))
    throw Error("device " + d.str() + ": this machine has " +
                std::to_string(gpus->size()) + " CUDA device(s)");
  const runtime::CudaDeviceInfo &info = (*gpus)[d.index];
  // Hopper's architecture-specific features (wgmma, TMA) need sm_90a.
  return "sm_" + std::to_string(info.computeMajor) +
         std::to_string(info.computeMinor) +
         (info.computeMajor == 9 && info.computeMinor == 0 ? "a" : "");
}
} // namespace

void set_default_device(Device device) {
  if (device.kind == Device::Kind::Cuda) {
    checkedGpuArch(device);
    runtime::setDefaultCudaDevice(device.index);
  }
  std::lock_guard<std::mutex> lock(deviceMutex);
  currentDevice = device;
}

Device default_device() {
  std::lock_guard<std::mutex> lock(deviceMutex);
  if (!currentDevice) {
    const char *env = std::getenv("GENC_DEVICE");
    Device d = env && *env ? Device::parse(env) : Device::cpu();
    if (d.kind == Device::Kind::Cuda) {
      try {
        checkedGpuArch(d);
      } catch (const Error &e) {
        throw Error(std::string("GENC_DEVICE=") + env + ": " + e.what());
      }
      runtime::setDefaultCudaDevice(d.index);
    }
    currentDevice = d;
  }
  return *currentDevice;
}

namespace detail {
std::string gpuArchOf(const Device &d) { return checkedGpuArch(d); }
} // namespace detail

void set_backend(Backend b) { currentBackend = b == Backend::Interpreter; }
Backend backend() {
  return currentBackend ? Backend::Interpreter : Backend::Compiled;
}

namespace detail {

bool useInterpreter() { return currentBackend.load() != 0; }

std::vector<Tensor> interpret(ModuleOp module, const std::vector<Tensor> &inputs,
                              const Loc &loc, const std::string &what) {
  std::lock_guard<std::recursive_mutex> guard(compilerLock());
  std::string diagnostics;
  {
    ScopedDiagnosticHandler handler(module.getContext(), [&](Diagnostic &d) {
      if (d.getSeverity() == DiagnosticSeverity::Error)
        diagnostics += (diagnostics.empty() ? "" : "; ") + d.str();
      return success();
    });
    if (failed(mlir::genc::expandTransforms(module)))
      fail(loc, what, diagnostics);
  }
  auto fn = module.lookupSymbol<func::FuncOp>("main");
  if (!fn)
    fail(loc, what, "internal error: traced module has no main");
  SmallVector<mlir::genc::interp::RefTensor> args;
  std::string error;
  for (const Tensor &t : inputs) {
    FailureOr<mlir::genc::interp::RefTensor> r =
        ::genc::interop::toRefTensor(*module.getContext(), t.buffer(), error);
    if (failed(r))
      fail(loc, what, error);
    args.push_back(std::move(*r));
  }
  FailureOr<SmallVector<mlir::genc::interp::RefTensor>> out;
  {
    ScopedDiagnosticHandler handler(module.getContext(), [&](Diagnostic &d) {
      if (d.getSeverity() == DiagnosticSeverity::Error)
        diagnostics += (diagnostics.empty() ? "" : "; ") + d.str();
      return success();
    });
    out = mlir::genc::interp::interpret(fn, args);
  }
  if (failed(out))
    fail(loc, what, "interpreter: " + diagnostics);
  std::vector<Tensor> results;
  for (const mlir::genc::interp::RefTensor &r : *out) {
    absl::StatusOr<runtime::Buffer> b = ::genc::interop::toBuffer(r);
    if (!b.ok())
      fail(loc, what, std::string(b.status().message()));
    results.emplace_back(std::move(*b));
  }
  return results;
}

} // namespace detail
} // namespace genc

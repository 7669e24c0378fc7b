// Internal (not installed): the per-thread device context that the
// genc_rt_* collectives read, and running an entry point on one or several
// devices. Used by Module.cpp (Function::call) and Collectives.cpp.
//
// Thread safety: a DeviceContext belongs to one thread at a time; the run
// functions may be called concurrently from any threads.
#ifndef GENC_RUNTIME_SRC_SPMD_H
#define GENC_RUNTIME_SRC_SPMD_H

#include <chrono>
#include <cstdint>

#include "absl/status/status.h"
#include "absl/types/span.h"
#include "genc/runtime/Collectives.h"

namespace genc::runtime::detail {

/// What the collectives called on a thread need to know about its device.
struct DeviceContext {
  Communicator *communicator = nullptr; ///< null: a 1-device call
  int64_t device = 0;
  int64_t deviceCount = 1;
  absl::Status pending; ///< the first collective error of this device
};

/// The calling thread's current context (a per-thread default, with no
/// communicator, outside any call).
DeviceContext &currentDeviceContext();

/// Makes `context` the calling thread's context until destruction, then
/// restores the previous one.
class ScopedDeviceContext {
public:
  explicit ScopedDeviceContext(DeviceContext *context);
  ~ScopedDeviceContext();
  ScopedDeviceContext(const ScopedDeviceContext &) = delete;
  ScopedDeviceContext &operator=(const ScopedDeviceContext &) = delete;

private:
  DeviceContext *previous_;
};

using DeviceInvokeFn = void (*)(void **buffers);

/// Runs `invoke(buffers)` on the calling thread as a 1-device call and
/// returns the first collective error it recorded (OK if none).
absl::Status runOnOneDevice(DeviceInvokeFn invoke, void **buffers);

/// Runs `invoke(buffers[d])` for every device d concurrently: device 0 on
/// the calling thread, the others on threads of the runtime's pool, all
/// joined by one InProcessCommunicator. Returns when every device has
/// returned: the root cause of the first failure, or OK.
absl::Status runOnDevices(DeviceInvokeFn invoke,
                          absl::Span<void **const> buffers,
                          std::chrono::milliseconds timeout);

/// Makes the runtime library's symbols (genc_rt_*) global in the process,
/// so that artifacts loaded with RTLD_LOCAL resolve them even when the
/// runtime itself was loaded with RTLD_LOCAL (e.g. from Python), and keeps
/// the library loaded until exit. Idempotent; best effort.
void exportRuntimeSymbols();

} // namespace genc::runtime::detail

#endif // GENC_RUNTIME_SRC_SPMD_H

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
#include <string>

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

/// Writes `device`'s output of the collective `args` from every device's
/// input (`inputs` indexed by device index, `deviceCount` entries; only the
/// entries the collective reads must be valid), staging the result when
/// args.out overlaps an input. The math every communicator shares.
absl::Status computeCollective(const CollectiveArgs &args, int64_t device,
                               int64_t deviceCount, const void *const *inputs);
/// Elements of args.in the collective reads.
int64_t collectiveInputElements(const CollectiveArgs &args);
/// "genc.all_reduce at a.mlir:3:5" (or the kind's name).
std::string collectiveWhere(const CollectiveArgs &args);

/// Processes of the MPI job this process was started in (from the
/// launcher's environment: OMPI_COMM_WORLD_SIZE, PMI_SIZE), 1 outside one.
int64_t mpiWorldSize();
/// This process's rank in it (0 outside one).
int64_t mpiRank();

using DeviceInvokeFn = void (*)(void **buffers);

/// Calls an entry point of generated code (JIT or artifact). Exempt from
/// UBSan's -fsanitize=function: that check reads a type signature in the 8
/// bytes before the callee's entry, which code genc generates does not
/// carry, and faults when the entry is the first byte of a mapping (seen
/// under scripts/sanitize.sh).
#if defined(__clang__)
__attribute__((no_sanitize("function")))
#endif
inline void callGenerated(DeviceInvokeFn invoke, void **buffers) {
  invoke(buffers);
}

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

/// Runs `invoke(buffers)` on the calling thread as device mpiRank() of an
/// MPI job of mpiWorldSize() processes (initializing MPI on first use),
/// with an MpiCommunicator. Error if the runtime was built without MPI.
absl::Status runOnMpiRank(DeviceInvokeFn invoke, void **buffers,
                          std::chrono::milliseconds timeout);

/// Makes the runtime library's symbols (genc_rt_*) global in the process,
/// so that artifacts loaded with RTLD_LOCAL resolve them even when the
/// runtime itself was loaded with RTLD_LOCAL (e.g. from Python), and keeps
/// the library loaded until exit. Idempotent; best effort.
void exportRuntimeSymbols();

} // namespace genc::runtime::detail

#endif // GENC_RUNTIME_SRC_SPMD_H

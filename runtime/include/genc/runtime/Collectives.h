// Multi-device (SPMD) execution: collectives between the devices of one call,
// the communicator interface, and the settings (device count, timeout).
//
// A function whose metadata says `devices N` (N > 1) runs its entry point on
// N logical CPU devices at once, one thread each (Function::call does this).
// The compiled code calls the C entry points of genc_collectives.h
// (genc_rt_all_reduce, ...); they find the calling device's context (device
// index, device count, the call's Communicator) in a thread-local set up by
// the runtime, and hand the collective to the Communicator.
// runtime/README.md, "Multi-device (SPMD) functions", is the specification.
//
// Thread safety: the settings functions may be called from any thread (a
// change affects calls that start afterwards). A Communicator is shared by
// the N device threads of one call; each device calls it from its own thread.
#ifndef GENC_RUNTIME_COLLECTIVES_H
#define GENC_RUNTIME_COLLECTIVES_H

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "genc/runtime/DType.h"

namespace genc::runtime {

/// The collectives of genc_collectives.h.
enum class CollectiveKind : int32_t {
  AllReduce,
  AllGather,
  ReduceScatter,
  AllToAll,
  CollectivePermute,
};

/// "all_reduce", "all_gather", "reduce_scatter", "all_to_all",
/// "collective_permute".
const char *collectiveKindName(CollectiveKind kind);

/// Reduction of all_reduce and reduce_scatter; the values are the `op`
/// argument of the C entry points.
enum class ReduceOp : int32_t { Sum = 0, Max = 1, Min = 2, Product = 3 };

/// One device's arguments of one collective, exactly as the compiled code
/// passed them (nothing is validated or owned). For collective_permute,
/// `groups` is the [numGroups][2] table of (source, target) pairs and
/// `groupSize` is 2; `op` is unused except by the reductions.
struct CollectiveArgs {
  CollectiveKind kind = CollectiveKind::AllReduce;
  const char *where = nullptr; ///< e.g. "genc.all_reduce at model.mlir:12:5"
  const void *in = nullptr;
  void *out = nullptr;
  int64_t count = 0;
  int32_t dtype = 0; ///< a DType value, unchecked
  int32_t op = 0;    ///< a ReduceOp value, unchecked
  const int64_t *groups = nullptr;
  int64_t numGroups = 0;
  int64_t groupSize = 0;
};

/// Checks one device's arguments on their own: dtype, op (and whether the
/// dtype supports it), count, pointers, the group table (entries in
/// [0, deviceCount), no device twice, `device` in exactly one group) or the
/// permute pairs (in range, no source or target twice). Messages name the
/// collective and the problem, e.g. `genc.all_reduce at a.mlir:3:5: device
/// 3 is in no group of [[0, 1], [2]]`.
absl::Status checkCollectiveArgs(const CollectiveArgs &args, int64_t device,
                                 int64_t deviceCount);

/// Number of elements the collective writes to `out` (0 when the arguments
/// are too broken to tell).
int64_t collectiveOutputElements(const CollectiveArgs &args);

/// Connects the devices of one multi-device call. An implementation for
/// threads of one process is InProcessCommunicator; one over MPI (devices
/// in several processes) can implement the same interface.
class Communicator {
public:
  virtual ~Communicator();

  /// Number of devices of the call.
  virtual int64_t deviceCount() const = 0;

  /// Runs one collective on behalf of `device` (called on that device's
  /// thread) and writes args.out. Every device of the call must run the same
  /// sequence of collectives. On error `out` may be partially written (the
  /// C entry points zero-fill it); after an error the communicator may be
  /// aborted, and then every later collective fails at once.
  virtual absl::Status run(int64_t device, const CollectiveArgs &args) = 0;

  /// Called once per device when its entry function has returned, so that
  /// collectives waiting for it fail at once instead of timing out.
  virtual void deviceFinished(int64_t device) = 0;

  /// The error that aborted the communicator (the root cause), or OK.
  virtual absl::Status abortStatus() const = 0;
};

/// A Communicator for `deviceCount` threads of this process. At every
/// collective all devices of the call meet (a rendezvous of all devices,
/// whatever the groups), check that they agree on kind, count, dtype, op
/// and group table, each computes its own output by reading the others'
/// inputs directly, and all meet again before returning (so no input is
/// released while another device still reads it). Waiting blocks on a
/// condition variable. A wait longer than `timeout`, or for a device that
/// has finished, aborts the communicator.
class InProcessCommunicator final : public Communicator {
public:
  InProcessCommunicator(int64_t deviceCount, std::chrono::milliseconds timeout);
  ~InProcessCommunicator() override;
  InProcessCommunicator(const InProcessCommunicator &) = delete;
  InProcessCommunicator &operator=(const InProcessCommunicator &) = delete;

  int64_t deviceCount() const override;
  absl::Status run(int64_t device, const CollectiveArgs &args) override;
  void deviceFinished(int64_t device) override;
  absl::Status abortStatus() const override;

private:
  struct State;
  std::unique_ptr<State> state_;
};

// --- Settings ---------------------------------------------------------------

/// Most devices a call may run on (one thread each).
inline constexpr int64_t kMaxDevices = 65536;

/// CPU devices available to multi-device calls: setCpuDeviceCount's value
/// if set, else the environment variable GENC_CPU_DEVICES (a positive
/// integer), else std::thread::hardware_concurrency() (at least 1). Several
/// devices may share one core. When GENC_CPU_DEVICES is malformed this
/// returns the hardware default and availableCpuDevices() the error.
int64_t cpuDeviceCount();

/// Like cpuDeviceCount(), but a malformed GENC_CPU_DEVICES is an error:
/// `GENC_CPU_DEVICES must be a positive integer, got 'x'`.
absl::StatusOr<int64_t> availableCpuDevices();

/// Overrides GENC_CPU_DEVICES for the whole process (tests, applications);
/// a value <= 0 removes the override.
void setCpuDeviceCount(int64_t count);

/// How long a device waits at a collective for the others:
/// setCollectiveTimeout's value if set, else GENC_COLLECTIVE_TIMEOUT_S (a
/// positive number of seconds, e.g. 300 or 0.5), else 300 s. Error for a
/// malformed variable: `GENC_COLLECTIVE_TIMEOUT_S must be a positive number
/// of seconds, got 'x'`.
absl::StatusOr<std::chrono::milliseconds> collectiveTimeout();

/// Overrides GENC_COLLECTIVE_TIMEOUT_S for the whole process; a value <= 0
/// removes the override.
void setCollectiveTimeout(std::chrono::milliseconds timeout);

/// Processes of the MPI job this process was started in by mpirun (read
/// from the launcher's environment), 1 otherwise. A `devices N` function in
/// an N-process job runs as device processIndex() of this process.
int64_t processCount();
/// This process's rank in that job, 0 otherwise.
int64_t processIndex();

// --- The calling thread's device --------------------------------------------

/// The calling thread's device index in the current multi-device call; 0
/// outside one. (genc_rt_device_index for C++.)
int64_t currentDeviceIndex();
/// The number of devices of the current call; 1 outside one.
int64_t currentDeviceCount();

/// Returns and clears the first collective error recorded on this thread
/// since the last take (OK if none). Function::call does this itself; it is
/// for code that runs an entry point directly through Function::invokeFn().
absl::Status takePendingCollectiveError();

} // namespace genc::runtime

#endif // GENC_RUNTIME_COLLECTIVES_H

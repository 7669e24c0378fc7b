// Multi-process SPMD over MPI (Open MPI): one device per rank.
//
// A process started by mpirun (OMPI_COMM_WORLD_SIZE / PMI_SIZE in its
// environment) runs a `devices N` function as device `rank` of an N-rank
// job. Collectives are point-to-point messages between the members of a
// group (MPI_Isend/MPI_Irecv of each member's whole input, polled with
// MPI_Testall until a deadline), and every member combines the inputs in
// group order with the same math as the in-process communicator, so all
// ranks get bit-identical results (MPI's own reduction algorithms may
// associate differently on different ranks). Every message starts with a
// header describing the collective, so ranks at different collectives get
// an error naming both, and a receive that has not completed by the
// deadline names the rank it waits for, with whether that process is
// still alive (on the same host).
//
// Groups are small in genc's use (data-parallel training over a few
// ranks); sending whole inputs keeps the math shared and deterministic at
// the price of (G-1)x the traffic of a ring for reduce_scatter/all_to_all.

#include "Spmd.h"

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "genc/runtime/DType.h"

#if GENC_HAVE_MPI
#include <mpi.h>
#include <signal.h>
#include <unistd.h>
#endif

namespace genc::runtime::detail {

namespace {

int64_t envInt(const char *name) {
  const char *v = std::getenv(name);
  if (!v || !*v)
    return -1;
  char *end = nullptr;
  long long x = std::strtoll(v, &end, 10);
  return end && *end == 0 ? x : -1;
}

} // namespace

int64_t mpiWorldSize() {
  for (const char *name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"})
    if (int64_t n = envInt(name); n >= 1)
      return n;
  return 1;
}

int64_t mpiRank() {
  for (const char *name : {"OMPI_COMM_WORLD_RANK", "PMI_RANK"})
    if (int64_t r = envInt(name); r >= 0)
      return r;
  return 0;
}

} // namespace genc::runtime::detail

namespace genc::runtime {
int64_t processCount() { return detail::mpiWorldSize(); }
int64_t processIndex() { return detail::mpiRank(); }
} // namespace genc::runtime

namespace genc::runtime::detail {

#if !GENC_HAVE_MPI

absl::Status runOnMpiRank(DeviceInvokeFn, void **, std::chrono::milliseconds) {
  return absl::UnimplementedError(
      "this process was started by an MPI launcher, but the genc runtime was "
      "built without MPI (install libopenmpi-dev and rebuild)");
}

#else

namespace {

/// What every message carries first: the sender's view of the collective.
struct Header {
  int32_t kind, dtype, op, pad;
  int64_t count, numGroups, groupSize, sequence;
  char where[96];
};

struct HostPid {
  char host[64];
  int64_t pid;
};

class MpiCommunicator final : public Communicator {
public:
  static absl::StatusOr<MpiCommunicator *> get() {
    static std::mutex mutex;
    std::lock_guard<std::mutex> lock(mutex);
    static MpiCommunicator *instance = nullptr;
    static absl::Status failure;
    if (instance || !failure.ok())
      return instance ? absl::StatusOr<MpiCommunicator *>(instance)
                      : absl::StatusOr<MpiCommunicator *>(failure);
    int initialized = 0;
    MPI_Initialized(&initialized);
    int provided = 0;
    if (!initialized &&
        MPI_Init_thread(nullptr, nullptr, MPI_THREAD_SERIALIZED, &provided) !=
            MPI_SUCCESS) {
      failure = absl::InternalError("MPI_Init_thread failed");
      return failure;
    }
    MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
    instance = new MpiCommunicator();
    std::atexit([] { instance->finalize(); });
    return instance;
  }

  int64_t deviceCount() const override { return size_; }
  int64_t rank() const { return rank_; }

  absl::Status run(int64_t device, const CollectiveArgs &args) override {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!abort_.ok())
      return absl::AbortedError(
          absl::StrCat(collectiveWhere(args), ": aborted: ", abort_.message()));
    if (absl::Status s = checkCollectiveArgs(args, device, size_); !s.ok())
      return s;
    ++sequence_;
    const size_t elemSize = dtypeSize(static_cast<DType>(args.dtype));
    const size_t inBytes =
        static_cast<size_t>(collectiveInputElements(args)) * elemSize;

    // Peers to send to and receive from.
    std::vector<int64_t> sendTo, recvFrom;
    if (args.kind == CollectiveKind::CollectivePermute) {
      for (int64_t p = 0; p < args.numGroups; ++p) {
        if (args.groups[2 * p] == device)
          sendTo.push_back(args.groups[2 * p + 1]);
        if (args.groups[2 * p + 1] == device)
          recvFrom.push_back(args.groups[2 * p]);
      }
    } else {
      int64_t row = 0;
      for (int64_t i = 0; i < args.numGroups * args.groupSize; ++i)
        if (args.groups[i] == device)
          row = i / args.groupSize;
      for (int64_t g = 0; g < args.groupSize; ++g) {
        int64_t m = args.groups[row * args.groupSize + g];
        if (m != device) {
          sendTo.push_back(m);
          recvFrom.push_back(m);
        }
      }
    }
    // A rank that sends to itself (permute (d, d)) reads its own input.
    auto self = [&](int64_t r) { return r == device; };

    Header mine = header(args);
    std::vector<unsigned char> outgoing(sizeof(Header) + inBytes);
    std::memcpy(outgoing.data(), &mine, sizeof(Header));
    if (inBytes > 0)
      std::memcpy(outgoing.data() + sizeof(Header), args.in, inBytes);
    std::vector<std::vector<unsigned char>> incoming(recvFrom.size());
    std::vector<MPI_Request> recvs(recvFrom.size(), MPI_REQUEST_NULL),
        sends(sendTo.size(), MPI_REQUEST_NULL);
    const int tag = static_cast<int>(sequence_ % 30000);
    for (size_t i = 0; i < recvFrom.size(); ++i) {
      if (self(recvFrom[i]))
        continue;
      incoming[i].resize(sizeof(Header) + inBytes);
      MPI_Irecv(incoming[i].data(), static_cast<int>(incoming[i].size()),
                MPI_BYTE, static_cast<int>(recvFrom[i]), tag, MPI_COMM_WORLD,
                &recvs[i]);
    }
    for (size_t i = 0; i < sendTo.size(); ++i)
      if (!self(sendTo[i]))
        MPI_Isend(outgoing.data(), static_cast<int>(outgoing.size()), MPI_BYTE,
                  static_cast<int>(sendTo[i]), tag, MPI_COMM_WORLD, &sends[i]);

    if (absl::Status s = await(recvs, recvFrom, args); !s.ok())
      return fail(s);
    // Check every header against ours before reading any payload.
    std::vector<const void *> inputs(static_cast<size_t>(size_), nullptr);
    inputs[device] = args.in;
    for (size_t i = 0; i < recvFrom.size(); ++i) {
      if (self(recvFrom[i]))
        continue;
      Header theirs;
      std::memcpy(&theirs, incoming[i].data(), sizeof(Header));
      if (!sameCollective(mine, theirs))
        return fail(absl::FailedPreconditionError(absl::StrCat(
            "rank ", recvFrom[i], " is at ", std::string(theirs.where), " (",
            theirs.count, " elements) while rank ", device, " is at ",
            std::string(mine.where), " (", mine.count, " elements)")));
      inputs[recvFrom[i]] = incoming[i].data() + sizeof(Header);
    }
    if (absl::Status s = await(sends, sendTo, args); !s.ok())
      return fail(s);
    return computeCollective(args, device, size_, inputs.data());
  }

  void deviceFinished(int64_t) override {}
  absl::Status abortStatus() const override { return abort_; }

private:
  MpiCommunicator() {
    int r = 0, n = 1;
    MPI_Comm_rank(MPI_COMM_WORLD, &r);
    MPI_Comm_size(MPI_COMM_WORLD, &n);
    rank_ = r;
    size_ = n;
    HostPid me{};
    gethostname(me.host, sizeof(me.host) - 1);
    me.pid = static_cast<int64_t>(getpid());
    peers_.resize(static_cast<size_t>(n));
    MPI_Allgather(&me, sizeof(HostPid), MPI_BYTE, peers_.data(),
                  sizeof(HostPid), MPI_BYTE, MPI_COMM_WORLD);
  }

  void finalize() {
    // After an abort a peer may be gone or stuck: finalizing could hang,
    // so leave and let the launcher tear the job down.
    int finalized = 0;
    MPI_Finalized(&finalized);
    if (abort_.ok() && !finalized)
      MPI_Finalize();
  }

  Header header(const CollectiveArgs &args) const {
    Header h{};
    h.kind = static_cast<int32_t>(args.kind);
    h.dtype = args.dtype;
    h.op = args.op;
    h.count = args.count;
    h.numGroups = args.numGroups;
    h.groupSize = args.groupSize;
    h.sequence = sequence_;
    std::string where = collectiveWhere(args);
    std::strncpy(h.where, where.c_str(), sizeof(h.where) - 1);
    return h;
  }

  static bool sameCollective(const Header &a, const Header &b) {
    return a.kind == b.kind && a.dtype == b.dtype && a.op == b.op &&
           a.count == b.count && a.numGroups == b.numGroups &&
           a.groupSize == b.groupSize && a.sequence == b.sequence;
  }

  /// Whether rank `r`'s process is known to be gone (same host only).
  std::string liveness(int64_t r) const {
    char host[64] = {};
    gethostname(host, sizeof(host) - 1);
    const HostPid &p = peers_[static_cast<size_t>(r)];
    if (std::strncmp(host, p.host, sizeof(host)) != 0)
      return absl::StrCat(" (on ", std::string(p.host), ")");
    if (::kill(static_cast<pid_t>(p.pid), 0) != 0 && errno == ESRCH)
      return absl::StrCat(" (pid ", p.pid, ", which has exited)");
    return absl::StrCat(" (pid ", p.pid, ", still running)");
  }

  /// Polls `requests` until all complete or the timeout; names the peers
  /// whose messages are missing.
  absl::Status await(std::vector<MPI_Request> &requests,
                     const std::vector<int64_t> &peers,
                     const CollectiveArgs &args) {
    auto deadline = std::chrono::steady_clock::now() + timeout_;
    for (int spins = 0;; ++spins) {
      int done = 0;
      int rc = MPI_Testall(static_cast<int>(requests.size()), requests.data(),
                           &done, MPI_STATUSES_IGNORE);
      if (rc != MPI_SUCCESS) {
        char text[MPI_MAX_ERROR_STRING];
        int len = 0;
        MPI_Error_string(rc, text, &len);
        return absl::InternalError(absl::StrCat(
            "rank ", rank_, ": ", collectiveWhere(args), ": MPI error: ",
            std::string(text, static_cast<size_t>(len))));
      }
      if (done)
        return absl::OkStatus();
      if (std::chrono::steady_clock::now() > deadline)
        break;
      if (spins < 2000)
        std::this_thread::yield();
      else
        std::this_thread::sleep_for(std::chrono::microseconds(100));
    }
    std::string missing;
    for (size_t i = 0; i < requests.size(); ++i) {
      int done = 1;
      if (requests[i] != MPI_REQUEST_NULL)
        MPI_Test(&requests[i], &done, MPI_STATUS_IGNORE);
      if (!done)
        absl::StrAppend(&missing, missing.empty() ? "" : ", ", peers[i],
                        liveness(peers[i]));
    }
    return absl::DeadlineExceededError(absl::StrCat(
        "rank ", rank_, ": ", collectiveWhere(args), " timed out after ",
        static_cast<double>(timeout_.count()) / 1000.0,
        " s waiting for rank(s) ", missing));
  }

  absl::Status fail(absl::Status s) {
    if (abort_.ok())
      abort_ = s;
    return s;
  }

public:
  std::chrono::milliseconds timeout_{300000};

private:
  std::mutex mutex_;
  int64_t rank_ = 0, size_ = 1, sequence_ = 0;
  std::vector<HostPid> peers_;
  absl::Status abort_;
};

} // namespace

absl::Status runOnMpiRank(DeviceInvokeFn invoke, void **buffers,
                          std::chrono::milliseconds timeout) {
  absl::StatusOr<MpiCommunicator *> comm = MpiCommunicator::get();
  if (!comm.ok())
    return comm.status();
  (*comm)->timeout_ = timeout;
  DeviceContext context;
  context.communicator = *comm;
  context.device = (*comm)->rank();
  context.deviceCount = (*comm)->deviceCount();
  {
    ScopedDeviceContext scope(&context);
    callGenerated(invoke, buffers);
  }
  if (absl::Status root = (*comm)->abortStatus(); !root.ok())
    return root;
  return std::move(context.pending);
}

#endif // GENC_HAVE_MPI

} // namespace genc::runtime::detail

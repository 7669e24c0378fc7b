// Running entry points on several devices: the settings (device count,
// timeout), the runtime's pool of device threads, and runOnDevices.
#include "Spmd.h"

#include <dlfcn.h>
#include <pthread.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "Text.h"
#include "absl/strings/str_cat.h"
#include "genc/runtime/genc_collectives.h"

namespace genc::runtime {

// --- Settings ----------------------------------------------------------------

namespace {

std::atomic<int64_t> cpuDeviceOverride{0};
std::atomic<int64_t> timeoutOverrideMs{0};

constexpr int64_t kDefaultTimeoutMs = 300 * 1000;
// 10^12 ms (about 31 years) keeps deadlines far from clock overflow.
constexpr int64_t kMaxTimeoutMs = 1'000'000'000'000;

int64_t hardwareDevices() {
  unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : static_cast<int64_t>(n);
}

} // namespace

absl::StatusOr<int64_t> availableCpuDevices() {
  if (int64_t count = cpuDeviceOverride.load(); count > 0)
    return count;
  const char *env = std::getenv("GENC_CPU_DEVICES");
  if (!env)
    return hardwareDevices();
  std::string_view text = text::trim(env);
  int64_t value = 0;
  auto [end, ec] =
      std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() ||
      value < 1 || text.front() == '+' || text.front() == '-')
    return absl::InvalidArgumentError(absl::StrCat(
        "GENC_CPU_DEVICES must be a positive integer, got '", env, "'"));
  return value;
}

int64_t cpuDeviceCount() {
  absl::StatusOr<int64_t> count = availableCpuDevices();
  return count.ok() ? *count : hardwareDevices();
}

void setCpuDeviceCount(int64_t count) {
  cpuDeviceOverride.store(count > 0 ? count : 0);
}

absl::StatusOr<std::chrono::milliseconds> collectiveTimeout() {
  if (int64_t ms = timeoutOverrideMs.load(); ms > 0)
    return std::chrono::milliseconds(ms);
  const char *env = std::getenv("GENC_COLLECTIVE_TIMEOUT_S");
  if (!env)
    return std::chrono::milliseconds(kDefaultTimeoutMs);
  std::string_view text = text::trim(env);
  double seconds = 0;
  auto [end, ec] =
      std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() ||
      !std::isfinite(seconds) || seconds <= 0)
    return absl::InvalidArgumentError(
        absl::StrCat("GENC_COLLECTIVE_TIMEOUT_S must be a positive number of "
                     "seconds, got '",
                     env, "'"));
  double ms = std::ceil(seconds * 1000.0);
  return std::chrono::milliseconds(static_cast<int64_t>(
      std::clamp(ms, 1.0, static_cast<double>(kMaxTimeoutMs))));
}

void setCollectiveTimeout(std::chrono::milliseconds timeout) {
  int64_t ms = timeout.count();
  timeoutOverrideMs.store(ms > 0 ? std::min(ms, kMaxTimeoutMs) : 0);
}

namespace detail {

// --- Keeping the runtime loaded and its symbols global ----------------------

namespace {

/// dlopen()s the runtime library itself again with extra flags (the
/// reference is never released, so it also stays loaded).
void reopenSelf(int flags) {
  Dl_info info;
  if (!::dladdr(reinterpret_cast<void *>(&genc_rt_all_reduce), &info) ||
      !info.dli_fname)
    return;
  // Fails harmlessly (null) when the runtime is linked into the executable.
  (void)::dlopen(info.dli_fname, RTLD_LAZY | RTLD_NOLOAD | flags);
}

} // namespace

void exportRuntimeSymbols() {
  static std::once_flag once;
  std::call_once(once, [] { reopenSelf(RTLD_GLOBAL | RTLD_NODELETE); });
}

// --- The pool of device threads
// -------------------------------------------------

namespace {

/// Counts down to zero; wait() returns once it has.
class Latch {
public:
  explicit Latch(int64_t count) : count_(count) {}
  void countDown() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (--count_ == 0)
      done_.notify_all(); // Under the lock: the waiter may destroy us next.
  }
  void wait() {
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, [&] { return count_ == 0; });
  }

private:
  std::mutex mutex_;
  std::condition_variable done_;
  int64_t count_;
};

class Pool;

/// One pooled thread. It runs one job at a time; between jobs it waits on
/// its own condition variable in the pool's idle list.
struct Worker {
  Pool *pool = nullptr;
  std::mutex mutex;
  std::condition_variable wake;
  void (*job)(void *) = nullptr;
  void *jobArg = nullptr;
  Latch *done = nullptr;
};

/// Threads for devices 1..N-1 of multi-device calls. A call takes N-1 idle
/// threads (starting new ones when too few are idle: concurrent calls never
/// wait for each other), and each returns to the idle list when its device
/// finishes. At most kMaxIdle idle threads are kept. The pool is never
/// destroyed (its threads block until the process exits); a forked child
/// starts with a new, empty pool.
class Pool {
public:
  static Pool &get();

  /// Takes `count` workers, starting threads as needed.
  absl::Status acquire(int64_t count, std::vector<Worker *> &workers);
  /// Gives unused workers back.
  void giveBack(const std::vector<Worker *> &workers);
  static void start(Worker *worker, void (*job)(void *), void *arg,
                    Latch *done);

private:
  static constexpr size_t kMaxIdle = 256;
  static void *threadMain(void *arg);
  absl::Status startThread(Worker *&worker);

  std::mutex mutex_;
  std::vector<Worker *> idle_;
};

std::atomic<Pool *> thePool{nullptr};

Pool &Pool::get() {
  Pool *pool = thePool.load(std::memory_order_acquire);
  if (pool)
    return *pool;
  static std::once_flag once;
  std::call_once(once, [] {
    // Device threads run code of this library: it must never be unloaded.
    reopenSelf(RTLD_NODELETE);
    thePool.store(new Pool(), std::memory_order_release);
    // The child of a fork has none of the threads; leak the old pool (its
    // mutex may be locked) and start over.
    ::pthread_atfork(nullptr, nullptr, [] {
      thePool.store(new Pool(), std::memory_order_release);
    });
  });
  return *thePool.load(std::memory_order_acquire);
}

absl::Status Pool::startThread(Worker *&worker) {
  worker = new (std::nothrow) Worker();
  if (!worker)
    return absl::ResourceExhaustedError("out of memory");
  worker->pool = this;
  pthread_attr_t attr;
  if (::pthread_attr_init(&attr) != 0) {
    delete worker;
    return absl::ResourceExhaustedError("pthread_attr_init failed");
  }
  // The stack the main thread gets (compiled code may use the stack for
  // temporaries), at least 8 MiB and at most 1 GiB.
  size_t stack = size_t{8} << 20;
  struct rlimit limit;
  if (::getrlimit(RLIMIT_STACK, &limit) == 0 &&
      limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur > stack &&
      limit.rlim_cur <= (size_t{1} << 30))
    stack = static_cast<size_t>(limit.rlim_cur);
  ::pthread_attr_setstacksize(&attr, stack);
  ::pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_t thread;
  int error = ::pthread_create(&thread, &attr, &Pool::threadMain, worker);
  ::pthread_attr_destroy(&attr);
  if (error != 0) {
    delete worker;
    worker = nullptr;
    return absl::ResourceExhaustedError(
        absl::StrCat("cannot start a device thread: ", std::strerror(error)));
  }
  return absl::OkStatus();
}

absl::Status Pool::acquire(int64_t count, std::vector<Worker *> &workers) {
  workers.clear();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    while (static_cast<int64_t>(workers.size()) < count && !idle_.empty()) {
      workers.push_back(idle_.back());
      idle_.pop_back();
    }
  }
  while (static_cast<int64_t>(workers.size()) < count) {
    Worker *worker = nullptr;
    if (absl::Status s = startThread(worker); !s.ok()) {
      giveBack(workers);
      workers.clear();
      return s;
    }
    workers.push_back(worker);
  }
  return absl::OkStatus();
}

void Pool::giveBack(const std::vector<Worker *> &workers) {
  std::lock_guard<std::mutex> lock(mutex_);
  idle_.insert(idle_.end(), workers.begin(), workers.end());
}

void Pool::start(Worker *worker, void (*job)(void *), void *arg, Latch *done) {
  std::lock_guard<std::mutex> lock(worker->mutex);
  worker->job = job;
  worker->jobArg = arg;
  worker->done = done;
  worker->wake.notify_one();
}

void *Pool::threadMain(void *arg) {
  Worker *worker = static_cast<Worker *>(arg);
  while (true) {
    void (*job)(void *);
    void *jobArg;
    Latch *done;
    {
      std::unique_lock<std::mutex> lock(worker->mutex);
      worker->wake.wait(lock, [&] { return worker->job != nullptr; });
      job = worker->job;
      jobArg = worker->jobArg;
      done = worker->done;
      worker->job = nullptr;
    }
    job(jobArg);
    // Back to the idle list before the call hears that this device is done,
    // so that the next call finds this thread instead of starting another.
    bool keep;
    {
      Pool *pool = worker->pool;
      std::lock_guard<std::mutex> lock(pool->mutex_);
      keep = pool->idle_.size() < kMaxIdle;
      if (keep)
        pool->idle_.push_back(worker);
    }
    done->countDown();
    if (!keep) {
      delete worker;
      return nullptr;
    }
  }
}

struct DeviceJob {
  DeviceInvokeFn invoke;
  void **buffers;
  DeviceContext *context;
};

void runDevice(void *arg) {
  DeviceJob &job = *static_cast<DeviceJob *>(arg);
  {
    ScopedDeviceContext scope(job.context);
    callGenerated(job.invoke, job.buffers);
  }
  job.context->communicator->deviceFinished(job.context->device);
}

} // namespace

absl::Status runOnOneDevice(DeviceInvokeFn invoke, void **buffers) {
  DeviceContext context;
  {
    ScopedDeviceContext scope(&context);
    callGenerated(invoke, buffers);
  }
  return std::move(context.pending);
}

absl::Status runOnDevices(DeviceInvokeFn invoke,
                          absl::Span<void **const> buffers,
                          std::chrono::milliseconds timeout) {
  const int64_t devices = static_cast<int64_t>(buffers.size());
  if (devices <= 1)
    return devices == 1 ? runOnOneDevice(invoke, buffers[0])
                        : absl::InvalidArgumentError("no devices to run on");
  InProcessCommunicator communicator(devices, timeout);
  std::vector<DeviceContext> contexts(devices);
  std::vector<DeviceJob> jobs(devices);
  for (int64_t d = 0; d < devices; ++d) {
    contexts[d].communicator = &communicator;
    contexts[d].device = d;
    contexts[d].deviceCount = devices;
    jobs[d] = DeviceJob{invoke, buffers[d], &contexts[d]};
  }
  Pool &pool = Pool::get();
  std::vector<Worker *> workers;
  if (absl::Status s = pool.acquire(devices - 1, workers); !s.ok())
    return absl::Status(s.code(), absl::StrCat("cannot run on ", devices,
                                               " devices: ", s.message()));
  Latch done(devices - 1);
  for (int64_t d = 1; d < devices; ++d)
    Pool::start(workers[d - 1], &runDevice, &jobs[d], &done);
  runDevice(&jobs[0]);
  done.wait();

  if (absl::Status root = communicator.abortStatus(); !root.ok())
    return root;
  for (DeviceContext &context : contexts)
    if (!context.pending.ok())
      return context.pending;
  return absl::OkStatus();
}

} // namespace detail
} // namespace genc::runtime

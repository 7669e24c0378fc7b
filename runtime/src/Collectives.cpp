// Collectives: argument checks, the math, the in-process communicator, the
// per-thread device context and the genc_rt_* C entry points.
#include "genc/runtime/Collectives.h"

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <type_traits>
#include <vector>

#include "Spmd.h"
#include "absl/strings/str_cat.h"
#include "genc/runtime/Buffer.h"
#include "genc/runtime/genc_collectives.h"

namespace genc::runtime {

const char *collectiveKindName(CollectiveKind kind) {
  switch (kind) {
  case CollectiveKind::AllReduce:
    return "all_reduce";
  case CollectiveKind::AllGather:
    return "all_gather";
  case CollectiveKind::ReduceScatter:
    return "reduce_scatter";
  case CollectiveKind::AllToAll:
    return "all_to_all";
  case CollectiveKind::CollectivePermute:
    return "collective_permute";
  }
  return "unknown collective";
}

Communicator::~Communicator() = default;

namespace {

constexpr int32_t kNumDTypes = 9;
constexpr int32_t kNumReduceOps = 4;

bool isReduction(CollectiveKind kind) {
  return kind == CollectiveKind::AllReduce ||
         kind == CollectiveKind::ReduceScatter;
}

bool isPermute(CollectiveKind kind) {
  return kind == CollectiveKind::CollectivePermute;
}

const char *reduceOpName(int32_t op) {
  switch (op) {
  case 0:
    return "sum";
  case 1:
    return "max";
  case 2:
    return "min";
  case 3:
    return "product";
  }
  return "unknown";
}

std::string whereOf(const CollectiveArgs &args) {
  if (args.where && *args.where)
    return args.where;
  return absl::StrCat("genc.", collectiveKindName(args.kind));
}

std::string plural(int64_t count, const char *word) {
  return absl::StrCat(count, " ", word, count == 1 ? "" : "s");
}

/// "[[0, 1], [2, 3]]"; long tables are cut after 64 entries.
std::string formatTable(const int64_t *table, int64_t rows, int64_t cols) {
  std::string out = "[";
  int64_t shown = 0;
  for (int64_t r = 0; r < rows; ++r) {
    if (r > 0)
      out += ", ";
    if (shown >= 64) {
      out += "...";
      break;
    }
    out += "[";
    for (int64_t c = 0; c < cols; ++c, ++shown)
      absl::StrAppend(&out, c > 0 ? ", " : "", table[r * cols + c]);
    out += "]";
  }
  out += "]";
  return out;
}

/// `count`, times the group size when `perMember` (0 for a bad count or on
/// overflow).
int64_t elements(const CollectiveArgs &args, bool perMember) {
  if (args.count < 0)
    return 0;
  if (!perMember)
    return args.count;
  if (args.groupSize < 1 || args.count > INT64_MAX / args.groupSize)
    return 0;
  return args.count * args.groupSize;
}

/// Elements of `in` the collective reads on every device (0 when unknown).
int64_t inputElements(const CollectiveArgs &args) {
  return elements(args, args.kind == CollectiveKind::ReduceScatter ||
                            args.kind == CollectiveKind::AllToAll);
}

/// The row of `device` in a checked group table, and its position there.
void findInGroups(const CollectiveArgs &args, int64_t device, int64_t &row,
                  int64_t &position) {
  row = 0;
  position = 0;
  for (int64_t i = 0; i < args.numGroups * args.groupSize; ++i)
    if (args.groups[i] == device) {
      row = i / args.groupSize;
      position = i % args.groupSize;
      return;
    }
}

} // namespace

int64_t collectiveOutputElements(const CollectiveArgs &args) {
  return elements(args, args.kind == CollectiveKind::AllGather ||
                            args.kind == CollectiveKind::AllToAll);
}

absl::Status checkCollectiveArgs(const CollectiveArgs &args, int64_t device,
                                 int64_t deviceCount) {
  auto fail = [&](const std::string &message) {
    return absl::InvalidArgumentError(
        absl::StrCat(whereOf(args), ": ", message));
  };
  if (args.dtype < 0 || args.dtype >= kNumDTypes)
    return fail(absl::StrCat("unknown dtype code ", args.dtype));
  const DType dtype = static_cast<DType>(args.dtype);
  if (args.count < 0)
    return fail(absl::StrCat("negative element count ", args.count));
  if (isReduction(args.kind)) {
    if (args.op < 0 || args.op >= kNumReduceOps)
      return fail(absl::StrCat("unknown reduction op ", args.op,
                               " (0 sum, 1 max, 2 min, 3 product)"));
    if (dtype == DType::I1 && args.op == 0)
      return fail("sum is not supported for i1 (max is or, min is and)");
  }

  // Tables up to this many entries are read (to name the bad entry);
  // bigger ones cannot be valid anyway (no device may appear twice).
  constexpr int64_t kMaxTableEntries = int64_t{1} << 16;
  auto onDevices = [&] {
    return absl::StrCat("the call runs on ", plural(deviceCount, "device"));
  };
  if (isPermute(args.kind)) {
    if (args.numGroups < 0)
      return fail(absl::StrCat("negative number of pairs ", args.numGroups));
    if (args.numGroups > kMaxTableEntries)
      return fail(absl::StrCat(args.numGroups, " source-target pairs, but ",
                               onDevices()));
    if (args.numGroups > 0 && !args.groups)
      return fail("null source-target pair table");
    auto table = [&] { return formatTable(args.groups, args.numGroups, 2); };
    std::vector<bool> source(deviceCount), target(deviceCount);
    for (int64_t p = 0; p < args.numGroups; ++p) {
      int64_t s = args.groups[2 * p], t = args.groups[2 * p + 1];
      for (int64_t d : {s, t})
        if (d < 0 || d >= deviceCount)
          return fail(absl::StrCat("source-target pairs ", table(),
                                   " name device ", d, ", but ", onDevices()));
      if (source[s])
        return fail(absl::StrCat("device ", s,
                                 " is the source of two pairs in ", table()));
      if (target[t])
        return fail(absl::StrCat("device ", t,
                                 " is the target of two pairs in ", table()));
      source[s] = target[t] = true;
    }
  } else {
    if (args.numGroups < 1 || args.groupSize < 1)
      return fail(absl::StrCat("empty group table (num_groups ", args.numGroups,
                               ", group_size ", args.groupSize, ")"));
    if (args.numGroups > kMaxTableEntries / args.groupSize)
      return fail(absl::StrCat("a group table of ", args.numGroups, "x",
                               args.groupSize, " devices, but ", onDevices()));
    if (!args.groups)
      return fail("null group table");
    auto table = [&] {
      return formatTable(args.groups, args.numGroups, args.groupSize);
    };
    std::vector<bool> seen(deviceCount);
    bool found = false;
    for (int64_t i = 0; i < args.numGroups * args.groupSize; ++i) {
      int64_t d = args.groups[i];
      if (d < 0 || d >= deviceCount)
        return fail(absl::StrCat("group table ", table(), " names device ", d,
                                 ", but ", onDevices()));
      if (seen[d])
        return fail(absl::StrCat("device ", d, " appears twice in group table ",
                                 table()));
      seen[d] = true;
      found |= d == device;
    }
    if (!found)
      return fail(
          absl::StrCat("device ", device, " is in no group of ", table()));
  }

  // Sizes: everything the collective touches stays below the buffer limit.
  const uint64_t maxElements = kMaxBufferBytes / dtypeSize(dtype);
  uint64_t count = static_cast<uint64_t>(args.count);
  uint64_t factor = (args.kind == CollectiveKind::CollectivePermute ||
                     args.kind == CollectiveKind::AllReduce)
                        ? 1
                        : static_cast<uint64_t>(args.groupSize);
  if (count > maxElements / factor)
    return fail(absl::StrCat("element count ", args.count,
                             " is too large (more than 2^40 bytes)"));
  if (count > 0) {
    if (!args.in)
      return fail("null input pointer");
    if (!args.out)
      return fail("null output pointer");
  }
  return absl::OkStatus();
}

namespace {

// --- The math ----------------------------------------------------------------

template <class T> T addWrap(T a, T b) {
  if constexpr (std::is_floating_point_v<T>)
    return a + b;
  else {
    using U = std::make_unsigned_t<T>;
    return static_cast<T>(
        static_cast<U>(static_cast<U>(a) + static_cast<U>(b)));
  }
}

template <class T> T mulWrap(T a, T b) {
  if constexpr (std::is_floating_point_v<T>)
    return a * b;
  else {
    using U = std::make_unsigned_t<T>;
    // uint64_t keeps narrow types from promoting to (overflowing) int.
    return static_cast<T>(
        static_cast<U>(static_cast<uint64_t>(static_cast<U>(a)) *
                       static_cast<uint64_t>(static_cast<U>(b))));
  }
}

template <class T> T maxOf(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(a))
      return a;
    if (std::isnan(b))
      return b;
  }
  return a < b ? b : a;
}

template <class T> T minOf(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(a))
      return a;
    if (std::isnan(b))
      return b;
  }
  return b < a ? b : a;
}

template <class T, class F>
void reduceWith(T *out, const void *const *ins, int64_t members, int64_t count,
                F combine) {
  const T *first = static_cast<const T *>(ins[0]);
  if (out != first)
    std::memmove(out, first, static_cast<size_t>(count) * sizeof(T));
  for (int64_t g = 1; g < members; ++g) {
    const T *in = static_cast<const T *>(ins[g]);
    for (int64_t i = 0; i < count; ++i)
      out[i] = combine(out[i], in[i]);
  }
}

template <class T>
void reduceTyped(int32_t op, void *out, const void *const *ins, int64_t members,
                 int64_t count) {
  T *o = static_cast<T *>(out);
  switch (op) {
  case 0:
    return reduceWith<T>(o, ins, members, count, addWrap<T>);
  case 1:
    return reduceWith<T>(o, ins, members, count, maxOf<T>);
  case 2:
    return reduceWith<T>(o, ins, members, count, minOf<T>);
  default:
    return reduceWith<T>(o, ins, members, count, mulWrap<T>);
  }
}

/// f16/bf16: every element is combined in f32 in member order, then rounded
/// once.
void reduceHalf(bool bf16, int32_t op, void *out, const void *const *ins,
                int64_t members, int64_t count) {
  auto load = [bf16](uint16_t bits) {
    return bf16 ? bf16ToFloat(bits) : halfToFloat(bits);
  };
  uint16_t *o = static_cast<uint16_t *>(out);
  for (int64_t i = 0; i < count; ++i) {
    float acc = load(static_cast<const uint16_t *>(ins[0])[i]);
    for (int64_t g = 1; g < members; ++g) {
      float v = load(static_cast<const uint16_t *>(ins[g])[i]);
      switch (op) {
      case 0:
        acc += v;
        break;
      case 1:
        acc = maxOf(acc, v);
        break;
      case 2:
        acc = minOf(acc, v);
        break;
      default:
        acc *= v;
        break;
      }
    }
    o[i] = bf16 ? floatToBf16(acc) : floatToHalf(acc);
  }
}

/// i1: max is or, min and product are and; the result is 0 or 1.
void reduceBool(int32_t op, void *out, const void *const *ins, int64_t members,
                int64_t count) {
  uint8_t *o = static_cast<uint8_t *>(out);
  for (int64_t i = 0; i < count; ++i) {
    bool acc = static_cast<const uint8_t *>(ins[0])[i] != 0;
    for (int64_t g = 1; g < members; ++g) {
      bool v = static_cast<const uint8_t *>(ins[g])[i] != 0;
      acc = op == 1 ? (acc || v) : (acc && v);
    }
    o[i] = acc ? 1 : 0;
  }
}

/// out[i] = op over g of ins[g][i], combining in member order.
void reduce(DType dtype, int32_t op, void *out, const void *const *ins,
            int64_t members, int64_t count) {
  switch (dtype) {
  case DType::F32:
    return reduceTyped<float>(op, out, ins, members, count);
  case DType::F64:
    return reduceTyped<double>(op, out, ins, members, count);
  case DType::F16:
    return reduceHalf(false, op, out, ins, members, count);
  case DType::BF16:
    return reduceHalf(true, op, out, ins, members, count);
  case DType::I1:
    return reduceBool(op, out, ins, members, count);
  case DType::I8:
    return reduceTyped<int8_t>(op, out, ins, members, count);
  case DType::I32:
    return reduceTyped<int32_t>(op, out, ins, members, count);
  case DType::I64:
    return reduceTyped<int64_t>(op, out, ins, members, count);
  case DType::U8:
    return reduceTyped<uint8_t>(op, out, ins, members, count);
  }
}

/// Computes `device`'s output of a checked collective into `out`, reading
/// device e's input at inputs[e].
void compute(const CollectiveArgs &args, int64_t device,
             const void *const *inputs, void *out) {
  const DType dtype = static_cast<DType>(args.dtype);
  const size_t size = dtypeSize(dtype);
  const size_t chunk = static_cast<size_t>(args.count) * size;
  auto *o = static_cast<unsigned char *>(out);
  if (isPermute(args.kind)) {
    for (int64_t p = 0; p < args.numGroups; ++p)
      if (args.groups[2 * p + 1] == device) {
        if (chunk > 0)
          std::memmove(o, inputs[args.groups[2 * p]], chunk);
        return;
      }
    if (chunk > 0)
      std::memset(o, 0, chunk);
    return;
  }
  if (chunk == 0)
    return;
  int64_t row, r;
  findInGroups(args, device, row, r);
  const int64_t *members = args.groups + row * args.groupSize;
  auto in = [&](int64_t g, size_t offset) {
    return static_cast<const unsigned char *>(inputs[members[g]]) + offset;
  };
  switch (args.kind) {
  case CollectiveKind::AllReduce:
  case CollectiveKind::ReduceScatter: {
    size_t offset = args.kind == CollectiveKind::ReduceScatter
                        ? static_cast<size_t>(r) * chunk
                        : 0;
    std::vector<const void *> ins(static_cast<size_t>(args.groupSize));
    for (int64_t g = 0; g < args.groupSize; ++g)
      ins[g] = in(g, offset);
    reduce(dtype, args.op, out, ins.data(), args.groupSize, args.count);
    return;
  }
  case CollectiveKind::AllGather:
    for (int64_t g = 0; g < args.groupSize; ++g)
      std::memmove(o + g * chunk, in(g, 0), chunk);
    return;
  case CollectiveKind::AllToAll:
    for (int64_t j = 0; j < args.groupSize; ++j)
      std::memmove(o + j * chunk, in(j, static_cast<size_t>(r) * chunk), chunk);
    return;
  case CollectiveKind::CollectivePermute:
    return;
  }
}

bool overlaps(const void *a, size_t aBytes, const void *b, size_t bBytes) {
  if (aBytes == 0 || bBytes == 0 || !a || !b)
    return false;
  auto x = reinterpret_cast<uintptr_t>(a), y = reinterpret_cast<uintptr_t>(b);
  return x < y + bBytes && y < x + aBytes;
}

/// Storage for an output that overlaps an input some device still reads:
/// computed here, copied to `out` once every device is done reading.
class Staging {
public:
  ~Staging() { std::free(data_); }
  absl::Status init(const CollectiveArgs &args, const void *const *inputs,
                    int64_t deviceCount, const CollectiveArgs *const *all) {
    bytes_ = static_cast<size_t>(collectiveOutputElements(args)) *
             dtypeSize(static_cast<DType>(args.dtype));
    bool clash = false;
    for (int64_t e = 0; e < deviceCount && !clash; ++e) {
      size_t inBytes = static_cast<size_t>(inputElements(*all[e])) *
                       dtypeSize(static_cast<DType>(all[e]->dtype));
      clash = overlaps(args.out, bytes_, inputs[e], inBytes);
    }
    if (!clash)
      return absl::OkStatus();
    data_ = std::malloc(bytes_);
    if (!data_)
      return absl::ResourceExhaustedError(absl::StrCat(
          whereOf(args), ": out of memory (", bytes_, " bytes of staging)"));
    return absl::OkStatus();
  }
  /// Where to compute the output.
  void *target(void *out) const { return data_ ? data_ : out; }
  void finish(void *out) const {
    if (data_)
      std::memcpy(out, data_, bytes_);
  }

private:
  void *data_ = nullptr;
  size_t bytes_ = 0;
};

// --- Agreement between devices ----------------------------------------------

std::string describeField(const CollectiveArgs &a, int field) {
  switch (field) {
  case 0:
    return absl::StrCat("count ", a.count);
  case 1:
    return absl::StrCat("dtype ",
                        std::string(dtypeName(static_cast<DType>(a.dtype))));
  case 2:
    return absl::StrCat("op ", reduceOpName(a.op));
  default:
    return isPermute(a.kind)
               ? absl::StrCat("pairs ", formatTable(a.groups, a.numGroups, 2))
               : absl::StrCat("groups ",
                              formatTable(a.groups, a.numGroups, a.groupSize));
  }
}

bool sameTable(const CollectiveArgs &a, const CollectiveArgs &b) {
  if (a.numGroups != b.numGroups || a.groupSize != b.groupSize)
    return false;
  int64_t n = a.numGroups * a.groupSize;
  return n == 0 || a.groups == b.groups ||
         std::memcmp(a.groups, b.groups, static_cast<size_t>(n) * 8) == 0;
}

/// Empty when device `d` (args a) agrees with device 0 (args b), else the
/// message. Both have passed checkCollectiveArgs.
std::string disagreement(const CollectiveArgs &a, int64_t d,
                         const CollectiveArgs &b) {
  if (a.kind != b.kind)
    return absl::StrCat("device ", d, " is at ", whereOf(a),
                        " while device 0 is at ", whereOf(b));
  int field = -1;
  if (a.count != b.count)
    field = 0;
  else if (a.dtype != b.dtype)
    field = 1;
  else if (isReduction(a.kind) && a.op != b.op)
    field = 2;
  else if (!sameTable(a, b))
    field = 3;
  if (field < 0)
    return "";
  return absl::StrCat("device ", d, " is at ", whereOf(a), " with ",
                      describeField(a, field), " while device 0 is at ",
                      whereOf(b), " with ", describeField(b, field));
}

std::string deviceList(const std::vector<int64_t> &devices) {
  std::string out;
  for (size_t i = 0; i < devices.size(); ++i)
    absl::StrAppend(&out, i > 0 ? ", " : "", devices[i]);
  return out;
}

std::string formatSeconds(std::chrono::milliseconds ms) {
  return absl::StrCat(static_cast<double>(ms.count()) / 1000.0, " s");
}

} // namespace

// --- InProcessCommunicator
// -----------------------------------------------------

// Every device counts the barriers it has entered (two per collective:
// "arrive", after publishing its arguments, and "depart", after computing
// its output). Barrier k is complete when every device has entered it.
// The arrive barrier can fail (timeout, a finished device, abort); once it
// is complete every device computes and enters the depart barrier, which
// therefore always completes and is waited for without a timeout: a
// device's input must not be released while another device reads it.
struct InProcessCommunicator::State {
  struct Slot {
    CollectiveArgs args;
    absl::Status local; // checkCollectiveArgs, prefixed with the device
  };

  State(int64_t n, std::chrono::milliseconds t)
      : devices(n), timeout(t), entered(n, 0), finished(n, false), slots(n) {}

  bool complete(int64_t barrier) const {
    for (int64_t e : entered)
      if (e <= barrier)
        return false;
    return true;
  }
  bool finishedMissing(int64_t barrier) const {
    for (int64_t e = 0; e < devices; ++e)
      if (entered[e] <= barrier && finished[e])
        return true;
    return false;
  }
  std::vector<int64_t> missing(int64_t barrier, bool onlyFinished) const {
    std::vector<int64_t> out;
    for (int64_t e = 0; e < devices; ++e)
      if (entered[e] <= barrier && (!onlyFinished || finished[e]))
        out.push_back(e);
    return out;
  }
  void abortLocked(const absl::Status &status) {
    if (abort.ok())
      abort = status;
    wake.notify_all();
  }
  /// Enters the next barrier; returns its index.
  int64_t enterLocked(int64_t device) {
    int64_t barrier = entered[device]++;
    if (complete(barrier))
      wake.notify_all();
    return barrier;
  }

  const int64_t devices;
  const std::chrono::milliseconds timeout;
  mutable std::mutex mutex;
  std::condition_variable wake;
  std::vector<int64_t> entered;
  std::vector<bool> finished;
  std::vector<Slot> slots;
  absl::Status abort; // the root cause once aborted
};

InProcessCommunicator::InProcessCommunicator(int64_t deviceCount,
                                             std::chrono::milliseconds timeout)
    : state_(std::make_unique<State>(std::max<int64_t>(deviceCount, 1),
                                     timeout)) {}

InProcessCommunicator::~InProcessCommunicator() = default;

int64_t InProcessCommunicator::deviceCount() const { return state_->devices; }

absl::Status InProcessCommunicator::abortStatus() const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  return state_->abort;
}

void InProcessCommunicator::deviceFinished(int64_t device) {
  State &s = *state_;
  std::lock_guard<std::mutex> lock(s.mutex);
  if (device >= 0 && device < s.devices)
    s.finished[device] = true;
  s.wake.notify_all();
}

absl::Status InProcessCommunicator::run(int64_t device,
                                        const CollectiveArgs &args) {
  State &s = *state_;
  const std::string prefix = absl::StrCat("device ", device, ": ");
  if (device < 0 || device >= s.devices)
    return absl::InvalidArgumentError(
        absl::StrCat(prefix, whereOf(args), ": no such device in a call on ",
                     plural(s.devices, "device")));
  absl::Status local = checkCollectiveArgs(args, device, s.devices);
  if (!local.ok())
    local = absl::Status(local.code(), absl::StrCat(prefix, local.message()));
  auto aborted = [&] {
    return absl::AbortedError(
        absl::StrCat(prefix, whereOf(args), " aborted: ", s.abort.message()));
  };

  // Arrive: publish the arguments and wait for every device.
  {
    std::unique_lock<std::mutex> lock(s.mutex);
    if (!s.abort.ok())
      return local.ok() ? aborted() : local;
    s.slots[device] = State::Slot{args, local};
    const int64_t barrier = s.enterLocked(device);
    const auto deadline = std::chrono::steady_clock::now() + s.timeout;
    auto ready = [&] {
      return s.complete(barrier) || !s.abort.ok() || s.finishedMissing(barrier);
    };
    s.wake.wait_until(lock, deadline, ready);
    if (!s.complete(barrier)) {
      if (!s.abort.ok())
        return local.ok() ? aborted() : local;
      // Abort even if the message cannot be allocated, or the others could
      // complete the barrier and then wait for this device forever.
      const bool finished = s.finishedMissing(barrier);
      absl::Status error(finished ? absl::StatusCode::kFailedPrecondition
                                  : absl::StatusCode::kDeadlineExceeded,
                         "");
      try {
        if (finished) {
          std::vector<int64_t> gone = s.missing(barrier, /*onlyFinished=*/true);
          error = absl::FailedPreconditionError(
              absl::StrCat(prefix, whereOf(args), ": ",
                           gone.size() == 1 ? "device " : "devices ",
                           deviceList(gone), " finished without reaching it"));
        } else {
          error = absl::DeadlineExceededError(absl::StrCat(
              prefix, whereOf(args), " timed out after ",
              formatSeconds(s.timeout), " waiting for device(s) ",
              deviceList(s.missing(barrier, /*onlyFinished=*/false))));
        }
      } catch (...) {
      }
      s.abortLocked(error);
      return local.ok() ? error : local;
    }
  }

  // Every device has published; until the depart barrier completes, no
  // slot changes. Every device reaches the same verdict: the first device's
  // own argument error, else the first disagreement with device 0.
  absl::Status failure;    // what went wrong in this collective
  bool ownFailure = false; // failure is this device's own problem
  Staging staging;
  // Nothing may keep this device from the depart barrier below (the others
  // wait there for it), not even an allocation failure.
  try {
    std::vector<const CollectiveArgs *> all(s.devices);
    for (int64_t e = 0; e < s.devices; ++e)
      all[e] = &s.slots[e].args;
    for (int64_t e = 0; e < s.devices && failure.ok(); ++e)
      if (!s.slots[e].local.ok())
        failure = s.slots[e].local;
    for (int64_t e = 1; e < s.devices && failure.ok(); ++e) {
      std::string mismatch = disagreement(*all[e], e, *all[0]);
      if (!mismatch.empty()) {
        failure = absl::FailedPreconditionError(mismatch);
        ownFailure = true; // every device reports the mismatch itself
      }
    }
    if (failure.ok()) {
      std::vector<const void *> inputs(s.devices);
      for (int64_t e = 0; e < s.devices; ++e)
        inputs[e] = all[e]->in;
      failure = staging.init(args, inputs.data(), s.devices, all.data());
      if (failure.ok())
        compute(args, device, inputs.data(), staging.target(args.out));
      else {
        failure = absl::Status(failure.code(),
                               absl::StrCat(prefix, failure.message()));
        ownFailure = true;
      }
    }
  } catch (...) {
    failure = absl::ResourceExhaustedError("out of memory");
    ownFailure = true;
  }
  if (!failure.ok()) {
    std::lock_guard<std::mutex> lock(s.mutex);
    s.abortLocked(failure);
  }

  // Depart: wait until every device is done reading the inputs.
  {
    std::unique_lock<std::mutex> lock(s.mutex);
    const int64_t barrier = s.enterLocked(device);
    s.wake.wait(lock, [&] { return s.complete(barrier); });
  }
  if (!local.ok())
    return local;
  if (!failure.ok())
    return ownFailure
               ? failure
               : absl::AbortedError(absl::StrCat(
                     prefix, whereOf(args), " aborted: ", failure.message()));
  staging.finish(args.out);
  return absl::OkStatus();
}

// --- Device context
// -------------------------------------------------------------

namespace detail {

namespace {
thread_local DeviceContext defaultContext;
thread_local DeviceContext *currentContext = nullptr;
} // namespace

DeviceContext &currentDeviceContext() {
  return currentContext ? *currentContext : defaultContext;
}

ScopedDeviceContext::ScopedDeviceContext(DeviceContext *context)
    : previous_(currentContext) {
  currentContext = context;
}

ScopedDeviceContext::~ScopedDeviceContext() { currentContext = previous_; }

} // namespace detail

int64_t currentDeviceIndex() { return detail::currentDeviceContext().device; }

int64_t currentDeviceCount() {
  return detail::currentDeviceContext().deviceCount;
}

absl::Status takePendingCollectiveError() {
  detail::DeviceContext &context = detail::currentDeviceContext();
  absl::Status status = std::move(context.pending);
  context.pending = absl::OkStatus();
  return status;
}

namespace {

/// A collective outside a multi-device call: one device, so the only valid
/// group is {0} and the result is that member's math (a copy).
absl::Status runAlone(const CollectiveArgs &args) {
  if (absl::Status s = checkCollectiveArgs(args, 0, 1); !s.ok())
    return s;
  const void *inputs[1] = {args.in};
  return detail::computeCollective(args, 0, 1, inputs);
}

} // namespace

namespace detail {

absl::Status computeCollective(const CollectiveArgs &args, int64_t device,
                               int64_t deviceCount,
                               const void *const *inputs) {
  std::vector<const CollectiveArgs *> all(static_cast<size_t>(deviceCount),
                                          &args);
  Staging staging;
  if (absl::Status s = staging.init(args, inputs, deviceCount, all.data());
      !s.ok())
    return s;
  compute(args, device, inputs, staging.target(args.out));
  staging.finish(args.out);
  return absl::OkStatus();
}

int64_t collectiveInputElements(const CollectiveArgs &args) {
  return inputElements(args);
}

std::string collectiveWhere(const CollectiveArgs &args) {
  return whereOf(args);
}

} // namespace detail

namespace {

void zeroFill(const CollectiveArgs &args) {
  if (!args.out || args.dtype < 0 || args.dtype >= kNumDTypes)
    return;
  uint64_t elements = static_cast<uint64_t>(collectiveOutputElements(args));
  size_t size = dtypeSize(static_cast<DType>(args.dtype));
  if (elements == 0 || elements > kMaxBufferBytes / size)
    return;
  std::memset(args.out, 0, static_cast<size_t>(elements) * size);
}

void runCollective(const CollectiveArgs &args) noexcept {
  detail::DeviceContext &context = detail::currentDeviceContext();
  absl::Status status;
  try {
    status = context.communicator
                 ? context.communicator->run(context.device, args)
                 : runAlone(args);
  } catch (...) {
    // Only allocation failures are possible; nothing may unwind into the
    // compiled code.
    status = absl::ResourceExhaustedError(
        absl::StrCat(whereOf(args), ": out of memory"));
  }
  if (status.ok())
    return;
  zeroFill(args);
  if (context.pending.ok())
    context.pending = std::move(status);
}

} // namespace

} // namespace genc::runtime

// --- C entry points
// ------------------------------------------------------------

using genc::runtime::CollectiveArgs;
using genc::runtime::CollectiveKind;

extern "C" {

int32_t genc_rt_device_index(void) {
  return static_cast<int32_t>(genc::runtime::currentDeviceIndex());
}

int32_t genc_rt_device_count(void) {
  return static_cast<int32_t>(genc::runtime::currentDeviceCount());
}

void genc_rt_all_reduce(const char *where, const void *in, void *out,
                        int64_t count, int32_t dtype, int32_t op,
                        const int64_t *groups, int64_t num_groups,
                        int64_t group_size) {
  genc::runtime::runCollective(CollectiveArgs{CollectiveKind::AllReduce, where,
                                              in, out, count, dtype, op, groups,
                                              num_groups, group_size});
}

void genc_rt_all_gather(const char *where, const void *in, void *out,
                        int64_t count, int32_t dtype, const int64_t *groups,
                        int64_t num_groups, int64_t group_size) {
  genc::runtime::runCollective(CollectiveArgs{CollectiveKind::AllGather, where,
                                              in, out, count, dtype, 0, groups,
                                              num_groups, group_size});
}

void genc_rt_reduce_scatter(const char *where, const void *in, void *out,
                            int64_t count, int32_t dtype, int32_t op,
                            const int64_t *groups, int64_t num_groups,
                            int64_t group_size) {
  genc::runtime::runCollective(CollectiveArgs{CollectiveKind::ReduceScatter,
                                              where, in, out, count, dtype, op,
                                              groups, num_groups, group_size});
}

void genc_rt_all_to_all(const char *where, const void *in, void *out,
                        int64_t count, int32_t dtype, const int64_t *groups,
                        int64_t num_groups, int64_t group_size) {
  genc::runtime::runCollective(CollectiveArgs{CollectiveKind::AllToAll, where,
                                              in, out, count, dtype, 0, groups,
                                              num_groups, group_size});
}

void genc_rt_collective_permute(const char *where, const void *in, void *out,
                                int64_t count, int32_t dtype,
                                const int64_t *pairs, int64_t num_pairs) {
  genc::runtime::runCollective(CollectiveArgs{CollectiveKind::CollectivePermute,
                                              where, in, out, count, dtype, 0,
                                              pairs, num_pairs, 2});
}

} // extern "C"

// Tests of multi-device (SPMD) calls and the genc_rt_* collectives: the
// math of every collective against a reference, subgroups, the device
// context, and the errors (bad arguments, disagreeing devices, a device that
// finishes early or sleeps past the timeout, too few devices, bad settings).
//
// The "compiled code" is hand-written invoke functions that call the C entry
// points, as generated code does.
#include "genc/runtime/Collectives.h"

#include <dirent.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

#include "TestUtil.h"
#include "genc/runtime/Module.h"
#include "genc/runtime/genc_collectives.h"
#include "genc/runtime/genc_runtime.h"
#include "gtest/gtest.h"

namespace genc::runtime {
namespace {

using testing::hasError;
using Clock = std::chrono::steady_clock;

constexpr int64_t kTestDevices = 8;

/// Sets up 8 CPU devices and a 60 s timeout (a bug fails instead of
/// hanging the suite), and restores the defaults afterwards.
class SpmdTest : public ::testing::Test {
protected:
  void SetUp() override {
    setCpuDeviceCount(kTestDevices);
    setCollectiveTimeout(std::chrono::seconds(60));
  }
  void TearDown() override {
    setCpuDeviceCount(0);
    setCollectiveTimeout(std::chrono::milliseconds(0));
  }
};

std::vector<int64_t> iota(int64_t n) {
  std::vector<int64_t> v(n);
  for (int64_t i = 0; i < n; ++i)
    v[i] = i;
  return v;
}

// --- A generic collective and its reference
// ------------------------------------

/// One collective that every device runs; the table is [numGroups][groupSize]
/// (pairs for a permute).
struct Case {
  CollectiveKind kind = CollectiveKind::AllReduce;
  DType dtype = DType::F32;
  int32_t op = 0;
  int64_t count = 5;
  std::vector<int64_t> groups;
  int64_t numGroups = 1;
  int64_t groupSize = 1;
  bool inPlace = false; // in == out (all_reduce, all_to_all)
};

std::string describe(const Case &c, int64_t devices) {
  std::string table;
  for (int64_t v : c.groups)
    table += std::to_string(v) + " ";
  return std::string(collectiveKindName(c.kind)) + " " +
         std::string(dtypeName(c.dtype)) + " op " + std::to_string(c.op) +
         " count " + std::to_string(c.count) + " on " +
         std::to_string(devices) + " devices, table " + table +
         (c.inPlace ? " in place" : "");
}

int64_t inElements(const Case &c) {
  return (c.kind == CollectiveKind::ReduceScatter ||
          c.kind == CollectiveKind::AllToAll)
             ? c.count * c.groupSize
             : c.count;
}

int64_t outElements(const Case &c) {
  return (c.kind == CollectiveKind::AllGather ||
          c.kind == CollectiveKind::AllToAll)
             ? c.count * c.groupSize
             : c.count;
}

/// Element i of device d's input: distinct per device and element, exact in
/// the dtype; the integer ones make sums and products wrap around.
void storeInput(DType dtype, void *data, int64_t d, int64_t i) {
  double f = (d + 1) * 0.5 * (i % 2 ? -1 : 1) + (i % 7) - 3;
  switch (dtype) {
  case DType::F32:
    static_cast<float *>(data)[i] = static_cast<float>(f);
    break;
  case DType::F64:
    static_cast<double *>(data)[i] = f / 3; // inexact: order matters
    break;
  case DType::F16:
    static_cast<uint16_t *>(data)[i] = floatToHalf(static_cast<float>(f));
    break;
  case DType::BF16:
    static_cast<uint16_t *>(data)[i] = floatToBf16(static_cast<float>(f));
    break;
  case DType::I1:
    static_cast<uint8_t *>(data)[i] = (d + i) % 3 == 0 ? 1 : 0;
    break;
  case DType::I8:
    static_cast<int8_t *>(data)[i] =
        static_cast<int8_t>((d * 37 + i * 11) % 256 - 128);
    break;
  case DType::U8:
    static_cast<uint8_t *>(data)[i] =
        static_cast<uint8_t>((d * 37 + i * 11 + 3) % 256);
    break;
  case DType::I32:
    static_cast<int32_t *>(data)[i] =
        static_cast<int32_t>((d + 1) * 700000001LL * (i % 2 ? -1 : 1) + i);
    break;
  case DType::I64:
    // (d + 1) * 3000000000000000001 * (+1, -1) + i, wrapped to 64 bits.
    static_cast<int64_t *>(data)[i] = static_cast<int64_t>(
        static_cast<uint64_t>(d + 1) * 3000000000000000001ULL *
            (i % 2 ? ~uint64_t{0} : 1) +
        static_cast<uint64_t>(i));
    break;
  }
}

std::vector<uint8_t> inputBytes(const Case &c, int64_t d) {
  std::vector<uint8_t> bytes(inElements(c) * dtypeSize(c.dtype));
  for (int64_t i = 0; i < inElements(c); ++i)
    storeInput(c.dtype, bytes.data(), d, i);
  return bytes;
}

template <class T> T refCombine(int32_t op, T a, T b) {
  if constexpr (std::is_integral_v<T>) {
    using U = std::make_unsigned_t<T>;
    switch (op) {
    case 0:
      return static_cast<T>(static_cast<U>(a) + static_cast<U>(b));
    case 3:
      return static_cast<T>(static_cast<uint64_t>(static_cast<U>(a)) *
                            static_cast<uint64_t>(static_cast<U>(b)));
    }
  } else {
    switch (op) {
    case 0:
      return a + b;
    case 3:
      return a * b;
    }
  }
  return op == 1 ? std::max(a, b) : std::min(a, b);
}

template <class T>
void refReduceTyped(int32_t op, const std::vector<const uint8_t *> &ins,
                    int64_t count, uint8_t *out) {
  for (int64_t i = 0; i < count; ++i) {
    T acc;
    std::memcpy(&acc, ins[0] + i * sizeof(T), sizeof(T));
    for (size_t g = 1; g < ins.size(); ++g) {
      T v;
      std::memcpy(&v, ins[g] + i * sizeof(T), sizeof(T));
      acc = refCombine(op, acc, v);
    }
    std::memcpy(out + i * sizeof(T), &acc, sizeof(T));
  }
}

void refReduce(DType dtype, int32_t op, const std::vector<const uint8_t *> &ins,
               int64_t count, uint8_t *out) {
  switch (dtype) {
  case DType::F32:
    return refReduceTyped<float>(op, ins, count, out);
  case DType::F64:
    return refReduceTyped<double>(op, ins, count, out);
  case DType::I8:
    return refReduceTyped<int8_t>(op, ins, count, out);
  case DType::U8:
    return refReduceTyped<uint8_t>(op, ins, count, out);
  case DType::I32:
    return refReduceTyped<int32_t>(op, ins, count, out);
  case DType::I64:
    return refReduceTyped<int64_t>(op, ins, count, out);
  case DType::I1:
    for (int64_t i = 0; i < count; ++i) {
      bool acc = ins[0][i] != 0;
      for (size_t g = 1; g < ins.size(); ++g)
        acc = op == 1 ? (acc || ins[g][i]) : (acc && ins[g][i]);
      out[i] = acc;
    }
    return;
  case DType::F16:
  case DType::BF16: {
    bool bf = dtype == DType::BF16;
    auto load = [&](const uint8_t *p, int64_t i) {
      uint16_t bits;
      std::memcpy(&bits, p + 2 * i, 2);
      return bf ? bf16ToFloat(bits) : halfToFloat(bits);
    };
    for (int64_t i = 0; i < count; ++i) {
      float acc = load(ins[0], i);
      for (size_t g = 1; g < ins.size(); ++g)
        acc = refCombine(op, acc, load(ins[g], i));
      uint16_t bits = bf ? floatToBf16(acc) : floatToHalf(acc);
      std::memcpy(out + 2 * i, &bits, 2);
    }
    return;
  }
  }
}

/// What device d must get.
std::vector<uint8_t> reference(const Case &c, int64_t devices, int64_t d) {
  const size_t size = dtypeSize(c.dtype);
  const size_t chunk = c.count * size;
  std::vector<std::vector<uint8_t>> in(devices);
  for (int64_t e = 0; e < devices; ++e)
    in[e] = inputBytes(c, e);
  std::vector<uint8_t> out(outElements(c) * size, 0);
  if (c.kind == CollectiveKind::CollectivePermute) {
    for (int64_t p = 0; p < c.numGroups; ++p)
      if (c.groups[2 * p + 1] == d)
        std::memcpy(out.data(), in[c.groups[2 * p]].data(), chunk);
    return out;
  }
  int64_t row = -1, r = -1;
  for (int64_t i = 0; i < c.numGroups * c.groupSize; ++i)
    if (c.groups[i] == d) {
      row = i / c.groupSize;
      r = i % c.groupSize;
    }
  EXPECT_GE(row, 0) << "device " << d << " is in no group";
  if (row < 0)
    return out;
  auto member = [&](int64_t g) { return c.groups[row * c.groupSize + g]; };
  std::vector<const uint8_t *> ins;
  switch (c.kind) {
  case CollectiveKind::AllReduce:
  case CollectiveKind::ReduceScatter: {
    size_t offset = c.kind == CollectiveKind::ReduceScatter ? r * chunk : 0;
    for (int64_t g = 0; g < c.groupSize; ++g)
      ins.push_back(in[member(g)].data() + offset);
    refReduce(c.dtype, c.op, ins, c.count, out.data());
    break;
  }
  case CollectiveKind::AllGather:
    for (int64_t g = 0; g < c.groupSize && chunk > 0; ++g)
      std::memcpy(out.data() + g * chunk, in[member(g)].data(), chunk);
    break;
  case CollectiveKind::AllToAll:
    for (int64_t j = 0; j < c.groupSize && chunk > 0; ++j)
      std::memcpy(out.data() + j * chunk, in[member(j)].data() + r * chunk,
                  chunk);
    break;
  case CollectiveKind::CollectivePermute:
    break;
  }
  return out;
}

Case gCase;
std::vector<uint8_t> gDeviceOut[kTestDevices];

void callCollective(const Case &c, const void *in, void *out,
                    const char *where) {
  const int32_t dtype = static_cast<int32_t>(c.dtype);
  switch (c.kind) {
  case CollectiveKind::AllReduce:
    return genc_rt_all_reduce(where, in, out, c.count, dtype, c.op,
                              c.groups.data(), c.numGroups, c.groupSize);
  case CollectiveKind::AllGather:
    return genc_rt_all_gather(where, in, out, c.count, dtype, c.groups.data(),
                              c.numGroups, c.groupSize);
  case CollectiveKind::ReduceScatter:
    return genc_rt_reduce_scatter(where, in, out, c.count, dtype, c.op,
                                  c.groups.data(), c.numGroups, c.groupSize);
  case CollectiveKind::AllToAll:
    return genc_rt_all_to_all(where, in, out, c.count, dtype, c.groups.data(),
                              c.numGroups, c.groupSize);
  case CollectiveKind::CollectivePermute:
    return genc_rt_collective_permute(where, in, out, c.count, dtype,
                                      c.groups.data(), c.numGroups);
  }
}

/// The "compiled" function: no inputs, one ui8 output with the bytes of the
/// collective's result. Every device also leaves its result in gDeviceOut.
void collectiveInvoke(void **buffers) {
  const Case &c = gCase;
  const int64_t d = genc_rt_device_index();
  std::vector<uint8_t> in = inputBytes(c, d);
  std::vector<uint8_t> out(outElements(c) * dtypeSize(c.dtype), 0xAB);
  if (c.inPlace) {
    out = in;
    callCollective(c, out.data(), out.data(),
                   "genc.collective at case.mlir:1:1");
  } else {
    callCollective(c, in.data(), out.data(),
                   "genc.collective at case.mlir:1:1");
  }
  if (!out.empty())
    std::memcpy(buffers[0], out.data(), out.size());
  gDeviceOut[d] = std::move(out);
}

absl::StatusOr<std::vector<uint8_t>> runCase(const Case &c, int64_t devices) {
  gCase = c;
  for (std::vector<uint8_t> &out : gDeviceOut)
    out.clear();
  int64_t bytes = outElements(c) * static_cast<int64_t>(dtypeSize(c.dtype));
  Function f({"main", {}, {{DType::U8, {bytes}}}, devices}, &collectiveInvoke);
  absl::StatusOr<std::vector<Buffer>> out = f.call({});
  if (!out.ok())
    return out.status();
  const uint8_t *data = (*out)[0].dataAs<uint8_t>();
  return std::vector<uint8_t>(data, data + bytes);
}

/// Runs the case and compares every device's result with the reference,
/// and the returned output with device 0's.
void expectCase(const Case &c, int64_t devices) {
  SCOPED_TRACE(describe(c, devices));
  absl::StatusOr<std::vector<uint8_t>> out = runCase(c, devices);
  ASSERT_TRUE(out.ok()) << out.status();
  for (int64_t d = 0; d < devices; ++d)
    EXPECT_EQ(gDeviceOut[d], reference(c, devices, d)) << "device " << d;
  EXPECT_EQ(*out, gDeviceOut[0]);
}

Case wholeGroup(CollectiveKind kind, DType dtype, int64_t devices,
                int32_t op = 0, int64_t count = 5) {
  Case c;
  c.kind = kind;
  c.dtype = dtype;
  c.op = op;
  c.count = count;
  c.groups = iota(devices);
  c.numGroups = 1;
  c.groupSize = devices;
  return c;
}

constexpr int64_t kDeviceCounts[] = {2, 4, 8};

TEST_F(SpmdTest, AllReduceEveryOpAndDType) {
  for (int64_t n : kDeviceCounts)
    for (DType dtype : {DType::F32, DType::I32, DType::F64, DType::I64,
                        DType::I8, DType::U8, DType::F16, DType::BF16})
      for (int32_t op = 0; op < 4; ++op)
        expectCase(wholeGroup(CollectiveKind::AllReduce, dtype, n, op), n);
}

TEST_F(SpmdTest, AllReduceBoolIsOrAnd) {
  for (int64_t n : kDeviceCounts)
    for (int32_t op : {1, 2, 3})
      expectCase(wholeGroup(CollectiveKind::AllReduce, DType::I1, n, op, 9), n);
}

TEST_F(SpmdTest, AllReduceHandWrittenValues) {
  // Device d contributes (d + 1) * 0.5 * (+1, -1, ...) + (i % 7) - 3.
  Case c = wholeGroup(CollectiveKind::AllReduce, DType::F32, 2, 0, 3);
  absl::StatusOr<std::vector<uint8_t>> out = runCase(c, 2);
  ASSERT_TRUE(out.ok()) << out.status();
  float sum[3];
  std::memcpy(sum, out->data(), sizeof(sum));
  // i=0: (0.5 - 3) + (1 - 3); i=1: (-0.5 - 2) + (-1 - 2); i=2: (0.5-1)+(1-1)
  EXPECT_EQ(sum[0], -4.5f);
  EXPECT_EQ(sum[1], -5.5f);
  EXPECT_EQ(sum[2], -0.5f);
  c = wholeGroup(CollectiveKind::AllReduce, DType::I32, 4, 1, 2);
  out = runCase(c, 4);
  ASSERT_TRUE(out.ok()) << out.status();
  int32_t max[2];
  std::memcpy(max, out->data(), sizeof(max));
  // Inputs (d + 1) * 700000001 * (+1, -1) + i wrap around in i32: device
  // 3's element 0 is negative, its element 1 the largest.
  EXPECT_EQ(max[0], 2100000003); // device 2
  EXPECT_EQ(max[1], 1494967293); // device 3: -2800000003 + 2^32
}

TEST_F(SpmdTest, AllGatherEveryDType) {
  for (int64_t n : kDeviceCounts)
    for (DType dtype : kAllDTypes)
      expectCase(wholeGroup(CollectiveKind::AllGather, dtype, n, 0, 3), n);
}

TEST_F(SpmdTest, ReduceScatter) {
  for (int64_t n : kDeviceCounts)
    for (DType dtype : {DType::F32, DType::I32, DType::BF16, DType::U8})
      for (int32_t op = 0; op < 4; ++op)
        expectCase(wholeGroup(CollectiveKind::ReduceScatter, dtype, n, op, 3),
                   n);
}

TEST_F(SpmdTest, AllToAll) {
  for (int64_t n : kDeviceCounts)
    for (DType dtype : {DType::F32, DType::I32, DType::I1, DType::F16})
      expectCase(wholeGroup(CollectiveKind::AllToAll, dtype, n, 0, 2), n);
}

TEST_F(SpmdTest, InPlace) {
  for (int64_t n : kDeviceCounts) {
    Case c = wholeGroup(CollectiveKind::AllReduce, DType::F32, n, 0, 7);
    c.inPlace = true;
    expectCase(c, n);
    c = wholeGroup(CollectiveKind::AllToAll, DType::I32, n, 0, 3);
    c.inPlace = true;
    expectCase(c, n);
  }
}

TEST_F(SpmdTest, ZeroElements) {
  for (CollectiveKind kind :
       {CollectiveKind::AllReduce, CollectiveKind::AllGather,
        CollectiveKind::ReduceScatter, CollectiveKind::AllToAll})
    expectCase(wholeGroup(kind, DType::F32, 4, 0, 0), 4);
}

TEST_F(SpmdTest, Subgroups) {
  for (std::vector<int64_t> groups :
       {std::vector<int64_t>{0, 2, 1, 3}, std::vector<int64_t>{0, 1, 2, 3},
        std::vector<int64_t>{3, 1, 0, 2}}) {
    for (CollectiveKind kind :
         {CollectiveKind::AllReduce, CollectiveKind::AllGather,
          CollectiveKind::ReduceScatter, CollectiveKind::AllToAll})
      for (DType dtype : {DType::F32, DType::I32}) {
        Case c = wholeGroup(kind, dtype, 4, 0, 3);
        c.groups = groups;
        c.numGroups = 2;
        c.groupSize = 2;
        expectCase(c, 4);
      }
  }
  // Four groups of one: every device keeps its own data.
  Case c = wholeGroup(CollectiveKind::AllReduce, DType::F32, 4, 0, 3);
  c.numGroups = 4;
  c.groupSize = 1;
  expectCase(c, 4);
  // Two groups of four on eight devices.
  c = wholeGroup(CollectiveKind::AllGather, DType::I32, 8, 0, 2);
  c.groups = {0, 2, 4, 6, 1, 3, 5, 7};
  c.numGroups = 2;
  c.groupSize = 4;
  expectCase(c, 8);
}

TEST_F(SpmdTest, PermuteCyclicShift) {
  for (int64_t n : kDeviceCounts)
    for (DType dtype : {DType::F32, DType::I32, DType::BF16}) {
      Case c = wholeGroup(CollectiveKind::CollectivePermute, dtype, n, 0, 4);
      c.groups.clear();
      for (int64_t d = 0; d < n; ++d) {
        c.groups.push_back(d);
        c.groups.push_back((d + 1) % n);
      }
      c.numGroups = n;
      c.groupSize = 2;
      expectCase(c, n);
      // Device 0 receives from the last device.
      EXPECT_EQ(gDeviceOut[0], inputBytes(c, n - 1));
    }
}

TEST_F(SpmdTest, PermuteDeviceThatReceivesNothingGetsZeros) {
  Case c = wholeGroup(CollectiveKind::CollectivePermute, DType::F32, 4, 0, 3);
  c.groups = {0, 1, 1, 2, 2, 3}; // nothing targets device 0
  c.numGroups = 3;
  c.groupSize = 2;
  expectCase(c, 4);
  EXPECT_EQ(gDeviceOut[0], std::vector<uint8_t>(12, 0));
  EXPECT_EQ(gDeviceOut[1], inputBytes(c, 0));
  // No pairs at all: zeros everywhere.
  c.groups.clear();
  c.numGroups = 0;
  expectCase(c, 4);
  EXPECT_EQ(gDeviceOut[3], std::vector<uint8_t>(12, 0));
}

// --- The device context, shared inputs, device 0's outputs
// ---------------------

std::atomic<const void *> gInputSeen[kTestDevices];

/// f(x: 3xf32) -> (2xi32 {index, count}, Nx3xf32 all_gather(x + index)).
void indexInvoke(void **buffers) {
  const int32_t d = genc_rt_device_index(), n = genc_rt_device_count();
  gInputSeen[d] = buffers[0];
  const float *x = static_cast<const float *>(buffers[0]);
  int32_t *info = static_cast<int32_t *>(buffers[1]);
  info[0] = d;
  info[1] = n;
  float y[3];
  for (int i = 0; i < 3; ++i)
    y[i] = x[i] + static_cast<float>(d);
  std::vector<int64_t> groups = iota(n);
  genc_rt_all_gather("genc.all_gather at index.mlir:2:1", y, buffers[2], 3, 0,
                     groups.data(), 1, n);
}

TEST_F(SpmdTest, DeviceIndexCountSharedInputsAndDeviceZerosOutputs) {
  for (int64_t n : kDeviceCounts) {
    Function f({"main",
                {{DType::F32, {3}}},
                {{DType::I32, {2}}, {DType::F32, {n, 3}}},
                n},
               &indexInvoke);
    absl::StatusOr<Buffer> x = Buffer::allocate(DType::F32, {3});
    ASSERT_TRUE(x.ok());
    for (int i = 0; i < 3; ++i)
      x->dataAs<float>()[i] = 10.0f * i;
    absl::StatusOr<std::vector<Buffer>> out = f.call({&*x});
    ASSERT_TRUE(out.ok()) << out.status();
    EXPECT_EQ((*out)[0].dataAs<int32_t>()[0], 0);
    EXPECT_EQ((*out)[0].dataAs<int32_t>()[1], n);
    for (int64_t d = 0; d < n; ++d) {
      EXPECT_EQ(gInputSeen[d].load(), x->data()) << "device " << d;
      for (int i = 0; i < 3; ++i)
        EXPECT_EQ((*out)[1].dataAs<float>()[d * 3 + i], 10.0f * i + d);
    }
    // callInto: device 0 writes the caller's outputs.
    absl::StatusOr<Buffer> info = Buffer::allocate(DType::I32, {2});
    absl::StatusOr<Buffer> all = Buffer::allocate(DType::F32, {n, 3});
    ASSERT_TRUE(info.ok() && all.ok());
    GENC_ASSERT_OK(f.callInto({&*x}, {&*info, &*all}));
    EXPECT_EQ(info->dataAs<int32_t>()[1], n);
    EXPECT_EQ(all->dataAs<float>()[(n - 1) * 3 + 2], 20.0f + (n - 1));
  }
}

TEST_F(SpmdTest, OutsideACallTheDeviceIsZeroOfOne) {
  EXPECT_EQ(genc_rt_device_index(), 0);
  EXPECT_EQ(genc_rt_device_count(), 1);
  EXPECT_EQ(currentDeviceIndex(), 0);
  EXPECT_EQ(currentDeviceCount(), 1);
}

// --- One device
// ----------------------------------------------------------------

TEST_F(SpmdTest, OneDeviceCallWithGroupZeroIsIdentity) {
  for (CollectiveKind kind :
       {CollectiveKind::AllReduce, CollectiveKind::AllGather,
        CollectiveKind::ReduceScatter, CollectiveKind::AllToAll})
    for (DType dtype : {DType::F32, DType::I32, DType::I1}) {
      Case c = wholeGroup(kind, dtype, 1, dtype == DType::I1 ? 1 : 0, 4);
      expectCase(c, 1);
      EXPECT_EQ(gDeviceOut[0], inputBytes(c, 0)) << describe(c, 1);
    }
  Case c = wholeGroup(CollectiveKind::CollectivePermute, DType::F32, 1, 0, 4);
  c.groups = {0, 0};
  c.numGroups = 1;
  c.groupSize = 2;
  expectCase(c, 1);
  EXPECT_EQ(gDeviceOut[0], inputBytes(c, 0));
  c.groups.clear();
  c.numGroups = 0;
  expectCase(c, 1);
  EXPECT_EQ(gDeviceOut[0], std::vector<uint8_t>(16, 0));
}

TEST_F(SpmdTest, OneDeviceCallWithBiggerGroupFails) {
  Case c = wholeGroup(CollectiveKind::AllReduce, DType::F32, 2, 0, 4);
  EXPECT_TRUE(hasError(runCase(c, 1),
                       "genc.collective at case.mlir:1:1: group table [[0, 1]] "
                       "names device 1, but the call runs on 1 device"));
  EXPECT_EQ(gDeviceOut[0], std::vector<uint8_t>(16, 0)); // zero-filled
  // The error does not stick to the thread: the next call is fine.
  expectCase(wholeGroup(CollectiveKind::AllReduce, DType::F32, 1, 0, 4), 1);
}

TEST_F(SpmdTest, DirectCallOutsideAnyFunction) {
  const int64_t group[1] = {0};
  float in[2] = {1, 2}, out[2] = {0, 0};
  genc_rt_all_reduce("direct", in, out, 2, 0, 0, group, 1, 1);
  EXPECT_EQ(out[1], 2.0f);
  GENC_EXPECT_OK(takePendingCollectiveError());
  const int64_t pair[4] = {0, 1};
  genc_rt_all_reduce("direct", in, out, 2, 0, 0, pair, 1, 2);
  EXPECT_EQ(out[1], 0.0f);
  EXPECT_TRUE(hasError(takePendingCollectiveError(), "direct: group table"));
  GENC_EXPECT_OK(takePendingCollectiveError()); // taken
}

// --- Argument errors
// -------------------------------------------------------------

TEST_F(SpmdTest, DeviceMissingFromTheGroupTable) {
  Case c = wholeGroup(CollectiveKind::AllReduce, DType::F32, 2, 0, 3);
  EXPECT_TRUE(hasError(runCase(c, 4),
                       "device 2: genc.collective at case.mlir:1:1: device 2 "
                       "is in no group of [[0, 1]]"));
  for (int64_t d = 0; d < 4; ++d)
    EXPECT_EQ(gDeviceOut[d], std::vector<uint8_t>(12, 0)) << d;
}

TEST_F(SpmdTest, BadArguments) {
  struct Bad {
    Case c;
    const char *error;
  };
  auto make = [](auto edit) {
    Case c = wholeGroup(CollectiveKind::AllReduce, DType::F32, 4, 0, 3);
    edit(c);
    return c;
  };
  std::vector<Bad> cases = {
      {make([](Case &c) {
         c.groups = {0, 1, 1, 3};
       }),
       "device 1 appears twice in group table [[0, 1, 1, 3]]"},
      {make([](Case &c) {
         c.groups = {0, 1, 2, 7};
       }),
       "group table [[0, 1, 2, 7]] names device 7, but the call runs on 4 "
       "devices"},
      {make([](Case &c) {
         c.groups = {0, 1, 2, -1};
       }),
       "names device -1"},
      {make([](Case &c) {
         c.numGroups = 0;
         c.groupSize = 0;
       }),
       "empty group table (num_groups 0, group_size 0)"},
      {make([](Case &c) {
         c.numGroups = 3;
         c.groups = {0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3};
       }),
       "device 0 appears twice in group table [[0, 1, 2, 3], [0, 1, 2, 3], "
       "[0, 1, 2, 3]]"},
      {make([](Case &c) {
         c.numGroups = int64_t{1} << 40;
         c.groupSize = 2;
       }),
       "a group table of 1099511627776x2 devices, but the call runs on 4 "
       "devices"},
      {make([](Case &c) { c.op = 7; }), "unknown reduction op 7"},
      {make([](Case &c) {
         c.dtype = DType::I1;
         c.op = 0;
       }),
       "sum is not supported for i1"},
      {make([](Case &c) {
         c.kind = CollectiveKind::CollectivePermute;
         c.groups = {0, 1, 2, 1};
         c.numGroups = 2;
         c.groupSize = 2;
       }),
       "device 1 is the target of two pairs in [[0, 1], [2, 1]]"},
      {make([](Case &c) {
         c.kind = CollectiveKind::CollectivePermute;
         c.groups = {0, 1, 0, 2};
         c.numGroups = 2;
         c.groupSize = 2;
       }),
       "device 0 is the source of two pairs"},
      {make([](Case &c) {
         c.kind = CollectiveKind::CollectivePermute;
         c.groups = {0, 4};
         c.numGroups = 1;
         c.groupSize = 2;
       }),
       "source-target pairs [[0, 4]] name device 4"},
  };
  for (const Bad &bad : cases) {
    SCOPED_TRACE(bad.error);
    absl::StatusOr<std::vector<uint8_t>> out = runCase(bad.c, 4);
    EXPECT_TRUE(hasError(out, bad.error));
    EXPECT_TRUE(hasError(out, "device 0: genc.collective at case.mlir:1:1: "));
    EXPECT_EQ(out.status().code(), absl::StatusCode::kInvalidArgument);
  }
}

void badDTypeInvoke(void **) {
  const int64_t groups[2] = {0, 1};
  float in[1] = {1}, out[2] = {5, 5};
  genc_rt_all_reduce(nullptr, in, out, 1, 42, 0, groups, 1, 2);
  genc_rt_all_gather("genc.all_gather at n.mlir:1:1", nullptr, out, 1, 0,
                     groups, 1, 2);
  genc_rt_all_reduce("x", in, out, -1, 0, 0, groups, 1, 2);
}

TEST_F(SpmdTest, UnknownDTypeNullPointerAndNegativeCount) {
  Function f({"main", {}, {}, 2}, &badDTypeInvoke);
  absl::Status s = f.call({}).status();
  // The first error is the root cause; later collectives fail at once.
  EXPECT_TRUE(hasError(s, "device 0: genc.all_reduce: unknown dtype code 42"))
      << s;
  auto one = [](void (*fn)(void **)) {
    return Function({"main", {}, {}, 2}, fn).call({}).status();
  };
  EXPECT_TRUE(hasError(one([](void **) {
                         const int64_t g[2] = {0, 1};
                         float out[2];
                         genc_rt_all_gather("genc.all_gather at n.mlir:1:1",
                                            nullptr, out, 1, 0, g, 1, 2);
                       }),
                       "device 0: genc.all_gather at n.mlir:1:1: null input "
                       "pointer"));
  EXPECT_TRUE(hasError(one([](void **) {
                         const int64_t g[2] = {0, 1};
                         float in[1], out[1];
                         genc_rt_all_reduce("x", in, out, -1, 0, 0, g, 1, 2);
                       }),
                       "device 0: x: negative element count -1"));
  EXPECT_TRUE(hasError(one([](void **) {
                         float in[1], out[1];
                         genc_rt_all_reduce("x", in, out, 1, 0, 0, nullptr, 1,
                                            2);
                       }),
                       "device 0: x: null group table"));
}

// --- Disagreeing devices
// -----------------------------------------------------------

void mismatchKindInvoke(void **) {
  const int64_t groups[2] = {0, 1};
  float in[4] = {1, 2, 3, 4}, out[8];
  if (genc_rt_device_index() == 1)
    genc_rt_all_gather("genc.all_gather at b.mlir:7:3", in, out, 4, 0, groups,
                       1, 2);
  else
    genc_rt_all_reduce("genc.all_reduce at b.mlir:5:3", in, out, 4, 0, 0,
                       groups, 1, 2);
}

void mismatchCountInvoke(void **) {
  const int64_t n = genc_rt_device_count();
  std::vector<int64_t> groups = iota(n);
  float in[4] = {1, 2, 3, 4}, out[4];
  genc_rt_all_reduce("genc.all_reduce at c.mlir:1:1", in, out,
                     genc_rt_device_index() == n - 1 ? 4 : 3, 0, 0,
                     groups.data(), 1, n);
}

void mismatchGroupsInvoke(void **) {
  const int64_t a[4] = {0, 1, 2, 3}, b[4] = {0, 2, 1, 3};
  float in[4] = {1, 2, 3, 4}, out[4];
  genc_rt_all_reduce("genc.all_reduce at g.mlir:1:1", in, out, 4, 0, 0,
                     genc_rt_device_index() == 2 ? b : a, 2, 2);
}

void mismatchOpInvoke(void **) {
  const int64_t a[2] = {0, 1};
  float in[4] = {1, 2, 3, 4}, out[4];
  genc_rt_all_reduce("genc.all_reduce at o.mlir:1:1", in, out, 4, 0,
                     genc_rt_device_index(), a, 1, 2);
}

TEST_F(SpmdTest, DevicesAtDifferentCollectives) {
  absl::Status s =
      Function({"main", {}, {}, 2}, &mismatchKindInvoke).call({}).status();
  EXPECT_TRUE(hasError(s, "device 1 is at genc.all_gather at b.mlir:7:3 while "
                          "device 0 is at genc.all_reduce at b.mlir:5:3"));
  EXPECT_EQ(s.message(), "device 1 is at genc.all_gather at b.mlir:7:3 while "
                         "device 0 is at genc.all_reduce at b.mlir:5:3");
  s = Function({"main", {}, {}, 8}, &mismatchCountInvoke).call({}).status();
  EXPECT_EQ(s.message(), "device 7 is at genc.all_reduce at c.mlir:1:1 with "
                         "count 4 while device 0 is at genc.all_reduce at "
                         "c.mlir:1:1 with count 3");
  s = Function({"main", {}, {}, 4}, &mismatchGroupsInvoke).call({}).status();
  EXPECT_TRUE(hasError(s, "device 2 is at genc.all_reduce at g.mlir:1:1 with "
                          "groups [[0, 2], [1, 3]] while device 0 is at "
                          "genc.all_reduce at g.mlir:1:1 with groups [[0, 1], "
                          "[2, 3]]"));
  s = Function({"main", {}, {}, 2}, &mismatchOpInvoke).call({}).status();
  EXPECT_TRUE(hasError(s, "device 1 is at genc.all_reduce at o.mlir:1:1 with "
                          "op max while device 0 is at genc.all_reduce at "
                          "o.mlir:1:1 with op sum"));
}

std::atomic<int> gLaterResult{0};

/// Device 2 skips the first collective; the devices that run a second
/// collective after the failure get zeros at once.
void skipInvoke(void **) {
  const int64_t n = genc_rt_device_count();
  std::vector<int64_t> groups = iota(n);
  float in[2] = {1, 2}, out[2] = {7, 7};
  if (genc_rt_device_index() == 2)
    return;
  genc_rt_all_reduce("genc.all_reduce at s.mlir:2:2", in, out, 2, 0, 0,
                     groups.data(), 1, n);
  float later[2] = {7, 7};
  genc_rt_all_reduce("genc.all_reduce at s.mlir:3:2", in, later, 2, 0, 0,
                     groups.data(), 1, n);
  if (out[0] == 0 && later[0] == 0)
    ++gLaterResult;
}

TEST_F(SpmdTest, DeviceThatFinishesWithoutReachingACollective) {
  gLaterResult = 0;
  Clock::time_point start = Clock::now();
  absl::Status s = Function({"main", {}, {}, 4}, &skipInvoke).call({}).status();
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  EXPECT_TRUE(hasError(s, ": genc.all_reduce at s.mlir:2:2: device 2 finished "
                          "without reaching it"));
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_LT(seconds, 5.0); // not the 60 s timeout
  EXPECT_EQ(gLaterResult.load(), 3);
}

void sleepyInvoke(void **buffers) {
  const int64_t n = genc_rt_device_count();
  std::vector<int64_t> groups = iota(n);
  float in[2] = {1, 2};
  float *out = static_cast<float *>(buffers[0]);
  if (genc_rt_device_index() == n - 1)
    std::this_thread::sleep_for(std::chrono::milliseconds(600));
  genc_rt_all_reduce("genc.all_reduce at x.mlir:3:5", in, out, 2, 0, 0,
                     groups.data(), 1, n);
  genc_rt_all_reduce("genc.all_reduce at x.mlir:4:5", in, out, 2, 0, 0,
                     groups.data(), 1, n);
}

TEST_F(SpmdTest, DeviceThatSleepsPastTheTimeout) {
  setCollectiveTimeout(std::chrono::milliseconds(200));
  Clock::time_point start = Clock::now();
  absl::Status s = Function({"main", {}, {{DType::F32, {2}}}, 2}, &sleepyInvoke)
                       .call({})
                       .status();
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  EXPECT_EQ(s.message(), "device 0: genc.all_reduce at x.mlir:3:5 timed out "
                         "after 0.2 s waiting for device(s) 1");
  EXPECT_EQ(s.code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_LT(seconds, 1.0);

  // Eight devices: whichever waiting device times out first is the root
  // cause; the call still names the missing device.
  start = Clock::now();
  s = Function({"main", {}, {{DType::F32, {2}}}, 8}, &sleepyInvoke)
          .call({})
          .status();
  seconds = std::chrono::duration<double>(Clock::now() - start).count();
  EXPECT_TRUE(hasError(s, "genc.all_reduce at x.mlir:3:5 timed out after 0.2 "
                          "s waiting for device(s) 7"));
  EXPECT_LT(seconds, 1.0);
}

TEST(CollectiveTimeoutTest, CommunicatorAbortWakesTheOthers) {
  // Three devices wait, one never comes: the one that times out first is the
  // root cause, the others report it as "aborted".
  InProcessCommunicator comm(4, std::chrono::milliseconds(100));
  const int64_t groups[4] = {0, 1, 2, 3};
  std::vector<absl::Status> statuses(3);
  std::vector<std::thread> threads;
  for (int d = 0; d < 3; ++d)
    threads.emplace_back([&, d] {
      float in = 1, out = 0;
      statuses[d] =
          comm.run(d, CollectiveArgs{CollectiveKind::AllReduce,
                                     "genc.all_reduce at t.mlir:1:1", &in, &out,
                                     1, 0, 0, groups, 1, 4});
    });
  for (std::thread &t : threads)
    t.join();
  absl::Status root = comm.abortStatus();
  EXPECT_TRUE(hasError(root, "timed out after 0.1 s waiting for device(s) 3"));
  int aborted = 0;
  for (const absl::Status &s : statuses) {
    if (s == root)
      continue;
    ++aborted;
    EXPECT_TRUE(hasError(s, "genc.all_reduce at t.mlir:1:1 aborted: " +
                                std::string(root.message())));
  }
  EXPECT_EQ(aborted, 2);
  // The late device fails at once.
  float in = 1, out = 5;
  EXPECT_TRUE(
      hasError(comm.run(3, CollectiveArgs{CollectiveKind::AllReduce, "late",
                                          &in, &out, 1, 0, 0, groups, 1, 4}),
               "device 3: late aborted: "));
}

// --- Devices and settings
// ----------------------------------------------------------

void noopInvoke(void **) {}

TEST_F(SpmdTest, TooFewCpuDevices) {
  setCpuDeviceCount(2);
  EXPECT_EQ(cpuDeviceCount(), 2);
  Function f({"main", {}, {}, 4}, &noopInvoke);
  EXPECT_EQ(f.call({}).status().message(),
            "function 'main' runs on 4 devices but 2 CPU devices are "
            "available (set GENC_CPU_DEVICES=4)");
  setCpuDeviceCount(1);
  EXPECT_TRUE(hasError(f.call({}), "but 1 CPU device is available"));
  EXPECT_TRUE(hasError(f.callInto({}, {}), "runs on 4 devices"));
  setCpuDeviceCount(4);
  GENC_EXPECT_OK(f.call({}).status());
  // However many devices are "available", there is a limit.
  setCpuDeviceCount(int64_t{1} << 40);
  EXPECT_TRUE(hasError(Function({"huge", {}, {}, 100000}, &noopInvoke).call({}),
                       "function 'huge' runs on 100000 devices; at most 65536 "
                       "are supported"));
}

/// Sets (or, for a null value, removes) an environment variable for the
/// scope.
class ScopedEnv {
public:
  ScopedEnv(const char *name, const char *value) : name_(name) {
    const char *old = std::getenv(name);
    hadOld_ = old != nullptr;
    if (old)
      old_ = old;
    if (value)
      ::setenv(name, value, 1);
    else
      ::unsetenv(name);
  }
  ~ScopedEnv() {
    if (hadOld_)
      ::setenv(name_, old_.c_str(), 1);
    else
      ::unsetenv(name_);
  }

private:
  const char *name_;
  std::string old_;
  bool hadOld_;
};

TEST_F(SpmdTest, GencCpuDevicesEnvironmentVariable) {
  setCpuDeviceCount(0); // no override: the variable counts
  {
    ScopedEnv env("GENC_CPU_DEVICES", nullptr);
    EXPECT_EQ(cpuDeviceCount(),
              std::max<int64_t>(1, std::thread::hardware_concurrency()));
  }
  Function f({"main", {}, {}, 4}, &noopInvoke);
  for (const char *bad : {"x", "0", "-3", "+4", "2.5", ""}) {
    ScopedEnv env("GENC_CPU_DEVICES", bad);
    EXPECT_EQ(
        f.call({}).status().message(),
        std::string("GENC_CPU_DEVICES must be a positive integer, got '") +
            bad + "'");
    EXPECT_GE(cpuDeviceCount(), 1);
    // 1-device functions do not care.
    GENC_EXPECT_OK(Function({"one", {}, {}, 1}, &noopInvoke).call({}).status());
  }
  {
    ScopedEnv env("GENC_CPU_DEVICES", "3");
    EXPECT_EQ(cpuDeviceCount(), 3);
    EXPECT_TRUE(hasError(f.call({}), "but 3 CPU devices are available (set "
                                     "GENC_CPU_DEVICES=4)"));
  }
  {
    ScopedEnv env("GENC_CPU_DEVICES", "8");
    GENC_EXPECT_OK(f.call({}).status());
    setCpuDeviceCount(2); // the override wins
    EXPECT_EQ(cpuDeviceCount(), 2);
  }
}

TEST_F(SpmdTest, GencCollectiveTimeoutEnvironmentVariable) {
  setCollectiveTimeout(std::chrono::milliseconds(0));
  {
    ScopedEnv env("GENC_COLLECTIVE_TIMEOUT_S", "0.5");
    absl::StatusOr<std::chrono::milliseconds> t = collectiveTimeout();
    ASSERT_TRUE(t.ok());
    EXPECT_EQ(t->count(), 500);
  }
  {
    ScopedEnv env("GENC_COLLECTIVE_TIMEOUT_S", "12");
    EXPECT_EQ(collectiveTimeout()->count(), 12000);
  }
  for (const char *bad : {"abc", "0", "-1", "nan", "inf", "1s"}) {
    ScopedEnv env("GENC_COLLECTIVE_TIMEOUT_S", bad);
    EXPECT_TRUE(hasError(collectiveTimeout(),
                         std::string("GENC_COLLECTIVE_TIMEOUT_S must be a "
                                     "positive number of seconds, got '") +
                             bad + "'"));
    EXPECT_TRUE(hasError(Function({"main", {}, {}, 2}, &noopInvoke).call({}),
                         "GENC_COLLECTIVE_TIMEOUT_S must be"));
  }
  {
    ScopedEnv env("GENC_COLLECTIVE_TIMEOUT_S", nullptr);
    EXPECT_EQ(collectiveTimeout()->count(), 300000);
  }
  setCollectiveTimeout(std::chrono::milliseconds(250));
  EXPECT_EQ(collectiveTimeout()->count(), 250);
}

TEST_F(SpmdTest, InvalidDeviceCountInSignature) {
  EXPECT_TRUE(hasError(Function({"f", {}, {}, 0}, &noopInvoke).call({}),
                       "function 'f' has invalid device count 0"));
  auto resolve = [](const std::string &) -> absl::StatusOr<InvokeFn> {
    return &noopInvoke;
  };
  EXPECT_TRUE(hasError(Module::fromParts({{"f", {}, {}, -2}}, resolve, nullptr),
                       "function 'f' has invalid device count -2"));
}

// --- Many and concurrent calls
// -----------------------------------------------------

int64_t threadCount() {
  int64_t count = 0;
  if (DIR *dir = ::opendir("/proc/self/task")) {
    while (dirent *entry = ::readdir(dir))
      count += entry->d_name[0] != '.';
    ::closedir(dir);
  }
  return count;
}

TEST_F(SpmdTest, RepeatedCallsReuseTheDeviceThreads) {
  Case c = wholeGroup(CollectiveKind::AllReduce, DType::F32, 8, 0, 16);
  expectCase(c, 8);
  int64_t before = threadCount();
  for (int i = 0; i < 300; ++i) {
    absl::StatusOr<std::vector<uint8_t>> out = runCase(c, 8);
    ASSERT_TRUE(out.ok()) << out.status();
  }
  EXPECT_EQ(*runCase(c, 8), reference(c, 8, 0));
  EXPECT_LE(threadCount(), before + 8);
}

void concurrentInvoke(void **buffers) {
  const int64_t n = genc_rt_device_count();
  std::vector<int64_t> groups = iota(n);
  const float *x = static_cast<const float *>(buffers[0]);
  float local[4];
  for (int i = 0; i < 4; ++i)
    local[i] = x[i] + static_cast<float>(genc_rt_device_index());
  for (int k = 0; k < 3; ++k) // a few collectives per call
    genc_rt_all_reduce("genc.all_reduce at c.mlir:1:1", local, buffers[1], 4, 0,
                       0, groups.data(), 1, n);
}

TEST_F(SpmdTest, ConcurrentCallsFromSeveralThreads) {
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 3; ++t)
    threads.emplace_back([&, t] {
      int64_t n = 2 + 2 * t; // 2, 4 and 6 devices at once
      Function f({"main", {{DType::F32, {4}}}, {{DType::F32, {4}}}, n},
                 &concurrentInvoke);
      absl::StatusOr<Buffer> x = Buffer::allocate(DType::F32, {4});
      if (!x.ok())
        return void(++failures);
      for (int i = 0; i < 60; ++i) {
        for (int k = 0; k < 4; ++k)
          x->dataAs<float>()[k] = static_cast<float>(i + k);
        absl::StatusOr<std::vector<Buffer>> out = f.call({&*x});
        // sum over d of (i + k + d) = n (i + k) + n (n - 1) / 2
        if (!out.ok() ||
            (*out)[0].dataAs<float>()[3] != n * (i + 3) + n * (n - 1) / 2.0f)
          ++failures;
      }
    });
  for (std::thread &thread : threads)
    thread.join();
  EXPECT_EQ(failures.load(), 0);
}

// --- A compiled artifact
// ------------------------------------------------------------

TEST_F(SpmdTest, ArtifactWithCollectivesLoadsAndRuns) {
  absl::StatusOr<std::unique_ptr<Module>> m =
      Module::load(GENC_TEST_SPMD_ARTIFACT);
  ASSERT_TRUE(m.ok()) << m.status();
  absl::StatusOr<const Function *> f = (*m)->lookup("allsum");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ((*f)->signature().devices, 4);
  absl::StatusOr<Buffer> x = Buffer::allocate(DType::F32, {3});
  ASSERT_TRUE(x.ok());
  for (int i = 0; i < 3; ++i)
    x->dataAs<float>()[i] = i + 1.0f;
  absl::StatusOr<std::vector<Buffer>> out = (*f)->call({&*x});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].dataAs<float>()[0], 10.0f);
  EXPECT_EQ((*out)[0].dataAs<float>()[2], 30.0f);
  EXPECT_EQ((*out)[1].dataAs<int32_t>()[0], 0);
  EXPECT_EQ((*out)[1].dataAs<int32_t>()[1], 4);

  setCpuDeviceCount(3);
  EXPECT_TRUE(hasError((*f)->call({&*x}),
                       "function 'allsum' runs on 4 devices but 3 CPU devices "
                       "are available"));
}

TEST_F(SpmdTest, ArtifactThroughTheCApi) {
  genc_module_t *module = nullptr;
  genc_status_t *status = genc_module_load(GENC_TEST_SPMD_ARTIFACT, &module);
  ASSERT_EQ(status, nullptr) << genc_status_message(status);
  int64_t dims[1] = {3};
  genc_buffer_t *x = nullptr;
  ASSERT_EQ(genc_buffer_create(GENC_DTYPE_F32, 1, dims, &x), nullptr);
  static_cast<float *>(genc_buffer_data(x))[1] = 0.5f;
  genc_buffer_t *outs[2] = {nullptr, nullptr};
  status = genc_module_call(module, "allsum", &x, 1, outs, 2);
  ASSERT_EQ(status, nullptr) << genc_status_message(status);
  EXPECT_EQ(static_cast<float *>(genc_buffer_data(outs[0]))[1], 5.0f);
  EXPECT_EQ(static_cast<int32_t *>(genc_buffer_data(outs[1]))[1], 4);
  genc_buffer_free(outs[0]);
  genc_buffer_free(outs[1]);
  setCpuDeviceCount(2);
  status = genc_module_call(module, "allsum", &x, 1, outs, 2);
  ASSERT_NE(status, nullptr);
  EXPECT_NE(std::string(genc_status_message(status)).find("runs on 4 devices"),
            std::string::npos);
  genc_status_free(status);
  genc_buffer_free(x);
  genc_module_free(module);
}

TEST_F(SpmdTest, ArtifactLoadsWhenTheRuntimeWasLoadedLocally) {
  // A process that dlopen()s the runtime with RTLD_LOCAL (Python) must still
  // be able to load artifacts that call genc_rt_*. The helper program does
  // exactly that, in a process of its own.
  std::string command =
      std::string("GENC_CPU_DEVICES=4 GENC_COLLECTIVE_TIMEOUT_S=60 '") +
      GENC_TEST_RTLD_LOCAL_LOADER + "' '" + GENC_TEST_RUNTIME_LIBRARY + "' '" +
      GENC_TEST_SPMD_ARTIFACT + "' 2>&1";
  FILE *pipe = ::popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string output;
  char chunk[256];
  while (size_t n = std::fread(chunk, 1, sizeof(chunk), pipe))
    output.append(chunk, n);
  int status = ::pclose(pipe);
  EXPECT_EQ(status, 0) << output;
  EXPECT_EQ(output, "sum 10 20 30\n");
}

} // namespace
} // namespace genc::runtime

// The CUDA runtime without a GPU: the caching allocator's policy on a
// counting backend, and CudaDevice, the mgpu* ABI and Function::call's
// staging of `target cuda` functions on a fake driver (fake_cuda.c: host
// memory, launches counted but not run). This binary sets
// GENC_CUDA_DRIVER to the fake before the runtime loads a driver. The GPU
// itself is tested by test/gpu/run.sh on a machine with one.
#include "genc/runtime/Cuda.h"
#include "genc/runtime/Module.h"

#include <dlfcn.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <map>
#include <vector>

#include "../../../runtime/src/CachingAllocator.h"

using namespace genc::runtime;
using genc::runtime::detail::CachingAllocator;

namespace {

struct FakeCounters {
  long launches, allocations, frees, copies, module_loads, graph_launches,
      captured_launches, synchronizes;
  long long bytes_allocated;
};

FakeCounters fakeStats() {
  // The runtime loads the fake driver on first use (each test may run in a
  // process of its own).
  EXPECT_TRUE(cudaDevices().ok());
  FakeCounters c{};
  void *lib = dlopen(GENC_TEST_FAKE_CUDA, RTLD_NOW | RTLD_NOLOAD);
  EXPECT_NE(lib, nullptr);
  if (!lib)
    return c;
  auto fn = reinterpret_cast<void (*)(FakeCounters *)>(
      dlsym(lib, "fake_cuda_stats"));
  if (fn)
    fn(&c);
  dlclose(lib);
  return c;
}

/// A backend that counts and hands out fake addresses.
struct CountingBackend {
  std::map<void *, size_t> live;
  uintptr_t next = 0x1000;
  size_t limit = SIZE_MAX, used = 0;
  int allocations = 0, releases = 0;
  CachingAllocator make() {
    return CachingAllocator(
        [this](size_t bytes) -> absl::StatusOr<void *> {
          if (used + bytes > limit)
            return absl::ResourceExhaustedError("out of memory");
          void *p = reinterpret_cast<void *>(next);
          next += bytes;
          live[p] = bytes;
          used += bytes;
          ++allocations;
          return p;
        },
        [this](void *p) {
          used -= live.at(p);
          live.erase(p);
          ++releases;
        });
  }
};

TEST(CachingAllocator, RoundsSizes) {
  EXPECT_EQ(CachingAllocator::roundedSize(0), 512u);
  EXPECT_EQ(CachingAllocator::roundedSize(1), 512u);
  EXPECT_EQ(CachingAllocator::roundedSize(513), 1024u);
  EXPECT_EQ(CachingAllocator::roundedSize(1 << 20), size_t(2) << 20);
  EXPECT_EQ(CachingAllocator::roundedSize((size_t(2) << 20) + 1),
            size_t(4) << 20);
}

TEST(CachingAllocator, ReusesFreedBlocksOfSimilarSize) {
  CountingBackend backend;
  CachingAllocator pool = backend.make();
  void *a = *pool.allocate(1000);
  ASSERT_TRUE(pool.free(a).ok());
  // Same rounded size: the cached block, no driver call.
  void *b = *pool.allocate(900);
  EXPECT_EQ(a, b);
  EXPECT_EQ(backend.allocations, 1);
  // A block much larger than the request is not handed out.
  ASSERT_TRUE(pool.free(b).ok());
  void *small = *pool.allocate(100);
  EXPECT_NE(small, a);
  EXPECT_EQ(backend.allocations, 2);
  auto s = pool.stats();
  EXPECT_EQ(s.hits, 1u);
  EXPECT_EQ(s.misses, 2u);
  EXPECT_EQ(s.bytesInUse, 512u);
  EXPECT_EQ(s.bytesCached, 1024u);
  EXPECT_EQ(s.peakBytesInUse, 1024u);
}

TEST(CachingAllocator, OutOfMemoryReleasesTheCacheAndRetries) {
  CountingBackend backend;
  backend.limit = 4 << 20;
  CachingAllocator pool = backend.make();
  void *a = *pool.allocate(3 << 20); // 4 MiB rounded
  ASSERT_TRUE(pool.free(a).ok());
  // 2 MiB does not reuse the 4 MiB block (too wasteful) and does not fit
  // next to it: the cache is released and the request retried.
  absl::StatusOr<void *> b = pool.allocate(2 << 20);
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_EQ(backend.releases, 1);
  EXPECT_EQ(pool.stats().bytesCached, 0u);
  // Really out of memory: the driver's error.
  absl::StatusOr<void *> c = pool.allocate(3 << 20);
  EXPECT_TRUE(absl::IsResourceExhausted(c.status())) << c.status();
}

TEST(CachingAllocator, RejectsUnknownAndDoubleFrees) {
  CountingBackend backend;
  CachingAllocator pool = backend.make();
  void *a = *pool.allocate(64);
  ASSERT_TRUE(pool.free(a).ok());
  absl::Status twice = pool.free(a);
  EXPECT_TRUE(absl::IsInvalidArgument(twice));
  EXPECT_NE(std::string(twice.message()).find("did not hand out"),
            std::string::npos);
  int x;
  EXPECT_FALSE(pool.free(&x).ok());
}

TEST(CachingAllocator, NoDriverModeServesOnlyFromThePool) {
  CountingBackend backend;
  CachingAllocator pool = backend.make();
  absl::StatusOr<void *> none = pool.allocate(64, /*noDriver=*/true);
  EXPECT_TRUE(absl::IsFailedPrecondition(none.status()));
  EXPECT_NE(std::string(none.status().message()).find("graph capture"),
            std::string::npos);
  void *a = *pool.allocate(64);
  ASSERT_TRUE(pool.free(a).ok());
  EXPECT_EQ(*pool.allocate(64, /*noDriver=*/true), a);
}

TEST(CudaDevice, FindsTheFakeDevice) {
  absl::StatusOr<std::vector<CudaDeviceInfo>> all = cudaDevices();
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].name, "genc fake CUDA device");
  EXPECT_EQ((*all)[0].computeMajor, 9);
  absl::StatusOr<CudaDevice *> d = CudaDevice::get(0);
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(*CudaDevice::get(0), *d); // one per process
  absl::StatusOr<CudaDevice *> missing = CudaDevice::get(3);
  EXPECT_EQ(missing.status().message(),
            "no CUDA device 3: this machine has 1 (genc fake CUDA device)");
}

TEST(CudaDevice, AllocationsComeFromThePoolAfterTheFirstStep) {
  CudaDevice &d = **CudaDevice::get(0);
  d.releaseCachedMemory();
  long before = fakeStats().allocations;
  for (int step = 0; step < 3; ++step) {
    void *a = *d.allocate(4096), *b = *d.allocate(100, /*hostVisible=*/false);
    ASSERT_TRUE(d.free(a).ok());
    ASSERT_TRUE(d.free(b).ok());
  }
  EXPECT_EQ(fakeStats().allocations - before, 2); // the first step only
  CudaMemoryStats s = d.memoryStats();
  EXPECT_EQ(s.bytesInUse, 0u);
  EXPECT_EQ(s.bytesCached, 4096u + 512u);
  d.releaseCachedMemory();
  EXPECT_EQ(d.memoryStats().bytesCached, 0u);
}

TEST(CudaDevice, DeviceMemoryIsNotHostMemory) {
  // The fake maps device memory without access rights, as a GPU's is out
  // of the host's reach; managed memory is readable.
  CudaDevice &d = **CudaDevice::get(0);
  void *device = *d.allocate(64);
  void *managed = *d.allocate(64, /*hostVisible=*/true);
  EXPECT_DEATH(static_cast<volatile char *>(device)[0] = 1, "");
  static_cast<char *>(managed)[0] = 1;
  ASSERT_TRUE(d.free(device).ok());
  ASSERT_TRUE(d.free(managed).ok());
}

TEST(CudaDevice, ManagedMemoryIsNotOversubscribed) {
  CudaDevice &d = **CudaDevice::get(0);
  // The fake device has 1 GiB.
  absl::StatusOr<void *> p = d.allocate(size_t(2) << 30, /*hostVisible=*/true);
  EXPECT_TRUE(absl::IsResourceExhausted(p.status())) << p.status();
  EXPECT_NE(std::string(p.status().message()).find("not oversubscribed"),
            std::string::npos);
}

TEST(CudaDevice, CopiesTimesAndCapturesGraphs) {
  CudaDevice &d = **CudaDevice::get(0);
  float host[4] = {1, 2, 3, 4}, back[4] = {};
  void *dev = *d.allocate(sizeof host);
  ASSERT_TRUE(d.copy(dev, host, sizeof host).ok());
  ASSERT_TRUE(d.copy(back, dev, sizeof back).ok());
  ASSERT_TRUE(d.synchronize().ok());
  EXPECT_EQ(std::memcmp(host, back, sizeof host), 0);
  absl::StatusOr<float> ms =
      d.timeMs([&] { return d.copy(back, dev, sizeof back); });
  ASSERT_TRUE(ms.ok()) << ms.status();
  EXPECT_FLOAT_EQ(*ms, 0.25f); // the fake's elapsed time

  // A graph of an artifact-like step: allocation during capture comes from
  // the pool (the step ran once before), a fresh size fails clearly.
  ASSERT_TRUE(d.free(dev).ok());
  absl::StatusOr<std::unique_ptr<CudaGraph>> graph = d.capture([&] {
    absl::StatusOr<void *> p = d.allocate(sizeof host);
    if (!p.ok())
      return p.status();
    EXPECT_TRUE(d.capturing());
    return d.free(*p);
  });
  ASSERT_TRUE(graph.ok()) << graph.status();
  EXPECT_FALSE(d.capturing());
  long launches = fakeStats().graph_launches;
  ASSERT_TRUE((*graph)->launch().ok());
  EXPECT_EQ(fakeStats().graph_launches, launches + 1);
  absl::StatusOr<std::unique_ptr<CudaGraph>> fresh =
      d.capture([&] { return d.allocate(123456).status(); });
  EXPECT_TRUE(absl::IsFailedPrecondition(fresh.status())) << fresh.status();
}

TEST(CudaFunction, CallStagesBuffersThroughTheDevice) {
  absl::StatusOr<std::unique_ptr<Module>> m =
      Module::load(GENC_TEST_CUDA_ARTIFACT);
  ASSERT_TRUE(m.ok()) << m.status();
  const Function *scale = *(*m)->lookup("scale");
  EXPECT_EQ(scale->signature().target, "cuda");
  Buffer x = *Buffer::allocate(*parseTensorSpec("4xf32"));
  for (int i = 0; i < 4; ++i)
    x.dataAs<float>()[i] = float(i + 1);
  FakeCounters before = fakeStats();
  const Buffer *in[] = {&x};
  for (int call = 0; call < 2; ++call) {
    absl::StatusOr<std::vector<Buffer>> out = scale->call(in);
    ASSERT_TRUE(out.ok()) << out.status();
    for (int i = 0; i < 4; ++i)
      EXPECT_EQ((*out)[0].dataAs<float>()[i], 2.0f * (i + 1));
  }
  FakeCounters after = fakeStats();
  EXPECT_EQ(after.launches - before.launches, 2);
  // The kernel module is loaded once (from the PTX: the container's cubin
  // is empty) and cached for the second call.
  EXPECT_EQ(after.module_loads - before.module_loads, 1);
  // Input, output and the temporary: from the pool on the second call.
  EXPECT_LE(after.allocations - before.allocations, 3);
  EXPECT_EQ((**CudaDevice::get(0)).memoryStats().bytesInUse, 0u);
}

TEST(CudaFunction, KernelLoadFailureFailsTheCall) {
  absl::StatusOr<std::unique_ptr<Module>> m =
      Module::load(GENC_TEST_CUDA_ARTIFACT);
  ASSERT_TRUE(m.ok()) << m.status();
  Buffer x = *Buffer::allocate(*parseTensorSpec("4xf32"));
  const Buffer *in[] = {&x};
  absl::StatusOr<std::vector<Buffer>> out =
      (*(*m)->lookup("bad_kernels"))->call(in);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().message(),
            "CUDA function 'bad_kernels': loading the program's CUDA kernels "
            "(cuModuleLoadData) failed: device kernel image is invalid (CUDA "
            "error 200)");
}

TEST(CudaFunction, MetadataTargetLine) {
  absl::StatusOr<std::vector<FunctionSignature>> sigs = parseArtifactMetadata(
      "genc-artifact 3\nfunc f\ntarget cuda\ninput f32\nend\n");
  ASSERT_TRUE(sigs.ok()) << sigs.status();
  EXPECT_EQ((*sigs)[0].target, "cuda");
  EXPECT_EQ(printArtifactMetadata(*sigs),
            "genc-artifact 3\nfunc f\ntarget cuda\ninput f32\nend\n");
  EXPECT_EQ(parseArtifactMetadata("genc-artifact 2\nfunc f\ntarget cuda\nend\n")
                .status()
                .message(),
            "metadata line 3: 'target' needs artifact metadata version 3");
  EXPECT_EQ(parseArtifactMetadata("genc-artifact 3\nfunc f\ntarget tpu\nend\n")
                .status()
                .message(),
            "metadata line 3: unknown target 'tpu' (expected cpu or cuda)");
}

} // namespace

int main(int argc, char **argv) {
  // Before anything loads a driver (cudaDriver() loads once per process).
  setenv("GENC_CUDA_DRIVER", GENC_TEST_FAKE_CUDA, 1);
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}

/* A stand-in for libcuda.so.1 on machines without a GPU, for testing the
 * runtime's CUDA plumbing (GENC_CUDA_DRIVER=.../fake_libcuda.so): the
 * driver API entry points genc resolves, with host memory for device and
 * managed memory and kernel launches that are counted (and logged to
 * stderr with GENC_FAKE_CUDA_LOG=1) but do not run -- there is no GPU to
 * run PTX on. Module loads accept a cubin (ELF) or PTX text and reject
 * anything else, as the driver does (CUDA_ERROR_INVALID_IMAGE).
 *
 * Knobs (environment): GENC_FAKE_CUDA_DEVICES=N (default 1; 0 = no
 * devices), GENC_FAKE_CUDA_MEMORY=BYTES (allocations beyond it fail with
 * CUDA_ERROR_OUT_OF_MEMORY). Counters for tests: fake_cuda_stats(). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int CUresult;
typedef unsigned long long CUdeviceptr;

enum {
  kSuccess = 0,
  kInvalidValue = 1,
  kOutOfMemory = 2,
  kNoDevice = 100,
  kInvalidImage = 200,
  kNotFound = 500,
};

struct fake_cuda_counters {
  long launches, allocations, frees, copies, module_loads, graph_launches,
      captured_launches, synchronizes;
  long long bytes_allocated; /* currently */
};
static struct fake_cuda_counters counters;
static int capturing;
static int context_token, stream_token;

void fake_cuda_stats(struct fake_cuda_counters *out) { *out = counters; }

static long env_long(const char *name, long fallback) {
  const char *v = getenv(name);
  return v && *v ? strtol(v, NULL, 10) : fallback;
}

CUresult cuInit(unsigned flags) { (void)flags; return kSuccess; }
CUresult cuDeviceGetCount(int *count) {
  *count = (int)env_long("GENC_FAKE_CUDA_DEVICES", 1);
  return kSuccess;
}
CUresult cuDeviceGet(int *device, int ordinal) {
  if (ordinal < 0 || ordinal >= env_long("GENC_FAKE_CUDA_DEVICES", 1))
    return kInvalidValue;
  *device = ordinal;
  return kSuccess;
}
CUresult cuDeviceGetName(char *name, int len, int device) {
  (void)device;
  snprintf(name, (size_t)len, "genc fake CUDA device");
  return kSuccess;
}
CUresult cuDeviceGetAttribute(int *value, int attribute, int device) {
  (void)device;
  *value = attribute == 75 ? 9 : 0; /* compute capability 9.0 */
  return kSuccess;
}
CUresult cuDeviceTotalMem_v2(size_t *bytes, int device) {
  (void)device;
  *bytes = (size_t)env_long("GENC_FAKE_CUDA_MEMORY", 1L << 30);
  return kSuccess;
}
CUresult cuGetErrorString(CUresult rc, const char **text) {
  switch (rc) {
  case kOutOfMemory: *text = "out of memory"; break;
  case kInvalidImage: *text = "device kernel image is invalid"; break;
  case kNotFound: *text = "named symbol not found"; break;
  case kInvalidValue: *text = "invalid argument"; break;
  default: *text = "unknown error";
  }
  return kSuccess;
}
CUresult cuDevicePrimaryCtxRetain(void **ctx, int device) {
  (void)device;
  *ctx = &context_token;
  return kSuccess;
}
CUresult cuDevicePrimaryCtxRelease_v2(int device) { (void)device; return kSuccess; }
CUresult cuCtxSetCurrent(void *ctx) { (void)ctx; return kSuccess; }
CUresult cuStreamCreate(void **stream, unsigned flags) {
  (void)flags;
  *stream = &stream_token;
  return kSuccess;
}
CUresult cuStreamDestroy_v2(void *stream) { (void)stream; return kSuccess; }
CUresult cuStreamSynchronize(void *stream) {
  (void)stream;
  ++counters.synchronizes;
  return kSuccess;
}
CUresult cuStreamWaitEvent(void *s, void *e, unsigned f) {
  (void)s; (void)e; (void)f;
  return kSuccess;
}

static CUresult allocate(CUdeviceptr *ptr, size_t bytes) {
  long limit = env_long("GENC_FAKE_CUDA_MEMORY", 1L << 30);
  if (counters.bytes_allocated + (long long)bytes > limit)
    return kOutOfMemory;
  /* The size in front of the block, for frees. */
  char *p = aligned_alloc(256, 256 + ((bytes + 255) / 256) * 256);
  if (!p)
    return kOutOfMemory;
  memcpy(p, &bytes, sizeof bytes);
  counters.bytes_allocated += (long long)bytes;
  ++counters.allocations;
  *ptr = (CUdeviceptr)(uintptr_t)(p + 256);
  return kSuccess;
}
CUresult cuMemAlloc_v2(CUdeviceptr *ptr, size_t bytes) { return allocate(ptr, bytes); }
CUresult cuMemAllocManaged(CUdeviceptr *ptr, size_t bytes, unsigned flags) {
  (void)flags;
  return allocate(ptr, bytes);
}
CUresult cuMemFree_v2(CUdeviceptr ptr) {
  char *p = (char *)(uintptr_t)ptr - 256;
  size_t bytes;
  memcpy(&bytes, p, sizeof bytes);
  counters.bytes_allocated -= (long long)bytes;
  ++counters.frees;
  free(p);
  return kSuccess;
}
CUresult cuMemcpyAsync(CUdeviceptr dst, CUdeviceptr src, size_t n, void *s) {
  (void)s;
  memcpy((void *)(uintptr_t)dst, (const void *)(uintptr_t)src, n);
  ++counters.copies;
  return kSuccess;
}
CUresult cuMemsetD32Async(CUdeviceptr dst, unsigned v, size_t n, void *s) {
  (void)s;
  for (size_t i = 0; i < n; ++i)
    memcpy((char *)(uintptr_t)dst + 4 * i, &v, 4);
  return kSuccess;
}
CUresult cuMemsetD16Async(CUdeviceptr dst, unsigned short v, size_t n, void *s) {
  (void)s;
  for (size_t i = 0; i < n; ++i)
    memcpy((char *)(uintptr_t)dst + 2 * i, &v, 2);
  return kSuccess;
}

struct fake_function { char name[128]; };

CUresult cuModuleLoadData(void **module, const void *image) {
  const char *p = image;
  int elf = memcmp(p, "\x7f" "ELF", 4) == 0;
  int ptx = strncmp(p, "//", 2) == 0 || strncmp(p, ".version", 8) == 0;
  if (!elf && !ptx)
    return kInvalidImage;
  ++counters.module_loads;
  if (getenv("GENC_FAKE_CUDA_LOG"))
    fprintf(stderr, "fake-cuda: load %s module\n", elf ? "cubin" : "PTX");
  *module = (void *)(uintptr_t)image;
  return kSuccess;
}
CUresult cuModuleUnload(void *module) { (void)module; return kSuccess; }
CUresult cuModuleGetFunction(void **function, void *module, const char *name) {
  (void)module;
  if (strlen(name) >= sizeof(((struct fake_function *)0)->name))
    return kNotFound;
  struct fake_function *f = calloc(1, sizeof *f);
  strcpy(f->name, name);
  *function = f;
  return kSuccess;
}
CUresult cuLaunchKernel(void *function, unsigned gx, unsigned gy, unsigned gz,
                        unsigned bx, unsigned by, unsigned bz, unsigned smem,
                        void *stream, void **params, void **extra) {
  (void)stream; (void)params; (void)extra;
  struct fake_function *f = function;
  if (!f || gx == 0 || gy == 0 || gz == 0 || bx * by * bz == 0 ||
      bx * by * bz > 1024)
    return kInvalidValue;
  if (capturing) {
    ++counters.captured_launches;
    return kSuccess;
  }
  ++counters.launches;
  if (getenv("GENC_FAKE_CUDA_LOG"))
    fprintf(stderr, "fake-cuda: launch %s grid (%u, %u, %u) block (%u, %u, %u) smem %u\n",
            f->name, gx, gy, gz, bx, by, bz, smem);
  return kSuccess;
}

static int event_token;
CUresult cuEventCreate(void **event, unsigned flags) {
  (void)flags;
  *event = &event_token;
  return kSuccess;
}
CUresult cuEventDestroy_v2(void *e) { (void)e; return kSuccess; }
CUresult cuEventRecord(void *e, void *s) { (void)e; (void)s; return kSuccess; }
CUresult cuEventSynchronize(void *e) { (void)e; return kSuccess; }
CUresult cuEventElapsedTime(float *ms, void *a, void *b) {
  (void)a; (void)b;
  *ms = 0.25f;
  return kSuccess;
}

static int graph_token, exec_token;
static long graph_launches_recorded;
CUresult cuStreamBeginCapture_v2(void *s, int mode) {
  (void)s; (void)mode;
  capturing = 1;
  counters.captured_launches = 0;
  return kSuccess;
}
CUresult cuStreamEndCapture(void *s, void **graph) {
  (void)s;
  capturing = 0;
  graph_launches_recorded = counters.captured_launches;
  *graph = &graph_token;
  return kSuccess;
}
CUresult cuGraphInstantiateWithFlags(void **exec, void *graph, unsigned long long f) {
  (void)graph; (void)f;
  *exec = &exec_token;
  return kSuccess;
}
CUresult cuGraphLaunch(void *exec, void *s) {
  (void)exec; (void)s;
  ++counters.graph_launches;
  counters.launches += graph_launches_recorded;
  return kSuccess;
}
CUresult cuGraphDestroy(void *g) { (void)g; return kSuccess; }
CUresult cuGraphExecDestroy(void *e) { (void)e; return kSuccess; }

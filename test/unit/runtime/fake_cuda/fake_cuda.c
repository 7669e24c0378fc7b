/* A stand-in for libcuda.so.1 on machines without a GPU, for testing the
 * runtime's CUDA plumbing (GENC_CUDA_DRIVER=.../fake_libcuda.so): the
 * driver API entry points genc resolves, with host memory for device and
 * managed memory and kernel launches that are counted (and logged to
 * stderr with GENC_FAKE_CUDA_LOG=1) but do not run -- there is no GPU to
 * run PTX on. Module loads accept a cubin (ELF) or PTX text and reject
 * anything else, as the driver does (CUDA_ERROR_INVALID_IMAGE).
 *
 * Device memory (cuMemAlloc) is mapped without access rights in the
 * process, with a second, readable mapping of the same pages that copies
 * use: host code that dereferences a device pointer crashes here as it
 * would with a real GPU. Managed memory (cuMemAllocManaged) is plain host
 * memory.
 *
 * Knobs (environment): GENC_FAKE_CUDA_DEVICES=N (default 1; 0 = no
 * devices), GENC_FAKE_CUDA_MEMORY=BYTES (allocations beyond it fail with
 * CUDA_ERROR_OUT_OF_MEMORY). Counters for tests: fake_cuda_stats(). */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

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

/* Device allocations: the inaccessible view handed out and its mirror. */
struct fake_block { char *device, *mirror; size_t bytes, mapped; int managed; };
static struct fake_block blocks[65536];
static int block_count;

static struct fake_block *find_block(uintptr_t p) {
  for (int i = 0; i < block_count; ++i)
    if (p >= (uintptr_t)blocks[i].device &&
        p < (uintptr_t)blocks[i].device + (blocks[i].bytes ? blocks[i].bytes : 1))
      return &blocks[i];
  return NULL;
}

/* The address copies use for `p`: the mirror of a device block, else p. */
static void *host_view(CUdeviceptr p) {
  struct fake_block *b = find_block((uintptr_t)p);
  if (!b || b->managed)
    return (void *)(uintptr_t)p;
  return b->mirror + ((uintptr_t)p - (uintptr_t)b->device);
}

static CUresult allocate(CUdeviceptr *ptr, size_t bytes, int managed) {
  long limit = env_long("GENC_FAKE_CUDA_MEMORY", 1L << 30);
  if (counters.bytes_allocated + (long long)bytes > limit)
    return kOutOfMemory;
  if (block_count == (int)(sizeof blocks / sizeof blocks[0]))
    return kOutOfMemory;
  size_t page = (size_t)sysconf(_SC_PAGESIZE);
  size_t mapped = (bytes + page - 1) / page * page;
  if (mapped == 0)
    mapped = page;
  struct fake_block b = {0, 0, bytes, mapped, managed};
  if (managed) {
    b.device = mmap(NULL, mapped, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (b.device == MAP_FAILED)
      return kOutOfMemory;
  } else {
    int fd = memfd_create("fake-cuda", 0);
    if (fd < 0 || ftruncate(fd, (off_t)mapped) != 0)
      return kOutOfMemory;
    b.device = mmap(NULL, mapped, PROT_NONE, MAP_SHARED, fd, 0);
    b.mirror = mmap(NULL, mapped, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);
    if (b.device == MAP_FAILED || b.mirror == MAP_FAILED)
      return kOutOfMemory;
  }
  blocks[block_count++] = b;
  counters.bytes_allocated += (long long)bytes;
  ++counters.allocations;
  *ptr = (CUdeviceptr)(uintptr_t)b.device;
  return kSuccess;
}
CUresult cuMemAlloc_v2(CUdeviceptr *ptr, size_t bytes) { return allocate(ptr, bytes, 0); }
CUresult cuMemAllocManaged(CUdeviceptr *ptr, size_t bytes, unsigned flags) {
  (void)flags;
  return allocate(ptr, bytes, 1);
}
CUresult cuMemFree_v2(CUdeviceptr ptr) {
  struct fake_block *b = find_block((uintptr_t)ptr);
  if (!b || (uintptr_t)b->device != (uintptr_t)ptr)
    return kInvalidValue;
  munmap(b->device, b->mapped);
  if (b->mirror)
    munmap(b->mirror, b->mapped);
  counters.bytes_allocated -= (long long)b->bytes;
  ++counters.frees;
  *b = blocks[--block_count];
  return kSuccess;
}
CUresult cuMemGetInfo_v2(size_t *free_bytes, size_t *total) {
  long limit = env_long("GENC_FAKE_CUDA_MEMORY", 1L << 30);
  *total = (size_t)limit;
  *free_bytes = (size_t)(limit - counters.bytes_allocated);
  return kSuccess;
}
CUresult cuMemcpyAsync(CUdeviceptr dst, CUdeviceptr src, size_t n, void *s) {
  (void)s;
  memcpy(host_view(dst), host_view(src), n);
  ++counters.copies;
  return kSuccess;
}
CUresult cuMemsetD32Async(CUdeviceptr dst, unsigned v, size_t n, void *s) {
  (void)s;
  char *p = host_view(dst);
  for (size_t i = 0; i < n; ++i)
    memcpy(p + 4 * i, &v, 4);
  return kSuccess;
}
CUresult cuMemsetD16Async(CUdeviceptr dst, unsigned short v, size_t n, void *s) {
  (void)s;
  char *p = host_view(dst);
  for (size_t i = 0; i < n; ++i)
    memcpy(p + 2 * i, &v, 2);
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

/* A stand-in for cuBLAS (GENC_CUBLAS_LIBRARY=.../fake_libcuda.so): the
 * strided-batched GEMM computed on the host through the device memory's
 * mirror, in double, for f32, f64 and bf16 -- so that programs whose only
 * device work is matrix products produce real results on the fake. */
long fake_cublas_gemms;
int cublasCreate_v2(void **handle) { *handle = &context_token; return 0; }
int cublasSetStream_v2(void *handle, void *stream) { (void)handle; (void)stream; return 0; }
const char *cublasGetStatusString(int status) {
  return status == 15 ? "the functionality requested is not supported" : "fake cuBLAS error";
}

static double load(const char *p, int type, long long i) {
  if (type == 0) { float f; memcpy(&f, p + 4 * i, 4); return f; }
  if (type == 1) { double d; memcpy(&d, p + 8 * i, 8); return d; }
  uint16_t h; memcpy(&h, p + 2 * i, 2);
  uint32_t w = (uint32_t)h << 16; float f; memcpy(&f, &w, 4); return f;
}
static void store(char *p, int type, long long i, double v) {
  if (type == 0) { float f = (float)v; memcpy(p + 4 * i, &f, 4); return; }
  if (type == 1) { memcpy(p + 8 * i, &v, 8); return; }
  float f = (float)v; uint32_t w; memcpy(&w, &f, 4);
  uint16_t h = (uint16_t)((w + 0x7fff + ((w >> 16) & 1)) >> 16); /* nearest even */
  memcpy(p + 2 * i, &h, 2);
}

int cublasGemmStridedBatchedEx(void *handle, int transa, int transb, int m, int n, int k,
                               const void *alpha, const void *A, int atype, int lda,
                               long long strideA, const void *B, int btype, int ldb,
                               long long strideB, const void *beta, void *C, int ctype,
                               int ldc, long long strideC, int batch, int compute, int algo) {
  (void)handle; (void)btype; (void)algo;
  if (atype != 0 && atype != 1 && atype != 14)
    return 15;
  int dbl = compute == 70;
  double al = dbl ? *(const double *)alpha : *(const float *)alpha;
  double be = dbl ? *(const double *)beta : *(const float *)beta;
  const char *a = host_view((CUdeviceptr)(uintptr_t)A);
  const char *b = host_view((CUdeviceptr)(uintptr_t)B);
  char *c = host_view((CUdeviceptr)(uintptr_t)C);
  for (int q = 0; q < batch; ++q)
    for (int j = 0; j < n; ++j)
      for (int i = 0; i < m; ++i) {
        double s = 0;
        for (int l = 0; l < k; ++l) {
          long long ai = transa ? l + (long long)i * lda : i + (long long)l * lda;
          long long bi = transb ? j + (long long)l * ldb : l + (long long)j * ldb;
          s += load(a, atype, q * strideA + ai) * load(b, atype, q * strideB + bi);
        }
        long long ci = q * strideC + i + (long long)j * ldc;
        store(c, ctype, ci, al * s + (be != 0 ? be * load(c, ctype, ci) : 0));
      }
  ++fake_cublas_gemms;
  if (getenv("GENC_FAKE_CUDA_LOG"))
    fprintf(stderr, "fake-cuda: gemm %dx%dx%d batch %d op(%c,%c)\n", m, n, k, batch,
            transa ? 'T' : 'N', transb ? 'T' : 'N');
  return 0;
}

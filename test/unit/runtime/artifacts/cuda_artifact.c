/* A hand-written `target cuda` artifact for the CUDA runtime tests: what a
 * program compiled by genc compile --target=cuda does at run time, through
 * the same mgpu* calls (runtime/src/CudaAbi.cpp), with the kernel's work
 * done on the host instead (the fake driver of these tests runs no
 * kernels).
 *
 *   scale(4xf32) -> 4xf32        out = 2 * x, via a temporary buffer
 *   bad_kernels(4xf32) -> 4xf32  embeds a blob no driver accepts
 */
#include <stdint.h>
#include "genc/runtime/genc_runtime.h"

GENC_ARTIFACT_SEAL_BLOCK;

void *mgpuModuleLoad(void *data, size_t size);
void *mgpuModuleGetFunction(void *module, const char *name);
void mgpuLaunchKernel(void *function, intptr_t gx, intptr_t gy, intptr_t gz,
                      intptr_t bx, intptr_t by, intptr_t bz, int32_t smem,
                      void *stream, void **params, void **extra, size_t n);
void *mgpuStreamCreate(void);
void mgpuStreamSynchronize(void *stream);
void mgpuStreamDestroy(void *stream);
void *mgpuMemAlloc(uint64_t bytes, void *stream, _Bool hostShared);
void mgpuMemFree(void *ptr, void *stream);
void mgpuMemcpy(void *dst, void *src, size_t bytes, void *stream);

const char *genc_artifact_metadata(void) {
  return "genc-artifact 3\n"
         "func scale\n"
         "  target cuda\n"
         "  input 4xf32\n"
         "  output 4xf32\n"
         "end\n"
         "func bad_kernels\n"
         "  target cuda\n"
         "  input 4xf32\n"
         "  output 4xf32\n"
         "end\n";
}

/* genc's kernel container: magic, u64 cubin size + cubin, u64 PTX size +
 * PTX. Here an empty cubin and a PTX stub. */
static const char kContainer[] =
    "GENC-CUDA-FAT1\0\0"
    "\0\0\0\0\0\0\0\0"
    "\x10\0\0\0\0\0\0\0"
    "// fake ptx\n\0\0\0";

void genc_invoke_scale(void **buffers) {
  float *x = buffers[0], *out = buffers[1];
  void *stream = mgpuStreamCreate();
  float *tmp = mgpuMemAlloc(16, stream, 1);
  void *module = mgpuModuleLoad((void *)(uintptr_t)kContainer, sizeof kContainer);
  void *fn = mgpuModuleGetFunction(module, "scale_kernel");
  void *params[] = {&x, &tmp};
  mgpuLaunchKernel(fn, 1, 1, 1, 4, 1, 1, 0, stream, params, 0, 2);
  mgpuStreamSynchronize(stream);
  /* The kernel's work, on the host: x is device memory (not readable
   * here), tmp managed memory. */
  float hx[4];
  mgpuMemcpy(hx, x, 16, stream);
  mgpuStreamSynchronize(stream);
  for (int i = 0; i < 4; ++i)
    tmp[i] = 2 * hx[i];
  mgpuMemcpy(out, tmp, 16, stream);
  mgpuStreamSynchronize(stream);
  mgpuMemFree(tmp, stream);
  mgpuStreamDestroy(stream);
}

void genc_invoke_bad_kernels(void **buffers) {
  static const char blob[] = "not a cubin";
  void *module = mgpuModuleLoad((void *)(uintptr_t)blob, sizeof blob);
  void *fn = mgpuModuleGetFunction(module, "k");
  (void)buffers; /* device memory: never touched by host code */
  mgpuLaunchKernel(fn, 1, 1, 1, 1, 1, 1, 0, mgpuStreamCreate(), 0, 0, 0);
}

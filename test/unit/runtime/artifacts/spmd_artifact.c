/* A hand-written multi-device (SPMD) genc artifact for the runtime tests.
 *
 *   allsum(3xf32) -> (3xf32, 2xi32)      on 4 devices
 *
 * Device d scales the shared input by d + 1 and all-reduces (sums) it over
 * all four devices, so the result is 10 * x; the second output is
 * {device index, device count} of the device (device 0's is returned).
 *
 * Like compiled code it leaves the genc_rt_* functions undefined: they
 * resolve against the runtime library loaded in the process.
 */
#include <stdint.h>
#include "genc/runtime/genc_runtime.h"

/* The seal block; the build seals the library (genc-seal). */
GENC_ARTIFACT_SEAL_BLOCK;

#include "genc/runtime/genc_collectives.h"

const char *genc_artifact_metadata(void) {
  return "genc-artifact 2\n"
         "func allsum\n"
         "devices 4\n"
         "input 3xf32\n"
         "output 3xf32\n"
         "output 2xi32\n"
         "end\n";
}

void genc_invoke_allsum(void **buffers) {
  static const int64_t groups[4] = {0, 1, 2, 3};
  const float *x = (const float *)buffers[0];
  float *sum = (float *)buffers[1];
  int32_t *where = (int32_t *)buffers[2];
  int32_t d = genc_rt_device_index();
  float local[3];
  for (int i = 0; i < 3; ++i)
    local[i] = x[i] * (float)(d + 1);
  genc_rt_all_reduce("genc.all_reduce at spmd.mlir:4:3", local, sum, 3,
                     /*f32*/ 0, /*sum*/ 0, groups, 1, 4);
  where[0] = d;
  where[1] = genc_rt_device_count();
}

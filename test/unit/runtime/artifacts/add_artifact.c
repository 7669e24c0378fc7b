/* A hand-written genc artifact for the runtime tests and the AOT example.
 *
 *   add(2x3xf32, 2x3xf32) -> 2x3xf32          elementwise sum
 *   sum_and_max(4xi32) -> (i64, i32)          reduction, two scalar outputs
 *   iota() -> 3xf64                           no inputs: 0, 1, 2
 *
 * It follows the ABI in runtime/README.md exactly: a metadata string and one
 * genc_invoke_NAME(void **buffers) per function, inputs first, then outputs.
 */
#include <stdint.h>
#include "genc/runtime/genc_runtime.h"

/* The seal block; the build seals the library (genc-seal). */
GENC_ARTIFACT_SEAL_BLOCK;

const char *genc_artifact_metadata(void) {
  return "genc-artifact 1\n"
         "# hand-written test artifact\n"
         "func add\n"
         "  input 2x3xf32\n"
         "  input 2x3xf32\n"
         "  output 2x3xf32\n"
         "end\n"
         "func sum_and_max\n"
         "  input 4xi32\n"
         "  output i64\n"
         "  output i32\n"
         "end\n"
         "func iota\n"
         "  output 3xf64\n"
         "end\n";
}

void genc_invoke_add(void **buffers) {
  const float *a = (const float *)buffers[0];
  const float *b = (const float *)buffers[1];
  float *out = (float *)buffers[2];
  for (int i = 0; i < 6; ++i)
    out[i] = a[i] + b[i];
}

void genc_invoke_sum_and_max(void **buffers) {
  const int32_t *in = (const int32_t *)buffers[0];
  int64_t *sum = (int64_t *)buffers[1];
  int32_t *max = (int32_t *)buffers[2];
  *sum = 0;
  *max = in[0];
  for (int i = 0; i < 4; ++i) {
    *sum += in[i];
    if (in[i] > *max)
      *max = in[i];
  }
}

void genc_invoke_iota(void **buffers) {
  double *out = (double *)buffers[0];
  for (int i = 0; i < 3; ++i)
    out[i] = i;
}

#include "genc/runtime/genc_runtime.h"


/* The seal block; the build seals the library (genc-seal). */
GENC_ARTIFACT_SEAL_BLOCK;
/* An artifact whose metadata names an unknown dtype on line 3. */
const char *genc_artifact_metadata(void) {
  return "genc-artifact 1\n"
         "func f\n"
         "input 2xf12\n"
         "end\n";
}
void genc_invoke_f(void **buffers) { (void)buffers; }

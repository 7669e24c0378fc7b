#include "genc/runtime/genc_runtime.h"


/* The seal block; the build seals the library (genc-seal). */
GENC_ARTIFACT_SEAL_BLOCK;
/* An artifact whose metadata declares 'ghost' but has no genc_invoke_ghost. */
const char *genc_artifact_metadata(void) {
  return "genc-artifact 1\n"
         "func ghost\n"
         "input f32\n"
         "output f32\n"
         "end\n";
}

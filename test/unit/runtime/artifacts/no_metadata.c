#include "genc/runtime/genc_runtime.h"

/* The seal block; the build seals the library (genc-seal). */
GENC_ARTIFACT_SEAL_BLOCK;
/* A shared library that is not a genc artifact: no genc_artifact_metadata. */
int genc_test_not_an_artifact(void) { return 42; }

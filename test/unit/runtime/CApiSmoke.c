/* Uses the C API from a C translation unit: proves genc_runtime.h is valid C
 * and that a C caller can load an artifact and call 'add'. */
#include "genc/runtime/genc_runtime.h"

#include <string.h>

/* Returns 0 on success, or the number of the step that failed. */
int genc_test_c_api_smoke(const char *artifact_path) {
  genc_module_t *module = NULL;
  genc_status_t *status = genc_module_load(artifact_path, &module);
  if (status) {
    genc_status_free(status);
    return 1;
  }
  int result = 0;
  const int64_t dims[2] = {2, 3};
  genc_buffer_t *a = NULL, *b = NULL, *out = NULL;
  if ((status = genc_buffer_create(GENC_DTYPE_F32, 2, dims, &a)) ||
      (status = genc_buffer_create(GENC_DTYPE_F32, 2, dims, &b))) {
    result = 2;
    goto done;
  }
  for (int i = 0; i < 6; ++i) {
    ((float *)genc_buffer_data(a))[i] = (float)i;
    ((float *)genc_buffer_data(b))[i] = 10.0f;
  }
  genc_buffer_t *inputs[2] = {a, b};
  if ((status = genc_module_call(module, "add", inputs, 2, &out, 1))) {
    result = 3;
    goto done;
  }
  if (genc_buffer_rank(out) != 2 || genc_buffer_dim(out, 1) != 3 ||
      genc_buffer_dtype(out) != GENC_DTYPE_F32 ||
      ((float *)genc_buffer_data(out))[5] != 15.0f) {
    result = 4;
    goto done;
  }
  if (strcmp(genc_module_function_name(module, 0), "add") != 0)
    result = 5;
done:
  genc_status_free(status);
  genc_buffer_free(out);
  genc_buffer_free(b);
  genc_buffer_free(a);
  genc_module_free(module);
  return result;
}

/* Loads the runtime library with dlopen(RTLD_LOCAL), as Python's ctypes or
 * an extension module does, then loads and calls a multi-device artifact
 * through the C API: the artifact's genc_rt_* symbols must still resolve.
 * Usage: genc-test-rtld-local-loader RUNTIME.so ARTIFACT.so
 * Prints "sum 10 20 30" and exits 0 on success. Run by CollectivesTest. */
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>

#include "genc/runtime/genc_runtime.h"

#define LOOKUP(name) name##_fn name##_ptr = (name##_fn)dlsym(rt, #name)

typedef genc_status_t *(*genc_module_load_fn)(const char *, genc_module_t **);
typedef const char *(*genc_status_message_fn)(const genc_status_t *);
typedef genc_status_t *(*genc_buffer_create_fn)(genc_dtype_t, size_t,
                                                const int64_t *,
                                                genc_buffer_t **);
typedef void *(*genc_buffer_data_fn)(genc_buffer_t *);
typedef genc_status_t *(*genc_module_call_fn)(const genc_module_t *,
                                              const char *,
                                              genc_buffer_t *const *, size_t,
                                              genc_buffer_t **, size_t);

int main(int argc, char **argv) {
  if (argc != 3)
    return 2;
  void *rt = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (!rt) {
    printf("cannot load the runtime: %s\n", dlerror());
    return 1;
  }
  LOOKUP(genc_module_load);
  LOOKUP(genc_status_message);
  LOOKUP(genc_buffer_create);
  LOOKUP(genc_buffer_data);
  LOOKUP(genc_module_call);
  if (!genc_module_load_ptr || !genc_status_message_ptr ||
      !genc_buffer_create_ptr || !genc_buffer_data_ptr ||
      !genc_module_call_ptr) {
    printf("missing C API symbols\n");
    return 1;
  }
  genc_module_t *module = NULL;
  genc_status_t *status = genc_module_load_ptr(argv[2], &module);
  if (status) {
    printf("%s\n", genc_status_message_ptr(status));
    return 1;
  }
  int64_t dims[1] = {3};
  genc_buffer_t *x = NULL;
  if (genc_buffer_create_ptr(GENC_DTYPE_F32, 1, dims, &x))
    return 1;
  float *data = (float *)genc_buffer_data_ptr(x);
  for (int i = 0; i < 3; ++i)
    data[i] = (float)(i + 1);
  genc_buffer_t *outs[2] = {NULL, NULL};
  status = genc_module_call_ptr(module, "allsum", &x, 1, outs, 2);
  if (status) {
    printf("%s\n", genc_status_message_ptr(status));
    return 1;
  }
  float *sum = (float *)genc_buffer_data_ptr(outs[0]);
  printf("sum %g %g %g\n", sum[0], sum[1], sum[2]);
  return 0;
}

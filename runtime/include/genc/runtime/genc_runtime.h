/* C API of the genc runtime: load compiled artifacts and call functions.
 *
 * Thread safety: a loaded module may be called from several threads at once
 * (genc_module_call only reads the module). A buffer must not be freed or
 * written by one thread while another uses it. Statuses are independent
 * objects owned by the caller.
 *
 * Errors: functions that can fail return a genc_status_t*; NULL means
 * success. A non-NULL status carries a message and must be released with
 * genc_status_free. On failure, output parameters are set to NULL.
 *
 * Handles: genc_module_t* and genc_buffer_t* are opaque handles, not
 * addresses; the runtime checks each one it is given against its table of
 * live objects. A released handle (use after free, double free), a handle
 * of the other kind or a value the runtime never returned is an error:
 * genc_module_call returns a status naming it; functions without a status
 * return their "nothing" value (NULL, 0, -1), print one line to stderr and
 * leave the message for genc_last_error. Handles are never reused.
 */
#ifndef GENC_RUNTIME_GENC_RUNTIME_H
#define GENC_RUNTIME_GENC_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Element types; the values equal genc::runtime::DType. */
typedef enum genc_dtype {
  GENC_DTYPE_F32 = 0,
  GENC_DTYPE_F64 = 1,
  GENC_DTYPE_F16 = 2,
  GENC_DTYPE_BF16 = 3,
  GENC_DTYPE_I1 = 4, /* one byte holding 0 or 1 */
  GENC_DTYPE_I8 = 5,
  GENC_DTYPE_I32 = 6,
  GENC_DTYPE_I64 = 7,
  GENC_DTYPE_U8 = 8
} genc_dtype_t;

typedef struct genc_module genc_module_t;
typedef struct genc_buffer genc_buffer_t;
typedef struct genc_status genc_status_t;

/* --- Status ------------------------------------------------------------ */

/* The error message; valid until genc_status_free. "" for NULL (OK). */
const char *genc_status_message(const genc_status_t *status);
/* Releases a status; NULL is allowed. */
void genc_status_free(genc_status_t *status);

/* The message of the last invalid-handle use detected on the calling
 * thread by a function that returns no status ("" if none). */
const char *genc_last_error(void);

/* --- Modules ----------------------------------------------------------- */

/* Artifacts carry a seal (format version + SHA-256 of the file, see
 * genc/runtime/Seal.h) that genc_module_load checks before loading: a
 * corrupt, modified or foreign-version file is refused, never run. genc
 * compile seals what it writes; a hand-written artifact declares the block
 * at file scope with GENC_ARTIFACT_SEAL_BLOCK; and is sealed after linking
 * with `genc-seal FILE.so`. */
#if defined(__GNUC__) || defined(__clang__)
#define GENC_ARTIFACT_SEAL_BLOCK                                               \
  __attribute__((used, visibility("default"))) const unsigned char            \
      genc_artifact_seal[64] = "GENC-ARTIFACT-SEAL v1"
#endif

/* Loads a compiled artifact (.so). On success *out_module owns it. */
genc_status_t *genc_module_load(const char *path, genc_module_t **out_module);
/* Unloads a module; NULL is allowed. Buffers it returned stay valid. */
void genc_module_free(genc_module_t *module);
/* Number of entry functions (0 for NULL). */
size_t genc_module_function_count(const genc_module_t *module);
/* Name of function i, valid as long as the module; NULL if out of range. */
const char *genc_module_function_name(const genc_module_t *module, size_t i);
/* Number of inputs/outputs of the named function, or -1 if there is none. */
int64_t genc_module_function_num_inputs(const genc_module_t *module,
                                        const char *name);
int64_t genc_module_function_num_outputs(const genc_module_t *module,
                                         const char *name);

/* Calls function `name`. The inputs' dtypes and shapes are checked against
 * its signature. `n_out` must equal its number of outputs; on success
 * outputs[0..n_out) receive new buffers the caller must free with
 * genc_buffer_free; on failure they are set to NULL. A multi-device
 * function (metadata `devices N`) runs on N CPU devices and returns device
 * 0's outputs (runtime/README.md, "Multi-device (SPMD) functions"). */
genc_status_t *genc_module_call(const genc_module_t *module, const char *name,
                                genc_buffer_t *const *inputs, size_t n_in,
                                genc_buffer_t **outputs, size_t n_out);

/* --- Buffers ----------------------------------------------------------- */

/* Allocates a zero-filled, 64-byte aligned, row-major buffer. dims may be
 * NULL when rank is 0 (a scalar). */
genc_status_t *genc_buffer_create(genc_dtype_t dtype, size_t rank,
                                  const int64_t *dims,
                                  genc_buffer_t **out_buffer);
/* Releases a buffer; NULL is allowed. */
void genc_buffer_free(genc_buffer_t *buffer);
/* Start of the data (never NULL for a created buffer). */
void *genc_buffer_data(genc_buffer_t *buffer);
genc_dtype_t genc_buffer_dtype(const genc_buffer_t *buffer);
size_t genc_buffer_rank(const genc_buffer_t *buffer);
/* Dimension i, or -1 if i >= rank. */
int64_t genc_buffer_dim(const genc_buffer_t *buffer, size_t i);
int64_t genc_buffer_num_elements(const genc_buffer_t *buffer);
size_t genc_buffer_byte_size(const genc_buffer_t *buffer);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* GENC_RUNTIME_GENC_RUNTIME_H */

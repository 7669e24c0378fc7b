/* NaN/Inf checks of compiled code. Programs compiled with --check-numerics
 * (genc compile/run --check-numerics, GENC_CHECK_NUMERICS=1 or
 * genc::set_check_numerics(true) for jit, the zoo's --check-numerics) call
 * this after every kernel on each floating-point output buffer:
 *
 *   label  constant NUL-terminated kernel label, e.g.
 *          "linalg.generic 4xf32 (1 ops) [genc.log] at model.mlir:3:8"
 *   data   the buffer's first element; count elements, dtype as in
 *          genc_collectives.h (F32=0, F64=1, F16=2, BF16=3).
 *
 * The first NaN or Inf of a call becomes the call's error status
 * (Function::call, genc_module_call): "check-numerics: NaN in the output
 * of <label> (element i of n)". Later findings of the same call are not
 * reported (they usually follow from the first). The call still runs to
 * its end.
 *
 * Thread safety: called by the thread running the call (or a device
 * thread of a multi-device call); each records into its own context.
 */
#ifndef GENC_RUNTIME_GENC_NUMERICS_H
#define GENC_RUNTIME_GENC_NUMERICS_H

#include "genc/runtime/genc_collectives.h" /* GENC_RT_EXPORT */

#ifdef __cplusplus
extern "C" {
#endif

GENC_RT_EXPORT void genc_rt_check_numerics(const char *label, const void *data,
                                           int64_t count, int32_t dtype);

#ifdef __cplusplus
}
#endif

#endif /* GENC_RUNTIME_GENC_NUMERICS_H */

/* Kernel profiling of compiled code. Programs compiled with --profile
 * (genc compile/run --profile, GENC_PROFILE=1 for the frontend's jit) call
 * these around every kernel (genc-cpu-profile): `label` is a constant,
 * NUL-terminated string in the artifact naming the kernel, its output shape
 * and source location, e.g.
 *   "linalg.generic 64x16x16x64xf32 (3 ops) at model.cpp:57:9".
 * The runtime sums wall time and calls per label (labels are keyed by
 * address and copied on first use, so they outlive the artifact).
 *
 * The table (genc::runtime::profileReport, runtime/Profile.h) goes to stderr
 * at process exit when the environment sets GENC_PROFILE (not "0"), or to
 * the file GENC_PROFILE_OUT names.
 *
 * Thread safety: any thread; each thread times its own kernels.
 */
#ifndef GENC_RUNTIME_GENC_PROFILE_H
#define GENC_RUNTIME_GENC_PROFILE_H

#include "genc/runtime/genc_collectives.h" /* GENC_RT_EXPORT */

#ifdef __cplusplus
extern "C" {
#endif

GENC_RT_EXPORT void genc_rt_profile_enter(const char *label);
GENC_RT_EXPORT void genc_rt_profile_exit(const char *label);

#ifdef __cplusplus
}
#endif

#endif /* GENC_RUNTIME_GENC_PROFILE_H */

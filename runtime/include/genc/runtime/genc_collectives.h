/* Collectives for compiled multi-device (SPMD) code: the C functions that
 * genc-generated entry functions call. They are exported by the runtime
 * library (libgenc_runtime.so); an artifact that uses them leaves them
 * undefined and they resolve, when the runtime loads the artifact, against
 * the runtime library already loaded in the process.
 *
 * Devices: a function whose metadata says `devices N` runs its entry point
 * on N devices at once, one thread each; every device gets the same input
 * pointers (shared, read-only) and its own outputs. Every device must run
 * the same sequence of collectives with the same count, dtype, op and group
 * table (all devices of the call meet at every collective).
 *
 * Arguments common to the collectives:
 *   where   NUL-terminated description for messages, e.g.
 *           "genc.all_reduce at model.mlir:12:5" (NULL is allowed).
 *   in, out this device's data: dense, element type `dtype`; `in` is only
 *           read, `out` is written entirely (it may be the same as `in`).
 *   count   number of elements, as described per function (>= 0).
 *   dtype   the integer value of genc::runtime::DType / genc_dtype_t:
 *           F32=0, F64=1, F16=2, BF16=3, I1=4, I8=5, I32=6, I64=7, U8=8.
 *   op      reduction: 0 sum, 1 max, 2 min, 3 product. Every op works for
 *           f32, f64, f16, bf16 (accumulated in f32, rounded once), i8, i32,
 *           i64 and ui8 (integers wrap around); for i1, max is or, min is
 *           and, product is and, and sum is an error. max/min of a NaN is
 *           NaN. Members are combined in group order, so every member of a
 *           group gets bit-identical results.
 *   groups  row-major [num_groups][group_size] table of device indices
 *           (StableHLO replica_groups, never empty): every entry in
 *           [0, device count), no device twice, the calling device in
 *           exactly one group. Below, r is the caller's position in its
 *           group and in_g / "member g" refer to groups[my group][g].
 *
 * Errors: the functions return nothing. On error they zero-fill `out` and
 * record the first error of the device; the runtime turns it into the
 * error status of the call (Function::call, genc_module_call). After an
 * error, or a timeout (GENC_COLLECTIVE_TIMEOUT_S, default 300 s), every
 * later collective of the call returns at once with a zero-filled `out`.
 *
 * Outside a multi-device call (a 1-device function) the only valid group
 * table is {{0}}: the collective is then a copy (the math of one member).
 *
 * Thread safety: called by the device threads the runtime starts (or by
 * the calling thread of a 1-device call); each call uses only its own
 * thread's device context.
 */
#ifndef GENC_RUNTIME_GENC_COLLECTIVES_H
#define GENC_RUNTIME_GENC_COLLECTIVES_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) || defined(__clang__)
#define GENC_RT_EXPORT __attribute__((visibility("default")))
#else
#define GENC_RT_EXPORT
#endif

/* This device's index in the current multi-device call; 0 outside one. */
GENC_RT_EXPORT int32_t genc_rt_device_index(void);

/* The number of devices of the current call; 1 outside one. */
GENC_RT_EXPORT int32_t genc_rt_device_count(void);

/* out[i] = op over the members g of my group of in_g[i], for i < count. */
GENC_RT_EXPORT void genc_rt_all_reduce(const char *where, const void *in,
                                       void *out, int64_t count, int32_t dtype,
                                       int32_t op, const int64_t *groups,
                                       int64_t num_groups, int64_t group_size);

/* count = elements per member; out has group_size * count elements:
 * out[g * count + i] = in_g[i]. Any dtype (a byte copy). */
GENC_RT_EXPORT void genc_rt_all_gather(const char *where, const void *in,
                                       void *out, int64_t count, int32_t dtype,
                                       const int64_t *groups,
                                       int64_t num_groups, int64_t group_size);

/* count = elements of out; in has group_size * count elements:
 * out[i] = op over the members g of in_g[r * count + i]. */
GENC_RT_EXPORT void genc_rt_reduce_scatter(
    const char *where, const void *in, void *out, int64_t count, int32_t dtype,
    int32_t op, const int64_t *groups, int64_t num_groups, int64_t group_size);

/* count = elements per chunk; in and out have group_size * count elements:
 * out[j * count + i] = in_{member j}[r * count + i]. Any dtype. */
GENC_RT_EXPORT void genc_rt_all_to_all(const char *where, const void *in,
                                       void *out, int64_t count, int32_t dtype,
                                       const int64_t *groups,
                                       int64_t num_groups, int64_t group_size);

/* pairs: row-major [num_pairs][2] table of (source device, target device),
 * no source twice and no target twice (num_pairs may be 0). out (count
 * elements) = in of the device whose pair targets me, zeros if none. Every
 * device of the call takes part. Any dtype. */
GENC_RT_EXPORT void genc_rt_collective_permute(const char *where,
                                               const void *in, void *out,
                                               int64_t count, int32_t dtype,
                                               const int64_t *pairs,
                                               int64_t num_pairs);

#ifdef __cplusplus
}
#endif

#endif /* GENC_RUNTIME_GENC_COLLECTIVES_H */

// Counter-based PRNG (threefry2x32), compatible with JAX's default
// (jax_threefry_partitionable=False) key layout: a key is a tensor<2xi32>;
// the same key gives the same numbers on every backend, inside or outside
// jit. Thread safety: pure functions of their arguments.
#ifndef GENC_FRONTEND_RANDOM_H
#define GENC_FRONTEND_RANDOM_H

#include "genc/Tensor.h"

#include <vector>

namespace genc::random {

/// jax.random.PRNGKey(seed): [seed >> 32, seed & 0xFFFFFFFF] as i32.
Tensor key(uint64_t seed, Loc loc = Loc::current());
/// jax.random.split(key, num): a [num, 2] tensor of keys.
Tensor split(const Tensor &key, int64_t num = 2, Loc loc = Loc::current());
/// split() as a vector of keys.
std::vector<Tensor> split_keys(const Tensor &key, int64_t num = 2,
                               Loc loc = Loc::current());
/// jax.random.fold_in(key, data).
Tensor fold_in(const Tensor &key, uint32_t data, Loc loc = Loc::current());
/// jax.random.bits(key, shape): uniformly random 32-bit words (i32).
Tensor bits(const Tensor &key, Shape shape, Loc loc = Loc::current());
/// Uniform in [minval, maxval), as jax.random.uniform.
Tensor uniform(const Tensor &key, Shape shape, DType dtype = f32,
               double minval = 0.0, double maxval = 1.0,
               Loc loc = Loc::current());
/// Standard normal, as jax.random.normal (sqrt(2) * erfinv(u)).
Tensor normal(const Tensor &key, Shape shape, DType dtype = f32,
              Loc loc = Loc::current());
/// True with probability p.
Tensor bernoulli(const Tensor &key, double p, Shape shape,
                 Loc loc = Loc::current());
/// Samples class indices (i32) from unnormalized log-probabilities along
/// `axis` (Gumbel-max, as jax.random.categorical).
Tensor categorical(const Tensor &key, const Tensor &logits, int64_t axis = -1,
                   Loc loc = Loc::current());
/// Normal truncated to [lower, upper] (inverse-CDF), as
/// jax.random.truncated_normal.
Tensor truncated_normal(const Tensor &key, double lower, double upper,
                        Shape shape, DType dtype = f32,
                        Loc loc = Loc::current());

} // namespace genc::random

#endif // GENC_FRONTEND_RANDOM_H

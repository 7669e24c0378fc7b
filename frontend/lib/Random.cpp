//===- Random.cpp - threefry2x32 keys and distributions -------------------===//
//
// Follows JAX's threefry implementation (jax/_src/prng.py, original layout):
// random bits for N words hash the counters iota(N) split in halves; split
// hashes iota(2n); fold_in hashes (0, data). Uniform floats take the top 23
// bits as the mantissa of [1, 2) minus 1, computed exactly in integer
// arithmetic; normal uses XLA's single-precision erfinv polynomial.
//
//===----------------------------------------------------------------------===//

#include "Internal.h"

#include "dialects/genc/IR/GencDialect.h"
#include "genc/Ops.h"
#include "genc/Random.h"

#include <cmath>

using namespace mlir;
namespace g = mlir::genc;

namespace genc::random {

namespace {

void checkKey(const Tensor &key, const Loc &loc, const char *op) {
  if (!key.defined() || key.dtype() != i32 || key.shape() != Shape{2})
    fail(loc, op, "expected a key (2xi32, from random::key or split), got " +
                      (key.defined() ? key.aval() : std::string("undefined")));
}

/// threefry2x32 on broadcast key words and counters of shape `shape`.
std::pair<Tensor, Tensor> hash(const Tensor &key, const Tensor &x0,
                               const Tensor &x1, const Loc &loc) {
  Shape shape = x0.shape();
  Tensor k0 = broadcast_to(reshape(slice(key, {0}, {1}, {}, loc), {}, loc),
                           shape, loc);
  Tensor k1 = broadcast_to(reshape(slice(key, {1}, {2}, {}, loc), {}, loc),
                           shape, loc);
  std::vector<Tensor> out = detail::apply(
      "threefry2x32", {k0, k1, x0, x1},
      [](OpBuilder &b, Location l, ArrayRef<Value> v) {
        auto op = b.create<g::Threefry2x32Op>(l, v[0].getType(), v[0].getType(),
                                              v[0], v[1], v[2], v[3]);
        return std::vector<Value>{op.getOut0(), op.getOut1()};
      },
      loc);
  return {out[0], out[1]};
}

/// JAX's threefry_2x32(key, count) for a flat count vector.
Tensor hashCounts(const Tensor &key, int64_t n, const Loc &loc) {
  int64_t padded = n + (n % 2);
  int64_t half = padded / 2;
  Tensor counts = arange(padded, i32, loc);
  if (n % 2) // pad with a zero counter, as JAX
    counts = concatenate({slice(counts, {0}, {n}, {}, loc), zeros({1}, i32, loc)},
                         0, loc);
  Tensor x0 = slice(counts, {0}, {half}, {}, loc);
  Tensor x1 = slice(counts, {half}, {padded}, {}, loc);
  auto [y0, y1] = hash(key, x0, x1, loc);
  Tensor all = concatenate({y0, y1}, 0, loc);
  return n % 2 ? slice(all, {0}, {n}, {}, loc) : all;
}

/// Word bits as an exact unsigned value in i64.
Tensor asUnsigned(const Tensor &bits, const Loc &loc) {
  Tensor w = astype(bits, i64, loc);
  return where(less(w, scalar(0, i64, loc), loc),
               add(w, scalar(4294967296.0, i64, loc), loc), w, loc);
}

/// XLA's ErfInv32 (Giles), elementwise on f32.
Tensor erfinv(const Tensor &x, const Loc &loc) {
  Tensor w = negative(log(multiply(1.0 - At(x, loc), 1.0 + At(x, loc), loc), loc),
                      loc);
  auto poly = [&](const Tensor &t, std::initializer_list<double> cs) {
    auto it = cs.begin();
    Tensor p = full(t.shape(), *it++, t.dtype(), loc);
    for (; it != cs.end(); ++it)
      p = add(scalar_like(t, *it, loc), multiply(p, t, loc), loc);
    return p;
  };
  Tensor small = poly(subtract(w, scalar_like(w, 2.5, loc), loc),
                      {2.81022636e-08, 3.43273939e-07, -3.5233877e-06,
                       -4.39150654e-06, 0.00021858087, -0.00125372503,
                       -0.00417768164, 0.246640727, 1.50140941});
  Tensor large = poly(subtract(sqrt(maximum(w, scalar_like(w, 5.0, loc), loc),
                                    loc),
                               scalar_like(w, 3.0, loc), loc),
                      {-0.000200214257, 0.000100950558, 0.00134934322,
                       -0.00367342844, 0.00573950773, -0.0076224613,
                       0.00943887047, 1.00167406, 2.83297682});
  Tensor p = where(less(w, scalar_like(w, 5.0, loc), loc), small, large, loc);
  return multiply(p, x, loc);
}

} // namespace

Tensor key(uint64_t seed, Loc loc) {
  int32_t hi = (int32_t)(uint32_t)(seed >> 32);
  int32_t lo = (int32_t)(uint32_t)(seed & 0xFFFFFFFFu);
  return array(std::vector<int32_t>{hi, lo}, {2}, loc);
}

Tensor split(const Tensor &k, int64_t num, Loc loc) {
  checkKey(k, loc, "random::split");
  if (num < 1)
    fail(loc, "random::split", "num must be positive");
  return reshape(hashCounts(k, 2 * num, loc), {num, 2}, loc);
}

std::vector<Tensor> split_keys(const Tensor &k, int64_t num, Loc loc) {
  Tensor all = split(k, num, loc);
  std::vector<Tensor> keys;
  for (int64_t i = 0; i < num; ++i)
    keys.push_back(reshape(slice(all, {i, 0}, {i + 1, 2}, {}, loc), {2}, loc));
  return keys;
}

Tensor fold_in(const Tensor &k, uint32_t data, Loc loc) {
  checkKey(k, loc, "random::fold_in");
  auto [y0, y1] = hash(k, zeros({1}, i32, loc),
                       full({1}, (double)(int32_t)data, i32, loc), loc);
  return concatenate({y0, y1}, 0, loc);
}

Tensor bits(const Tensor &k, Shape shape, Loc loc) {
  checkKey(k, loc, "random::bits");
  int64_t n = 1;
  for (int64_t d : shape) {
    if (d < 0)
      fail(loc, "random::bits", "negative dimension in " + shapeString(shape));
    n *= d;
  }
  if (n == 0)
    return zeros(shape, i32, loc);
  return reshape(hashCounts(k, n, loc), shape, loc);
}

Tensor uniform(const Tensor &k, Shape shape, DType dtype, double minval,
               double maxval, Loc loc) {
  if (dtype != f32 && dtype != f64 && dtype != f16 && dtype != bf16)
    fail(loc, "random::uniform", "dtype must be a float type");
  Tensor u = asUnsigned(bits(k, shape, loc), loc);
  // Top 23 bits as a mantissa: exactly (bits >> 9) * 2^-23 in [0, 1).
  Tensor m = astype(floor_divide(u, scalar(512, i64, loc), loc), f32, loc);
  Tensor unit = multiply(m, scalar(std::ldexp(1.0, -23), f32, loc), loc);
  Tensor r = add(multiply(unit, scalar(maxval - minval, f32, loc), loc),
                 scalar(minval, f32, loc), loc);
  // Keep results below maxval after rounding, as JAX does.
  r = maximum(scalar(minval, f32, loc), r, loc);
  return astype(r, dtype, loc);
}

Tensor normal(const Tensor &k, Shape shape, DType dtype, Loc loc) {
  double lo = std::nextafter(-1.0f, 0.0f);
  Tensor u = uniform(k, shape, f32, lo, 1.0, loc);
  return astype(multiply(erfinv(u, loc), scalar(std::sqrt(2.0), f32, loc), loc),
                dtype, loc);
}

Tensor bernoulli(const Tensor &k, double p, Shape shape, Loc loc) {
  return less(uniform(k, shape, f32, 0.0, 1.0, loc), scalar(p, f32, loc), loc);
}

Tensor categorical(const Tensor &k, const Tensor &logits, int64_t axis,
                   Loc loc) {
  // Gumbel-max: argmax(logits - log(-log(u))).
  double tiny = std::numeric_limits<float>::min();
  Tensor u = uniform(k, logits.shape(), f32, tiny, 1.0, loc);
  Tensor gumbel = negative(log(negative(log(u, loc), loc), loc), loc);
  return argmax(add(astype(logits, f32, loc), gumbel, loc), axis, loc);
}

Tensor truncated_normal(const Tensor &k, double lower, double upper,
                        Shape shape, DType dtype, Loc loc) {
  // Inverse CDF via erf/erfinv: u uniform in [erf(l/sqrt2), erf(u/sqrt2)).
  double a = std::erf(lower / std::sqrt(2.0)), b = std::erf(upper / std::sqrt(2.0));
  Tensor u = uniform(k, shape, f32, a, b, loc);
  Tensor x = multiply(erfinv(u, loc), scalar(std::sqrt(2.0), f32, loc), loc);
  return astype(clip(x, std::nextafter(lower, upper), std::nextafter(upper, lower),
                     loc),
                dtype, loc);
}

} // namespace genc::random

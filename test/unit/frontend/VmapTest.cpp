// vmap: the batched program equals stacking the per-example results, for
// every op family with a batching rule, on the CPU and in the interpreter;
// in_axes none and non-zero axes; per-example gradients; grad of vmap;
// nested vmap.
#include "AllClose.h"
#include "genc/genc.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>

using namespace genc;

namespace {

Tensor example(const Tensor &xs, int64_t i) {
  Shape shape = xs.shape();
  Shape start(shape.size(), 0), limit = shape;
  start[0] = i;
  limit[0] = i + 1;
  Shape one(shape.begin() + 1, shape.end());
  return reshape(slice(xs, start, limit, {}), one);
}

struct VmapCase {
  const char *name;
  std::function<Tensor(const Tensor &, const Tensor &)> f; // (example, shared)
  Shape example, shared;
};

class VmapOps : public ::testing::TestWithParam<VmapCase> {};

TEST_P(VmapOps, EqualsStackedExamples) {
  const VmapCase &c = GetParam();
  const int64_t n = 5;
  std::vector<Tensor> k = random::split_keys(random::key(3), 2);
  Shape batched{n};
  batched.insert(batched.end(), c.example.begin(), c.example.end());
  Tensor xs = random::normal(k[0], batched);
  Tensor w = random::normal(k[1], c.shared);
  std::vector<Tensor> rows;
  for (int64_t i = 0; i < n; ++i)
    rows.push_back(c.f(example(xs, i), w));
  Tensor expected = stack(rows, 0);
  auto batchedF = vmap(c.f, {0, -1});
  expectAllClose(batchedF(xs, w), expected, 1e-5, "eager");
  expectAllClose(jit(batchedF)(xs, w), expected, 1e-5, "jit");
  set_backend(Backend::Interpreter);
  Tensor interp = batchedF(xs, w);
  set_backend(Backend::Compiled);
  expectAllClose(interp, expected, 1e-5, "interpreter");
}

INSTANTIATE_TEST_SUITE_P(
    Families, VmapOps,
    ::testing::Values(
        VmapCase{"elementwise",
                 [](const Tensor &x, const Tensor &w) {
                   return tanh(x * w) + exp(-square(x)) - maximum(x, w);
                 },
                 {3, 4}, {3, 4}},
        VmapCase{"broadcast_reduce",
                 [](const Tensor &x, const Tensor &w) {
                   return sum(x * w, {1}) + max(x);
                 },
                 {3, 4}, {4}},
        VmapCase{"matmul_shared_weight",
                 [](const Tensor &x, const Tensor &w) { return matmul(x, w); },
                 {2, 3}, {3, 4}},
        VmapCase{"softmax",
                 [](const Tensor &x, const Tensor &) { return softmax(x, -1); },
                 {2, 6}, {1}},
        VmapCase{"reshape_transpose",
                 [](const Tensor &x, const Tensor &w) {
                   return transpose(reshape(x, {2, 6})) * w;
                 },
                 {3, 4}, {6, 2}},
        VmapCase{"slice_pad_concat",
                 [](const Tensor &x, const Tensor &w) {
                   Tensor s = slice(x, {0, 1}, {2, 4}, {1, 2});
                   Tensor p = pad(
                       s, std::vector<std::pair<int64_t, int64_t>>{{1, 0},
                                                                   {0, 1}},
                       0.5);
                   return concatenate({p, w}, 0);
                 },
                 {3, 4}, {2, 3}},
        VmapCase{"conv2d",
                 [](const Tensor &x, const Tensor &w) {
                   ConvOptions o;
                   o.padding = "SAME";
                   o.window_strides = {2, 2};
                   return conv_general_dilated(x, w, o);
                 },
                 {2, 6, 6, 3}, {3, 3, 3, 4}}),
    [](const ::testing::TestParamInfo<VmapCase> &info) {
      return std::string(info.param.name);
    });

TEST(Vmap, TakeWithBatchedOperandIndicesOrBoth) {
  Tensor table = reshape(astype(arange(5 * 4 * 3, f32), f32), {5, 4, 3});
  // Out-of-range indices (-1, 5) are clamped, as the op does.
  Tensor idx = array(std::vector<int32_t>{0, 3, -1, 2, 1, 1, 3, 0, 2, 5}, {5, 2});
  auto f = [](const Tensor &t, const Tensor &i) { return take(t, i, 1); };
  // Both batched: example b gathers along its own table's axis 1.
  std::vector<Tensor> rows;
  for (int64_t b = 0; b < 5; ++b)
    rows.push_back(f(example(table, b), example(idx, b)));
  expectAllClose(vmap(f)(table, idx), stack(rows, 0), 0, "both batched");
  // Shared indices, batched table; shared table, batched indices.
  Tensor i0 = example(idx, 2), t0 = example(table, 1);
  rows.clear();
  for (int64_t b = 0; b < 5; ++b)
    rows.push_back(f(example(table, b), i0));
  expectAllClose(vmap(f, {0, -1})(table, i0), stack(rows, 0), 0, "table");
  rows.clear();
  for (int64_t b = 0; b < 5; ++b)
    rows.push_back(f(t0, example(idx, b)));
  expectAllClose(vmap(f, {-1, 0})(t0, idx), stack(rows, 0), 0, "indices");
}

TEST(Vmap, GradientOfTakeScattersPerExample) {
  // grad of an embedding lookup is a scatter_add; vmap over the tables.
  Tensor tables = astype(random::normal(random::key(9), {3, 5, 2}), f64);
  Tensor idx = array(std::vector<int32_t>{4, 0, 4, 2}, {4});
  auto f = [&](const Tensor &t) { return sum(square(take(t, idx, 0))); };
  std::vector<Tensor> rows;
  for (int64_t i = 0; i < 3; ++i)
    rows.push_back(grad(f)(example(tables, i)));
  expectAllClose(vmap(grad(f))(tables), stack(rows, 0), 1e-12, "scatter");
}

TEST(Vmap, CondWithPerExamplePredicateMasks) {
  // Each example takes its own branch: both branches run for the batch and
  // the results are selected per example.
  auto f = [](const Tensor &x) {
    return cond(
        greater(sum(x), scalar(0.0, f64)),
        [](const Tensor &x) { return sin(x) * 2.0; },
        [](const Tensor &x) { return x * x; }, x);
  };
  Tensor xs = astype(random::normal(random::key(4), {6, 3}), f64);
  std::vector<Tensor> rows;
  for (int64_t i = 0; i < 6; ++i)
    rows.push_back(f(example(xs, i)));
  expectAllClose(vmap(f)(xs), stack(rows, 0), 1e-12, "cond");
  // And its per-example gradient.
  auto g = [&](const Tensor &x) { return grad([&](const Tensor &v) { return sum(f(v)); })(x); };
  rows.clear();
  for (int64_t i = 0; i < 6; ++i)
    rows.push_back(g(example(xs, i)));
  expectAllClose(vmap(g)(xs), stack(rows, 0), 1e-12, "grad of cond");
}

TEST(Vmap, WhileWithPerExampleTripCountsMasks) {
  // Newton's iteration for sqrt(a) until converged: each example stops after
  // its own number of steps; the batched loop runs until the last one stops
  // and finished examples keep their state. The step count is carried too.
  auto f = [](const Tensor &a) {
    auto state = std::make_pair(a, scalar(0, i32));
    auto r = while_loop(
        [&](const std::pair<Tensor, Tensor> &s) {
          return logical_and(greater(abs(s.first * s.first - a), scalar(1e-9, f64)),
                             less(s.second, scalar(50, i32)));
        },
        [&](const std::pair<Tensor, Tensor> &s) {
          return std::make_pair((s.first + a / s.first) * 0.5, s.second + 1);
        },
        state);
    return std::make_pair(r.first, r.second);
  };
  Tensor as = astype(array(std::vector<float>{1, 2, 100, 1e6, 0.25}, {5}), f64);
  std::vector<Tensor> roots, counts;
  for (int64_t i = 0; i < 5; ++i) {
    auto [r, c] = f(example(as, i));
    roots.push_back(r);
    counts.push_back(c);
  }
  auto [r, c] = vmap(f)(as);
  expectAllClose(r, stack(roots, 0), 1e-12, "while roots");
  EXPECT_EQ(c.to_vector<int32_t>(), stack(counts, 0).to_vector<int32_t>());
  // Different examples really took different numbers of steps.
  std::vector<int32_t> steps = c.to_vector<int32_t>();
  EXPECT_NE(steps.front(), steps[3]);
}

TEST(Vmap, AxisNamesAreRecorded) {
  // jax.vmap(f, axis_name="batch"): the name is carried on the genc.vmap op
  // (reserved for collectives); the result is unaffected.
  auto f = [](const Tensor &x) { return x * 2.0; };
  std::string ir = lower(
      [&](const Tensor &xs) { return vmap(f, {0}, 0, "batch")(xs); },
      zeros({4, 3}));
  EXPECT_NE(ir.find("axis_name = \"batch\""), std::string::npos) << ir;
  Tensor xs = reshape(astype(arange(6, f32), f32), {2, 3});
  EXPECT_EQ(vmap(f, {0}, 0, "batch")(xs).to_vector<float>(),
            (std::vector<float>{0, 2, 4, 6, 8, 10}));
}

TEST(Vmap, PerExampleRandomKeys) {
  // jax.vmap(lambda k: random.normal(k, (3,)))(random.split(key, 4)):
  // each example draws with its own key, exactly as one call per key.
  Tensor keys = random::split(random::key(42), 4); // [4, 2]
  auto draw = [](const Tensor &k) {
    return random::normal(k, {3}) + random::uniform(k, {3});
  };
  std::vector<Tensor> rows;
  for (int64_t i = 0; i < 4; ++i)
    rows.push_back(draw(example(keys, i)));
  expectAllClose(vmap(draw)(keys), stack(rows, 0), 1e-6, "per-example keys");
}

TEST(Vmap, InAxesAndOutAxis) {
  // Batch along axis 1 of x, shared y, batch placed at axis 1 of the output.
  Tensor xs = reshape(astype(arange(24, f32), f32), {4, 3, 2});
  Tensor y = reshape(astype(arange(8, f32), f32), {4, 2});
  auto f = [](const Tensor &x, const Tensor &y) { return x * y + 1.0; };
  Tensor got = vmap(f, {1, -1}, 1)(xs, y);
  ASSERT_EQ(got.shape(), (Shape{4, 3, 2}));
  std::vector<float> a = got.to_vector<float>(), x = xs.to_vector<float>(),
                     yy = y.to_vector<float>();
  for (int i = 0; i < 4; ++i)
    for (int b = 0; b < 3; ++b)
      for (int j = 0; j < 2; ++j)
        EXPECT_EQ(a[(i * 3 + b) * 2 + j], x[(i * 3 + b) * 2 + j] * yy[i * 2 + j] + 1);
}

TEST(Vmap, PerExampleGradientsOfAnMlp) {
  auto loss = [](const Params &p, const Tensor &x, const Tensor &y) {
    Tensor h = tanh(matmul(x, p.at("w1")) + p.at("b1"));
    return sum(square(matmul(h, p.at("w2")) - y));
  };
  std::vector<Tensor> k = random::split_keys(random::key(5), 4);
  Params p{{"w1", astype(random::normal(k[0], {3, 8}), f64)},
           {"b1", zeros({8}, f64)},
           {"w2", astype(random::normal(k[1], {8, 2}), f64)}};
  Tensor xs = astype(random::normal(k[2], {6, 3}), f64);
  Tensor ys = astype(random::normal(k[3], {6, 2}), f64);
  Params batched = jit(vmap(grad(loss), {-1, 0, 0}))(p, xs, ys);
  for (int64_t i = 0; i < 6; ++i) {
    Params g = grad(loss)(p, example(xs, i), example(ys, i));
    for (const auto &[name, v] : g)
      expectAllClose(example(batched.at(name), i), v, 1e-10, name);
  }
}

TEST(Vmap, GradOfVmapAndNestedVmap) {
  auto f = [](const Tensor &x, const Tensor &w) { return sum(sin(x * w)); };
  Tensor xs = astype(random::normal(random::key(1), {4, 3}), f64);
  Tensor w = astype(random::normal(random::key(2), {3}), f64);
  // d/dw sum_i f(x_i, w) = sum_i x_i cos(x_i w).
  auto total = [&](const Tensor &w) { return sum(vmap(f, {0, -1})(xs, w)); };
  Tensor g = grad(total)(w);
  Tensor expected = sum(xs * cos(xs * w), {0});
  expectAllClose(g, expected, 1e-12, "grad of vmap");
  // vmap of vmap: an outer product.
  auto mul = [](const Tensor &a, const Tensor &b) { return a * b; };
  Tensor a = astype(arange(3, f32), f64), b = astype(arange(4, f32), f64);
  Tensor outer = vmap(vmap(mul, {-1, 0}), {0, -1})(a, b);
  ASSERT_EQ(outer.shape(), (Shape{3, 4}));
  std::vector<double> o = outer.to_vector<double>();
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 4; ++j)
      EXPECT_EQ(o[i * 4 + j], i * j);
}

TEST(Vmap, BadAxesAreClearErrors) {
  auto f = [](const Tensor &x, const Tensor &y) { return x + y; };
  try {
    vmap(f, {0, 0})(zeros({3, 2}), zeros({4, 2}));
    FAIL() << "expected an error";
  } catch (const Error &e) {
    EXPECT_NE(std::string(e.what()).find("disagree on the batch size"),
              std::string::npos)
        << e.what();
  }
}

} // namespace

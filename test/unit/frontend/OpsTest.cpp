// Every frontend op three ways: eager compiled, jit compiled, and the
// reference interpreter; plus broadcasting and dtype promotion rules,
// retrace reporting and tracer leaks.
#include "genc/genc.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <map>

using namespace genc;

namespace {

using Fn = std::function<Tensor(const std::vector<Tensor> &)>;

struct OpCase {
  const char *name;
  Fn fn;
  std::vector<std::string> inputs; // names of the inputs below
};

/// Inputs, built on first use (not at test registration).
const Tensor &input(const std::string &name) {
  static std::map<std::string, Tensor> all;
  if (all.empty()) {
    all["a"] = array(std::vector<float>{0.5f, -1.5f, 2.0f, 3.25f, -0.75f, 1.0f}, {2, 3});
    all["b"] = array(std::vector<float>{1.0f, 2.0f, -3.0f}, {3});
    all["pos"] = array(std::vector<float>{0.5f, 1.5f, 2.0f, 3.25f, 0.75f, 1.0f}, {2, 3});
    all["ints"] = array(std::vector<int32_t>{7, -7, 9, 0, 5, -3}, {2, 3});
    all["d"] = array(std::vector<int32_t>{2, 2, -4, 3, -2, 5}, {2, 3});
    all["idx"] = array(std::vector<int32_t>{2, 0, 1, 1}, {4});
    all["img"] = reshape(astype(arange(2 * 5 * 5 * 3, f32), f32) * 0.01, {2, 5, 5, 3});
    all["ker"] = reshape(astype(arange(3 * 3 * 3 * 4, f32), f32) * 0.02 - 1.0,
                         {3, 3, 3, 4});
    all["b3"] = reshape(astype(arange(2 * 3 * 4, f32), f32) * 0.1, {2, 3, 4});
    all["c3"] = reshape(astype(arange(2 * 4 * 2, f32), f32) * -0.2, {2, 4, 2});
    all["lt"] = less(all["a"], all["b"]);
    all["gt0"] = greater(all["a"], scalar(0.0));
  }
  return all.at(name);
}

void expectClose(const Tensor &got, const Tensor &want, const char *what) {
  ASSERT_EQ(got.shape(), want.shape()) << what;
  ASSERT_EQ(got.dtype(), want.dtype()) << what;
  std::vector<double> g = got.to_vector<double>(), w = want.to_vector<double>();
  for (size_t i = 0; i < g.size(); ++i) {
    if (std::isnan(w[i])) {
      EXPECT_TRUE(std::isnan(g[i])) << what << " at " << i;
      continue;
    }
    EXPECT_NEAR(g[i], w[i], 2e-5 * std::max(1.0, std::fabs(w[i])))
        << what << " at " << i;
  }
}

std::vector<OpCase> cases() {
  auto un = [](Tensor (*f)(const Tensor &, Loc)) {
    return [f](const std::vector<Tensor> &v) { return f(v[0], Loc::current()); };
  };
  auto bin = [](Tensor (*f)(const Tensor &, const Tensor &, Loc)) {
    return [f](const std::vector<Tensor> &v) {
      return f(v[0], v[1], Loc::current());
    };
  };
  return {
      {"add", bin(add), {"a", "b"}},
      {"subtract", bin(subtract), {"a", "b"}},
      {"multiply", bin(multiply), {"a", "b"}},
      {"divide", bin(divide), {"a", "b"}},
      {"power", bin(power), {"pos", "b"}},
      {"remainder_int", bin(remainder), {"ints", "d"}},
      {"floor_divide_int", bin(floor_divide), {"ints", "d"}},
      {"floor_divide_float", bin(floor_divide), {"a", "b"}},
      {"maximum", bin(maximum), {"a", "b"}},
      {"minimum", bin(minimum), {"a", "b"}},
      {"less", bin(less), {"a", "b"}},
      {"equal", bin(equal), {"ints", "d"}},
      {"logical_and", bin(logical_and), {"lt", "gt0"}},
      {"negative", un(negative), {"a"}},
      {"abs", un(abs), {"a"}},
      {"sign", un(sign), {"a"}},
      {"exp", un(exp), {"a"}},
      {"log", un(log), {"pos"}},
      {"log1p", un(log1p), {"pos"}},
      {"expm1", un(expm1), {"a"}},
      {"sqrt", un(sqrt), {"pos"}},
      {"rsqrt", un(rsqrt), {"pos"}},
      {"square", un(square), {"a"}},
      {"tanh", un(tanh), {"a"}},
      {"sigmoid", un(sigmoid), {"a"}},
      {"relu", un(relu), {"a"}},
      {"softplus", un(softplus), {"a"}},
      {"sin", un(sin), {"a"}},
      {"cos", un(cos), {"a"}},
      {"floor", un(floor), {"a"}},
      {"astype", [](auto &v) { return astype(v[0], i32); }, {"a"}},
      {"where", [](auto &v) { return where(greater(v[0], v[1]), v[0], v[1]); }, {"a", "b"}},
      {"clip", [](auto &v) { return clip(v[0], -1.0, 1.0); }, {"a"}},
      {"sum", [](auto &v) { return sum(v[0], {1}); }, {"a"}},
      {"mean_keepdims", [](auto &v) { return mean(v[0], {0}, true); }, {"a"}},
      {"max_all", [](auto &v) { return max(v[0]); }, {"a"}},
      {"min", [](auto &v) { return min(v[0], {-1}); }, {"ints"}},
      {"prod", [](auto &v) { return prod(v[0], {1}); }, {"a"}},
      {"argmax", [](auto &v) { return argmax(v[0], 1); }, {"a"}},
      {"logsumexp", [](auto &v) { return logsumexp(v[0], {1}); }, {"a"}},
      {"softmax", [](auto &v) { return softmax(v[0], -1); }, {"a"}},
      {"log_softmax", [](auto &v) { return log_softmax(v[0], 0); }, {"a"}},
      {"reshape", [](auto &v) { return reshape(v[0], {3, -1}); }, {"a"}},
      {"transpose", [](auto &v) { return transpose(v[0]); }, {"a"}},
      {"broadcast_to", [](auto &v) { return broadcast_to(v[0], {4, 3}); }, {"b"}},
      {"expand_squeeze", [](auto &v) { return squeeze(expand_dims(v[0], 1)); }, {"a"}},
      {"concatenate", [](auto &v) { return concatenate({v[0], v[0]}, 1); }, {"a"}},
      {"stack", [](auto &v) { return stack({v[0], v[0] * 2.0}, 0); }, {"b"}},
      {"split", [](auto &v) { return split(v[0], 3, 1)[2]; }, {"a"}},
      {"pad", [](auto &v) { return pad(v[0], std::vector<std::pair<int64_t, int64_t>>{{1, 0}, {0, 2}}, -1.0); }, {"a"}},
      {"slice", [](auto &v) { return slice(v[0], {0, 0}, {2, 3}, {1, 2}); }, {"a"}},
      {"take", [](auto &v) { return take(v[0], v[1], 1); }, {"a", "idx"}},
      {"one_hot", [](auto &v) { return one_hot(v[0], 3); }, {"idx"}},
      {"scatter_add", [](auto &v) { return scatter_add(v[0], v[1], take(v[0], v[1], 1) * 2.0, 1); },
       {"a", "idx"}},
      {"matmul", [](auto &v) { return matmul(v[0], transpose(v[0])); }, {"a"}},
      {"matmul_vector", [](auto &v) { return matmul(v[0], v[1]); }, {"a", "b"}},
      {"matmul_batched", [](auto &v) { return matmul(v[0], v[1]); }, {"b3", "c3"}},
      {"dot_general", [](auto &v) { return dot_general(v[0], v[1], {{2}, {1}, {0}, {0}}); }, {"b3", "c3"}},
      {"conv_same", [](auto &v) {
         ConvOptions o;
         o.padding = "SAME";
         return conv_general_dilated(v[0], v[1], o);
       }, {"img", "ker"}},
      {"conv_stride2_valid", [](auto &v) {
         ConvOptions o;
         o.window_strides = {2, 2};
         return conv_general_dilated(v[0], v[1], o);
       }, {"img", "ker"}},
      {"conv_transpose", [](auto &v) {
         Tensor k = slice(v[1], {0, 0, 0, 0}, {3, 3, 3, 3}, {});
         return conv_transpose(v[0], k, {2, 2}, "SAME");
       }, {"img", "ker"}},
      // Input dilation is lowered by phase decomposition: uneven phases,
      // more dilation than taps, padding that crops, other layouts.
      {"conv_transpose_valid_stride3", [](auto &v) {
         return conv_transpose(v[0], v[1], {3, 3}, "VALID");
       }, {"img", "ker"}},
      {"conv_lhs_dilation_uneven", [](auto &v) {
         ConvOptions o;
         o.lhs_dilation = {3, 2};
         o.padding = std::vector<std::pair<int64_t, int64_t>>{{2, 1}, {0, 3}};
         return conv_general_dilated(v[0], v[1], o);
       }, {"img", "ker"}},
      {"conv_lhs_dilation_exceeds_kernel", [](auto &v) {
         ConvOptions o;
         o.lhs_dilation = {4, 4};
         o.padding = std::vector<std::pair<int64_t, int64_t>>{{1, 0}, {2, 2}};
         return conv_general_dilated(v[0], v[1], o);
       }, {"img", "ker"}},
      {"conv_lhs_dilation_cropping_nchw", [](auto &v) {
         ConvOptions o;
         o.lhs_dilation = {2, 1};
         o.window_strides = {1, 2};
         o.padding = std::vector<std::pair<int64_t, int64_t>>{{-1, 2}, {1, 1}};
         o.lhs_spec = "NCHW";
         o.out_spec = "NCHW";
         Tensor x = transpose(v[0], {0, 3, 1, 2});
         return conv_general_dilated(x, v[1], o);
       }, {"img", "ker"}},
  };
}

class EveryOp : public ::testing::TestWithParam<size_t> {};

TEST_P(EveryOp, EagerJitAndInterpreterAgree) {
  static std::vector<OpCase> all = cases();
  const OpCase &c = all[GetParam()];
  std::vector<Tensor> inputs;
  for (const std::string &n : c.inputs)
    inputs.push_back(input(n));
  Tensor eager = c.fn(inputs);
  auto jitted = jit([&](const std::vector<Tensor> &v) { return c.fn(v); });
  Tensor compiled = jitted(inputs);
  set_backend(Backend::Interpreter);
  Tensor reference = c.fn(inputs);
  set_backend(Backend::Compiled);
  expectClose(eager, reference, c.name);
  expectClose(compiled, reference, c.name);
}

INSTANTIATE_TEST_SUITE_P(Ops, EveryOp, ::testing::Range<size_t>(0, cases().size()),
                         [](const ::testing::TestParamInfo<size_t> &info) {
                           static std::vector<OpCase> all = cases();
                           return std::string(all[info.param].name);
                         });

TEST(Promotion, FollowsTheLattice) {
  EXPECT_EQ(add(zeros({2}, i32), zeros({2}, f32)).dtype(), f32);
  EXPECT_EQ(add(zeros({2}, f16), zeros({2}, bf16)).dtype(), f32);
  EXPECT_EQ(add(zeros({2}, i1), zeros({2}, i32)).dtype(), i32);
  EXPECT_EQ(add(zeros({2}, i32), zeros({2}, i64)).dtype(), i64);
  EXPECT_EQ(add(zeros({2}, f32), zeros({2}, f64)).dtype(), f64);
  // C++ scalars are weakly typed: they take the tensor's dtype.
  EXPECT_EQ((zeros({2}, f16) * 3.0).dtype(), f16);
  EXPECT_EQ((zeros({2}, i32) + 1.0).dtype(), i32);
  // Integer true division gives floats, as jnp.divide.
  EXPECT_EQ(divide(ones({2}, i32), ones({2}, i32)).dtype(), f32);
}

TEST(Broadcasting, FollowsNumPy) {
  Tensor r = add(zeros({3, 1}), ones({1, 4}));
  EXPECT_EQ(r.shape(), (Shape{3, 4}));
  EXPECT_EQ(add(zeros({5, 1, 2}), ones({3, 1})).shape(), (Shape{5, 3, 2}));
  EXPECT_EQ(multiply(scalar(2.0), ones({2, 2})).to_vector<float>(),
            (std::vector<float>{2, 2, 2, 2}));
  try {
    add(zeros({2, 3}), zeros({4}));
    FAIL();
  } catch (const Error &e) {
    EXPECT_NE(std::string(e.what()).find(
                  "add: shapes 2x3 and 4 cannot be broadcast together"),
              std::string::npos)
        << e.what();
  }
}

TEST(Jit, RetraceReportsTheArgumentThatChanged) {
  auto f = jit([](const Tensor &x, const Tensor &y) { return x * y; }, "scale");
  f(zeros({4, 8}), scalar(2.0));
  f(ones({4, 8}), scalar(3.0));
  EXPECT_EQ(f.trace_count(), 1);
  f(zeros({8, 8}), scalar(2.0));
  EXPECT_EQ(f.trace_count(), 2);
  EXPECT_EQ(f.last_recompile_reason(),
            "argument 0 changed from 4x8xf32 to 8x8xf32");
  f(zeros({4, 8}), scalar(2.0)); // cached from the first call
  EXPECT_EQ(f.trace_count(), 2);
}

TEST(Jit, StaticArgumentsAndStructuresArePartOfTheKey) {
  auto f = jit([](const Params &p, int power) {
    Tensor r = p.at("x");
    for (int i = 1; i < power; ++i)
      r = r * p.at("x");
    return std::make_pair(r, p.at("y") + 1.0);
  });
  Params p{{"x", full({2}, 3.0)}, {"y", zeros({3})}};
  auto [r2, y2] = f(p, 2);
  auto [r3, y3] = f(p, 3);
  EXPECT_EQ(r2.to_vector<float>(), (std::vector<float>{9, 9}));
  EXPECT_EQ(r3.to_vector<float>(), (std::vector<float>{27, 27}));
  EXPECT_EQ(y3.to_vector<float>(), (std::vector<float>{1, 1, 1}));
  EXPECT_EQ(f.trace_count(), 2);
}

TEST(Jit, LeakedTracerIsAClearError) {
  Tensor leaked;
  auto f = jit([&](const Tensor &x) {
    leaked = x * 2.0;
    return leaked;
  });
  f(ones({2}));
  try {
    exp(leaked);
    FAIL();
  } catch (const Error &e) {
    EXPECT_NE(std::string(e.what()).find("tracer leaked"), std::string::npos)
        << e.what();
  }
}

TEST(Jit, NestedJitInlines) {
  auto inner = jit([](const Tensor &x) { return x + 1.0; });
  auto outer = jit([&](const Tensor &x) { return inner(x) * 2.0; });
  EXPECT_EQ(outer(zeros({2})).to_vector<float>(), (std::vector<float>{2, 2}));
  std::string ir = lower([&](const Tensor &x) { return inner(x) * 2.0; },
                         zeros({2}));
  EXPECT_NE(ir.find("genc.add"), std::string::npos);
  EXPECT_NE(ir.find("genc.mul"), std::string::npos);
}

TEST(Tensor, ValuesAndErrors) {
  Tensor t = array(std::vector<int32_t>{1, 2, 3, 4}, {2, 2});
  EXPECT_EQ(t.aval(), "2x2xi32");
  EXPECT_EQ(t.str(), "2x2xi32=[1 2][3 4]");
  EXPECT_EQ(linspace(0, 1, 5).to_vector<float>(),
            (std::vector<float>{0, 0.25f, 0.5f, 0.75f, 1}));
  EXPECT_EQ(arange(1.0, 2.0, 0.25).to_vector<float>(),
            (std::vector<float>{1, 1.25f, 1.5f, 1.75f}));
  EXPECT_THROW(array(std::vector<float>{1, 2, 3}, {2, 2}), Error);
  EXPECT_THROW(reshape(t, {3, -1}), Error);
  EXPECT_THROW(Tensor().shape(), Error);
}

} // namespace

// x.at[i].add(u): repeated indices accumulate, out-of-range ones are
// dropped, the gradient w.r.t. the updates gathers the cotangent; updates
// of the wrong shape are an error naming the expected shape.
TEST(Ops, ScatterAddAccumulatesAndDropsOutOfRange) {
  Tensor x = zeros({2, 4});
  Tensor idx = array(std::vector<int32_t>{1, 1, 3, 7}, {4});
  Tensor u = array(std::vector<float>{1, 2, 3, 4, 5, 6, 7, 8}, {2, 4});
  EXPECT_EQ(scatter_add(x, idx, u, 1).to_vector<float>(),
            (std::vector<float>{0, 3, 0, 3, 0, 11, 0, 7}));
  Tensor w = array(std::vector<float>{1, 2, 3, 4, 5, 6, 7, 8}, {2, 4});
  Tensor g = grad([&](const Tensor &u) { return sum(scatter_add(x, idx, u, 1) * w); })(u);
  EXPECT_EQ(g.to_vector<float>(), (std::vector<float>{2, 2, 4, 0, 6, 6, 8, 0}));
  try {
    scatter_add(x, idx, zeros({4, 2}), 1);
    FAIL() << "expected an error";
  } catch (const Error &e) {
    EXPECT_NE(std::string(e.what()).find("updates of shape 4x2 do not fit 2x4 at indices of shape 4 along axis 1 (expected 2x4)"), std::string::npos) << e.what();
  }
}

// fori_loop / while_loop / cond, their gradients, checkpoint, custom_vjp,
// grad with argnums and closures over enclosing tracers.
#include "genc/genc.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace genc;

namespace {

std::vector<double> vec(const Tensor &t) { return t.to_vector<double>(); }

void expectNear(const std::vector<double> &a, const std::vector<double> &b,
                double tol) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i)
    EXPECT_NEAR(a[i], b[i], tol * std::max(1.0, std::fabs(b[i]))) << i;
}

Tensor first(const Tensor &v) { return reshape(slice(v, {0}, {1}, {}), {}); }

Tensor f64v(std::vector<double> v) {
  int64_t n = (int64_t)v.size();
  return array(v, {n});
}

/// x -> sin(w * x + b) four times, with w and b closed over.
Tensor iterate(const Tensor &x, const Tensor &w, const Tensor &b, int n) {
  return fori_loop(
      0, n, [&](const Tensor &, const Tensor &v) { return sin(w * v + b); }, x);
}

Tensor unrolled(Tensor x, const Tensor &w, const Tensor &b, int n) {
  for (int i = 0; i < n; ++i)
    x = sin(w * x + b);
  return x;
}

TEST(Control, ForiLoopMatchesUnrolledEagerAndJit) {
  Tensor x = f64v({0.5, -1, 2}), w = f64v({1.1, 0.7, -0.3}),
         b = f64v({0.1, 0.2, -0.3});
  expectNear(vec(iterate(x, w, b, 4)), vec(unrolled(x, w, b, 4)), 1e-12);
  auto jitted = jit([](const Tensor &x, const Tensor &w, const Tensor &b) {
    return iterate(x, w, b, 4);
  });
  expectNear(vec(jitted(x, w, b)), vec(unrolled(x, w, b, 4)), 1e-12);
  // The loop index is a 0-d i32 tensor: sum of i for i in [2, 6) = 14.
  Tensor s = fori_loop(
      2, 6, [](const Tensor &i, const Tensor &acc) { return acc + i; },
      scalar(0, i32));
  EXPECT_EQ(s.to_vector<int32_t>(), std::vector<int32_t>{14});
}

TEST(Control, ForiLoopIsOneLoopNotUnrolled) {
  auto f = [](const Tensor &x) {
    return fori_loop(
        0, 100, [](const Tensor &, const Tensor &v) { return tanh(v); }, x);
  };
  std::string ir = lower(f, zeros({3}, f32));
  EXPECT_NE(ir.find("genc.while"), std::string::npos) << ir;
  size_t count = 0;
  for (size_t p = ir.find("genc.tanh"); p != std::string::npos;
       p = ir.find("genc.tanh", p + 1))
    ++count;
  EXPECT_EQ(count, 1u) << ir;
}

TEST(Control, GradThroughForiLoopMatchesUnrolled) {
  Tensor x = f64v({0.5, -1, 2}), w = f64v({1.1, 0.7, -0.3}),
         b = f64v({0.1, 0.2, -0.3});
  auto loopLoss = [](const Tensor &x, const Tensor &w, const Tensor &b) {
    return sum(iterate(x, w, b, 5));
  };
  auto unrolledLoss = [](const Tensor &x, const Tensor &w, const Tensor &b) {
    return sum(unrolled(x, w, b, 5));
  };
  auto [gx, gw, gb] = grad<0, 1, 2>(loopLoss)(x, w, b);
  auto [rx, rw, rb] = grad<0, 1, 2>(unrolledLoss)(x, w, b);
  expectNear(vec(gx), vec(rx), 1e-12);
  expectNear(vec(gw), vec(rw), 1e-12);
  expectNear(vec(gb), vec(rb), 1e-12);
  // And under jit, compiled for the CPU.
  auto jitted = jit([&](const Tensor &x, const Tensor &w, const Tensor &b) {
    return grad<1>(loopLoss)(x, w, b);
  });
  expectNear(vec(jitted(x, w, b)), vec(rw), 1e-12);
}

TEST(Control, WhileLoopWithDataDependentTripCount) {
  // Doubles until the first element reaches 100: 1 -> 128 in 7 steps.
  Tensor v = while_loop(
      [](const Tensor &v) { return less(first(v), scalar(100.0)); },
      [](const Tensor &v) { return v + v; },
      array(std::vector<float>{1, 3}, {2}));
  EXPECT_EQ(v.to_vector<float>(), (std::vector<float>{128, 384}));
  // Its gradient needs a static trip count: a clear error at the call.
  auto f = [](const Tensor &x) {
    return sum(while_loop(
        [](const Tensor &v) { return less(first(v), scalar(100.0)); },
        [](const Tensor &v) { return v + v; }, x));
  };
  try {
    grad(f)(array(std::vector<float>{1, 3}, {2}));
    FAIL() << "expected an error";
  } catch (const Error &e) {
    EXPECT_NE(std::string(e.what()).find("trip count depends on run-time"),
              std::string::npos)
        << e.what();
  }
}

TEST(Control, CondRunsOneBranchAndDifferentiates) {
  auto f = [](const Tensor &p, const Tensor &x) {
    return cond(
        p, [](const Tensor &x) { return sum(sin(x)); },
        [](const Tensor &x) { return sum(x * x); }, x);
  };
  Tensor x = f64v({0.3, -0.4});
  Tensor yes = scalar(1, i1), no = scalar(0, i1);
  EXPECT_NEAR(f(yes, x).item(), std::sin(0.3) + std::sin(-0.4), 1e-12);
  EXPECT_NEAR(f(no, x).item(), 0.09 + 0.16, 1e-12);
  auto g = [&](const Tensor &p, const Tensor &x) {
    return grad<1>(f)(p, x);
  };
  expectNear(vec(g(yes, x)), {std::cos(0.3), std::cos(-0.4)}, 1e-12);
  expectNear(vec(jit(g)(no, x)), {0.6, -0.8}, 1e-12);
}

TEST(Control, CondBranchesMustAgree) {
  try {
    cond(
        scalar(1, i1), [](const Tensor &x) { return x; },
        [](const Tensor &x) { return sum(x); }, zeros({3}));
    FAIL() << "expected an error";
  } catch (const Error &e) {
    std::string m = e.what();
    EXPECT_NE(m.find("ControlTest.cpp"), std::string::npos) << m;
    EXPECT_NE(m.find("the branches return different types"), std::string::npos)
        << m;
  }
}

TEST(Control, CheckpointKeepsGradientsAndMarksTheFunction) {
  auto block = [](const Tensor &x, const Tensor &w) {
    return tanh(matmul(tanh(matmul(x, w)), w));
  };
  Tensor x = astype(random::normal(random::key(1), {2, 3}), f64);
  Tensor w = astype(random::normal(random::key(2), {3, 3}), f64);
  auto plain = [&](const Tensor &x, const Tensor &w) {
    return sum(block(block(x, w), w));
  };
  auto reference = grad<0, 1>(plain)(x, w);
  for (const char *policy :
       {"nothing_saveable", "dots_saveable", "everything_saveable"}) {
    auto remat = checkpoint(block, policy);
    auto loss = [&](const Tensor &x, const Tensor &w) {
      return sum(remat(remat(x, w), w));
    };
    auto [gx, gw] = grad<0, 1>(loss)(x, w);
    expectNear(vec(gx), vec(std::get<0>(reference)), 1e-12);
    expectNear(vec(gw), vec(std::get<1>(reference)), 1e-12);
    std::string ir = lower(
        [&](const Tensor &x, const Tensor &w) { return loss(x, w); }, x, w);
    EXPECT_NE(ir.find(std::string("genc.checkpoint = \"") + policy + "\""),
              std::string::npos)
        << ir;
  }
}

TEST(Control, CheckpointUnknownPolicyIsAClearError) {
  try {
    checkpoint([](const Tensor &x) { return x; }, "dots");
    FAIL() << "expected an error";
  } catch (const Error &e) {
    std::string m = e.what();
    EXPECT_EQ(m.find("ControlTest.cpp:"), 0u) << m;
    EXPECT_NE(m.find("checkpoint: unknown policy 'dots'"), std::string::npos)
        << m;
  }
}

TEST(Control, CustomVjpRuleIsUsed) {
  // Identity whose gradient is clipped to [-1, 1] (not its true derivative,
  // so the rule is visibly the one used).
  auto clipped = custom_vjp(
      [](const Tensor &x) { return x * 1.0; },
      [](const Tensor &x) { return std::make_pair(x * 1.0, x); },
      [](const Tensor &, const Tensor &ct) { return clip(ct, -1.0, 1.0); });
  auto loss = [&](const Tensor &x) { return sum(clipped(x) * f64v({3, 0.5})); };
  Tensor x = f64v({2, -7});
  EXPECT_NEAR(loss(x).item(), 6 - 3.5, 1e-12);
  expectNear(vec(grad(loss)(x)), {1, 0.5}, 1e-12);
  expectNear(vec(jit([&](const Tensor &x) { return grad(loss)(x); })(x)),
             {1, 0.5}, 1e-12);
  // A stable softplus with its own rule matches finite differences.
  auto softplus = custom_vjp(
      [](const Tensor &x) { return log1p(exp(x)); },
      [](const Tensor &x) { return std::make_pair(log1p(exp(x)), sigmoid(x)); },
      [](const Tensor &s, const Tensor &ct) { return ct * s; });
  auto sp = [&](const Tensor &x) { return sum(softplus(tanh(x)) * x); };
  Tensor y = f64v({0.3, -1.2, 2.0});
  std::vector<double> g = vec(grad(sp)(y));
  for (size_t i = 0; i < 3; ++i) {
    auto at = [&](double d) {
      std::vector<double> v = vec(y);
      v[i] += d;
      return sp(f64v(v)).item();
    };
    EXPECT_NEAR(g[i], (at(1e-6) - at(-1e-6)) / 2e-6, 1e-6) << i;
  }
}

TEST(Control, CustomVjpBadRuleIsAClearError) {
  auto bad = custom_vjp(
      [](const Tensor &x) { return x * 2.0; },
      [](const Tensor &x) { return std::make_pair(x * 2.0, x); },
      [](const Tensor &, const Tensor &ct) { return sum(ct); });
  try {
    grad([&](const Tensor &x) { return sum(bad(x)); })(f64v({1, 2}));
    FAIL() << "expected an error";
  } catch (const Error &e) {
    // Points at the custom_vjp call in this file.
    std::string m = e.what();
    EXPECT_EQ(m.find("ControlTest.cpp:"), 0u) << m;
    EXPECT_NE(m.find("custom_vjp: bwd returned f64 for leaf 0 of x, which is "
                     "2xf64"),
              std::string::npos)
        << m;
  }
}

TEST(Control, GradOfClosureOverJitTracers) {
  // Inside jit, grad of a function that closes over a traced w.
  auto f = jit([](const Tensor &x, const Tensor &w) {
    auto inner = [&](const Tensor &x) { return sum(sin(x * w)); };
    return grad(inner)(x);
  });
  Tensor x = f64v({0.5, -1}), w = f64v({2, 3});
  expectNear(vec(f(x, w)), {2 * std::cos(1.0), 3 * std::cos(-3.0)}, 1e-12);
}

TEST(Control, ArgnumsSelectArguments) {
  auto f = [](const Tensor &a, const Tensor &b, const Tensor &c) {
    return sum(a * b * b + c);
  };
  Tensor a = f64v({1, 2}), b = f64v({3, 4}), c = f64v({5, 6});
  expectNear(vec(grad<1>(f)(a, b, c)), {6, 16}, 1e-12);
  auto [ga, gc] = grad<0, 2>(f)(a, b, c);
  expectNear(vec(ga), {9, 16}, 1e-12);
  expectNear(vec(gc), {1, 1}, 1e-12);
  auto [value, gb] = value_and_grad<1>(f)(a, b, c);
  EXPECT_NEAR(value.item(), 9 + 32 + 11, 1e-12);
  expectNear(vec(gb), {6, 16}, 1e-12);
}

} // namespace

namespace {

TEST(CostAnalysis, CountsMultiplyAddsOfRealInputs) {
  // 2*M*N*K for a matmul, 1 per element for tanh.
  auto mm = [](const Tensor &a, const Tensor &b) { return tanh(matmul(a, b)); };
  EXPECT_EQ(cost_analysis(mm, zeros({4, 5}), zeros({5, 3})).flops,
            2 * 4 * 3 * 5 + 12);
  // SAME 3x3 convolution of a 4x4 image: per dimension 10 (output, tap)
  // pairs fall on the image (the border taps hit padding): 2 * 10 * 10.
  auto conv = [](const Tensor &x, const Tensor &w) {
    ConvOptions o;
    o.padding = "SAME";
    return conv_general_dilated(x, w, o);
  };
  EXPECT_EQ(cost_analysis(conv, zeros({1, 4, 4, 1}), zeros({3, 3, 1, 1})).flops,
            200);
  // The transposed convolution that is its input gradient does the same
  // multiply-adds (inserted zeros are not counted).
  auto dx = [&](const Tensor &x, const Tensor &w) {
    return grad([&](const Tensor &x) { return sum(conv(x, w)); })(x);
  };
  double gradFlops =
      cost_analysis(dx, zeros({1, 4, 4, 1}), zeros({3, 3, 1, 1})).flops;
  EXPECT_GE(gradFlops, 200);
  EXPECT_LE(gradFlops, 200 + 3 * 16); // plus the seed broadcast and adds
}

} // namespace

namespace {

TEST(Control, CustomJvpRuleDrivesForwardAndReverseMode) {
  // f(x) = x^3 with a rule whose tangent is 10 * t (not the true 3x^2 t),
  // so both modes visibly use the rule.
  auto f = custom_jvp(
      [](const Tensor &x) { return x * x * x; },
      [](const Tensor &x, const Tensor &t) {
        return std::make_pair(x * x * x, t * 10.0);
      });
  Tensor x = f64v({0.5, -2});
  expectNear(vec(f(x)), {0.125, -8}, 1e-12);
  auto [y, dy] = jvp(f, x, f64v({1, 2}));
  expectNear(vec(dy), {10, 20}, 1e-12);
  auto loss = [&](const Tensor &x) { return sum(f(x) * f64v({1, 3})); };
  expectNear(vec(grad(loss)(x)), {10, 30}, 1e-12);
  expectNear(vec(jit([&](const Tensor &x) { return grad(loss)(x); })(x)),
             {10, 30}, 1e-12);
}

TEST(Control, VjpReturnsValueAndPullback) {
  auto f = [](const Tensor &x) { return sin(x) * x; };
  Tensor x = f64v({0.3, -1.1});
  auto [y, pullback] = vjp(f, x);
  expectNear(vec(y), {std::sin(0.3) * 0.3, std::sin(-1.1) * -1.1}, 1e-12);
  Tensor g = pullback(f64v({2, -1}));
  auto d = [](double v) { return std::cos(v) * v + std::sin(v); };
  expectNear(vec(g), {2 * d(0.3), -d(-1.1)}, 1e-12);
}

} // namespace

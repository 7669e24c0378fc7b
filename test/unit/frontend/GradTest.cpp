// grad / value_and_grad through the genc-autodiff pass: against closed
// forms, central finite differences in f64, under jit, grad of grad, and an
// MLP trained with Adam against a hand-derived reference implementation.
#include "genc/genc.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <random>

using namespace genc;

namespace {

/// Every element of the gradient `g` of f at `p` against central finite
/// differences of f in f64 (h = 1e-6, relative tolerance 1e-6).
void expectMatchesFiniteDifferences(
    const Params &p, const Params &g,
    const std::function<double(const Params &)> &f) {
  const double h = 1e-6;
  for (const auto &[name, value] : p) {
    std::vector<double> base = value.to_vector<double>();
    std::vector<double> got = g.at(name).to_vector<double>();
    for (size_t i = 0; i < base.size(); ++i) {
      auto at = [&](double delta) {
        std::vector<double> v = base;
        v[i] += delta;
        Params q = p;
        q[name] = array(v, value.shape());
        return f(q);
      };
      double fd = (at(h) - at(-h)) / (2 * h);
      EXPECT_NEAR(got[i], fd, 1e-6 * std::max(1.0, std::fabs(fd)))
          << name << "[" << i << "]";
    }
  }
}


TEST(Grad, SumOfSquares) {
  auto f = [](const Tensor &x) { return sum(x * x); };
  Tensor x = array(std::vector<float>{1, -2, 3}, {3});
  EXPECT_EQ(grad(f)(x).to_vector<float>(), (std::vector<float>{2, -4, 6}));
  auto [v, g] = value_and_grad(f)(x);
  EXPECT_EQ(v.item(), 14.0);
}

TEST(Grad, MatchesFiniteDifferencesOnAnMlpInF64) {
  auto loss = [](const Params &p, const Tensor &x, const Tensor &y) {
    Tensor h = tanh(matmul(x, p.at("w1")) + p.at("b1"));
    Tensor out = matmul(h, p.at("w2")) + p.at("b2");
    return mean(square(out - y)) + 0.1 * sum(square(p.at("w1")));
  };
  std::vector<Tensor> k = random::split_keys(random::key(3), 4);
  Params p{{"w1", astype(random::normal(k[0], {3, 5}), f64)},
           {"b1", astype(random::normal(k[1], {5}), f64)},
           {"w2", astype(random::normal(k[2], {5, 2}), f64)},
           {"b2", zeros({2}, f64)}};
  Tensor x = astype(random::normal(k[3], {4, 3}), f64);
  Tensor y = astype(random::uniform(k[3], {4, 2}), f64);
  Params g = grad(loss)(p, x, y);
  expectMatchesFiniteDifferences(
      p, g, [&](const Params &q) { return loss(q, x, y).item(); });
}

TEST(Grad, InsideJitMatchesEager) {
  auto f = [](const Tensor &w, const Tensor &x) {
    return sum(sigmoid(matmul(x, w)));
  };
  Tensor w = random::normal(random::key(1), {4, 3});
  Tensor x = random::normal(random::key(2), {6, 4});
  Tensor eager = grad(f)(w, x);
  auto step = jit([&](const Tensor &w, const Tensor &x) { return grad(f)(w, x); });
  std::vector<float> a = eager.to_vector<float>(), b = step(w, x).to_vector<float>();
  for (size_t i = 0; i < a.size(); ++i)
    EXPECT_NEAR(a[i], b[i], 1e-5f);
}

TEST(Grad, GradOfGrad) {
  // d/dx sum(x^3) = 3x^2; d/dx sum(3x^2) = 6x.
  auto f = [](const Tensor &x) { return sum(x * x * x); };
  auto df = [&](const Tensor &x) { return sum(grad(f)(x)); };
  Tensor x = array(std::vector<float>{1, 2, -0.5f}, {3});
  std::vector<float> d2 = grad(df)(x).to_vector<float>();
  EXPECT_NEAR(d2[0], 6.0f, 1e-5f);
  EXPECT_NEAR(d2[1], 12.0f, 1e-5f);
  EXPECT_NEAR(d2[2], -3.0f, 1e-5f);
}

TEST(Grad, StopGradientBlocks) {
  auto f = [](const Tensor &x) { return sum(x * stop_gradient(x)); };
  Tensor x = array(std::vector<float>{1, 2}, {2});
  EXPECT_EQ(grad(f)(x).to_vector<float>(), (std::vector<float>{1, 2}));
}

TEST(Grad, HasAux) {
  auto f = [](const Tensor &x) {
    Tensor y = x * 2.0;
    return std::make_pair(sum(y), y);
  };
  auto [v, aux, g] = value_and_grad_with_aux(f)(ones({3}));
  EXPECT_EQ(v.item(), 6.0);
  EXPECT_EQ(aux.to_vector<float>(), (std::vector<float>{2, 2, 2}));
  EXPECT_EQ(g.to_vector<float>(), (std::vector<float>{2, 2, 2}));
}

TEST(Grad, NonScalarLossIsAClearError) {
  try {
    grad([](const Tensor &x) { return x * 2.0; })(ones({3}));
    FAIL();
  } catch (const Error &e) {
    EXPECT_NE(std::string(e.what()).find("must return a scalar float"),
              std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("GradTest.cpp:"), std::string::npos);
  }
}

// The reference: the same 2-layer MLP (tanh hidden layer, squared error) and
// Adam, with the backward pass derived by hand, in double precision.
struct Reference {
  int in, hidden, out;
  std::vector<double> w1, b1, w2, b2;
  std::vector<double> m, v; // Adam moments over all parameters, flattened
  int step = 0;

  double lossAndGrad(const std::vector<double> &x, const std::vector<double> &y,
                     int n, std::vector<double> &g) {
    std::vector<double> h(n * hidden), o(n * out);
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < hidden; ++j) {
        double s = b1[j];
        for (int k = 0; k < in; ++k)
          s += x[i * in + k] * w1[k * hidden + j];
        h[i * hidden + j] = std::tanh(s);
      }
    double loss = 0;
    std::vector<double> dout(n * out);
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < out; ++j) {
        double s = b2[j];
        for (int k = 0; k < hidden; ++k)
          s += h[i * hidden + k] * w2[k * out + j];
        double d = s - y[i * out + j];
        loss += d * d / (n * out);
        dout[i * out + j] = 2 * d / (n * out);
      }
    g.assign(w1.size() + b1.size() + w2.size() + b2.size(), 0.0);
    double *gw1 = g.data(), *gb1 = gw1 + w1.size(), *gw2 = gb1 + b1.size(),
           *gb2 = gw2 + w2.size();
    for (int i = 0; i < n; ++i) {
      for (int j = 0; j < out; ++j) {
        gb2[j] += dout[i * out + j];
        for (int k = 0; k < hidden; ++k)
          gw2[k * out + j] += h[i * hidden + k] * dout[i * out + j];
      }
      for (int k = 0; k < hidden; ++k) {
        double dh = 0;
        for (int j = 0; j < out; ++j)
          dh += dout[i * out + j] * w2[k * out + j];
        double dz = dh * (1 - h[i * hidden + k] * h[i * hidden + k]);
        gb1[k] += dz;
        for (int c = 0; c < in; ++c)
          gw1[c * hidden + k] += x[i * in + c] * dz;
      }
    }
    return loss;
  }

  void adam(const std::vector<double> &g, double lr) {
    ++step;
    std::vector<double *> params;
    for (auto *vec : {&w1, &b1, &w2, &b2})
      for (double &p : *vec)
        params.push_back(&p);
    if (m.empty())
      m.assign(g.size(), 0), v.assign(g.size(), 0);
    for (size_t i = 0; i < g.size(); ++i) {
      m[i] = 0.9 * m[i] + 0.1 * g[i];
      v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
      double mh = m[i] / (1 - std::pow(0.9, step));
      double vh = v[i] / (1 - std::pow(0.999, step));
      *params[i] -= lr * mh / (std::sqrt(vh) + 1e-8);
    }
  }
};

TEST(Grad, MlpTrainedWithAdamReachesTheReferenceLoss) {
  const int n = 32, in = 3, hidden = 16, out = 1, steps = 150;
  std::mt19937 rng(7);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::vector<double> x(n * in), y(n * out);
  for (double &v : x)
    v = normal(rng);
  for (int i = 0; i < n; ++i) // a smooth synthetic regression target
    y[i] = std::sin(x[i * in]) + 0.5 * x[i * in + 1] * x[i * in + 2];
  Reference ref{in, hidden, out, {}, std::vector<double>(hidden, 0.0), {},
                std::vector<double>(out, 0.0)};
  for (int i = 0; i < in * hidden; ++i)
    ref.w1.push_back(normal(rng) / std::sqrt((double)in));
  for (int i = 0; i < hidden * out; ++i)
    ref.w2.push_back(normal(rng) / std::sqrt((double)hidden));

  Params params{{"w1", array(ref.w1, {in, hidden})},
                {"b1", array(ref.b1, {hidden})},
                {"w2", array(ref.w2, {hidden, out})},
                {"b2", array(ref.b2, {out})}};
  Tensor tx = array(x, {n, in}), ty = array(y, {n, out});
  auto loss = [](const Params &p, const Tensor &x, const Tensor &y) {
    Tensor h = tanh(matmul(x, p.at("w1")) + p.at("b1"));
    return mean(square(matmul(h, p.at("w2")) + p.at("b2") - y));
  };
  optim::GradientTransformation opt = optim::adam(0.01);
  Params state = opt.init(params);
  auto step = jit([&](const Params &p, const Params &s, const Tensor &x,
                      const Tensor &y) {
    auto [l, g] = value_and_grad(loss)(p, x, y);
    auto [updates, s2] = opt.update(g, s, p);
    return std::make_tuple(optim::apply_updates(p, updates), s2, l);
  });
  double first = 0, last = 0, refLast = 0;
  std::vector<double> g;
  for (int i = 0; i < steps; ++i) {
    auto [p2, s2, l] = step(params, state, tx, ty);
    params = p2;
    state = s2;
    if (i == 0)
      first = l.item();
    last = l.item();
    refLast = ref.lossAndGrad(x, y, n, g);
    ref.adam(g, 0.01);
  }
  EXPECT_LT(last, 0.5 * first);
  EXPECT_NEAR(last, refLast, 1e-6 + 1e-3 * refLast)
      << "genc " << last << " vs hand-derived " << refLast;
}

} // namespace

namespace {

TEST(Jvp, MatchesClosedFormAndFiniteDifferences) {
  auto f = [](const Tensor &x) { return sum(sin(x * x)); };
  Tensor x = array(std::vector<double>{0.5, 1, -2}, {3});
  Tensor t = array(std::vector<double>{1, 0.5, 2}, {3});
  auto [y, dy] = jvp(f, x, t);
  double want = 0;
  std::vector<double> xs{0.5, 1, -2}, ts{1, 0.5, 2};
  for (int i = 0; i < 3; ++i)
    want += std::cos(xs[i] * xs[i]) * 2 * xs[i] * ts[i];
  EXPECT_NEAR(dy.item(), want, 1e-12);
  double h = 1e-6;
  double fd = (f(x + t * h).item() - f(x - t * h).item()) / (2 * h);
  EXPECT_NEAR(dy.item(), fd, 1e-6);
}

TEST(Jvp, AgreesWithVjpBothWays) {
  // <u, J v> computed by forward mode equals <J^T u, v> by reverse mode.
  auto f = [](const Tensor &x) {
    return tanh(matmul(reshape(x, {2, 3}), array(std::vector<double>{
        0.3, -1.2, 0.5, 0.8, 1.1, -0.4}, {3, 2})));
  };
  Tensor x = astype(random::normal(random::key(1), {6}), f64);
  Tensor v = astype(random::normal(random::key(2), {6}), f64);
  Tensor u = astype(random::normal(random::key(3), {2, 2}), f64);
  auto [y, jv] = jvp(f, x, v);
  double forward = sum(u * jv).item();
  Tensor jtu = grad([&](const Tensor &x) { return sum(u * f(x)); })(x);
  double reverse = sum(jtu * v).item();
  EXPECT_NEAR(forward, reverse, 1e-12 * std::max(1.0, std::fabs(reverse)));
}

TEST(Jvp, InsideJit) {
  auto f = [](const Tensor &x) { return exp(x) * 2.0; };
  auto g = jit([&](const Tensor &x, const Tensor &t) { return jvp(f, x, t).second; });
  Tensor x = array(std::vector<float>{0, 1}, {2});
  Tensor t = array(std::vector<float>{1, 1}, {2});
  std::vector<float> r = g(x, t).to_vector<float>();
  EXPECT_NEAR(r[0], 2.0f, 1e-5f);
  EXPECT_NEAR(r[1], 2.0f * std::exp(1.0f), 1e-5f);
}

} // namespace

namespace {

TEST(Jacobian, ForwardEqualsReverse) {
  auto f = [](const Tensor &x) {
    return tanh(x * array(std::vector<double>{1, 2, 3}, {3})) + sum(x * x);
  };
  Tensor x = array(std::vector<double>{0.1, -0.4, 0.7}, {3});
  Tensor jf = jacfwd(f)(x), jr = jacrev(f)(x);
  EXPECT_EQ(jf.shape(), (Shape{3, 3}));
  std::vector<double> a = jf.to_vector<double>(), b = jr.to_vector<double>();
  std::vector<double> xs{0.1, -0.4, 0.7};
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) {
      double t = std::tanh(xs[i] * (i + 1));
      double want = (i == j ? (1 - t * t) * (i + 1) : 0.0) + 2 * xs[j];
      EXPECT_NEAR(a[i * 3 + j], want, 1e-12);
      EXPECT_NEAR(b[i * 3 + j], want, 1e-12);
    }
}

TEST(Jacobian, Hessian) {
  // f = sum(x^3) + x0*x1: H = diag(6x) + [[0,1],[1,0]].
  auto f = [](const Tensor &x) {
    return sum(x * x * x) +
           sum(slice(x, {0}, {1}, {}) * slice(x, {1}, {2}, {}));
  };
  Tensor x = array(std::vector<double>{1.5, -2}, {2});
  std::vector<double> h = hessian(f)(x).to_vector<double>();
  EXPECT_NEAR(h[0], 9.0, 1e-12);
  EXPECT_NEAR(h[1], 1.0, 1e-12);
  EXPECT_NEAR(h[2], 1.0, 1e-12);
  EXPECT_NEAR(h[3], -12.0, 1e-12);
}

} // namespace

namespace {

// Convolution gradients compiled for the CPU (where the input gradient of
// a strided convolution is phase-decomposed and the kernel gradient uses
// the feature-major im2col) against the reference interpreter, for
// strides, paddings, dilations and layouts.
struct ConvGradCase {
  const char *name;
  Shape x, w;
  ConvOptions options;
};

class ConvGrad : public ::testing::TestWithParam<ConvGradCase> {};

TEST_P(ConvGrad, CompiledMatchesInterpreter) {
  const ConvGradCase &c = GetParam();
  std::vector<Tensor> k = random::split_keys(random::key(7), 3);
  Tensor x = astype(random::normal(k[0], c.x), f64);
  Tensor w = astype(random::normal(k[1], c.w), f64);
  ConvOptions o = c.options;
  auto loss = [o](const Tensor &x, const Tensor &w) {
    Tensor y = conv_general_dilated(x, w, o);
    return sum(y * y * 0.5 + sin(y));
  };
  auto g = jit([&](const Tensor &x, const Tensor &w) {
    return grad<0, 1>(loss)(x, w);
  });
  auto [cx, cw] = g(x, w);
  set_backend(Backend::Interpreter);
  auto [rx, rw] = grad<0, 1>(loss)(x, w);
  set_backend(Backend::Compiled);
  std::vector<double> a = cx.to_vector<double>(), b = rx.to_vector<double>();
  for (size_t i = 0; i < a.size(); ++i)
    ASSERT_NEAR(a[i], b[i], 1e-9 * std::max(1.0, std::fabs(b[i]))) << "dx " << i;
  a = cw.to_vector<double>();
  b = rw.to_vector<double>();
  for (size_t i = 0; i < a.size(); ++i)
    ASSERT_NEAR(a[i], b[i], 1e-9 * std::max(1.0, std::fabs(b[i]))) << "dw " << i;
}

ConvOptions convOptions(Shape strides, Padding padding, Shape rhsDilation = {},
                        std::string lhs = "NHWC", std::string out = "NHWC") {
  ConvOptions o;
  o.window_strides = std::move(strides);
  o.padding = std::move(padding);
  o.rhs_dilation = std::move(rhsDilation);
  o.lhs_spec = std::move(lhs);
  o.out_spec = std::move(out);
  return o;
}

INSTANTIATE_TEST_SUITE_P(
    Layouts, ConvGrad,
    ::testing::Values(
        ConvGradCase{"same_stride1", {2, 6, 6, 3}, {3, 3, 3, 4},
                     convOptions({1, 1}, "SAME")},
        ConvGradCase{"same_stride2", {2, 8, 8, 3}, {3, 3, 3, 5},
                     convOptions({2, 2}, "SAME")},
        ConvGradCase{"valid_stride2_odd", {2, 7, 9, 2}, {3, 3, 2, 3},
                     convOptions({2, 2}, "VALID")},
        ConvGradCase{"stride3_explicit_pad", {1, 10, 8, 2}, {4, 3, 2, 2},
                     convOptions({3, 2},
                                 std::vector<std::pair<int64_t, int64_t>>{
                                     {2, 1}, {0, 2}})},
        ConvGradCase{"dilated_kernel", {2, 9, 9, 2}, {3, 3, 2, 3},
                     convOptions({1, 1}, "SAME", {2, 2})},
        ConvGradCase{"nchw_stride2", {2, 3, 8, 8}, {3, 3, 3, 4},
                     convOptions({2, 2}, "SAME", {}, "NCHW", "NCHW")}),
    [](const ::testing::TestParamInfo<ConvGradCase> &info) {
      return std::string(info.param.name);
    });

} // namespace

namespace {

// WGAN-GP: the critic's loss includes lambda * (|grad_x D(x_hat)| - 1)^2,
// a function of a gradient; its gradient w.r.t. the critic's parameters is
// a gradient of a gradient. Checked against central finite differences of
// the penalty (itself computed with grad) in f64.
TEST(Grad, WganGpPenaltyMatchesFiniteDifferences) {
  auto critic = [](const Params &p, const Tensor &x) {
    Tensor h = tanh(matmul(x, p.at("w1")) + p.at("b1"));
    return sum(matmul(h, p.at("w2")), {1}); // [batch]
  };
  auto penalty = [&](const Params &p, const Tensor &xHat) {
    // grad of sum_i D(x_i) w.r.t. x gives each example's input gradient.
    Tensor g = grad([&](const Tensor &x) { return sum(critic(p, x)); })(xHat);
    Tensor norm = sqrt(sum(g * g, {1}) + 1e-12);
    return 10.0 * mean(square(norm - 1.0));
  };
  std::vector<Tensor> k = random::split_keys(random::key(11), 4);
  Params p{{"w1", astype(random::normal(k[0], {3, 5}), f64)},
           {"b1", astype(random::normal(k[1], {5}), f64) * 0.1},
           {"w2", astype(random::normal(k[2], {5, 1}), f64)}};
  Tensor xHat = astype(random::normal(k[3], {4, 3}), f64);
  Params g = jit([&](const Params &p, const Tensor &x) {
    return grad(penalty)(p, x);
  })(p, xHat);
  expectMatchesFiniteDifferences(
      p, g, [&](const Params &q) { return penalty(q, xHat).item(); });
}

} // namespace

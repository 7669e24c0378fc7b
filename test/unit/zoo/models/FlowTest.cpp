// Normalizing flows: squeeze round trip, RealNVP's inverse, and its
// log-likelihood against the change-of-variables formula with the
// Jacobian's determinant from forward-mode autodiff on a tiny flow (f64).
#include "genc/zoo/flow.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace genc;
using namespace genc::zoo;

namespace {

/// log |det a| of a small square matrix (row-major), Gaussian elimination
/// with partial pivoting.
double logAbsDet(std::vector<double> a, int n) {
  double logdet = 0;
  for (int c = 0; c < n; ++c) {
    int p = c;
    for (int r = c + 1; r < n; ++r)
      if (std::fabs(a[r * n + c]) > std::fabs(a[p * n + c]))
        p = r;
    if (a[p * n + c] == 0)
      return -INFINITY;
    if (p != c)
      for (int k = 0; k < n; ++k)
        std::swap(a[p * n + k], a[c * n + k]);
    logdet += std::log(std::fabs(a[c * n + c]));
    for (int r = c + 1; r < n; ++r) {
      double f = a[r * n + c] / a[c * n + c];
      for (int k = c; k < n; ++k)
        a[r * n + k] -= f * a[c * n + k];
    }
  }
  return logdet;
}

/// A tiny RealNVP (4x4x3, one scale) with random, non-identity couplings
/// in f64.
struct Tiny {
  RealNvp flow{FlowConfig{4, 1, 4, 0.05}};
  Params p;
  Tiny() {
    p = flow.init(random::key(0));
    int64_t i = 0;
    for (auto &[name, t] : p.entries())
      p[name] = astype(random::normal(random::key(100 + i++), t.shape()) * 0.3, f64);
  }
};

} // namespace

TEST(Flow, SqueezeRoundTrip) {
  Tensor x = random::normal(random::key(1), {2, 4, 6, 3});
  Tensor s = squeeze2x2(x);
  EXPECT_EQ(s.shape(), (Shape{2, 2, 3, 12}));
  EXPECT_EQ(unsqueeze2x2(s).to_vector<float>(), x.to_vector<float>());
  // Each output position holds its 2x2 block: x[0, 0..1, 0..1, :].
  std::vector<float> xv = x.to_vector<float>(), sv = s.to_vector<float>();
  EXPECT_EQ(sv[0], xv[0]);                // (0, 0)
  EXPECT_EQ(sv[3], xv[3]);                // (0, 1)
  EXPECT_EQ(sv[6], xv[6 * 3]);            // (1, 0)
}

TEST(Flow, RealNvpInverseUndoesForward) {
  Tiny t;
  Tensor x = astype(random::normal(random::key(2), {3, 4, 4, 3}), f64);
  auto [z, logdet] = t.flow.forward(t.p, x);
  EXPECT_EQ(z.shape(), (Shape{3, 48}));
  EXPECT_GT(max(abs(z - reshape(x, {3, 48}))).item(), 1e-2); // not the identity
  Tensor back = t.flow.inverse(t.p, z);
  EXPECT_LT(max(abs(back - x)).item(), 1e-10);
  // The default flow: 32x32x3, two scales, is invertible too (f32).
  RealNvp big(FlowConfig{});
  Params bp = big.init(random::key(3));
  Tensor u = random::normal(random::key(4), {2, 3072});
  Tensor img = jit([&](const Params &p, const Tensor &u) { return big.inverse(p, u); })(bp, u);
  EXPECT_EQ(img.shape(), (Shape{2, 32, 32, 3}));
  EXPECT_THROW(RealNvp(FlowConfig{12, 3, 4, 0.05}), Error);
}

// log p(y) = log N(z(y); 0, I) + log |det ∂z/∂y| for the whole map y ->
// logit -> flow -> z, with the 48x48 Jacobian from jacfwd.
TEST(Flow, RealNvpLogLikelihoodIsTheChangeOfVariables) {
  Tiny t;
  Tensor y = astype(random::uniform(random::key(5), {1, 4, 4, 3}) * 0.9 + 0.05, f64);
  double logp = t.flow.log_prob(t.p, y).item();
  auto toZ = [&](const Tensor &v) {
    const double a = 0.05;
    Tensor s = a + (1.0 - 2 * a) * reshape(v, {1, 4, 4, 3});
    Tensor x = log(s) - log(1.0 - s);
    return reshape(t.flow.forward(t.p, x).first, {48});
  };
  Tensor flat = reshape(y, {48});
  std::vector<double> jac = jacfwd(toZ)(flat).to_vector<double>();
  std::vector<double> z = toZ(flat).to_vector<double>();
  double logN = 0;
  for (double v : z)
    logN += -0.5 * v * v - 0.5 * std::log(2 * M_PI);
  EXPECT_NEAR(logp, logN + logAbsDet(jac, 48), 1e-8);
  // bits/dim of 8-bit images is finite and positive.
  RealNvp flow(FlowConfig{4, 1, 4, 0.05});
  Tensor img = floor(random::uniform(random::key(6), {2, 4, 4, 3}) * 256.0) / 255.0;
  std::vector<float> bpd =
      flow.bits_per_dim(flow.init(random::key(7)), img, random::key(8)).to_vector<float>();
  for (float b : bpd)
    EXPECT_TRUE(std::isfinite(b) && b > 0) << b;
}

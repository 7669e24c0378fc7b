// Tests of genc::nn: layer shapes, Flax-default initializer statistics,
// normalization, dropout, activations, jit vs eager, errors.
#include "genc/genc.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

using namespace genc;

namespace {

void expectNear(const std::vector<float> &got, const std::vector<float> &want,
                float tol = 1e-5f) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i)
    EXPECT_NEAR(got[i], want[i], tol) << "at " << i;
}

struct Stats {
  double mean = 0, std = 0, maxAbs = 0;
};
Stats stats(const std::vector<float> &v) {
  Stats s;
  for (float x : v) {
    s.mean += x;
    s.maxAbs = std::max(s.maxAbs, (double)std::fabs(x));
  }
  s.mean /= v.size();
  double var = 0;
  for (float x : v)
    var += (x - s.mean) * (x - s.mean);
  s.std = std::sqrt(var / v.size());
  return s;
}

// Standard deviation of a standard normal truncated to [-2, 2]; lecun_normal
// divides by it so the kernel's std is exactly sqrt(1 / fan_in).
constexpr double kTruncStd = .87962566103423978;

TEST(Nn, DenseShapesAndValues) {
  nn::Dense dense{3};
  Params p = dense.init(random::key(0), {2, 4});
  EXPECT_EQ(p.names(), (std::vector<std::string>{"bias", "kernel"}));
  EXPECT_EQ(p.at("kernel").shape(), (Shape{4, 3}));
  EXPECT_EQ(p.at("bias").shape(), (Shape{3}));
  expectNear(p.at("bias").to_vector<float>(), {0, 0, 0});
  // y = x @ kernel + bias with a hand-set kernel.
  p["kernel"] =
      array(std::vector<float>{1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1}, {4, 3});
  p["bias"] = array(std::vector<float>{0.5f, -1, 2}, {3});
  Tensor x = array(std::vector<float>{1, 2, 3, 4, -1, 0, 1, 2}, {2, 4});
  Tensor y = dense.apply(p, x);
  EXPECT_EQ(y.shape(), (Shape{2, 3}));
  // Row 0: [1+4, 2+4, 3+4] + bias; row 1: [-1+2, 0+2, 1+2] + bias.
  expectNear(y.to_vector<float>(), {5.5f, 5, 9, 1.5f, 1, 5});
  // Leading batch dimensions pass through.
  Tensor y3 = dense.apply(p, zeros({5, 2, 4}));
  EXPECT_EQ(y3.shape(), (Shape{5, 2, 3}));
}

TEST(Nn, DenseWithoutBias) {
  nn::Dense dense{6, /*use_bias=*/false};
  Params p = dense.init(random::key(1), {3});
  EXPECT_EQ(p.names(), (std::vector<std::string>{"kernel"}));
  EXPECT_EQ(dense.apply(p, ones({3})).shape(), (Shape{6}));
}

TEST(Nn, DenseKernelIsLecunNormal) {
  // fan_in = 64: std must be 1/8, values within 2 / 0.8796 of that.
  Params p = nn::Dense{256}.init(random::key(42), {1, 64});
  Stats s = stats(p.at("kernel").to_vector<float>());
  double want = 1.0 / std::sqrt(64.0);
  EXPECT_NEAR(s.std, want, 0.03 * want);
  EXPECT_NEAR(s.mean, 0.0, 0.005);
  double bound = 2.0 * want / kTruncStd;
  EXPECT_LE(s.maxAbs, bound * (1 + 1e-6));
  EXPECT_GT(s.maxAbs, 0.95 * bound); // truncated at 2 std, not at 1.
}

TEST(Nn, Conv2DShapes) {
  Tensor x = zeros({2, 8, 8, 3});
  nn::Conv2D same{4, {3, 3}, {2, 2}, "SAME"};
  Params p = same.init(random::key(0), x.shape());
  EXPECT_EQ(p.at("kernel").shape(), (Shape{3, 3, 3, 4}));
  EXPECT_EQ(p.at("bias").shape(), (Shape{4}));
  EXPECT_EQ(same.apply(p, x).shape(), (Shape{2, 4, 4, 4}));
  nn::Conv2D valid{4, {3, 3}, {1, 1}, "VALID"};
  EXPECT_EQ(valid.apply(p, x).shape(), (Shape{2, 6, 6, 4}));
}

TEST(Nn, Conv2DValues) {
  // A 2x2 all-ones kernel sums each window: [1 2 3; 4 5 6; 7 8 9].
  nn::Conv2D conv{1, {2, 2}, {1, 1}, "VALID"};
  Params p{{"kernel", ones({2, 2, 1, 1})},
           {"bias", array(std::vector<float>{0.5f}, {1})}};
  Tensor x = reshape(arange(1, 10, 1), {1, 3, 3, 1});
  Tensor y = conv.apply(p, x);
  EXPECT_EQ(y.shape(), (Shape{1, 2, 2, 1}));
  expectNear(y.to_vector<float>(), {12.5f, 16.5f, 24.5f, 28.5f});
}

TEST(Nn, Conv2DKernelFanInCountsTheWindow) {
  // fan_in = kh * kw * cin = 3 * 3 * 16 = 144: std 1/12.
  Params p = nn::Conv2D{64, {3, 3}}.init(random::key(7), {1, 8, 8, 16});
  EXPECT_EQ(p.at("kernel").shape(), (Shape{3, 3, 16, 64}));
  Stats s = stats(p.at("kernel").to_vector<float>());
  double want = 1.0 / 12.0;
  EXPECT_NEAR(s.std, want, 0.04 * want);
  EXPECT_LE(s.maxAbs, 2.0 * want / kTruncStd * (1 + 1e-6));
  for (float b : p.at("bias").to_vector<float>())
    EXPECT_EQ(b, 0.0f);
}

TEST(Nn, ConvTranspose2D) {
  nn::ConvTranspose2D up{5, {3, 3}, {2, 2}, "SAME"};
  Params p = up.init(random::key(3), {1, 4, 4, 3});
  EXPECT_EQ(p.at("kernel").shape(), (Shape{3, 3, 3, 5}));
  EXPECT_EQ(up.apply(p, zeros({1, 4, 4, 3})).shape(), (Shape{1, 8, 8, 5}));
  // 1x1 kernel, stride 2, VALID (lax.conv_transpose: out = in * stride):
  // inputs land on even positions, times the kernel value 2.
  nn::ConvTranspose2D sparse{1, {1, 1}, {2, 2}, "VALID", /*use_bias=*/false};
  Params q{{"kernel", full({1, 1, 1, 1}, 2.0)}};
  Tensor y = sparse.apply(q, reshape(arange(1, 5, 1), {1, 2, 2, 1}));
  EXPECT_EQ(y.shape(), (Shape{1, 4, 4, 1}));
  expectNear(y.to_vector<float>(),
             {2, 0, 4, 0, 0, 0, 0, 0, 6, 0, 8, 0, 0, 0, 0, 0});
}

TEST(Nn, LayerNormNormalizesTheLastAxis) {
  Tensor x = random::normal(random::key(5), {4, 32}) * 3.0 + 5.0;
  nn::LayerNorm ln;
  Params p = ln.init(random::key(0), x.shape());
  expectNear(p.at("scale").to_vector<float>(), std::vector<float>(32, 1.0f));
  std::vector<float> y = ln.apply(p, x).to_vector<float>();
  for (int r = 0; r < 4; ++r) {
    Stats s =
        stats(std::vector<float>(y.begin() + r * 32, y.begin() + r * 32 + 32));
    EXPECT_NEAR(s.mean, 0.0, 1e-4) << "row " << r;
    EXPECT_NEAR(s.std * s.std, 1.0, 1e-3) << "row " << r;
  }
  // scale and bias apply after normalizing.
  p["scale"] = full({32}, 2.0);
  p["bias"] = full({32}, 1.0);
  Stats s = stats(ln.apply(p, x).to_vector<float>());
  EXPECT_NEAR(s.mean, 1.0, 1e-4);
  EXPECT_NEAR(s.std, 2.0, 2e-3);
}

TEST(Nn, GroupNormNormalizesEachGroup) {
  // 8 channels in 2 groups of 4; a group is 4x4 pixels x 4 channels.
  Tensor x = random::normal(random::key(9), {2, 4, 4, 8}) * 3.0 + 5.0;
  nn::GroupNorm gn{2};
  Params p = gn.init(random::key(0), x.shape());
  EXPECT_EQ(p.at("scale").shape(), (Shape{8}));
  std::vector<float> y = gn.apply(p, x).to_vector<float>();
  for (int n = 0; n < 2; ++n)
    for (int g = 0; g < 2; ++g) {
      std::vector<float> group;
      for (int hw = 0; hw < 16; ++hw)
        for (int c = 0; c < 4; ++c)
          group.push_back(y[(n * 16 + hw) * 8 + g * 4 + c]);
      Stats s = stats(group);
      EXPECT_NEAR(s.mean, 0.0, 1e-4) << n << "," << g;
      EXPECT_NEAR(s.std * s.std, 1.0, 1e-3) << n << "," << g;
    }
  EXPECT_THROW(nn::GroupNorm{3}.apply(p, x), Error); // 8 % 3 != 0
}

TEST(Nn, BatchNormTrainUsesBatchStatsAndMovesAverages) {
  nn::BatchNorm bn; // momentum 0.99, epsilon 1e-5
  // Column 0: 1 2 3 4 (mean 2.5, biased var 1.25); column 1: 2 4 6 8
  // (mean 5, var 5).
  Tensor x = array(std::vector<float>{1, 2, 2, 4, 3, 6, 4, 8}, {4, 2});
  Params p = bn.init(random::key(0), x.shape());
  nn::BatchNormState s = bn.init_state(x.shape());
  expectNear(s.at("mean").to_vector<float>(), {0, 0});
  expectNear(s.at("var").to_vector<float>(), {1, 1});
  auto [y, s1] = bn.apply(p, s, x, /*train=*/true);
  float a = 1 / std::sqrt(1.25f + 1e-5f), b = 1 / std::sqrt(5.0f + 1e-5f);
  expectNear(y.to_vector<float>(), {-1.5f * a, -3 * b, -0.5f * a, -1 * b,
                                    0.5f * a, 1 * b, 1.5f * a, 3 * b});
  // mean: 0.99 * 0 + 0.01 * [2.5, 5]; var: 0.99 * 1 + 0.01 * [1.25, 5].
  expectNear(s1.at("mean").to_vector<float>(), {0.025f, 0.05f});
  expectNear(s1.at("var").to_vector<float>(), {1.0025f, 1.04f});
  // A second step moves them again: 0.99 * 0.025 + 0.01 * 2.5 = 0.04975.
  auto [y2, s2] = bn.apply(p, s1, x, true);
  expectNear(s2.at("mean").to_vector<float>(), {0.04975f, 0.0995f});
  expectNear(s2.at("var").to_vector<float>(), {1.004975f, 1.0796f});
}

TEST(Nn, BatchNormEvalUsesRunningStats) {
  nn::BatchNorm bn;
  Tensor x = array(std::vector<float>{1, 2, 3, 4, 5, 6}, {3, 2});
  Params p = bn.init(random::key(0), x.shape());
  p["scale"] = array(std::vector<float>{2, 1}, {2});
  p["bias"] = array(std::vector<float>{0, 10}, {2});
  nn::BatchNormState s{{"mean", array(std::vector<float>{1, 2}, {2})},
                       {"var", array(std::vector<float>{4, 9}, {2})}};
  auto [y, same] = bn.apply(p, s, x, /*train=*/false);
  float a = 2 / std::sqrt(4 + 1e-5f), b = 1 / std::sqrt(9 + 1e-5f);
  expectNear(y.to_vector<float>(),
             {0 * a, 10 + 0 * b, 2 * a, 10 + 2 * b, 4 * a, 10 + 4 * b});
  expectNear(same.at("mean").to_vector<float>(), {1, 2});
  expectNear(same.at("var").to_vector<float>(), {4, 9});
}

TEST(Nn, DropoutKeepsTheExpectedFractionAndRescales) {
  nn::Dropout drop{0.25};
  Tensor x = ones({100, 100});
  std::vector<float> y =
      drop.apply(x, random::key(11), /*train=*/true).to_vector<float>();
  int64_t kept = 0;
  for (float v : y) {
    if (v != 0) {
      ++kept;
      EXPECT_NEAR(v, 1.0f / 0.75f, 1e-6f);
    }
  }
  // 10000 draws with p = 0.75: std of the fraction is 0.0043.
  EXPECT_NEAR(kept / 10000.0, 0.75, 0.02);
  // Mean is preserved in expectation.
  EXPECT_NEAR(std::accumulate(y.begin(), y.end(), 0.0) / 10000, 1.0, 0.03);
  // Another key, another mask.
  EXPECT_NE(drop.apply(x, random::key(12), true).to_vector<float>(), y);
}

TEST(Nn, DropoutIsIdentityInEval) {
  Tensor x = array(std::vector<float>{1, -2, 3}, {3});
  expectNear(
      nn::Dropout{0.5}.apply(x, random::key(0), false).to_vector<float>(),
      {1, -2, 3});
  expectNear(nn::Dropout{0.0}.apply(x, random::key(0), true).to_vector<float>(),
             {1, -2, 3});
  expectNear(nn::Dropout{1.0}.apply(x, random::key(0), true).to_vector<float>(),
             {0, 0, 0});
}

TEST(Nn, EmbeddingLooksUpRows) {
  nn::Embedding embed{1000, 16};
  Params p = embed.init(random::key(4));
  EXPECT_EQ(p.at("embedding").shape(), (Shape{1000, 16}));
  // Flax's embed init: normal with std sqrt(1 / features) = 0.25, not
  // truncated.
  Stats s = stats(p.at("embedding").to_vector<float>());
  EXPECT_NEAR(s.std, 0.25, 0.03 * 0.25);
  EXPECT_GT(s.maxAbs, 2.0 * 0.25 / kTruncStd);
  Tensor ids = array(std::vector<int32_t>{3, 0, 999, 3}, {2, 2});
  Tensor y = embed.apply(p, ids);
  EXPECT_EQ(y.shape(), (Shape{2, 2, 16}));
  std::vector<float> table = p.at("embedding").to_vector<float>();
  std::vector<float> got = y.to_vector<float>();
  int32_t rows[] = {3, 0, 999, 3};
  for (int i = 0; i < 4; ++i)
    for (int f = 0; f < 16; ++f)
      EXPECT_EQ(got[i * 16 + f], table[rows[i] * 16 + f]);
  EXPECT_THROW(embed.apply(p, ones({2})), Error); // float indices
}

TEST(Nn, Activations) {
  std::vector<float> xs = {-3, -0.5f, 0, 0.5f, 2};
  Tensor x = array(xs, {5});
  auto each = [&](auto f) {
    std::vector<float> out;
    for (float v : xs)
      out.push_back((float)f((double)v));
    return out;
  };
  auto sig = [](double v) { return 1 / (1 + std::exp(-v)); };
  expectNear(nn::relu(x).to_vector<float>(), {0, 0, 0, 0.5f, 2});
  // jax.nn.gelu(approximate=True).
  expectNear(nn::gelu(x).to_vector<float>(), each([](double v) {
               return 0.5 * v *
                      (1 + std::tanh(std::sqrt(2 / M_PI) *
                                     (v + 0.044715 * v * v * v)));
             }));
  expectNear(nn::gelu(x, false).to_vector<float>(), each([](double v) {
               return 0.5 * v * (1 + std::erf(v / std::sqrt(2.0)));
             }));
  expectNear(nn::silu(x).to_vector<float>(),
             each([&](double v) { return v * sig(v); }));
  expectNear(nn::swish(x).to_vector<float>(), nn::silu(x).to_vector<float>());
  expectNear(nn::leaky_relu(x).to_vector<float>(),
             {-0.03f, -0.005f, 0, 0.5f, 2});
  expectNear(nn::elu(x).to_vector<float>(),
             each([](double v) { return v > 0 ? v : std::expm1(v); }));
  expectNear(nn::softplus(x).to_vector<float>(),
             each([](double v) { return std::log1p(std::exp(v)); }));
  expectNear(nn::sigmoid(x).to_vector<float>(), each(sig));
  double lse = 0;
  for (float v : xs)
    lse += std::exp(v);
  lse = std::log(lse);
  expectNear(nn::log_softmax(x).to_vector<float>(),
             each([&](double v) { return v - lse; }));
  // elu does not overflow for large inputs.
  EXPECT_EQ(nn::elu(array(std::vector<float>{100}, {1})).item(), 100.0);
}

TEST(Nn, LayersInsideJitMatchEager) {
  nn::Dense d1{8}, d2{4};
  nn::LayerNorm ln;
  nn::Dropout drop{0.5};
  Tensor x = random::normal(random::key(1), {3, 5});
  auto keys = random::split_keys(random::key(2), 2);
  Params params;
  params.insert("dense1", d1.init(keys[0], x.shape()));
  params.insert("ln", ln.init(keys[0], {3, 8}));
  params.insert("dense2", d2.init(keys[1], {3, 8}));
  auto model = [&](const Params &p, const Tensor &x, const Tensor &key) {
    Tensor h = nn::gelu(d1.apply(p.scope("dense1"), x));
    h = drop.apply(ln.apply(p.scope("ln"), h), key, true);
    return nn::log_softmax(d2.apply(p.scope("dense2"), h));
  };
  Tensor eager = model(params, x, random::key(3));
  auto jitted = jit(model);
  Tensor compiled = jitted(params, x, random::key(3));
  EXPECT_EQ(compiled.shape(), (Shape{3, 4}));
  expectNear(compiled.to_vector<float>(), eager.to_vector<float>(), 1e-5f);
  // BatchNorm's state threads through jit too.
  nn::BatchNorm bn;
  auto bnStep = jit([&](const Params &p, const Params &s, const Tensor &x) {
    return bn.apply(p, s, x, true);
  });
  auto [y, s] =
      bnStep(bn.init(keys[0], x.shape()), bn.init_state(x.shape()), x);
  auto [ye, se] =
      bn.apply(bn.init(keys[0], x.shape()), bn.init_state(x.shape()), x, true);
  expectNear(y.to_vector<float>(), ye.to_vector<float>(), 1e-5f);
  expectNear(s.at("var").to_vector<float>(), se.at("var").to_vector<float>(),
             1e-6f);
}

TEST(Nn, ErrorsNameTheUserLine) {
  nn::Dense dense{3};
  Params p = dense.init(random::key(0), {2, 4});
  int line = __LINE__ + 2;
  try {
    dense.apply(p, zeros({2, 5}));
    FAIL() << "expected an error";
  } catch (const Error &e) {
    EXPECT_EQ(std::string(e.what()),
              "NnTest.cpp:" + std::to_string(line) +
                  ": Dense: input has 5 features but the kernel expects 4 "
                  "(input shape [2, 5])");
  }
  line = __LINE__ + 2;
  try {
    nn::LayerNorm{}.apply(Params{}, zeros({2, 5}));
    FAIL() << "expected an error";
  } catch (const Error &e) {
    EXPECT_EQ(std::string(e.what()),
              "NnTest.cpp:" + std::to_string(line) +
                  ": LayerNorm: missing parameter 'scale' (have: none)");
  }
  nn::Conv2D badPad{4, {3, 3}, {1, 1}, "FULL"};
  EXPECT_THROW(badPad.init(random::key(0), {1, 4, 4, 1}), Error);
}

} // namespace

// PRNG tests: known answers from JAX 0.10.2 (jax_threefry_partitionable =
// False, the original threefry layout), eager and under jit.
#include "genc/genc.h"

#include <gtest/gtest.h>

using namespace genc;

namespace {

std::vector<uint32_t> words(const Tensor &t) {
  std::vector<uint32_t> out;
  for (int64_t v : t.to_vector<int64_t>())
    out.push_back((uint32_t)v);
  return out;
}

TEST(Random, KeyLayoutMatchesJax) {
  EXPECT_EQ(words(random::key(0)), (std::vector<uint32_t>{0, 0}));
  EXPECT_EQ(words(random::key(42)), (std::vector<uint32_t>{0, 42}));
  EXPECT_EQ(words(random::key(0x100000002ull)), (std::vector<uint32_t>{1, 2}));
}

TEST(Random, SplitMatchesJax) {
  // jax.random.split(PRNGKey(0))
  EXPECT_EQ(words(random::split(random::key(0))),
            (std::vector<uint32_t>{4146024105u, 967050713u, 2718843009u,
                                   1272950319u}));
  // jax.random.split(PRNGKey(3), 3)
  EXPECT_EQ(words(random::split(random::key(3), 3)),
            (std::vector<uint32_t>{877192987u, 1614509672u, 1950127089u,
                                   3448417067u, 2823528474u, 3529024829u}));
}

TEST(Random, FoldInMatchesJax) {
  EXPECT_EQ(words(random::fold_in(random::key(0), 7)),
            (std::vector<uint32_t>{2716826189u, 292468403u}));
}

TEST(Random, BitsMatchJaxIncludingOddSizes) {
  EXPECT_EQ(words(random::bits(random::key(42), {5})),
            (std::vector<uint32_t>{3134548294u, 3733159049u, 843694964u,
                                   894150801u, 801545058u}));
}

TEST(Random, UniformMatchesJaxExactly) {
  std::vector<float> u = random::uniform(random::key(1), {4}).to_vector<float>();
  std::vector<float> jax{0.5685524940490723f, 0.3224560022354126f,
                         0.8893296718597412f, 0.4716912508010864f};
  EXPECT_EQ(u, jax);
}

TEST(Random, NormalMatchesJax) {
  std::vector<float> n = random::normal(random::key(1), {4}).to_vector<float>();
  std::vector<float> jax{0.17269018292427063f, -0.46084192395210266f,
                         1.2229712009429932f, -0.07101909071207047f};
  for (size_t i = 0; i < jax.size(); ++i)
    EXPECT_NEAR(n[i], jax[i], 2e-6f) << i;
}

TEST(Random, SameNumbersUnderJit) {
  auto f = jit([](const Tensor &k) {
    return random::normal(random::fold_in(k, 3), {3, 5});
  });
  Tensor k = random::key(9);
  EXPECT_EQ(f(k).to_vector<float>(),
            random::normal(random::fold_in(k, 3), {3, 5}).to_vector<float>());
}

TEST(Random, MomentsAreRight) {
  Tensor n = random::normal(random::key(5), {20000});
  double m = mean(n).item();
  double v = mean(square(n)).item() - m * m;
  EXPECT_NEAR(m, 0.0, 0.03);
  EXPECT_NEAR(v, 1.0, 0.04);
  Tensor u = random::uniform(random::key(6), {20000}, f32, -2.0, 3.0);
  EXPECT_GE(min(u).item(), -2.0);
  EXPECT_LT(max(u).item(), 3.0);
  EXPECT_NEAR(mean(u).item(), 0.5, 0.05);
  Tensor b = random::bernoulli(random::key(7), 0.3, {20000});
  EXPECT_NEAR(mean(astype(b, f32)).item(), 0.3, 0.02);
}

TEST(Random, CategoricalFollowsLogits) {
  Tensor logits = log(array(std::vector<float>{0.1f, 0.6f, 0.3f}, {1, 3}));
  Tensor many = broadcast_to(logits, {6000, 3});
  Tensor draws = random::categorical(random::key(11), many, -1);
  std::vector<int32_t> d = draws.to_vector<int32_t>();
  int counts[3] = {0, 0, 0};
  for (int32_t c : d) {
    ASSERT_GE(c, 0);
    ASSERT_LT(c, 3);
    ++counts[c];
  }
  EXPECT_NEAR(counts[0] / 6000.0, 0.1, 0.02);
  EXPECT_NEAR(counts[1] / 6000.0, 0.6, 0.02);
}

TEST(Random, BadKeyIsAClearError) {
  try {
    random::split(zeros({3}, i32));
    FAIL();
  } catch (const Error &e) {
    EXPECT_NE(std::string(e.what()).find("expected a key (2xi32"),
              std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("RandomTest.cpp:"), std::string::npos);
  }
}

} // namespace

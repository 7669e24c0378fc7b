// shard_map and collectives: every sharded program equals the unsharded
// one on 2, 4 and 8 in-process CPU devices (data-parallel gradients of an
// MLP with pmean, a 2-D mesh matmul, every collective through the
// frontend), and misuse gives an error at the user's line.
#include "AllClose.h"
#include "genc/genc.h"
#include "genc/runtime/Collectives.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace genc;

namespace {

class Shard : public ::testing::TestWithParam<int64_t> {
protected:
  void SetUp() override { runtime::setCpuDeviceCount(8); }
};

Tensor mlpLoss(const Params &p, const Tensor &x, const Tensor &y) {
  Tensor h = tanh(matmul(x, p.at("w1")) + p.at("b1"));
  Tensor out = matmul(h, p.at("w2")) + p.at("b2");
  return mean(square(out - y));
}

TEST_P(Shard, DataParallelGradientsEqualFullBatch) {
  int64_t n = GetParam();
  std::vector<Tensor> k = random::split_keys(random::key(1), 6);
  Params p;
  p["w1"] = (random::normal(k[0], {5, 16}) * 0.3);
  p["b1"] = (random::normal(k[1], {16}) * 0.1);
  p["w2"] = (random::normal(k[2], {16, 3}) * 0.3);
  p["b2"] = (random::normal(k[3], {3}) * 0.1);
  Tensor x = random::normal(k[4], {32, 5});
  Tensor y = random::normal(k[5], {32, 3});
  Mesh mesh({{"data", n}});
  auto step = [](const Params &p, const Tensor &x, const Tensor &y) {
    auto [loss, g] = value_and_grad(mlpLoss)(p, x, y);
    Params avg;
    for (auto &[name, t] : g)
      avg[name] = pmean(t, {"data"});
    return std::make_pair(pmean(loss, {"data"}), avg);
  };
  auto sharded = jit(shard_map(step, mesh, {P(), P("data"), P("data")}, {P()}));
  auto [loss, g] = sharded(p, x, y);
  auto [refLoss, refG] = value_and_grad(mlpLoss)(p, x, y);
  expectAllClose(loss, refLoss, 1e-5, "loss");
  for (auto &[name, t] : refG)
    expectAllClose(g.at(name), t, 1e-5, name);
}

TEST_P(Shard, CollectivesMatchUnsharded) {
  int64_t n = GetParam();
  Tensor x = random::normal(random::key(2), {16, 8});
  Mesh mesh({{"data", n}});
  auto f = [](const Tensor &xl) {
    return std::vector<Tensor>{
        psum(sum(xl, {0}), {"data"}),       // column sums
        pmax(max(xl, {0}), {"data"}),       // column maxima
        all_gather(xl, {"data"}, 0),        // x itself
        psum_scatter(all_gather(xl, {"data"}, 0), {"data"}, 0), // n * x
        all_to_all(xl, {"data"}, 1, 0),     // x, split by columns
        astype(reshape(axis_index("data"), {1}), f32),
    };
  };
  auto sharded = jit(shard_map(
      f, mesh, {P("data")},
      {P(), P(), P(), P("data"), P("", "data"), P("data")}));
  std::vector<Tensor> r = sharded(x);
  expectAllClose(r[0], sum(x, {0}), 1e-5, "psum");
  expectAllClose(r[1], max(x, {0}), 0, "pmax");
  expectAllClose(r[2], x, 0, "all_gather");
  expectAllClose(r[3], x * (double)n, 1e-6, "psum_scatter");
  expectAllClose(r[4], x, 0, "all_to_all");
  expectAllClose(r[5], astype(arange(n), f32), 0, "axis_index");
}

TEST_P(Shard, PpermuteShiftsBlocks) {
  int64_t n = GetParam();
  Tensor x = random::normal(random::key(3), {8, 2});
  Mesh mesh({{"data", n}});
  std::vector<std::pair<int64_t, int64_t>> shift;
  for (int64_t i = 0; i < n; ++i)
    shift.push_back({i, (i + 1) % n});
  auto f = [&](const Tensor &xl) { return ppermute(xl, "data", shift); };
  Tensor r = jit(shard_map(f, mesh, {P("data")}, {P("data")}))(x);
  int64_t l = 8 / n;
  Tensor rolled = concatenate({slice(x, {8 - l, 0}, {8, 2}, {}),
                               slice(x, {0, 0}, {8 - l, 2}, {})},
                              0);
  expectAllClose(r, rolled, 0, "ppermute");
}

INSTANTIATE_TEST_SUITE_P(Devices, Shard, ::testing::Values(2, 4, 8));

TEST(ShardMesh, TwoDimensionalMatmulEqualsUnsharded) {
  runtime::setCpuDeviceCount(8);
  Tensor x = random::normal(random::key(4), {8, 6});
  Tensor w = random::normal(random::key(5), {6, 12});
  Mesh mesh({{"data", 2}, {"model", 4}});
  // x split by rows over data, w by columns over model: each device
  // computes one block of x @ w.
  auto f = [](const Tensor &xl, const Tensor &wl) {
    return std::make_pair(matmul(xl, wl),
                          psum(sum(matmul(xl, wl)), {"data", "model"}));
  };
  auto [y, total] = jit(shard_map(f, mesh, {P("data"), P("", "model")},
                                  {P("data", "model"), P()}))(x, w);
  expectAllClose(y, matmul(x, w), 1e-5, "blocks");
  expectAllClose(total, sum(matmul(x, w)), 1e-4, "total");
}

TEST(ShardErrors, MisuseNamesTheUsersLine) {
  runtime::setCpuDeviceCount(8);
  Tensor x = zeros({4, 2});
  try {
    jit([](const Tensor &t) { return psum(t, {"data"}); })(x);
    FAIL() << "psum outside shard_map must throw";
  } catch (const Error &e) {
    EXPECT_NE(std::string(e.what()).find("ShardTest.cpp"), std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("not bound"), std::string::npos)
        << e.what();
  }
  Mesh mesh({{"data", 3}});
  try {
    shard_map([](const Tensor &t) { return t; }, mesh, {P("data")},
              {P("data")})(x);
    FAIL() << "a dimension of 4 cannot split 3 ways";
  } catch (const Error &e) {
    EXPECT_NE(std::string(e.what()).find("does not split 3 ways"),
              std::string::npos)
        << e.what();
  }
  EXPECT_THROW(Mesh({{"data", 2}, {"data", 2}}), Error);
  Mesh two({{"data", 2}});
  try {
    shard_map([](const Tensor &t) { return psum(t, {"model"}); }, two,
              {P("data")}, {P()})(x);
    FAIL() << "unknown axis";
  } catch (const Error &e) {
    EXPECT_NE(std::string(e.what()).find("'model' is not in the enclosing"),
              std::string::npos)
        << e.what();
  }
}

TEST(ShardErrors, TooFewDevicesIsAClearError) {
  runtime::setCpuDeviceCount(2);
  Mesh mesh({{"data", 4}});
  Tensor x = zeros({4, 2});
  try {
    jit(shard_map([](const Tensor &t) { return psum(t, {"data"}); }, mesh,
                  {P("data")}, {P()}))(x);
    FAIL() << "4 devices on 2 must fail";
  } catch (const Error &e) {
    EXPECT_NE(std::string(e.what()).find("GENC_CPU_DEVICES"),
              std::string::npos)
        << e.what();
  }
  runtime::setCpuDeviceCount(8);
}

} // namespace

namespace {
// The README's shard_map example, as written there.
TEST(ShardReadme, DataParallelGradEqualsOneDevice) {
  runtime::setCpuDeviceCount(8);
  auto k = random::split_keys(random::key(0), 3);
  Params p{{"w", random::normal(k[0], {4, 8})}, {"b", zeros({8})}};
  Tensor x = random::uniform(k[1], {3, 4});
  auto f = jit([](const Params &p, const Tensor &x) {
    return tanh(matmul(x, p.at("w")) + p.at("b"));
  });
  auto loss = [&](const Params &p, const Tensor &x) { return mean(square(f(p, x))); };
  Mesh mesh({{"data", 2}});
  Tensor x2 = concatenate({x, x}, 0); // 6 rows: 3 per device
  auto step = [&](const Params &p, const Tensor &xb) {
    Params g = grad(loss)(p, xb); // this device's rows
    for (auto &[name, t] : g) g[name] = pmean(t, {"data"});
    return g; // equals the 1-device grad
  };
  Params g2 = jit(shard_map(step, mesh, {P(), P("data")}, {P()}))(p, x2);
  Params ref = grad(loss)(p, x2);
  for (auto &[name, t] : ref)
    expectAllClose(g2.at(name), t, 1e-5, name);
}
} // namespace

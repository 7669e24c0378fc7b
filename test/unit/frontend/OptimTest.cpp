// Tests of genc::optim against hand-computed optax arithmetic.
#include "genc/genc.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace genc;

namespace {

void expectNear(const std::vector<float> &got, const std::vector<double> &want,
                double tol = 1e-6) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i)
    EXPECT_NEAR(got[i], want[i], tol) << "at " << i;
}

Tensor vec(std::vector<float> v) {
  Shape s{(int64_t)v.size()};
  return array(v, s);
}

// One parameter vector w = [1, 2]; gradients g1 = [0.5, -1], g2 = [1, 1].
Params w0() { return Params{{"w", vec({1, 2})}}; }
Params g1() { return Params{{"w", vec({0.5f, -1})}}; }
Params g2() { return Params{{"w", vec({1, 1})}}; }

/// Two steps of `opt` from w0 with g1 then g2; returns w after each.
std::pair<Params, Params> twoSteps(const optim::GradientTransformation &opt) {
  Params p = w0();
  Params s = opt.init(p);
  auto [u1, s1] = opt.update(g1(), s, p);
  Params p1 = optim::apply_updates(p, u1);
  auto [u2, s2] = opt.update(g2(), s1, p1);
  return {p1, optim::apply_updates(p1, u2)};
}

TEST(Optim, SgdTwoSteps) {
  auto [p1, p2] = twoSteps(optim::sgd(0.1));
  // w - 0.1 g: [1 - 0.05, 2 + 0.1], then [0.95 - 0.1, 2.1 - 0.1].
  expectNear(p1.at("w").to_vector<float>(), {0.95, 2.1});
  expectNear(p2.at("w").to_vector<float>(), {0.85, 2.0});
  // A constant learning rate keeps no state (optax: EmptyState).
  EXPECT_TRUE(optim::sgd(0.1).init(w0()).empty());
}

TEST(Optim, MomentumTwoSteps) {
  auto [p1, p2] = twoSteps(optim::momentum(0.1, 0.9));
  // t1 = g1 = [0.5, -1]          -> w1 = w0 - 0.1 t1 = [0.95, 2.1]
  // t2 = g2 + 0.9 t1 = [1.45, 0.1] -> w2 = w1 - 0.1 t2 = [0.805, 2.09]
  expectNear(p1.at("w").to_vector<float>(), {0.95, 2.1});
  expectNear(p2.at("w").to_vector<float>(),
             {0.95 - 0.1 * 1.45, 2.1 - 0.1 * 0.1});
  auto [n1, n2] = twoSteps(optim::momentum(0.1, 0.9, /*nesterov=*/true));
  // Nesterov: u = g + 0.9 t_new.
  // u1 = g1 + 0.9 g1 = [0.95, -1.9]            -> [0.905, 2.19]
  // t2 = [1.45, 0.1]; u2 = g2 + 0.9 t2 = [2.305, 1.09]
  expectNear(n1.at("w").to_vector<float>(), {1 - 0.1 * 0.95, 2 + 0.1 * 1.9});
  expectNear(n2.at("w").to_vector<float>(),
             {0.905 - 0.1 * 2.305, 2.19 - 0.1 * 1.09});
  Params s = optim::momentum(0.1).init(w0());
  EXPECT_EQ(s.names(), (std::vector<std::string>{"0/trace/w"}));
}

TEST(Optim, AdamTwoSteps) {
  const double b1 = 0.9, b2 = 0.999, eps = 1e-8, lr = 0.1;
  auto [p1, p2] = twoSteps(optim::adam(lr));
  // Step 1: mu = 0.1 g1 = [0.05, -0.1], nu = 0.001 g1^2 = [0.00025, 0.001];
  // bias corrections 1 - 0.9 = 0.1 and 1 - 0.999 = 0.001 give back g1 and
  // g1^2, so the step is lr * g / (|g| + eps).
  double a1[2] = {0.5 / (0.5 + eps), -1 / (1 + eps)};
  double w1[2] = {1 - lr * a1[0], 2 - lr * a1[1]}; // ~ [0.9, 2.1]
  expectNear(p1.at("w").to_vector<float>(), {w1[0], w1[1]});
  // Step 2: mu = 0.9 [0.05, -0.1] + 0.1 [1, 1] = [0.145, 0.01]
  //         nu = 0.999 [0.00025, 0.001] + 0.001 [1, 1]
  //            = [0.00124975, 0.001999]
  //         bc1 = 1 - 0.9^2 = 0.19, bc2 = 1 - 0.999^2 = 0.001999
  double mu[2] = {b1 * 0.05 + (1 - b1) * 1, b1 * -0.1 + (1 - b1) * 1};
  double nu[2] = {b2 * 0.00025 + (1 - b2) * 1, b2 * 0.001 + (1 - b2) * 1};
  double bc1 = 1 - b1 * b1, bc2 = 1 - b2 * b2;
  double w2[2];
  for (int i = 0; i < 2; ++i)
    w2[i] = w1[i] - lr * (mu[i] / bc1) / (std::sqrt(nu[i] / bc2) + eps);
  // = [0.9 - 0.1 * 0.965183, 2.1 - 0.1 * 0.0526316]. In f32, 1 - 0.999^2
  // loses about 5e-5 relative precision (as it does in optax), hence 1e-5.
  expectNear(p2.at("w").to_vector<float>(), {w2[0], w2[1]}, 1e-5);
  EXPECT_NEAR(w2[0], 0.80348, 1e-5);

  // State layout: chain(scale_by_adam, scale) -> "0/count", "0/mu/w", ...
  auto opt = optim::adam(lr);
  Params s = opt.init(w0());
  EXPECT_EQ(s.names(),
            (std::vector<std::string>{"0/count", "0/mu/w", "0/nu/w"}));
  EXPECT_EQ(s.at("0/count").dtype(), i32);
  auto [u, s1] = opt.update(g1(), s, w0());
  EXPECT_EQ(s1.at("0/count").item(), 1.0);
  expectNear(s1.at("0/mu/w").to_vector<float>(), {0.05, -0.1});
  expectNear(s1.at("0/nu/w").to_vector<float>(), {0.00025, 0.001}, 1e-9);
}

TEST(Optim, AdamWDecaysAfterScaling) {
  const double b1 = 0.9, b2 = 0.999, eps = 1e-8, lr = 0.1, wd = 0.01;
  auto [p1, p2] = twoSteps(optim::adamw(lr, b1, b2, eps, wd));
  // u = -lr * (adam_direction + wd * w): the decay is not part of the
  // moments and is scaled by lr with the Adam direction.
  double a1[2] = {0.5 / (0.5 + eps), -1 / (1 + eps)};
  double w1[2] = {1 - lr * (a1[0] + wd * 1), 2 - lr * (a1[1] + wd * 2)};
  // = [1 - 0.1 * 1.01, 2 - 0.1 * -0.98] = [0.899, 2.098]
  expectNear(p1.at("w").to_vector<float>(), {w1[0], w1[1]});
  double mu[2] = {b1 * 0.05 + (1 - b1) * 1, b1 * -0.1 + (1 - b1) * 1};
  double nu[2] = {b2 * 0.00025 + (1 - b2) * 1, b2 * 0.001 + (1 - b2) * 1};
  double bc1 = 1 - b1 * b1, bc2 = 1 - b2 * b2;
  double w2[2];
  for (int i = 0; i < 2; ++i)
    w2[i] = w1[i] -
            lr * ((mu[i] / bc1) / (std::sqrt(nu[i] / bc2) + eps) + wd * w1[i]);
  expectNear(p2.at("w").to_vector<float>(), {w2[0], w2[1]}, 1e-5);
  // adamw needs the parameters.
  auto opt = optim::adamw(lr);
  EXPECT_THROW(opt.update(g1(), opt.init(w0()), Params{}), Error);
}

TEST(Optim, ClipByGlobalNorm) {
  // Global norm of {a: [3, 0], b: [4]} is 5.
  Params g{{"a", vec({3, 0})}, {"b", vec({4})}};
  EXPECT_NEAR(optim::global_norm(g).item(), 5.0, 1e-6);
  auto clip = optim::clip_by_global_norm(1.0);
  auto [u, s] = clip.update(g, clip.init(g), Params{});
  expectNear(u.at("a").to_vector<float>(), {0.6, 0});
  expectNear(u.at("b").to_vector<float>(), {0.8});
  EXPECT_NEAR(optim::global_norm(u).item(), 1.0, 1e-6);
  // Below the threshold nothing changes.
  auto loose = optim::clip_by_global_norm(10.0);
  auto [v, s2] = loose.update(g, loose.init(g), Params{});
  expectNear(v.at("a").to_vector<float>(), {3, 0});
  expectNear(v.at("b").to_vector<float>(), {4});
}

TEST(Optim, ChainComposesAndPrefixesState) {
  Params p{{"a", vec({0, 0})}, {"b", vec({0})}};
  Params g{{"a", vec({3, 0})}, {"b", vec({4})}};
  // clip to norm 1, then sgd with lr 0.5: updates = -0.5 * [0.6, 0, 0.8].
  auto opt = optim::chain({optim::clip_by_global_norm(1.0), optim::sgd(0.5)});
  auto [u, s] = opt.update(g, opt.init(p), p);
  expectNear(u.at("a").to_vector<float>(), {-0.3, 0});
  expectNear(u.at("b").to_vector<float>(), {-0.4});
  auto nested = optim::chain({optim::clip_by_global_norm(1.0),
                              optim::adam(optim::linear_warmup(1, 10))});
  EXPECT_EQ(nested.init(p).names(),
            (std::vector<std::string>{"1/0/count", "1/0/mu/a", "1/0/mu/b",
                                      "1/0/nu/a", "1/0/nu/b", "1/1/count"}));
}

TEST(Optim, SchedulesAtSpecificSteps) {
  EXPECT_DOUBLE_EQ(optim::constant_schedule(0.3)(1000), 0.3);
  auto warm = optim::linear_warmup(1.0, 10);
  EXPECT_DOUBLE_EQ(warm(0), 0.0);
  EXPECT_DOUBLE_EQ(warm(5), 0.5);
  EXPECT_DOUBLE_EQ(warm(10), 1.0);
  EXPECT_DOUBLE_EQ(warm(20), 1.0);
  // Zero warm-up steps: the peak from step 0 (it once stayed at 0).
  EXPECT_DOUBLE_EQ(optim::linear_warmup(0.5, 0)(0), 0.5);
  EXPECT_DOUBLE_EQ(optim::linear_warmup(0.5, 0)(7), 0.5);
  auto cosine = optim::cosine_decay(1.0, 100);
  EXPECT_DOUBLE_EQ(cosine(0), 1.0);
  EXPECT_NEAR(cosine(50), 0.5, 1e-12); // 0.5 (1 + cos(pi / 2))
  EXPECT_NEAR(cosine(25), 0.5 * (1 + std::cos(M_PI / 4)), 1e-12);
  EXPECT_NEAR(cosine(100), 0.0, 1e-12);
  EXPECT_NEAR(cosine(500), 0.0, 1e-12); // stays at the end
  auto floor = optim::cosine_decay(2.0, 100, /*alpha=*/0.1);
  EXPECT_NEAR(floor(50), 2.0 * (0.9 * 0.5 + 0.1), 1e-12);
  EXPECT_NEAR(floor(100), 0.2, 1e-12);
  // Warmup 0 -> 1 over 10 steps, then cosine over the remaining 100 steps
  // to end_value 0.1 (alpha = 0.1 / 1).
  auto wcd = optim::warmup_cosine_decay(0.0, 1.0, 10, 110, 0.1);
  EXPECT_NEAR(wcd(0), 0.0, 1e-12);
  EXPECT_NEAR(wcd(5), 0.5, 1e-12);
  EXPECT_NEAR(wcd(10), 1.0, 1e-12);
  EXPECT_NEAR(wcd(60), 0.9 * 0.5 + 0.1, 1e-12);
  EXPECT_NEAR(wcd(110), 0.1, 1e-12);
  EXPECT_NEAR(wcd(1000), 0.1, 1e-12);
  EXPECT_THROW(optim::warmup_cosine_decay(0, 1, 10, 10), Error);
  // The tensor form (used inside jit) agrees with the host form.
  auto traced = jit([&](const Tensor &step) { return wcd(step); });
  for (int step : {0, 5, 10, 60, 110, 1000})
    EXPECT_NEAR(traced(scalar(step, i32)).item(), wcd(step), 1e-6)
        << "step " << step;
}

TEST(Optim, ScheduledSgdCountsSteps) {
  // lr: 0 at step 0, 0.5 at step 1, 1 from step 2 on.
  auto opt = optim::sgd(optim::linear_warmup(1.0, 2));
  Params p = w0();
  Params s = opt.init(p);
  EXPECT_EQ(s.names(), (std::vector<std::string>{"1/count"}));
  std::vector<std::vector<double>> want = {
      {1, 2}, {1 - 0.5 * 0.5, 2 + 0.5}, {0.75 - 0.5, 2.5 + 1}};
  for (int step = 0; step < 3; ++step) {
    auto [u, next] = opt.update(g1(), s, p);
    p = optim::apply_updates(p, u);
    s = next;
    expectNear(p.at("w").to_vector<float>(), want[step]);
    EXPECT_EQ(s.at("1/count").item(), step + 1);
  }
}

TEST(Optim, AdamInsideJitEqualsEager) {
  auto opt = optim::adam(optim::warmup_cosine_decay(0.0, 0.01, 2, 10));
  Params p{{"dense/kernel", random::normal(random::key(1), {3, 4})},
           {"dense/bias", zeros({4})}};
  Params g{{"dense/kernel", random::normal(random::key(2), {3, 4})},
           {"dense/bias", random::normal(random::key(3), {4})}};
  auto step = [&](const Params &params, const Params &state,
                  const Params &grads) {
    auto [u, next] = opt.update(grads, state, params);
    return std::make_pair(optim::apply_updates(params, u), next);
  };
  auto jitted = jit(step);
  Params pe = p, se = opt.init(p), pj = p, sj = opt.init(p);
  for (int i = 0; i < 4; ++i) {
    std::tie(pe, se) = step(pe, se, g);
    std::tie(pj, sj) = jitted(pj, sj, g);
  }
  EXPECT_EQ(jitted.trace_count(), 1); // the step count is data, not static
  ASSERT_EQ(pe.names(), pj.names());
  for (const auto &[name, t] : pe) {
    std::vector<float> want = t.to_vector<float>();
    expectNear(pj.at(name).to_vector<float>(),
               std::vector<double>(want.begin(), want.end()), 1e-6);
  }
  EXPECT_EQ(sj.at("0/count").item(), 4.0);
  EXPECT_EQ(sj.at("1/count").item(), 4.0);
  // The parameters moved.
  EXPECT_GT(std::fabs(pj.at("dense/bias").to_vector<float>()[0]), 1e-4);
}

TEST(Optim, HostScheduleWorksEagerlyButNotInJit) {
  auto opt = optim::sgd([](int64_t step) { return 1.0 / (step + 1); });
  Params p = w0(), s = opt.init(p);
  auto [u1, s1] = opt.update(g1(), s, p);  // lr 1
  auto [u2, s2] = opt.update(g1(), s1, p); // lr 0.5
  expectNear(u1.at("w").to_vector<float>(), {-0.5, 1});
  expectNear(u2.at("w").to_vector<float>(), {-0.25, 0.5});
  auto jitted = jit([&](const Params &g, const Params &s, const Params &p) {
    return opt.update(g, s, p).first;
  });
  try {
    jitted(g1(), s, p);
    FAIL() << "expected an error";
  } catch (const Error &e) {
    EXPECT_NE(std::string(e.what()).find("cannot be evaluated inside jit"),
              std::string::npos)
        << e.what();
  }
}

TEST(Optim, EmaOfParametersAndUpdates) {
  // ema_update: 0.1 * params + 0.9 * ema.
  Params e = optim::ema_update(Params{{"w", vec({0, 10})}},
                               Params{{"w", vec({1, 2})}}, 0.9);
  expectNear(e.at("w").to_vector<float>(), {0.1, 0.2 + 9});
  // optax.ema(0.9) with debias: ema1 = 0.1 [1, 2]; / (1 - 0.9) = [1, 2].
  // ema2 = 0.9 ema1 + 0.1 [3, 4] = [0.39, 0.58]; / (1 - 0.81) = / 0.19.
  auto avg = optim::ema(0.9);
  Params g{{"w", vec({1, 2})}};
  optim::EmaState s = avg.init(g);
  EXPECT_EQ(s.names(), (std::vector<std::string>{"count", "ema/w"}));
  auto [u1, s1] = avg.update(g, s, Params{});
  expectNear(u1.at("w").to_vector<float>(), {1, 2});
  auto [u2, s2] = avg.update(Params{{"w", vec({3, 4})}}, s1, Params{});
  expectNear(u2.at("w").to_vector<float>(), {0.39 / 0.19, 0.58 / 0.19}, 2e-6);
  expectNear(s2.at("ema/w").to_vector<float>(), {0.39, 0.58});
  auto raw = optim::ema(0.9, /*debias=*/false);
  auto [r1, rs1] = raw.update(g, raw.init(g), Params{});
  expectNear(r1.at("w").to_vector<float>(), {0.1, 0.2});
}

TEST(Optim, MismatchedNamesAreClearErrors) {
  try {
    optim::apply_updates(w0(), Params{{"v", vec({1, 1})}});
    FAIL() << "expected an error";
  } catch (const Error &e) {
    std::string msg = e.what();
    EXPECT_NE(msg.find("OptimTest.cpp:"), std::string::npos) << msg;
    EXPECT_NE(msg.find("apply_updates: updates has no entry 'w'"),
              std::string::npos)
        << msg;
  }
  auto opt = optim::adam(0.1);
  EXPECT_THROW(opt.update(Params{{"other", vec({1, 1})}}, opt.init(w0()), w0()),
               Error);
}

} // namespace

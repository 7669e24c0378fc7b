// Statistics, JSON and file helpers shared by the zoo's training binaries.
#include "genc/zoo/train.h"

#include "ErrorText.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

using namespace genc;
using namespace genc::zoo;

TEST(TrainUtil, PcaFindsTheDominantDirections) {
  // Points on the line y = 2x (plus a small orthogonal spread): the first
  // component carries the line, the second the spread.
  std::vector<double> x;
  int n = 50;
  for (int i = 0; i < n; ++i) {
    double t = i - 24.5, s = (i % 2 ? 0.1 : -0.1);
    x.push_back(t - 2 * s);
    x.push_back(2 * t + s);
    x.push_back(0.0);
  }
  std::vector<double> p = pca_2d(x, n, 3);
  ASSERT_EQ(p.size(), 100u);
  double var1 = 0, var2 = 0;
  for (int i = 0; i < n; ++i) {
    var1 += p[2 * i] * p[2 * i];
    var2 += p[2 * i + 1] * p[2 * i + 1];
  }
  EXPECT_NEAR(var1 / n, 5 * (n * n - 1) / 12.0, 1e-6 * var1);
  // (t and s are slightly correlated, which tilts the axes a little.)
  EXPECT_NEAR(var2 / n, 5 * 0.01, 2e-4);
  // Projections are centred.
  double m = 0;
  for (int i = 0; i < n; ++i)
    m += p[2 * i];
  EXPECT_NEAR(m, 0.0, 1e-9);
  EXPECT_THROW(pca_2d(x, n, 4), Error);
}

TEST(TrainUtil, RidgeRecoversALinearModel) {
  std::vector<double> x, y;
  int n = 200;
  for (int i = 0; i < n; ++i) {
    double a = std::sin(i * 0.7), b = std::cos(i * 1.3) * 3;
    x.push_back(a);
    x.push_back(b);
    y.push_back(1.5 * a - 0.25 * b + 4.0);
  }
  RidgeModel m = fit_ridge(x, y, n, 2, 1e-9);
  std::vector<double> pred;
  for (int i = 0; i < n; ++i)
    pred.push_back(m.predict(&x[2 * i]));
  EXPECT_NEAR(r2_score(y, pred), 1.0, 1e-9);
  double row[2] = {1.0, 2.0};
  EXPECT_NEAR(m.predict(row), 1.5 - 0.5 + 4.0, 1e-6);
  // A large penalty shrinks towards the mean: R² drops.
  RidgeModel shrunk = fit_ridge(x, y, n, 2, 1e6);
  std::vector<double> pred2;
  for (int i = 0; i < n; ++i)
    pred2.push_back(shrunk.predict(&x[2 * i]));
  EXPECT_LT(r2_score(y, pred2), 0.1);
  EXPECT_THROW(fit_ridge(x, y, n + 1, 2, 1.0), Error);
}

TEST(TrainUtil, R2AndConfusion) {
  EXPECT_DOUBLE_EQ(r2_score({1, 2, 3}, {1, 2, 3}), 1.0);
  EXPECT_DOUBLE_EQ(r2_score({1, 2, 3}, {2, 2, 2}), 0.0);
  EXPECT_LT(r2_score({1, 2, 3}, {3, 2, 1}), 0.0);
  auto m = confusion({0, 0, 1, 2}, {0, 1, 1, 2}, 3);
  EXPECT_EQ(m[0][0], 1);
  EXPECT_EQ(m[0][1], 1);
  EXPECT_EQ(m[1][1], 1);
  EXPECT_EQ(m[2][2], 1);
  EXPECT_DOUBLE_EQ(accuracy({0, 0, 1, 2}, {0, 1, 1, 2}), 0.75);
}

TEST(TrainUtil, JsonWriterNestsAndEscapes) {
  JsonWriter j;
  j.begin_object();
  j.key("name").value("a \"quoted\"\nline");
  j.key("n").value((int64_t)3);
  j.key("bad").value(std::nan(""));
  j.key("list").values({1.5, 2});
  j.key("rows").begin_array();
  j.begin_object().key("x").value(true).end_object();
  j.end_array();
  j.key("empty").begin_object().end_object();
  j.end_object();
  EXPECT_EQ(j.str(), "{\n  \"name\": \"a \\\"quoted\\\"\\nline\",\n  \"n\": 3,\n"
                     "  \"bad\": null,\n  \"list\": [1.5, 2],\n  \"rows\": [\n"
                     "    {\n      \"x\": true\n    }\n  ],\n  \"empty\": {}\n}\n");
}

TEST(TrainUtil, AtomicWriteReplacesAndReportsErrors) {
  std::string dir = ::testing::TempDir() + "/genc_zoo_files";
  make_directories(dir + "/a/b");
  std::string path = dir + "/a/b/file.txt";
  write_file_atomic(path, "first");
  write_file_atomic(path, "second");
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  EXPECT_EQ(s.str(), "second");
  EXPECT_TRUE(file_exists(path));
  EXPECT_TRUE(throwsErrorWith([&] { write_file_atomic("/nonexistent/dir/x.json", "x"); },
                            "/nonexistent/dir/x.json: cannot write"));
  EXPECT_THROW(make_directories(path + "/sub"), Error);
}

TEST(TrainUtil, TrainStateRoundTripAndForeignFiles) {
  std::string dir = ::testing::TempDir();
  TrainState s;
  s.params = Params{{"w", array(std::vector<float>{1, 2, 3}, {3})}};
  s.opt = Params{{"0/count", scalar(4, i32)}};
  s.meta = {{"step", "4"}};
  save_train_state(dir + "/state.safetensors", s);
  TrainState t = load_train_state(dir + "/state.safetensors");
  EXPECT_EQ(t.params.at("w").to_vector<float>(), (std::vector<float>{1, 2, 3}));
  EXPECT_EQ(t.opt.at("0/count").item(), 4);
  EXPECT_EQ(t.meta.at("step"), "4");
  // A plain safetensors file is not a train state.
  save_checkpoint(dir + "/plain.safetensors", s.params);
  EXPECT_TRUE(throwsErrorWith([&] { load_train_state(dir + "/plain.safetensors"); },
                            "not a genc-zoo train state"));
}

TEST(TrainUtil, FrechetDistanceOfGaussians) {
  // Two large samples of N(m, diag(s²)) in 3-D: the distance approaches the
  // closed form |m1 - m2|² + Σ (s1 - s2)² for diagonal covariances.
  auto sample = [](double shift, double scale, uint32_t seed) {
    std::vector<double> v;
    uint64_t x = seed * 2654435761u + 1;
    for (int i = 0; i < 20000 * 3; ++i) {
      // Box-Muller from a small LCG.
      auto next = [&] {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        return ((x >> 11) + 0.5) / 9007199254740992.0;
      };
      double r = std::sqrt(-2 * std::log(next())) * std::cos(2 * M_PI * next());
      v.push_back(shift + scale * r);
    }
    return v;
  };
  std::vector<double> a = sample(0, 1, 1), b = sample(0.5, 2, 2), c = sample(0, 1, 3);
  EXPECT_NEAR(frechet_distance(a, 20000, b, 20000, 3), 3 * 0.25 + 3 * 1.0, 0.1);
  EXPECT_NEAR(frechet_distance(a, 20000, c, 20000, 3), 0.0, 0.02);
  EXPECT_NEAR(frechet_distance(a, 20000, a, 20000, 3), 0.0, 1e-9);
  EXPECT_THROW(frechet_distance(a, 20000, b, 20000, 4), Error);
}

TEST(TrainUtil, KernelDistanceByHand) {
  // d = 1, k(x, y) = (x y + 1)³: within a = k(0, 1) = 1, within b =
  // k(2, 3) = 343, cross mean = (1 + 1 + 27 + 64) / 4 = 23.25.
  std::vector<double> a = {0, 1}, b = {2, 3};
  EXPECT_DOUBLE_EQ(kernel_distance(a, 2, b, 2, 1), 1 + 343 - 2 * 23.25);
  EXPECT_THROW(kernel_distance(a, 2, b, 1, 1), Error);
  // Same distribution: near 0 (unbiased); a shifted one: clearly positive.
  std::vector<double> x, y, z;
  for (int i = 0; i < 400; ++i) {
    double u = std::sin(i * 1.7), v = std::cos(i * 2.3);
    x.insert(x.end(), {u, v});
    y.insert(y.end(), {std::sin(i * 1.7 + 0.5), std::cos(i * 2.3 + 0.5)});
    z.insert(z.end(), {u + 1.5, v});
  }
  double same = kernel_distance(x, 400, y, 400, 2),
         shifted = kernel_distance(x, 400, z, 400, 2);
  EXPECT_LT(std::fabs(same), 0.05);
  EXPECT_GT(shifted, 20 * std::fabs(same));
}

TEST(TrainUtil, PrecisionRecallSeesModeCollapse) {
  std::vector<double> real;
  for (int i = 0; i < 100; ++i)
    real.push_back(i);
  // The same points: everything covered both ways.
  PrecisionRecall same = precision_recall(real, 100, real, 100, 1);
  EXPECT_DOUBLE_EQ(same.precision, 1.0);
  EXPECT_DOUBLE_EQ(same.recall, 1.0);
  // Collapsed onto [10, 12]: every sample is realistic (precision 1) but
  // only the real points 10, 11, 12 lie in the samples' tiny balls.
  std::vector<double> collapsed;
  for (int i = 0; i < 21; ++i)
    collapsed.push_back(10 + 0.1 * i);
  PrecisionRecall c = precision_recall(real, 100, collapsed, 21, 1);
  EXPECT_DOUBLE_EQ(c.precision, 1.0);
  EXPECT_DOUBLE_EQ(c.recall, 0.03);
  // Far away: nothing covered.
  std::vector<double> far(50, 1000.0);
  for (int i = 0; i < 50; ++i)
    far[i] += i;
  PrecisionRecall f = precision_recall(real, 100, far, 50, 1);
  EXPECT_EQ(f.precision, 0.0);
  EXPECT_EQ(f.recall, 0.0);
  EXPECT_THROW(precision_recall(real, 100, far, 50, 1, 0), Error);
}

TEST(TrainUtil, JsonReaderReadsWhatTheWriterWrites) {
  JsonWriter j;
  j.begin_object();
  j.key("name").value("a \"q\"\n\tz");
  j.key("n").value((int64_t)-3);
  j.key("x").value(2.5e-3);
  j.key("bad").value(std::nan(""));
  j.key("list").values({1.5, 2});
  j.key("nested").begin_object().key("ok").value(true).end_object();
  j.end_object();
  std::string path = ::testing::TempDir() + "/genc_json_roundtrip.json";
  write_file_atomic(path, j.str());
  json::Value v = read_json_file(path);
  EXPECT_EQ(v.string_at({"name"}), "a \"q\"\n\tz");
  EXPECT_EQ(v.number_at({"n"}), -3);
  EXPECT_DOUBLE_EQ(v.number_at({"x"}), 2.5e-3);
  EXPECT_TRUE(std::isnan(v.number_at({"bad"}))); // null
  ASSERT_NE(v.find("list"), nullptr);
  EXPECT_EQ(v.find("list")->array.size(), 2u);
  EXPECT_TRUE(v.find("nested")->find("ok")->boolean);
  EXPECT_TRUE(std::isnan(v.number_at({"nested", "missing"})));
  write_file_atomic(path, "{\"a\": [1,]}");
  EXPECT_TRUE(throwsErrorWith([&] { read_json_file(path); },
                            "genc_json_roundtrip.json: invalid JSON at byte"));
  EXPECT_THROW(read_json_file("/nonexistent/x.json"), Error);
}

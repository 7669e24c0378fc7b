// Tests of the traced frontend: eager ops, jit, errors with source lines.
#include "genc/genc.h"
#include "genc/runtime/Cuda.h"
#include "genc/runtime/Profile.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>

using namespace genc;

namespace {

void expectNear(const std::vector<float> &got, const std::vector<float> &want,
                float tol = 1e-5f) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i)
    EXPECT_NEAR(got[i], want[i], tol) << "at " << i;
}

TEST(Frontend, EagerAddBroadcasts) {
  Tensor a = array(std::vector<float>{1, 2, 3, 4, 5, 6}, {2, 3});
  Tensor b = array(std::vector<float>{10, 20, 30}, {3});
  Tensor c = a + b;
  EXPECT_EQ(c.shape(), (Shape{2, 3}));
  expectNear(c.to_vector<float>(), {11, 22, 33, 14, 25, 36});
}

TEST(Frontend, JitMatchesEager) {
  Tensor x = array(std::vector<float>{0.5f, -1, 2, 0.25f}, {2, 2});
  Tensor w = array(std::vector<float>{1, 2, 3, 4}, {2, 2});
  auto f = [](const Tensor &x, const Tensor &w) {
    return tanh(matmul(x, w) + 1.0);
  };
  Tensor eager = f(x, w);
  auto jf = jit(f);
  Tensor compiled = jf(x, w);
  expectNear(compiled.to_vector<float>(), eager.to_vector<float>());
  EXPECT_EQ(jf.trace_count(), 1);
  jf(x, w);
  EXPECT_EQ(jf.trace_count(), 1);
}

TEST(Frontend, ShapeErrorNamesTheUserLine) {
  Tensor a = zeros({4, 128});
  Tensor b = zeros({64, 8});
  int line = __LINE__ + 2;
  try {
    matmul(a, b);
    FAIL() << "expected an error";
  } catch (const Error &e) {
    EXPECT_EQ(std::string(e.what()),
              "FrontendTest.cpp:" + std::to_string(line) +
                  ": matmul: contracting dimensions 128 and 64 differ");
  }
}

// GENC_VECTOR_BITS picks the register width of the CPU's generated GEMM
// kernels (0: every matmul to BLAS); each setting is its own compile (the
// cache key has it) with the same result; a bad value is one error.
TEST(Frontend, VectorBitsSetting) {
  auto f = jit([](const Tensor &x, const Tensor &dy) {
    return matmul(transpose(x, {1, 0}), dy); // [27, 16], a kernel gradient
  });
  std::vector<float> xs(1024 * 27), dys(1024 * 16);
  for (size_t i = 0; i < xs.size(); ++i)
    xs[i] = float(int(i * 7 % 11) - 5);
  for (size_t i = 0; i < dys.size(); ++i)
    dys[i] = float(int(i * 3 % 13) - 6);
  Tensor x = array(xs, {1024, 27}),
         dy = array(dys, {1024, 16});
  std::vector<std::vector<float>> results;
  for (const char *bits : {"0", "256", "512"}) {
    setenv("GENC_VECTOR_BITS", bits, 1);
    results.push_back(f(x, dy).to_vector<float>());
  }
  EXPECT_EQ(results[0], results[1]);
  EXPECT_EQ(results[0], results[2]);
  setenv("GENC_VECTOR_BITS", "128", 1);
  auto g = jit([](const Tensor &x) { return x * 3.0; });
  try {
    g(x);
    ADD_FAILURE() << "expected an error";
  } catch (const Error &e) {
    EXPECT_NE(std::string(e.what()).find(
                  "GENC_VECTOR_BITS must be 0, 256 or 512 (got '128')"),
              std::string::npos)
        << e.what();
  }
  unsetenv("GENC_VECTOR_BITS");
}

// GENC_PROFILE=1: jit-compiled code times its kernels, labelled with the
// user's C++ line.
TEST(Frontend, ProfileNamesTheUsersLine) {
  setenv("GENC_PROFILE", "1", 1);
  runtime::profileReset();
  const int line = __LINE__ + 2;
  auto f = jit([](const Tensor &a, const Tensor &b) {
    return tanh(matmul(a, b) * 2.0);
  });
  Tensor a = ones({128, 256}), b = ones({256, 64});
  f(a, b).to_vector<float>();
  f(a, b).to_vector<float>();
  unsetenv("GENC_PROFILE");
  std::string at = "FrontendTest.cpp:" + std::to_string(line) + ":";
  int64_t calls = 0;
  for (const runtime::KernelTime &k : runtime::profileSnapshot())
    if (k.label.find(at) != std::string::npos)
      calls += k.calls;
  EXPECT_GE(calls, 2) << runtime::profileReport();
  runtime::profileReset();
}

// set_check_numerics: a NaN/Inf in gradient code throws with the user's
// line; off again, the same jit function recompiles without checks.
TEST(Frontend, CheckNumericsNamesTheUsersLineInTheBackwardPass) {
  set_check_numerics(true);
  const int line = __LINE__ + 2;
  auto f = jit(grad([](const Tensor &x) {
    return sum(sqrt(x));
  }));
  Tensor x = array(std::vector<float>{1.0f, 0.0f, 4.0f}, {3});
  try {
    f(x);
    set_check_numerics(false);
    FAIL() << "expected a check-numerics error";
  } catch (const Error &e) {
    std::string what = e.what();
    EXPECT_NE(what.find("check-numerics: Inf in the output of"), std::string::npos) << what;
    EXPECT_NE(what.find("FrontendTest.cpp:" + std::to_string(line) + ":"),
              std::string::npos) << what;
    EXPECT_NE(what.find("(element 1 of 3;"), std::string::npos) << what;
  }
  // Finite inputs pass the checks.
  std::vector<float> ok = f(array(std::vector<float>{1.0f, 4.0f, 16.0f}, {3})).to_vector<float>();
  EXPECT_FLOAT_EQ(ok[1], 0.25f);
  set_check_numerics(false);
  std::vector<float> g = f(x).to_vector<float>();
  EXPECT_TRUE(std::isinf(g[1]));
  EXPECT_EQ(f.trace_count(), 2); // once checked, once not
}

TEST(Frontend, LowerShowsGencIR) {
  std::string ir = lower([](const Tensor &x) { return exp(x); }, zeros({3}));
  EXPECT_NE(ir.find("genc.exp"), std::string::npos) << ir;
}

} // namespace

namespace {
TEST(Frontend, MissingParameterNamesTheUserLine) {
  Params p{{"w", zeros({2})}};
  int line = __LINE__ + 2;
  try {
    p.at("bias");
    FAIL();
  } catch (const Error &e) {
    EXPECT_EQ(std::string(e.what()),
              "FrontendTest.cpp:" + std::to_string(line) +
                  ": Params::at: no parameter 'bias' (have: w)");
  }
}
} // namespace

TEST(Frontend, DeviceNamesParseAndPrint) {
  EXPECT_EQ(Device::parse("cpu"), Device::cpu());
  EXPECT_EQ(Device::parse("cuda"), Device::cuda(0));
  EXPECT_EQ(Device::parse("cuda:3").index, 3);
  EXPECT_EQ(Device::cuda(1).str(), "cuda:1");
  EXPECT_EQ(Device::cpu().str(), "cpu");
  for (const char *bad : {"gpu", "cuda:", "cuda:x", "cuda:-1", "CUDA"}) {
    try {
      Device::parse(bad);
      ADD_FAILURE() << bad;
    } catch (const Error &e) {
      EXPECT_EQ(std::string(e.what()), std::string("unknown device '") + bad +
                                           "' (expected cpu, cuda or cuda:N)");
    }
  }
}

TEST(Frontend, CudaDeviceWithoutTheDriverThrowsAndKeepsTheDefault) {
  if (genc::runtime::cudaDevices().ok())
    GTEST_SKIP() << "this machine has a CUDA driver (test/gpu/run.sh runs "
                    "programs on it)";
  EXPECT_EQ(default_device(), Device::cpu());
  try {
    set_default_device(Device::cuda(0));
    ADD_FAILURE() << "no error";
  } catch (const Error &e) {
    EXPECT_NE(std::string(e.what()).find(
                  "device cuda:0: CUDA is not available: "),
              std::string::npos)
        << e.what();
  }
  EXPECT_EQ(default_device(), Device::cpu());
  // Compiled programs keep running on the CPU.
  auto f = jit([](const Tensor &x) { return x * 2.0; });
  expectNear(f(array(std::vector<float>{1.5f}, {1})).to_vector<float>(),
             {3.0f});
}

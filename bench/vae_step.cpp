// The galaxy β-VAE train step (value_and_grad + Adam, batch 64) compiled by
// genc: compile time of the first call and the median step time, for
// 32x32 and 64x64 images. The peer suite (bench/suite.sh, workloads
// vae_step_32/64) compares the same step with JAX and PyTorch.
//
// usage: genc-bench-vae [--json] [--steps N]
#include "BenchUtil.h"

#include "genc/zoo/vae.h"

#include <genc/genc.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

using namespace genc;

struct Result {
  int64_t size;
  double compileS, medianMs, minMs, maxMs;
};

static Result measure(int64_t size, int steps) {
  zoo::Vae vae({size, 16});
  Params p = vae.init(random::key(0));
  auto opt = optim::adam(1e-3);
  Params st = opt.init(p);
  auto step = jit([&](const Params &p, const Params &st, const Tensor &x,
                      const Tensor &key, const Tensor &beta) {
    auto [loss, g] = value_and_grad([&](const Params &p) {
      return vae.terms(p, x, key, beta).loss;
    })(p);
    auto [u, st2] = opt.update(g, st, p);
    return std::make_tuple(optim::apply_updates(p, u), st2, loss);
  });
  Tensor x = random::uniform(random::key(1), {64, size, size, 3});
  Tensor key = random::key(2), beta = scalar(1.0);
  auto t0 = std::chrono::steady_clock::now();
  auto r = step(p, st, x, key, beta);
  std::get<2>(r).item();
  double compile =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::vector<double> t;
  for (int i = 0; i < steps + 3; ++i) {
    auto a = std::chrono::steady_clock::now();
    r = step(std::get<0>(r), std::get<1>(r), x, key, beta);
    std::get<2>(r).item();
    double ms = std::chrono::duration<double, std::milli>(
                    std::chrono::steady_clock::now() - a)
                    .count();
    if (i >= 3) // warm-up
      t.push_back(ms);
  }
  std::sort(t.begin(), t.end());
  return {size, compile, t[t.size() / 2], t.front(), t.back()};
}

int main(int argc, char **argv) {
  bool json = false;
  int steps = 20;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--json"))
      json = true;
    else if (!std::strcmp(argv[i], "--steps") && i + 1 < argc)
      steps = std::max(1, std::atoi(argv[++i]));
    else {
      std::fprintf(stderr, "usage: genc-bench-vae [--json] [--steps N]\n");
      return 2;
    }
  }
  try {
    std::vector<Result> rows{measure(32, steps), measure(64, steps)};
    if (json)
      std::printf("[\n");
    for (size_t i = 0; i < rows.size(); ++i) {
      const Result &r = rows[i];
      if (json)
        std::printf("  {\"name\": \"vae_train_step_b64_%lldx%lld\", "
                    "\"compile_s\": %.3f, \"median_ms\": %.3f, \"min_ms\": "
                    "%.3f, \"max_ms\": %.3f, \"images_per_s\": %.1f}%s\n",
                    (long long)r.size, (long long)r.size, r.compileS,
                    r.medianMs, r.minMs, r.maxMs, 64000.0 / r.medianMs,
                    i + 1 < rows.size() ? "," : "");
      else
        std::printf("vae train step b64 %lldx%lld: compile %.2f s, step %.2f ms "
                    "(min %.2f, max %.2f), %.0f images/s\n",
                    (long long)r.size, (long long)r.size, r.compileS, r.medianMs,
                    r.minMs, r.maxMs, 64000.0 / r.medianMs);
    }
    if (json)
      std::printf("]\n");
    return 0;
  } catch (const Error &e) {
    std::fprintf(stderr, "genc-bench-vae: error: %s\n", e.what());
    return 1;
  }
}

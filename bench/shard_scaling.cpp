// Data-parallel scaling of the galaxy β-VAE train step (value_and_grad +
// Adam, global batch 64, 32x32 or 64x64) from 1 to N in-process CPU
// devices: shard_map over mesh data=N, gradients pmean'd. Prints the median
// step time per device count and the speed-up over 1 device, measured in
// the same run. OpenBLAS threads are left to the environment: compare
// OPENBLAS_NUM_THREADS=1 (one core per device) and unset.
//
// usage: genc-bench-shard [--size 32|64] [--steps N] [--devices N]
#include "BenchUtil.h"

#include "genc/runtime/Collectives.h"
#include "genc/zoo/vae.h"

#include <genc/genc.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

using namespace genc;

int main(int argc, char **argv) {
  int64_t size = 32, maxDevices = 2;
  int steps = 20;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--size"))
      size = std::atoll(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--steps"))
      steps = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--devices"))
      maxDevices = std::atoll(argv[i + 1]);
  }
  runtime::setCpuDeviceCount(maxDevices);
  zoo::Vae vae({size, 16});
  Params p0 = vae.init(random::key(0));
  auto opt = optim::adam(1e-3);
  Params st0 = opt.init(p0);
  Tensor x = random::uniform(random::key(1), {64, size, size, 3});
  Tensor beta = scalar(1.0);
  const char *blas = std::getenv("OPENBLAS_NUM_THREADS");
  std::printf("VAE train step, batch 64, %lldx%lld, OPENBLAS_NUM_THREADS=%s, "
              "median of %d steps\n",
              (long long)size, (long long)size, blas ? blas : "(unset)",
              steps);
  {
    Cost c = cost_analysis(
        [&](const Params &p, const Tensor &x) {
          return value_and_grad([&](const Params &p) {
                   return vae.terms(p, x, random::key(3), beta).loss;
                 })(p)
              .second;
        },
        p0, x);
    std::printf("parameters %lld (gradient all-reduce %.2f MB f32), step "
                "%.3f GFLOP\n",
                (long long)p0.num_elements(), p0.num_elements() * 4e-6,
                c.flops * 1e-9);
  }
  std::printf("%-8s %10s %10s\n", "devices", "ms/step", "speed-up");
  double base = 0;
  for (int64_t n = 1; n <= maxDevices; n *= 2) {
    auto local = [&](const Params &p, const Params &st, const Tensor &xl,
                     const Tensor &eps) {
      auto [loss, g] = value_and_grad([&](const Params &p) {
        return vae.terms_from_noise(p, xl, eps, beta).loss;
      })(p);
      if (n > 1)
        for (auto &[name, t] : g)
          g[name] = pmean(t, {"data"});
      auto [u, st2] = opt.update(g, st, p);
      return std::make_pair(optim::apply_updates(p, u), st2);
    };
    auto step = jit([&](const Params &p, const Params &st, const Tensor &x,
                        const Tensor &key) {
      Tensor eps = random::normal(key, {x.dim(0), 16});
      if (n == 1)
        return local(p, st, x, eps);
      return shard_map(local, Mesh({{"data", n}}), {P(), P(), P("data"), P("data")},
                       {P()})(p, st, x, eps);
    });
    Params p = p0, st = st0;
    Tensor key = random::key(2);
    double ms = medianMs(steps, [&] {
      auto [p2, st2] = step(p, st, x, key);
      p = p2;
      st = st2;
    });
    if (n == 1)
      base = ms;
    std::printf("%-8lld %10.2f %9.2fx\n", (long long)n, ms, base / ms);
  }
  return 0;
}

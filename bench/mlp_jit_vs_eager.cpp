// jit vs eager for a small MLP's forward pass over a batch: the same
// frontend code run op by op (each op a cached compiled kernel) and traced
// into one compiled function. Prints median times and the speed-up.
//
// usage: genc-bench-mlp [--json]
#include "BenchUtil.h"

#include <genc/genc.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

using namespace genc;


static Tensor mlp(const Params &p, const Tensor &x) {
  Tensor h = relu(matmul(x, p.at("w1")) + p.at("b1"));
  h = relu(matmul(h, p.at("w2")) + p.at("b2"));
  return log_softmax(matmul(h, p.at("w3")) + p.at("b3"));
}

struct Result {
  std::string name;
  double eager, jit, diff;
};

static Result run(int64_t batch, int64_t in, int64_t hidden, int64_t out) {
  std::vector<Tensor> k = random::split_keys(random::key(0), 4);
  Params p{{"w1", random::normal(k[0], {in, hidden}) * 0.05},
           {"b1", zeros({hidden})},
           {"w2", random::normal(k[1], {hidden, hidden}) * 0.05},
           {"b2", zeros({hidden})},
           {"w3", random::normal(k[2], {hidden, out}) * 0.05},
           {"b3", zeros({out})}};
  Tensor x = random::uniform(k[3], {batch, in});
  auto jitted = jit(mlp, "mlp");
  Tensor a = mlp(p, x), b = jitted(p, x);
  Result r;
  r.name = "mlp_forward_b" + std::to_string(batch) + "_" + std::to_string(in) +
           "-" + std::to_string(hidden) + "-" + std::to_string(hidden) + "-" +
           std::to_string(out);
  r.diff = max(abs(a - b)).item();
  r.eager = medianMs(30, [&] { mlp(p, x); });
  r.jit = medianMs(200, [&] { jitted(p, x); });
  return r;
}

int main(int argc, char **argv) {
  bool json = argc > 1 && std::strcmp(argv[1], "--json") == 0;
  try {
    std::vector<Result> results{run(64, 32, 64, 10), run(64, 784, 256, 10)};
    if (json)
      std::printf("[\n");
    for (size_t i = 0; i < results.size(); ++i) {
      const Result &r = results[i];
      if (json)
        std::printf("  {\"name\": \"%s\", \"eager_ms\": %.4f, \"jit_ms\": %.4f, "
                    "\"speedup\": %.2f, \"max_abs_diff\": %.3g}%s\n",
                    r.name.c_str(), r.eager, r.jit, r.eager / r.jit, r.diff,
                    i + 1 < results.size() ? "," : "");
      else
        std::printf("%-36s eager %8.3f ms   jit %8.3f ms   speed-up %7.2fx   "
                    "(max |eager - jit| = %.3g)\n",
                    r.name.c_str(), r.eager, r.jit, r.eager / r.jit, r.diff);
    }
    if (json)
      std::printf("]\n");
    return 0;
  } catch (const Error &e) {
    std::fprintf(stderr, "genc-bench-mlp: error: %s\n", e.what());
    return 1;
  }
}

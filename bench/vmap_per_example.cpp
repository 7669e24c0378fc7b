// Per-example gradients of an MLP: jit(vmap(grad(loss))) over a batch
// against the loop a user writes without vmap (jit(grad(loss)) called once
// per example), in the same run. Both results are compared first.
//
// usage: genc-bench-vmap [--json]
#include "BenchUtil.h"

#include <genc/genc.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>

using namespace genc;

static Tensor loss(const Params &p, const Tensor &x, const Tensor &y) {
  Tensor h = relu(matmul(x, p.at("w1")) + p.at("b1"));
  h = relu(matmul(h, p.at("w2")) + p.at("b2"));
  return sum(square(matmul(h, p.at("w3")) + p.at("b3") - y));
}

static Tensor row(const Tensor &xs, int64_t i) {
  Shape s = xs.shape(), start(s.size(), 0), limit = s;
  start[0] = i;
  limit[0] = i + 1;
  return reshape(slice(xs, start, limit, {}), Shape(s.begin() + 1, s.end()));
}

struct Result {
  std::string name;
  double vmapMs, loopMs;
};

/// MLP in -> hidden -> hidden -> 10, batch 64.
static Result measure(int64_t in, int64_t hidden) {
  const int64_t batch = 64;
  std::vector<Tensor> k = random::split_keys(random::key(0), 5);
  Params p{{"w1", random::normal(k[0], {in, hidden}) * 0.05},
           {"b1", zeros({hidden})},
           {"w2", random::normal(k[1], {hidden, hidden}) * 0.05},
           {"b2", zeros({hidden})},
           {"w3", random::normal(k[2], {hidden, 10}) * 0.05},
           {"b3", zeros({10})}};
  Tensor xs = random::uniform(k[3], {batch, in});
  Tensor ys = random::uniform(k[4], {batch, 10});
  std::vector<Tensor> xr, yr;
  for (int64_t i = 0; i < batch; ++i) {
    xr.push_back(row(xs, i));
    yr.push_back(row(ys, i));
  }
  auto batched = jit(vmap(grad(loss), {-1, 0, 0}));
  auto single = jit(grad(loss));
  // Same numbers both ways (first and last example, every parameter).
  Params all = batched(p, xs, ys);
  for (int64_t i : {int64_t(0), batch - 1}) {
    Params one = single(p, xr[i], yr[i]);
    for (const auto &[name, g] : one) {
      std::vector<float> a = row(all.at(name), i).to_vector<float>(),
                         b = g.to_vector<float>();
      for (size_t j = 0; j < a.size(); ++j)
        if (std::fabs(a[j] - b[j]) > 1e-4f * std::max(1.0f, std::fabs(b[j])))
          throw Error("per-example gradients differ in " + name);
    }
  }
  std::vector<double> tv, tl;
  for (int r = 0; r < 21; ++r) {
    tv.push_back(medianMs(1, [&] { batched(p, xs, ys); }));
    tl.push_back(medianMs(1, [&] {
      for (int64_t i = 0; i < batch; ++i)
        single(p, xr[i], yr[i]);
    }));
  }
  std::sort(tv.begin(), tv.end());
  std::sort(tl.begin(), tl.end());
  return {"mlp_" + std::to_string(in) + "-" + std::to_string(hidden) + "-" +
              std::to_string(hidden) + "-10_b64",
          tv[tv.size() / 2], tl[tl.size() / 2]};
}

int main(int argc, char **argv) {
  bool json = argc > 1 && std::strcmp(argv[1], "--json") == 0;
  try {
    std::vector<Result> rows{measure(16, 32), measure(64, 128),
                             measure(784, 256)};
    if (json)
      std::printf("[\n");
    for (size_t i = 0; i < rows.size(); ++i) {
      const Result &r = rows[i];
      if (json)
        std::printf("  {\"name\": \"%s\", \"vmap_ms\": %.3f, \"loop_ms\": "
                    "%.3f, \"speedup\": %.2f}%s\n",
                    r.name.c_str(), r.vmapMs, r.loopMs, r.loopMs / r.vmapMs,
                    i + 1 < rows.size() ? "," : "");
      else
        std::printf("per-example grads %-24s vmap %8.3f ms   loop of 64 "
                    "grad calls %8.3f ms   speedup %6.2fx\n",
                    r.name.c_str(), r.vmapMs, r.loopMs, r.loopMs / r.vmapMs);
    }
    if (json)
      std::printf("]\n");
    return 0;
  } catch (const Error &e) {
    std::fprintf(stderr, "genc-bench-vmap: error: %s\n", e.what());
    return 1;
  }
}

// The cost of reverse mode: time of value_and_grad(loss) vs loss alone
// (both jitted) for an MLP and a small conv net. The backward pass should
// cost at most ~2x the forward (3x for forward + backward together).
//
// usage: genc-bench-grad [--json]
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


static Tensor mlpLoss(const Params &p, const Tensor &x, const Tensor &y) {
  Tensor h = relu(matmul(x, p.at("w1")) + p.at("b1"));
  h = relu(matmul(h, p.at("w2")) + p.at("b2"));
  return mean(square(matmul(h, p.at("w3")) + p.at("b3") - y));
}

static Tensor convLoss(const Params &p, const Tensor &x, const Tensor &y) {
  ConvOptions same;
  same.padding = "SAME";
  ConvOptions down = same;
  down.window_strides = {2, 2};
  Tensor h = relu(conv_general_dilated(x, p.at("c1"), same) + p.at("b1"));
  h = relu(conv_general_dilated(h, p.at("c2"), down) + p.at("b2"));
  h = reshape(h, {h.dim(0), -1});
  return mean(square(matmul(h, p.at("w")) - y));
}

struct Row {
  std::string name;
  double forward, backward;
  double forwardFlops, backwardFlops; // value_and_grad's, incl. the forward
};

template <class Loss>
static Row measure(const std::string &name, Loss loss, const Params &p,
                   const Tensor &x, const Tensor &y, int reps) {
  auto fwd = jit([&](const Params &p, const Tensor &x, const Tensor &y) {
    return loss(p, x, y);
  });
  auto both = jit([&](const Params &p, const Tensor &x, const Tensor &y) {
    return value_and_grad(loss)(p, x, y);
  });
  // Interleaved, so that drift in a shared machine's speed hits both alike.
  fwd(p, x, y);
  both(p, x, y);
  std::vector<double> f, b;
  for (int i = 0; i < reps; ++i) {
    f.push_back(medianMs(1, [&] { fwd(p, x, y); }));
    b.push_back(medianMs(1, [&] { both(p, x, y); }));
  }
  std::sort(f.begin(), f.end());
  std::sort(b.begin(), b.end());
  double ff = cost_analysis(loss, p, x, y).flops;
  double bf = cost_analysis(
                  [&](const Params &p, const Tensor &x, const Tensor &y) {
                    return value_and_grad(loss)(p, x, y);
                  },
                  p, x, y)
                  .flops;
  return {name, f[f.size() / 2], b[b.size() / 2], ff, bf};
}

int main(int argc, char **argv) {
  bool json = argc > 1 && std::strcmp(argv[1], "--json") == 0;
  try {
    std::vector<Tensor> k = random::split_keys(random::key(0), 8);
    Params mlp{{"w1", random::normal(k[0], {784, 256}) * 0.05},
               {"b1", zeros({256})},
               {"w2", random::normal(k[1], {256, 256}) * 0.05},
               {"b2", zeros({256})},
               {"w3", random::normal(k[2], {256, 10}) * 0.05},
               {"b3", zeros({10})}};
    Tensor mx = random::uniform(k[3], {64, 784});
    Tensor my = random::uniform(k[4], {64, 10});
    Params conv{{"c1", random::normal(k[5], {3, 3, 3, 16}) * 0.2},
                {"b1", zeros({16})},
                {"c2", random::normal(k[6], {3, 3, 16, 32}) * 0.1},
                {"b2", zeros({32})},
                {"w", random::normal(k[7], {16 * 16 * 32, 10}) * 0.01}};
    Tensor cx = random::uniform(k[3], {16, 32, 32, 3});
    Tensor cy = random::uniform(k[4], {16, 10});
    std::vector<Row> rows{
        measure("mlp_b64_784-256-256-10", mlpLoss, mlp, mx, my, 200),
        measure("convnet_b16_32x32x3", convLoss, conv, cx, cy, 60)};
    if (json)
      std::printf("[\n");
    for (size_t i = 0; i < rows.size(); ++i) {
      const Row &r = rows[i];
      if (json)
        std::printf("  {\"name\": \"%s\", \"forward_ms\": %.4f, "
                    "\"value_and_grad_ms\": %.4f, \"ratio\": %.2f, "
                    "\"forward_mflop\": %.2f, \"value_and_grad_mflop\": "
                    "%.2f, \"flop_ratio\": %.2f}%s\n",
                    r.name.c_str(), r.forward, r.backward,
                    r.backward / r.forward, r.forwardFlops / 1e6,
                    r.backwardFlops / 1e6, r.backwardFlops / r.forwardFlops,
                    i + 1 < rows.size() ? "," : "");
      else
        std::printf("%-26s forward %7.3f ms %8.2f MFLOP   value_and_grad "
                    "%7.3f ms %8.2f MFLOP   time ratio %5.2f   FLOP ratio "
                    "%5.2f\n",
                    r.name.c_str(), r.forward, r.forwardFlops / 1e6,
                    r.backward, r.backwardFlops / 1e6,
                    r.backward / r.forward,
                    r.backwardFlops / r.forwardFlops);
    }
    if (json)
      std::printf("]\n");
    return 0;
  } catch (const Error &e) {
    std::fprintf(stderr, "genc-bench-grad: error: %s\n", e.what());
    return 1;
  }
}

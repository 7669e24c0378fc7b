// A two-layer MLP written with genc's C++ frontend: parameters from the
// PRNG, a jitted forward pass, and a shape error reported at this file's
// line.
#include <genc/genc.h>

#include <cstdio>

using namespace genc;

int main() {
  try {
    std::vector<Tensor> k = random::split_keys(random::key(0), 3);
    Params params{{"w1", random::normal(k[0], {4, 8}) * 0.5},
                  {"b1", zeros({8})},
                  {"w2", random::normal(k[1], {8, 2}) * 0.5},
                  {"b2", zeros({2})}};
    auto forward = jit([](const Params &p, const Tensor &x) {
      Tensor h = relu(matmul(x, p.at("w1")) + p.at("b1"));
      return softmax(matmul(h, p.at("w2")) + p.at("b2"));
    }, "mlp");
    Tensor x = random::uniform(k[2], {3, 4});
    Tensor y = forward(params, x);
    std::printf("probabilities %s\n", y.str().c_str());
    std::printf("row sums %s\n", sum(y, {1}).str().c_str());
    forward(params, zeros({3, 5})); // wrong feature count
  } catch (const Error &e) {
    std::printf("error: %s\n", e.what());
  }
  return 0;
}

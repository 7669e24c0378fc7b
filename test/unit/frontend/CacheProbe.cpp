// A tiny program for the on-disk cache tests (test/Frontend/disk_cache.test):
// runs one jitted function and prints its result and the cache counters.
#include "genc/genc.h"

#include <cstdio>

using namespace genc;

int main() {
  try {
    auto f = jit([](const Tensor &x, const Tensor &w) {
      return tanh(matmul(x, w) + 0.5);
    }, "probe");
    Tensor x = array(std::vector<float>{1, 2, 3, 4}, {2, 2});
    Tensor w = array(std::vector<float>{0.1f, 0.2f, 0.3f, 0.4f}, {2, 2});
    Tensor y = f(x, w);
    CompileCacheStats s = compile_cache_stats();
    std::printf("result %s\n", y.str().c_str());
    std::printf("compiles %lld disk_hits %lld corrupt %lld\n",
                (long long)s.compiles, (long long)s.disk_hits,
                (long long)s.corrupt_entries);
    return 0;
  } catch (const Error &e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
}

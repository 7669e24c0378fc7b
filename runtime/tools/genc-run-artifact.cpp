// genc-run-artifact: runs a function of a compiled artifact (genc compile
// -o X.so, CPU or CUDA) with the runtime alone -- no compiler, no LLVM --
// so that artifacts built on one machine run on another (the GPU test
// script, test/gpu/run.sh, runs artifacts compiled on a machine without a
// GPU).
//
// usage: genc-run-artifact X.so [--function=NAME] [--input=SPEC]...
//          [--random-inputs=SEED] [--expect=SPEC]... [--rtol=R] [--atol=A]
//          [--output=@FILE.npy|-]... [--time=N] [--warmup=N] [--graph]
//
// SPEC is a tensor literal as genc run takes (TYPE=VALUES or @FILE.npy).
// --random-inputs fills every input from a fixed-seed generator (floats
// uniform in [-1, 1), integers in [0, 4), booleans alternating).
// --expect compares output i with SPEC i: |got - want| <= atol + rtol*|want|
// elementwise; the first mismatches are printed and the exit status is 1.
// --time=N prints `time: M ms per call (N calls)`: for a CUDA function
// measured with events on the device (inputs staged once; --graph replays
// a captured CUDA graph), for a CPU function with the wall clock.
#include "genc/runtime/Cuda.h"
#include "genc/runtime/Module.h"
#include "genc/runtime/TensorIO.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

using namespace genc::runtime;

namespace {

int fail(const std::string &message) {
  std::fprintf(stderr, "genc-run-artifact: error: %s\n", message.c_str());
  return 1;
}

bool flag(const std::string &arg, const char *name, std::string &value) {
  std::string prefix = std::string("--") + name + "=";
  if (arg.rfind(prefix, 0) != 0)
    return false;
  value = arg.substr(prefix.size());
  return true;
}

double element(const Buffer &b, int64_t i) {
  switch (b.dtype()) {
  case DType::F32: return b.dataAs<float>()[i];
  case DType::F64: return b.dataAs<double>()[i];
  case DType::I32: return b.dataAs<int32_t>()[i];
  case DType::I64: return static_cast<double>(b.dataAs<int64_t>()[i]);
  case DType::I8: return b.dataAs<int8_t>()[i];
  case DType::U8: return b.dataAs<uint8_t>()[i];
  case DType::I1: return b.dataAs<uint8_t>()[i];
  case DType::F16:
  case DType::BF16: {
    uint16_t bits = b.dataAs<uint16_t>()[i];
    if (b.dtype() == DType::BF16) {
      uint32_t w = uint32_t(bits) << 16;
      float f;
      std::memcpy(&f, &w, 4);
      return f;
    }
    int exp = (bits >> 10) & 0x1f, mant = bits & 0x3ff;
    double v = exp == 0 ? std::ldexp(mant, -24)
               : exp == 31 ? (mant ? NAN : INFINITY)
                           : std::ldexp(mant + 1024, exp - 25);
    return (bits & 0x8000) ? -v : v;
  }
  }
  return 0;
}

void fillRandom(Buffer &b, std::mt19937_64 &rng) {
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  for (int64_t i = 0; i < b.numElements(); ++i) {
    switch (b.dtype()) {
    case DType::F32: b.dataAs<float>()[i] = u(rng); break;
    case DType::F64: b.dataAs<double>()[i] = u(rng); break;
    case DType::BF16: {
      float f = u(rng);
      uint32_t w;
      std::memcpy(&w, &f, 4);
      b.dataAs<uint16_t>()[i] = static_cast<uint16_t>(w >> 16);
      break;
    }
    case DType::F16: b.dataAs<uint16_t>()[i] = 0x3800; break; // 0.5
    case DType::I32: b.dataAs<int32_t>()[i] = rng() % 4; break;
    case DType::I64: b.dataAs<int64_t>()[i] = rng() % 4; break;
    case DType::I8: b.dataAs<int8_t>()[i] = rng() % 4; break;
    case DType::U8: b.dataAs<uint8_t>()[i] = rng() % 4; break;
    case DType::I1: b.dataAs<uint8_t>()[i] = i % 2; break;
    }
  }
}

} // namespace

int main(int argc, char **argv) {
  if (argc < 2 || !std::strcmp(argv[1], "--help")) {
    std::fprintf(stderr,
                 "usage: genc-run-artifact X.so [--function=NAME] "
                 "[--input=SPEC]... [--random-inputs=SEED] [--expect=SPEC]... "
                 "[--rtol=R] [--atol=A] [--output=@FILE.npy|-]... [--time=N] "
                 "[--warmup=N] [--graph]\n");
    return argc < 2 ? 2 : 0;
  }
  std::string path = argv[1], function, value;
  std::vector<std::string> inputs, expects, outputs;
  double rtol = 1e-4, atol = 1e-5;
  long seed = -1;
  int timeN = 0, warmup = 3;
  bool graph = false;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    char *end = nullptr;
    if (flag(a, "function", value))
      function = value;
    else if (flag(a, "input", value))
      inputs.push_back(value);
    else if (flag(a, "expect", value))
      expects.push_back(value);
    else if (flag(a, "output", value))
      outputs.push_back(value);
    else if (flag(a, "rtol", value) && (rtol = std::strtod(value.c_str(), &end), *end == 0)) {
    } else if (flag(a, "atol", value) && (atol = std::strtod(value.c_str(), &end), *end == 0)) {
    } else if (flag(a, "random-inputs", value) && (seed = std::strtol(value.c_str(), &end, 10), *end == 0)) {
    } else if (flag(a, "time", value) && (timeN = std::atoi(value.c_str())) > 0) {
    } else if (flag(a, "warmup", value) && (warmup = std::atoi(value.c_str())) >= 0) {
    } else if (a == "--graph")
      graph = true;
    else
      return fail("bad argument '" + a + "' (see --help)");
  }

  absl::StatusOr<std::unique_ptr<Module>> module = Module::load(path);
  if (!module.ok())
    return fail(std::string(module.status().message()));
  if (function.empty()) {
    if ((*module)->functions().empty())
      return fail("'" + path + "' has no functions");
    function = (*module)->functions().front().name();
  }
  absl::StatusOr<const Function *> fn = (*module)->lookup(function);
  if (!fn.ok())
    return fail(std::string(fn.status().message()));
  const FunctionSignature &sig = (*fn)->signature();

  std::vector<Buffer> args;
  if (seed >= 0) {
    if (!inputs.empty())
      return fail("--random-inputs and --input exclude each other");
    std::mt19937_64 rng(static_cast<uint64_t>(seed));
    for (const TensorSpec &spec : sig.inputs) {
      absl::StatusOr<Buffer> b = Buffer::allocate(spec);
      if (!b.ok())
        return fail(std::string(b.status().message()));
      fillRandom(*b, rng);
      args.push_back(std::move(*b));
    }
  }
  for (size_t i = 0; i < inputs.size(); ++i) {
    absl::StatusOr<Buffer> b = parseTensorLiteral(inputs[i]);
    if (!b.ok())
      return fail("--input " + std::to_string(i) + ": " +
                  std::string(b.status().message()));
    args.push_back(std::move(*b));
  }
  std::vector<const Buffer *> ptrs;
  for (const Buffer &b : args)
    ptrs.push_back(&b);

  if (timeN > 0) {
    double ms = 0;
    if (sig.target == "cuda") {
      absl::StatusOr<double> t =
          timeCudaFunction(**fn, ptrs, warmup, timeN, graph);
      if (!t.ok())
        return fail(std::string(t.status().message()));
      ms = *t;
    } else {
      for (int i = 0; i < warmup; ++i)
        if (auto r = (*fn)->call(ptrs); !r.ok())
          return fail(std::string(r.status().message()));
      auto start = std::chrono::steady_clock::now();
      for (int i = 0; i < timeN; ++i)
        if (auto r = (*fn)->call(ptrs); !r.ok())
          return fail(std::string(r.status().message()));
      ms = std::chrono::duration<double, std::milli>(
               std::chrono::steady_clock::now() - start)
               .count() /
           timeN;
    }
    std::printf("time: %.4f ms per call (%d calls%s)\n", ms, timeN,
                graph ? ", CUDA graph" : "");
    return 0;
  }

  absl::StatusOr<std::vector<Buffer>> results = (*fn)->call(ptrs);
  if (!results.ok())
    return fail(std::string(results.status().message()));
  if (expects.size() > results->size())
    return fail(std::to_string(expects.size()) + " --expect values for " +
                std::to_string(results->size()) + " outputs");
  int rc = 0;
  for (size_t i = 0; i < expects.size(); ++i) {
    absl::StatusOr<Buffer> want = parseTensorLiteral(expects[i]);
    if (!want.ok())
      return fail("--expect " + std::to_string(i) + ": " +
                  std::string(want.status().message()));
    const Buffer &got = (*results)[i];
    if (want->numElements() != got.numElements() ||
        want->dtype() != got.dtype())
      return fail("output " + std::to_string(i) + " is " +
                  TensorSpec{got.dtype(), got.shape()}.str() + ", expected " +
                  TensorSpec{want->dtype(), want->shape()}.str());
    int64_t bad = 0;
    for (int64_t e = 0; e < got.numElements(); ++e) {
      double g = element(got, e), w = element(*want, e);
      bool same = (std::isnan(g) && std::isnan(w)) || g == w ||
                  std::fabs(g - w) <= atol + rtol * std::fabs(w);
      if (!same && bad++ < 5)
        std::fprintf(stderr, "output %zu element %lld: got %.9g, expected %.9g\n",
                     i, static_cast<long long>(e), g, w);
    }
    if (bad) {
      std::fprintf(stderr, "output %zu: %lld of %lld elements differ\n", i,
                   static_cast<long long>(bad),
                   static_cast<long long>(got.numElements()));
      rc = 1;
    }
  }
  for (size_t i = 0; i < outputs.size() && i < results->size(); ++i) {
    if (outputs[i] == "-") {
      std::printf("%s\n", formatTensorLiteral((*results)[i]).c_str());
    } else if (outputs[i].rfind("@", 0) == 0) {
      if (absl::Status s = writeNpy(outputs[i].substr(1), (*results)[i]); !s.ok())
        return fail(std::string(s.message()));
    } else {
      return fail("--output takes @FILE.npy or -");
    }
  }
  if (rc == 0 && !expects.empty())
    std::printf("ok: %zu output(s) match\n", expects.size());
  return rc;
}

//===- Bench.cpp - `genc bench` -------------------------------------------===//
//
// Measures genc-compiled code against a peer in the same run and prints
// ratios (reference time / genc time; above 1 genc is faster):
//   - matmul f32 N x N x N against OpenBLAS cblas_sgemm on the same data,
//   - tanh(a*b+c) on 16M floats against memcpy bandwidth: the reference
//     time is what memcpy needs to move the same number of bytes (3 reads
//     and 1 write per element), so the ratio is genc's effective bandwidth
//     as a fraction of memcpy's.
// Times are medians over repetitions after a warm-up call.
//
//===----------------------------------------------------------------------===//

#include "tools/genc/Commands.h"

#include "compiler/API/Compile.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <vector>

extern "C" void cblas_sgemm(int order, int transA, int transB, int m, int n,
                            int k, float alpha, const float *a, int lda,
                            const float *b, int ldb, float beta, float *c,
                            int ldc);

using namespace mlir;
using namespace mlir::genc;

namespace {

using Clock = std::chrono::steady_clock;

/// Calls a JIT entry point; exempt from UBSan's -fsanitize=function, which
/// reads a type signature before the entry that generated code lacks (as
/// the runtime's callGenerated).
#if defined(__clang__)
__attribute__((no_sanitize("function")))
#endif
void callJit(void (*fn)(void **), void **args) {
  fn(args);
}

double medianSeconds(int reps, const std::function<void()> &fn) {
  fn(); // warm-up
  std::vector<double> times;
  for (int i = 0; i < reps; ++i) {
    auto t0 = Clock::now();
    fn();
    times.push_back(std::chrono::duration<double>(Clock::now() - t0).count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

struct AlignedFloats {
  explicit AlignedFloats(size_t n)
      : data(static_cast<float *>(std::aligned_alloc(64, ((n * 4 + 63) / 64) * 64))),
        size(n) {}
  ~AlignedFloats() { std::free(data); }
  float *data;
  size_t size;
};

void fill(AlignedFloats &a, unsigned seed) {
  uint32_t s = seed * 2654435761u + 1;
  for (size_t i = 0; i < a.size; ++i) {
    s = s * 1664525u + 1013904223u;
    a.data[i] = (float)((s >> 8) & 0xFFFF) / 65536.0f - 0.5f;
  }
}

struct Case {
  std::string name;
  double gencSeconds, refSeconds;
  std::string reference;
};

/// JIT-compiles `source` and returns its `main` entry point.
FailureOr<std::pair<std::unique_ptr<JitModule>, void (*)(void **)>>
compileMain(MLIRContext &ctx, const std::string &source) {
  OwningOpRef<ModuleOp> module =
      parseSourceString<ModuleOp>(source, ParserConfig(&ctx));
  if (!module)
    return failure();
  FailureOr<std::unique_ptr<JitModule>> jit =
      JitModule::create(*module, CompileOptions());
  if (failed(jit))
    return failure();
  void *fn = (*jit)->lookupSymbol("genc_invoke_main");
  if (!fn)
    return failure();
  return std::make_pair(std::move(*jit), reinterpret_cast<void (*)(void **)>(fn));
}

FailureOr<Case> benchMatmul(MLIRContext &ctx, int64_t n, int reps) {
  std::string t = "tensor<" + std::to_string(n) + "x" + std::to_string(n) + "xf32>";
  std::string src = "func.func @main(%a: " + t + ", %b: " + t + ") -> " + t +
                    " {\n  %c = genc.dot_general %a, %b, batch = [] x [], "
                    "contract = [1] x [0] : (" + t + ", " + t + ") -> " + t +
                    "\n  return %c : " + t + "\n}\n";
  auto compiled = compileMain(ctx, src);
  if (failed(compiled))
    return failure();
  auto fn = compiled->second;
  AlignedFloats a(n * n), b(n * n), c(n * n), ref(n * n);
  fill(a, 1);
  fill(b, 2);
  void *args[] = {a.data, b.data, c.data};
  double g = medianSeconds(reps, [&] { callJit(fn, args); });
  double r = medianSeconds(reps, [&] {
    cblas_sgemm(101, 111, 111, n, n, n, 1.0f, a.data, n, b.data, n, 0.0f,
                ref.data, n);
  });
  // Same numbers as the library (up to summation order).
  double maxErr = 0, maxRef = 0;
  for (int64_t i = 0; i < n * n; ++i) {
    maxErr = std::max(maxErr, (double)std::fabs(c.data[i] - ref.data[i]));
    maxRef = std::max(maxRef, (double)std::fabs(ref.data[i]));
  }
  if (maxErr > 1e-3 * std::max(1.0, maxRef)) {
    llvm::errs() << "genc bench: error: matmul " << n
                 << " differs from sgemm by " << maxErr << "\n";
    return failure();
  }
  return Case{"matmul_f32_" + std::to_string(n), g, r, "openblas_sgemm"};
}

FailureOr<Case> benchElementwise(MLIRContext &ctx, int64_t n, int reps) {
  std::string t = "tensor<" + std::to_string(n) + "xf32>";
  std::string src = "func.func @main(%a: " + t + ", %b: " + t + ", %c: " + t +
                    ") -> " + t + " {\n"
                    "  %0 = genc.mul %a, %b : " + t + "\n"
                    "  %1 = genc.add %0, %c : " + t + "\n"
                    "  %2 = genc.tanh %1 : " + t + "\n"
                    "  return %2 : " + t + "\n}\n";
  auto compiled = compileMain(ctx, src);
  if (failed(compiled))
    return failure();
  auto fn = compiled->second;
  AlignedFloats a(n), b(n), c(n), out(n), copy(n);
  fill(a, 3);
  fill(b, 4);
  fill(c, 5);
  std::memset(out.data, 0, n * 4);
  std::memset(copy.data, 0, n * 4);
  void *args[] = {a.data, b.data, c.data, out.data};
  double g = medianSeconds(reps, [&] { callJit(fn, args); });
  for (int64_t i = 0; i < n; i += 9973) {
    float expect = std::tanh(a.data[i] * b.data[i] + c.data[i]);
    if (std::fabs(out.data[i] - expect) > 1e-5f) {
      llvm::errs() << "genc bench: error: tanh chain wrong at " << i << "\n";
      return failure();
    }
  }
  double m = medianSeconds(reps, [&] { std::memcpy(copy.data, a.data, n * 4); });
  // memcpy moves 2n floats (read + write); the chain moves 4n.
  return Case{"tanh(a*b+c)_f32_" + std::to_string(n), g, 2.0 * m,
              "memcpy_bandwidth"};
}

} // namespace

int ::genc::tools::benchCommand(const std::vector<std::string> &args) {
  bool json = false, quick = false;
  for (llvm::StringRef arg : args) {
    if (arg == "--json")
      json = true;
    else if (arg == "--quick")
      quick = true;
    else if (arg == "--help") {
      llvm::outs() << "usage: genc bench [--json] [--quick]\n";
      return 0;
    } else
      return fail("bench", "unknown option '" + arg + "'");
  }
  auto ctx = makeContext();
  SourceMgrDiagnosticHandler diag(*(new llvm::SourceMgr()), ctx.get());
  std::vector<Case> cases;
  std::vector<int64_t> sizes = quick ? std::vector<int64_t>{64, 128}
                                     : std::vector<int64_t>{256, 512, 1024, 2048};
  for (int64_t n : sizes) {
    FailureOr<Case> c = benchMatmul(*ctx, n, n >= 1024 ? 5 : 15);
    if (failed(c))
      return fail("bench", "matmul " + llvm::Twine(n) + " failed");
    cases.push_back(*c);
  }
  int64_t elems = quick ? (1 << 16) : (16 << 20);
  FailureOr<Case> e = benchElementwise(*ctx, elems, quick ? 5 : 11);
  if (failed(e))
    return fail("bench", "elementwise chain failed");
  cases.push_back(*e);

  if (json) {
    llvm::outs() << "[\n";
    for (size_t i = 0; i < cases.size(); ++i) {
      const Case &c = cases[i];
      llvm::outs() << llvm::format(
          "  {\"name\": \"%s\", \"genc_ms\": %.4f, \"reference\": \"%s\", "
          "\"reference_ms\": %.4f, \"ratio\": %.3f}%s\n",
          c.name.c_str(), c.gencSeconds * 1e3, c.reference.c_str(),
          c.refSeconds * 1e3, c.refSeconds / c.gencSeconds,
          i + 1 < cases.size() ? "," : "");
    }
    llvm::outs() << "]\n";
    return 0;
  }
  llvm::outs() << llvm::format("%-26s %12s %-18s %12s %8s\n", (const char *)"case",
                               (const char *)"genc ms",
                               (const char *)"reference",
                               (const char *)"ref ms", (const char *)"ratio");
  for (const Case &c : cases)
    llvm::outs() << llvm::format("%-26s %12.3f %-18s %12.3f %8.3f\n",
                                 c.name.c_str(), c.gencSeconds * 1e3,
                                 c.reference.c_str(), c.refSeconds * 1e3,
                                 c.refSeconds / c.gencSeconds);
  return 0;
}

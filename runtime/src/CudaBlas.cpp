// cuBLAS for compiled CUDA programs: genc-cpu-library-calls (target=cuda)
// turns buffer-level matmuls into genc_rt_cuda_gemm calls, one
// cublasGemmStridedBatchedEx each on the device's stream. Like the driver,
// cuBLAS is loaded at run time (libcublas.so.13, .12 or .11, or
// $GENC_CUBLAS_LIBRARY), so nothing links it.
//
// Precision: f32 products are computed in f32 (CUBLAS_COMPUTE_32F, as on
// the CPU); programs compiled with --fast-math, or any with
// GENC_CUDA_TF32=1, may use TF32 tensor cores for them
// (CUBLAS_COMPUTE_32F_FAST_TF32, ~10 mantissa bits per input, as
// PyTorch's allow_tf32). f16/bf16 products accumulate in f32.

#include <dlfcn.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <string>

#include "CudaDriver.h"
#include "genc/runtime/Cuda.h"
#include "absl/strings/str_cat.h"

using namespace genc::runtime;
using namespace genc::runtime::detail;

namespace {

using cublasStatus_t = int;
using cublasHandle_t = void *;
constexpr int kOpN = 0, kOpT = 1;
constexpr int kR32F = 0, kR64F = 1, kR16F = 2, kR16BF = 14;
constexpr int kCompute32F = 68, kCompute64F = 70, kCompute32FFastTF32 = 77;
constexpr int kGemmDefault = -1;

struct Blas {
  cublasStatus_t (*create)(cublasHandle_t *);
  cublasStatus_t (*setStream)(cublasHandle_t, void *);
  const char *(*statusString)(cublasStatus_t);
  cublasStatus_t (*gemm)(cublasHandle_t, int, int, int, int, int, const void *,
                         const void *, int, int, long long, const void *, int,
                         int, long long, const void *, void *, int, int,
                         long long, int, int, int);
  std::string describe(cublasStatus_t s) const {
    const char *text = statusString ? statusString(s) : nullptr;
    return absl::StrCat(text ? text : "cuBLAS error", " (status ", s, ")");
  }
};

absl::StatusOr<const Blas *> loadBlas() {
  static std::once_flag once;
  static Blas blas;
  static absl::Status status;
  std::call_once(once, [] {
    void *lib = nullptr;
    std::string tried;
    const char *override = std::getenv("GENC_CUBLAS_LIBRARY");
    for (const char *name :
         {override, "libcublas.so.13", "libcublas.so.12", "libcublas.so.11"}) {
      if (!name || !*name)
        continue;
      lib = dlopen(name, RTLD_NOW | RTLD_LOCAL);
      if (lib)
        break;
      absl::StrAppend(&tried, tried.empty() ? "" : ", ", name);
      if (name == override)
        break; // an explicit choice is not second-guessed
    }
    if (!lib) {
      status = absl::UnavailableError(absl::StrCat(
          "cuBLAS is not available (tried ", tried,
          "): install the CUDA toolkit's libcublas or set "
          "GENC_CUBLAS_LIBRARY"));
      return;
    }
    blas.create = reinterpret_cast<decltype(blas.create)>(
        dlsym(lib, "cublasCreate_v2"));
    blas.setStream = reinterpret_cast<decltype(blas.setStream)>(
        dlsym(lib, "cublasSetStream_v2"));
    blas.statusString = reinterpret_cast<decltype(blas.statusString)>(
        dlsym(lib, "cublasGetStatusString"));
    blas.gemm = reinterpret_cast<decltype(blas.gemm)>(
        dlsym(lib, "cublasGemmStridedBatchedEx"));
    if (!blas.create || !blas.setStream || !blas.gemm)
      status = absl::UnavailableError(
          "cuBLAS is not available: the library lacks cublasCreate_v2, "
          "cublasSetStream_v2 or cublasGemmStridedBatchedEx");
  });
  if (!status.ok())
    return status;
  return &blas;
}

/// The cuBLAS handle of `device`, bound to its stream.
absl::StatusOr<cublasHandle_t> handleFor(const Blas &blas, CudaDevice &device) {
  static std::mutex mutex;
  static auto &handles = *new std::map<CudaDevice *, cublasHandle_t>();
  std::lock_guard<std::mutex> lock(mutex);
  if (auto it = handles.find(&device); it != handles.end())
    return it->second;
  (*cudaDriver())->cuCtxSetCurrent(device.context());
  cublasHandle_t h = nullptr;
  if (cublasStatus_t s = blas.create(&h); s != 0)
    return absl::InternalError("cublasCreate failed: " + blas.describe(s));
  if (cublasStatus_t s = blas.setStream(h, device.stream()); s != 0)
    return absl::InternalError("cublasSetStream failed: " + blas.describe(s));
  handles.emplace(&device, h);
  return h;
}

} // namespace

extern "C" void genc_rt_cuda_gemm(int32_t dtype, int32_t transA,
                                  int32_t transB, int64_t M, int64_t N,
                                  int64_t K, int64_t A, int64_t lda,
                                  int64_t strideA, int64_t B, int64_t ldb,
                                  int64_t strideB, double beta, int64_t C,
                                  int64_t ldc, int64_t strideC,
                                  int64_t batch) {
  absl::StatusOr<CudaDevice *> device = CudaDevice::get(defaultCudaDevice());
  if (!device.ok())
    return recordCudaError(device.status());
  absl::StatusOr<const Blas *> blas = loadBlas();
  if (!blas.ok())
    return recordCudaError(blas.status());
  absl::StatusOr<cublasHandle_t> handle = handleFor(**blas, **device);
  if (!handle.ok())
    return recordCudaError(handle.status());
  // dtype: 0 f32, 1 f64, 2 f16, 3 bf16, 4 f32 allowed on TF32 tensor cores
  // (compiled with --fast-math).
  int type = dtype == 0 || dtype == 4 ? kR32F
             : dtype == 1             ? kR64F
             : dtype == 2             ? kR16F
                                      : kR16BF;
  const char *tf32 = std::getenv("GENC_CUDA_TF32");
  bool allowTf32 = dtype == 4 || (dtype == 0 && tf32 && std::strcmp(tf32, "1") == 0);
  int compute = dtype == 1 ? kCompute64F
                : allowTf32 ? kCompute32FFastTF32
                            : kCompute32F;
  float alpha32 = 1.0f, beta32 = static_cast<float>(beta);
  double alpha64 = 1.0, beta64 = beta;
  const void *alpha = dtype == 1 ? static_cast<const void *>(&alpha64)
                                 : static_cast<const void *>(&alpha32);
  const void *betaPtr = dtype == 1 ? static_cast<const void *>(&beta64)
                                   : static_cast<const void *>(&beta32);
  // Row-major C = op(A) op(B) is column-major C^T = op(B)^T op(A)^T: the
  // operands swap, the transpositions stay with them.
  (*cudaDriver())->cuCtxSetCurrent((*device)->context());
  cublasStatus_t s = (*blas)->gemm(
      *handle, transB ? kOpT : kOpN, transA ? kOpT : kOpN, static_cast<int>(N),
      static_cast<int>(M), static_cast<int>(K), alpha,
      reinterpret_cast<const void *>(B), type, static_cast<int>(ldb), strideB,
      reinterpret_cast<const void *>(A), type, static_cast<int>(lda), strideA,
      betaPtr, reinterpret_cast<void *>(C), type, static_cast<int>(ldc),
      strideC, static_cast<int>(batch), compute, kGemmDefault);
  if (s != 0)
    recordCudaError(absl::InternalError(absl::StrCat(
        "cublasGemmStridedBatchedEx (", M, "x", N, "x", K, ", batch ", batch,
        ") failed: ", (*blas)->describe(s))));
}

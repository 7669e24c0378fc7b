//===- Pipelines.h - genc's pass pipelines, by named phase ------*- C++ -*-===//
//
// The CPU pipeline is a list of named phases; each can be the last one run
// (`--compile-to=<phase>` in genc-opt's genc-cpu-pipeline, `--emit` in the
// genc CLI), so every stage can be dumped and tested.
//
//===----------------------------------------------------------------------===//

#ifndef GENC_COMPILER_PIPELINES_PIPELINES_H
#define GENC_COMPILER_PIPELINES_PIPELINES_H

#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/StringRef.h"

#include <optional>

namespace mlir::genc {

/// Phases of the CPU pipeline, in order.
enum class Phase {
  Genc,       ///< input, verified and canonicalized genc
  Linalg,     ///< linalg/tensor on tensors, elementwise ops fused
  Bufferized, ///< memrefs, results as out-params, library calls, deallocs
  Loops,      ///< scf loops over memrefs
  LLVM,       ///< LLVM dialect with the artifact ABI
};

std::optional<Phase> parsePhase(llvm::StringRef name);
llvm::StringRef phaseName(Phase phase);
/// "genc, linalg, bufferized, loops, llvm".
std::string phaseNames();

struct CpuPipelineOptions {
  /// Call CBLAS for matmuls (else generate loops).
  bool useBlas = true;
  /// Time every kernel (genc-cpu-profile; the runtime prints the table).
  bool profile = false;
  /// Check every kernel's floating-point outputs for NaN/Inf
  /// (genc-cpu-check-numerics; the first one fails the call).
  bool checkNumerics = false;
  /// f16/bf16 dot_general computed in f32 (the CPU); the CUDA pipeline
  /// leaves them half for cuBLAS (f32 accumulation, tensor cores).
  bool widenHalfDots = true;
  /// Vector register width for generated register-tiled GEMM kernels
  /// (genc-cpu-register-gemm): 512 (AVX-512), 256 (AVX2), 0 = none. The
  /// compile API sets the host's; genc-opt's pipeline defaults to 0.
  int64_t vectorBits = 0;
};

/// Appends the CPU pipeline up to and including `to` to `pm` (a module
/// pass manager).
/// genc-autodiff and genc-vmap, alternated until the transform ops are
/// expanded (the first phase of every pipeline and of the interpreter).
void addTransformPasses(OpPassManager &pm);

void buildCpuPipeline(OpPassManager &pm, Phase to,
                      const CpuPipelineOptions &options = {});

/// Phases of the CUDA pipeline: the CPU pipeline's first three (generated
/// loops instead of CBLAS), then GPU kernels, NVVM, and the PTX assembly.
enum class CudaPhase {
  Genc,
  Linalg,
  Bufferized,
  Gpu,  ///< parallel loops mapped to blocks/threads, kernels outlined into
        ///< one gpu.module, host code launching them
  Nvvm, ///< kernels in the LLVM/NVVM dialects, target attached
  Ptx,  ///< gpu.binary holding the PTX (LLVM's NVPTX backend)
  Host, ///< the artifact in the LLVM dialect: kernels embedded as cubin +
        ///< PTX, host code calling the runtime's mgpu* functions, the
        ///< genc_invoke_* entry points and metadata (`target cuda`)
};
std::optional<CudaPhase> parseCudaPhase(llvm::StringRef name);
/// "genc, linalg, bufferized, gpu, nvvm, ptx, host".
std::string cudaPhaseNames();

struct CudaPipelineOptions {
  std::string chip = "sm_90a";
  std::string features = "+ptx80";
  /// The fast-math policy: kernels with LLVM's fast-math flags and
  /// denormals flushed to zero (NVVM fast/ftz), f32 matrix products on TF32
  /// tensor cores (cuBLAS). Off by default: results as the CPU's.
  bool fastMath = false;
  /// libdevice bitcode to link (math functions); "" = findLibdevice().
  std::string libdevice;
};

/// The CUDA toolkit's libdevice.10.bc ($CUDA_HOME, $CUDA_PATH,
/// /usr/local/cuda), or "" when there is none.
std::string findLibdevice();

void buildCudaPipeline(OpPassManager &pm, CudaPhase to,
                       const CudaPipelineOptions &options = {});

/// Registers `genc-cpu-pipeline{compile-to=<phase> use-blas=<bool>}` and
/// `genc-cuda-pipeline{compile-to=<phase> chip=<sm_XX>}`.
void registerGencPipelines();

} // namespace mlir::genc

#endif // GENC_COMPILER_PIPELINES_PIPELINES_H

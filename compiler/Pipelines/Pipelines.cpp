//===- Pipelines.cpp - genc's pass pipelines ------------------------------===//

#include "compiler/Pipelines/Pipelines.h"

#include "compiler/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Conversion/SCFToGPU/SCFToGPUPass.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/GPU/Transforms/Passes.h"
#include "mlir/Dialect/SCF/Transforms/Passes.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/OneShotAnalysis.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;
using namespace mlir::genc;

static const std::pair<Phase, llvm::StringLiteral> kPhases[] = {
    {Phase::Genc, "genc"},
    {Phase::Linalg, "linalg"},
    {Phase::Bufferized, "bufferized"},
    {Phase::Loops, "loops"},
    {Phase::LLVM, "llvm"},
};

std::optional<Phase> mlir::genc::parsePhase(llvm::StringRef name) {
  for (auto &[phase, n] : kPhases)
    if (n == name)
      return phase;
  return std::nullopt;
}

llvm::StringRef mlir::genc::phaseName(Phase phase) {
  for (auto &[p, n] : kPhases)
    if (p == phase)
      return n;
  return "unknown";
}

std::string mlir::genc::phaseNames() {
  std::string s;
  for (auto &[p, n] : kPhases)
    s += (s.empty() ? "" : ", ") + n.str();
  return s;
}

void mlir::genc::addTransformPasses(OpPassManager &pm) {
  // Each pass expands the transform ops whose callees hold no other
  // transform ops and leaves the rest to the other, so alternating them
  // handles grad of vmap, vmap of grad, and their nesting (four levels).
  for (int round = 0; round < 4; ++round) {
    pm.addPass(createGencAutodiffPass());
    pm.addPass(createGencVmapPass());
  }
  pm.addPass(createGencAutodiffPass());
  // shard_map bodies hold expanded grads and vmaps by now. Functions with
  // sharded arguments are partitioned after inlining (so the rules see the
  // ops, not calls) into shard_maps, which genc-shard expands. No
  // simplification here: the IR stays as written until the genc phase.
  pm.addPass(createInlinerPass({}, [](OpPassManager &) {}));
  pm.addPass(createGencAutoShardPass());
  pm.addPass(createGencShardPass());
}

static void addHostLoweringPasses(OpPassManager &pm, bool cuda);

void mlir::genc::buildCpuPipeline(OpPassManager &pm, Phase to,
                                  const CpuPipelineOptions &options) {
  // genc: expand transforms (autodiff), record the ABI, then simplify.
  addTransformPasses(pm);
  pm.addPass(createGencRecordSignaturesPass());
  // Generated adjoints and traced sub-functions are private: inline them
  // into the entry points (one function to fuse, CSE and plan buffers
  // over) and drop what is no longer called.
  pm.addPass(createInlinerPass());
  pm.addPass(createSymbolDCEPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  if (to == Phase::Genc)
    return;

  // linalg on tensors, with elementwise producers fused into consumers;
  // collectives become runtime calls first.
  pm.addPass(createGencCpuCollectivesPass());
  ConvertGencToLinalgPassOptions toLinalg;
  toLinalg.widenHalfDots = options.widenHalfDots;
  pm.addPass(createConvertGencToLinalgPass(toLinalg));
  pm.addPass(createCanonicalizerPass());
  pm.addNestedPass<func::FuncOp>(createGencFuseElementwisePass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  if (to == Phase::Linalg)
    return;

  // Buffers: one-shot bufferization across function boundaries, results
  // written into caller-provided out-params, BLAS calls, deallocation.
  bufferization::OneShotBufferizationOptions bufOpts;
  bufOpts.bufferizeFunctionBoundaries = true;
  // genc.while loops carry tensors that are replaced each iteration.
  bufOpts.allowReturnAllocsFromLoops = true;
  bufOpts.setFunctionBoundaryTypeConversion(
      bufferization::LayoutMapOption::IdentityLayoutMap);
  pm.addNestedPass<func::FuncOp>(createGencCopyAliasedResultsPass());
  pm.addNestedPass<func::FuncOp>(createGencUntieEmptyTensorsPass());
  pm.addPass(bufferization::createEmptyTensorEliminationPass());
  pm.addPass(bufferization::createOneShotBufferizePass(bufOpts));
  // Fold reshape round trips (expand_shape(collapse_shape(alloc))) so that
  // returned allocations are seen as such and become the out-params.
  pm.addPass(createCanonicalizerPass());
  bufferization::BufferResultsToOutParamsOpts outOpts;
  outOpts.hoistStaticAllocs = true;
  pm.addPass(bufferization::createBufferResultsToOutParamsPass(outOpts));
  pm.addPass(createCanonicalizerPass());
  // Before CBLAS calls replace matmuls: their outputs are checked too.
  if (options.checkNumerics)
    pm.addPass(createGencCpuCheckNumericsPass());
  if (options.vectorBits > 0) {
    GencCpuRegisterGemmPassOptions gemm;
    gemm.vectorBits = options.vectorBits;
    pm.addPass(createGencCpuRegisterGemmPass(gemm));
  }
  if (options.useBlas)
    pm.addPass(createGencCpuLibraryCallsPass());
  bufferization::BufferDeallocationPipelineOptions deallocOpts;
  bufferization::buildBufferDeallocationPipeline(pm, deallocOpts);
  pm.addPass(createBufferizationToMemRefPass());
  pm.addPass(createCanonicalizerPass());
  if (options.profile)
    pm.addPass(createGencCpuProfilePass());
  if (to == Phase::Bufferized)
    return;

  // Loops.
  pm.addPass(createGencCpuExpandCopiesPass());
  pm.addNestedPass<func::FuncOp>(createConvertLinalgToLoopsPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  if (to == Phase::Loops)
    return;

  addHostLoweringPasses(pm, /*cuda=*/false);
}

/// LLVM dialect and the artifact ABI for host code: the CPU pipeline's
/// last phase, and the CUDA pipeline's host phase (where the buffers are
/// the device's, gpu.alloc, and kernel launches become mgpu* calls).
static void addHostLoweringPasses(OpPassManager &pm, bool cuda) {
  pm.addPass(createGencCpuMangleSymbolsPass());
  pm.addPass(createGencCpuApproximateMathPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  // After expand-strided-metadata, which in MLIR 19 folds
  // extract_aligned_pointer_as_index / extract_strided_metadata through
  // memref.view and drops the view's byte shift. Host memory only.
  if (!cuda)
    pm.addNestedPass<func::FuncOp>(createGencCpuPlanBuffersPass());
  pm.addPass(createLowerAffinePass());
  // Generated register kernels (genc-cpu-register-gemm) are vector ops.
  pm.addPass(createConvertVectorToLLVMPass());
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createConvertMathToLibmPass());
  pm.addPass(createConvertSCFToCFPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  pm.addPass(createConvertFuncToLLVMPass());
  if (cuda)
    pm.addPass(createGpuToLLVMConversionPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
  pm.addPass(createGencCpuEntryPointsPass());
  pm.addPass(createCanonicalizerPass());
}

static const std::pair<CudaPhase, llvm::StringLiteral> kCudaPhases[] = {
    {CudaPhase::Genc, "genc"},       {CudaPhase::Linalg, "linalg"},
    {CudaPhase::Bufferized, "bufferized"}, {CudaPhase::Gpu, "gpu"},
    {CudaPhase::Nvvm, "nvvm"},       {CudaPhase::Ptx, "ptx"},
    {CudaPhase::Host, "host"},
};

std::optional<CudaPhase> mlir::genc::parseCudaPhase(llvm::StringRef name) {
  for (auto &[phase, n] : kCudaPhases)
    if (n == name)
      return phase;
  return std::nullopt;
}

std::string mlir::genc::cudaPhaseNames() {
  std::string s;
  for (auto &[p, n] : kCudaPhases)
    s += (s.empty() ? "" : ", ") + n.str();
  return s;
}

std::string mlir::genc::findLibdevice() {
  SmallVector<std::string> roots;
  for (const char *env : {"CUDA_HOME", "CUDA_PATH"})
    if (const char *v = std::getenv(env); v && *v)
      roots.push_back(v);
  roots.push_back("/usr/local/cuda");
  for (const std::string &root : roots) {
    llvm::SmallString<256> path(root);
    llvm::sys::path::append(path, "nvvm", "libdevice", "libdevice.10.bc");
    if (llvm::sys::fs::exists(path))
      return path.str().str();
  }
  return "";
}

void mlir::genc::buildCudaPipeline(OpPassManager &pm, CudaPhase to,
                                   const CudaPipelineOptions &options) {
  // genc -> linalg -> buffers as for the CPU, with generated loops where
  // the CPU calls CBLAS (cuBLAS comes with the CUDA runtime).
  CpuPipelineOptions cpu;
  cpu.useBlas = false;
  cpu.widenHalfDots = false;
  Phase cpuTo = to == CudaPhase::Genc     ? Phase::Genc
                : to == CudaPhase::Linalg ? Phase::Linalg
                                          : Phase::Bufferized;
  buildCpuPipeline(pm, cpuTo, cpu);
  if (to <= CudaPhase::Bufferized)
    return;

  // Matmuls to cuBLAS (the runtime's genc_rt_cuda_gemm), every size.
  GencCpuLibraryCallsPassOptions blas;
  blas.minFlops = 0;
  blas.target = options.fastMath ? "cuda-tf32" : "cuda";
  pm.addPass(createGencCpuLibraryCallsPass(blas));
  // Kernels: every parallel loop nest becomes a grid of blocks of up to
  // 256 threads; loops inside (reductions, contractions) run per thread.
  // Copies become loops first so that they run on the device.
  pm.addPass(createGencCpuExpandCopiesPass());
  pm.addNestedPass<func::FuncOp>(createGencCudaParallelOuterPass());
  pm.addNestedPass<func::FuncOp>(createConvertLinalgToParallelLoopsPass());
  pm.addNestedPass<func::FuncOp>(createGencCudaTileParallelLoopsPass());
  pm.addNestedPass<func::FuncOp>(createGpuMapParallelLoopsPass());
  pm.addPass(createParallelLoopToGpuPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createGpuKernelOutliningPass());
  pm.addPass(createGencCudaMergeKernelsPass());
  if (to == CudaPhase::Gpu)
    return;

  GpuNVVMAttachTargetOptions target;
  target.chip = options.chip;
  target.features = options.features;
  target.optLevel = 3;
  target.fastFlag = options.fastMath;
  target.ftzFlag = options.fastMath;
  std::string libdevice =
      options.libdevice.empty() ? findLibdevice() : options.libdevice;
  SmallVector<std::string> libs;
  if (!libdevice.empty())
    libs.push_back(libdevice);
  target.linkLibs = libs;
  pm.addPass(createGpuNVVMAttachTarget(target));
  pm.addNestedPass<gpu::GPUModuleOp>(createConvertSCFToCFPass());
  ConvertGpuOpsToNVVMOpsOptions nvvm;
  nvvm.indexBitwidth = 64;
  pm.addNestedPass<gpu::GPUModuleOp>(createConvertGpuOpsToNVVMOps(nvvm));
  // Math ops libdevice has no function for (integer abs, ...) become LLVM
  // intrinsics.
  pm.addNestedPass<gpu::GPUModuleOp>(createConvertMathToLLVMPass());
  pm.addNestedPass<gpu::GPUModuleOp>(createReconcileUnrealizedCastsPass());
  if (options.fastMath)
    pm.addPass(createGencCudaFastMathPass());
  if (to == CudaPhase::Nvvm)
    return;
  GpuModuleToBinaryPassOptions binary;
  binary.compilationTarget = "isa"; // PTX, from LLVM's NVPTX backend
  pm.addPass(createGpuModuleToBinaryPass(binary));
  if (to == CudaPhase::Ptx)
    return;

  // The artifact: the kernels as cubin + PTX, the host code on the
  // device's buffers, lowered as the CPU's with launches as mgpu* calls.
  pm.addPass(createGencCudaEmbedKernelsPass());
  pm.addPass(createGencCudaHostMemoryPass());
  addHostLoweringPasses(pm, /*cuda=*/true);
}

namespace {
/// Fails with `message`: how a pipeline built from bad textual options
/// reports the problem (pipeline builders cannot fail).
struct ReportErrorPass
    : public PassWrapper<ReportErrorPass, OperationPass<ModuleOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(ReportErrorPass)
  explicit ReportErrorPass(std::string message) : message(std::move(message)) {}
  void runOnOperation() override {
    getOperation().emitError(message);
    signalPassFailure();
  }
  std::string message;
};

struct CpuPipelineCLOptions
    : public PassPipelineOptions<CpuPipelineCLOptions> {
  Option<std::string> compileTo{
      *this, "compile-to",
      llvm::cl::desc("last phase to run: genc, linalg, bufferized, loops, llvm"),
      llvm::cl::init("llvm")};
  Option<bool> useBlas{*this, "use-blas",
                       llvm::cl::desc("call CBLAS for matmuls"),
                       llvm::cl::init(true)};
  Option<bool> profile{*this, "profile",
                       llvm::cl::desc("time every kernel (genc-cpu-profile)"),
                       llvm::cl::init(false)};
  Option<bool> checkNumerics{
      *this, "check-numerics",
      llvm::cl::desc("check kernel outputs for NaN/Inf (genc-cpu-check-numerics)"),
      llvm::cl::init(false)};
  Option<int64_t> vectorBits{
      *this, "vector-bits",
      llvm::cl::desc("vector register width for register-tiled GEMM kernels "
                     "(512, 256; 0: none)"),
      llvm::cl::init(0)};
};
} // namespace

namespace {
struct CudaPipelineCLOptions
    : public PassPipelineOptions<CudaPipelineCLOptions> {
  Option<std::string> compileTo{
      *this, "compile-to",
      llvm::cl::desc("last phase: genc, linalg, bufferized, gpu, nvvm, ptx, host"),
      llvm::cl::init("ptx")};
  Option<std::string> chip{*this, "chip",
                           llvm::cl::desc("GPU architecture (sm_90a)"),
                           llvm::cl::init("sm_90a")};
  Option<bool> fastMath{*this, "fast-math",
                        llvm::cl::desc("fast-math policy: NVVM fast/ftz, TF32 GEMMs"),
                        llvm::cl::init(false)};
};
} // namespace

void mlir::genc::registerGencPipelines() {
  PassPipelineRegistration<CudaPipelineCLOptions>(
      "genc-cuda-pipeline",
      "compile genc to CUDA kernels (PTX) and host launches, in named phases",
      [](OpPassManager &pm, const CudaPipelineCLOptions &opts) {
        std::optional<CudaPhase> phase = parseCudaPhase(opts.compileTo);
        if (!phase) {
          pm.addPass(std::make_unique<ReportErrorPass>(
              "genc-cuda-pipeline: unknown phase '" + opts.compileTo +
              "' (expected " + cudaPhaseNames() + ")"));
          return;
        }
        CudaPipelineOptions o;
        o.chip = opts.chip;
        o.fastMath = opts.fastMath;
        buildCudaPipeline(pm, *phase, o);
      });
  PassPipelineRegistration<CpuPipelineCLOptions>(
      "genc-cpu-pipeline",
      "compile genc to the LLVM dialect for the host CPU, in named phases",
      [](OpPassManager &pm, const CpuPipelineCLOptions &opts) {
        std::optional<Phase> phase = parsePhase(opts.compileTo);
        if (!phase) {
          pm.addPass(std::make_unique<ReportErrorPass>(
              "genc-cpu-pipeline: unknown phase '" + opts.compileTo +
              "' (expected " + phaseNames() + ")"));
          return;
        }
        CpuPipelineOptions o;
        o.useBlas = opts.useBlas;
        o.profile = opts.profile;
        o.checkNumerics = opts.checkNumerics;
        o.vectorBits = opts.vectorBits;
        buildCpuPipeline(pm, *phase, o);
      });
}

//===- Passes.td - genc compiler passes ----------------------*- tablegen -*-===//
//
// Declares genc's passes. Pipelines (named phases) are built from these in
// compiler/Pipelines; each pass is testable alone with genc-opt.
//
//===----------------------------------------------------------------------===//

#ifndef GENC_COMPILER_PASSES_TD
#define GENC_COMPILER_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertGencToLinalgPass : Pass<"genc-convert-to-linalg", "ModuleOp"> {
  let summary = "lower genc ops to linalg, tensor, arith, math and scf";
  let description = [{
    Lowers every genc op, by op family: elementwise ops become
    `linalg.generic` through `ScalarizableOpInterface`; layout ops become
    `linalg.transpose`/`linalg.generic` or tensor slicing ops; reductions
    become `linalg.reduce`; `dot_general` becomes `linalg.matmul` or
    `linalg.batch_matmul` around transposes and reshapes; convolution
    becomes `linalg.conv_2d_nhwc_hwcf` or a `linalg.generic`;
    `while`/`if` become `scf.while`/`scf.if`. Fails with a diagnostic at the
    op that cannot be lowered.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::bufferization::BufferizationDialect",
    "::mlir::linalg::LinalgDialect", "::mlir::math::MathDialect",
    "::mlir::scf::SCFDialect", "::mlir::tensor::TensorDialect",
  ];
  let options = [
    Option<"widenHalfDots", "widen-half-dots", "bool", /*default=*/"true",
           "compute f16/bf16 dot_general in f32 (false: half matmuls for "
           "cuBLAS, which accumulates in f32)">,
  ];
}

def GencCpuLibraryCallsPass : Pass<"genc-cpu-library-calls", "ModuleOp"> {
  let summary = "call BLAS (CBLAS on the CPU, cuBLAS for CUDA) for matmuls on buffers";
  let description = [{
    Rewrites `linalg.matmul`, `linalg.batch_matmul` and their
    `_transpose_a`/`_transpose_b` forms on memrefs whose rows are
    contiguous into library calls. target=cpu: `cblas_sgemm`/`cblas_dgemm`
    (OpenBLAS, f32/f64), one per batch element. target=cuda:
    `genc_rt_cuda_gemm` (the runtime's cuBLAS, cublasGemmStridedBatchedEx;
    f32, f64, f16, bf16 with f32 accumulation), one per matmul. A zero
    fill of the output right before is folded into beta = 0. Matmuls the
    library cannot take (other element types, non-unit inner strides) are
    left for code generation.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::func::FuncDialect",
    "::mlir::LLVM::LLVMDialect", "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect",
  ];
  let options = [
    Option<"minFlops", "min-flops", "int64_t", /*default=*/"4096",
           "smallest matmul (2*M*N*K flops per batch element) worth a library call">,
    Option<"target", "target", "std::string", /*default=*/"\"cpu\"",
           "cpu (CBLAS), cuda (cuBLAS through the runtime) or cuda-tf32 "
           "(f32 products may use TF32 tensor cores)">,
  ];
}

def GencCpuRegisterGemmPass : Pass<"genc-cpu-register-gemm", "ModuleOp"> {
  let summary = "register-tiled kernels for matmuls with narrow outputs and long reductions";
  let description = [{
    Rewrites buffer-level matmuls whose output rows fit in one or two
    vector registers, with A given transposed ([K, M], e.g. a kernel
    gradient X^T dY), into calls of generated kernels (private functions
    tagged `genc.kernel`) that keep a block of output rows in registers
    while K streams by: `vector.fma` of a broadcast A element and a row of
    B, the row's tail masked. BLAS packs both operands on every call, which
    for these shapes costs as much as the arithmetic. Several register
    blocks re-read B: K then goes in chunks whose slice of B stays in L1.
    Other matmuls are left for genc-cpu-library-calls. `vector-bits` is the
    target's register width (512 for AVX-512, 256 for AVX2; 0 disables the
    pass): the pipeline takes it from the host CPU.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::func::FuncDialect",
    "::mlir::memref::MemRefDialect", "::mlir::scf::SCFDialect",
    "::mlir::vector::VectorDialect",
  ];
  let options = [
    Option<"vectorBits", "vector-bits", "int64_t", /*default=*/"0",
           "vector register width in bits (512: AVX-512, 256: AVX2; 0: off)">,
  ];
}

def GencCpuEntryPointsPass : Pass<"genc-cpu-entry-points", "ModuleOp"> {
  let summary = "add the artifact ABI: genc_invoke_* wrappers and metadata";
  let description = [{
    Runs on the LLVM dialect. For every public function recorded in the
    `genc.signatures` module attribute, adds `void genc_invoke_NAME(void**)`
    which unpacks one data pointer per input and output into the function's
    memref arguments, and `const char *genc_artifact_metadata(void)` which
    returns the artifact description (runtime/README.md has the format).
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

def GencRecordSignaturesPass : Pass<"genc-record-signatures", "ModuleOp"> {
  let summary = "record the entry points' tensor signatures on the module";
  let description = [{
    Checks that every public function with a body takes and returns
    statically shaped tensors of supported element types (f16, bf16, f32,
    f64, i1, i8, i32, i64), and records their signatures in the
    `genc.signatures` module attribute, which later phases turn into the
    artifact metadata. Fails with a diagnostic at the function otherwise.
  }];
}

def GencCpuApproximateMathPass : Pass<"genc-cpu-approximate-math"> {
  let summary = "replace f32 transcendental math ops by polynomials";
  let description = [{
    Rewrites math.tanh, exp, log, log1p, expm1, sin, cos, erf, rsqrt... on
    f32 (scalar or vector) into inlined polynomial approximations (the
    upstream ones, accurate to a few ulp), so loops containing them
    vectorize; f64 ops are left for libm.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::vector::VectorDialect"];
}

def GencCpuExpandCopiesPass : Pass<"genc-cpu-expand-copies"> {
  let summary = "turn strided memref.copy into linalg.copy loops";
  let description = [{
    `memref.copy` between buffers that are not both contiguous would lower
    to a call of MLIR's C runner library (`memrefCopy`), which artifacts
    must not depend on. This rewrites such copies into `linalg.copy`, which
    becomes plain loops; contiguous copies stay and become `memcpy`.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def GencCpuPlanBuffersPass : Pass<"genc-cpu-plan-buffers", "::mlir::func::FuncOp"> {
  let summary = "place a function's temporary buffers in one reused arena";
  let description = [{
    The buffer plan: statically shaped `memref.alloc`s in a function's entry
    block that are freed in the same block become `memref.view`s into one
    64-byte-aligned arena allocated once per call. Each buffer is live from
    its allocation to its last use (through any view-like alias); buffers
    whose lifetimes do not overlap share memory (greedy first fit, largest
    first). Any memref an op derives from a buffer counts as an alias. It
    runs after expand-strided-metadata (in MLIR 19 that pass drops the byte
    shift of `memref.view`). The function gets a `genc.arena_bytes`
    attribute with the
    arena's size and `genc.planned_bytes` with what separate allocations
    would have taken.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::memref::MemRefDialect"];
}

def GencUntieEmptyTensorsPass : Pass<"genc-untie-empty-tensors", "::mlir::func::FuncOp"> {
  let summary = "one tensor.empty per use, right before it";
  let description = [{
    CSE merges identical `tensor.empty` ops, so the destinations of several
    ops (e.g. the phases of a transposed convolution, each written into a
    strided view of one result by `tensor.insert_slice`) become one value
    that empty-tensor elimination cannot replace by each insert's view.
    This gives every use its own `tensor.empty`, placed before the user;
    `eliminate-empty-tensors` then makes such ops write in place.
  }];
  let dependentDialects = ["::mlir::tensor::TensorDialect"];
}

def GencCopyAliasedResultsPass : Pass<"genc-copy-aliased-results", "::mlir::func::FuncOp"> {
  let summary = "give every returned tensor its own buffer";
  let description = [{
    A function that returns one of its arguments, or the same value twice,
    would need two out-params aliasing one buffer after
    buffer-results-to-out-params. This inserts a `linalg.copy` into a fresh
    tensor for every returned block argument and every repeated result, so
    each result is computed into its own caller-provided output. It also
    marks a public function's tensor arguments `bufferization.writable =
    false`: they are the caller's buffers, never updated in place.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect"];
}

def GencCpuMangleSymbolsPass : Pass<"genc-cpu-mangle-symbols", "ModuleOp"> {
  let summary = "prefix the module's functions with genc_fn_";
  let description = [{
    Renames every function with a body to `genc_fn_<name>` (uses updated),
    so a user function named like a C library symbol (`sin`, `malloc`,
    `cblas_sgemm`) can never capture calls that later lowerings emit to the
    real one. The artifact ABI keeps the user's names
    (`genc_invoke_<name>`).
  }];
}

def GencAutodiffPass : Pass<"genc-autodiff", "ModuleOp"> {
  let summary = "expand genc.grad/value_and_grad/vjp/jvp into generated adjoint functions";
  let description = [{
    Rewrites `genc.grad`/`genc.value_and_grad` into `genc.vjp` (cotangent 1
    for the loss, 0 for auxiliary results) and `genc.jvp` into nested
    `genc.vjp`s (the VJP of the linear map u -> J^T u). Then replaces every
    `genc.vjp @f` by a call of a generated private function
    `@f__vjp_<argnums>`: the forward sweep (f's body; calls inlined, except
    functions with a `genc.custom_vjp`/`genc.custom_jvp` rule or a
    `genc.checkpoint` policy) and the adjoint sweep, in which each op's
    `GradOpInterface::buildVjp` rule maps its results' cotangents to its
    operands'. `genc.if` gets a mirrored `genc.if`; a `genc.while` with a
    static trip count is taped and reversed by a second loop; a
    data-dependent trip count is a diagnostic. Ops that no differentiated
    argument reaches get no adjoint; zero cotangents are not materialized.
    A vjp waits while a function it reaches still contains transform ops
    (grad of grad; genc-vmap runs in between). Fails with a diagnostic at
    an op that has no rule. docs/AUTODIFF.md has the details.
  }];
  let dependentDialects = ["::mlir::func::FuncDialect"];
}

def GencVmapPass : Pass<"genc-vmap", "ModuleOp"> {
  let summary = "expand genc.vmap into generated batched functions";
  let description = [{
    Replaces every `genc.vmap @f` by a call of a generated private function
    `@f__vmap_<mask>_<n>` whose arguments and results carry the batch as
    their leading dimension (batch axes elsewhere are transposed in and
    out). Ops whose operands are all unbatched are cloned; calls are batched
    recursively; every other op goes through its `BatchingOpInterface`
    rule, after its batched operands' batch dimensions are moved to 0.
    A vmap whose callee still contains transform ops (genc.vjp, genc.jvp,
    genc.vmap) waits for genc-autodiff, so vmap of grad and grad of vmap
    both work; the pipeline alternates the two passes. Fails with a
    diagnostic at an op without a batching rule.
  }];
  let dependentDialects = ["::mlir::func::FuncDialect"];
}

def GencShardPass : Pass<"genc-shard", "ModuleOp"> {
  let summary = "expand genc.shard_map into SPMD code over the mesh's devices";
  let description = [{
    Replaces every `genc.shard_map @f` by code every device runs: slices of
    the arguments by their partition specs (offsets from
    `genc.device_index`), a call of a copy of `@f` in which collectives'
    mesh axes become replica groups and `genc.axis_index` becomes
    device-index arithmetic, and `genc.all_gather` of the results along
    their split dimensions. Public functions that reach a shard_map get
    `genc.devices = N` (the artifact's device count). Runs after
    genc-autodiff and genc-vmap, so a shard_map body may hold grad and
    vmap; a shard_map nested in another's body is rejected.
  }];
  let dependentDialects = ["::mlir::func::FuncDialect"];
}

def GencAutoShardPass : Pass<"genc-auto-shard", "ModuleOp"> {
  let summary = "partition functions whose arguments carry shardings";
  let description = [{
    For a public function with `genc.mesh_axes` / `genc.mesh_shape` and
    `genc.sharding` partition specs on arguments (and optionally results),
    propagates shardings forward through the ops' ShardingOpInterface rules
    (dot_general, reduce, broadcast_in_dim, transpose), the generic
    elementwise rule, or by gathering the operands, inserting the
    collectives that complete each op (e.g. an all_reduce over the axes a
    contraction splits), and turns the function into a genc.shard_map of
    the per-device body (expanded by genc-shard). With `report`, every
    inserted collective gets a remark with its mesh axes and the bytes each
    device receives.
  }];
  let dependentDialects = ["::mlir::func::FuncDialect"];
  let options = [
    Option<"report", "report", "bool", /*default=*/"false",
           "emit a remark for every collective the partitioning inserts">,
  ];
}

def GencCudaTileParallelLoopsPass : Pass<"genc-cuda-tile-parallel-loops"> {
  let summary = "split parallel loop nests into blocks and threads";
  let description = [{
    Tiles every outermost scf.parallel with constant bounds by sizes that
    divide its trip counts (up to 256 iterations per tile, innermost
    dimension first), so that gpu-map-parallel-loops maps the tile loop to
    the grid and the loop inside to the threads of a block.
  }];
  let dependentDialects = ["::mlir::scf::SCFDialect",
                           "::mlir::arith::ArithDialect"];
}

def GencCudaParallelOuterPass : Pass<"genc-cuda-parallel-outer"> {
  let summary = "put a linalg op's parallel dimensions outermost";
  let description = [{
    A linalg op on buffers whose reduction dimensions come before parallel
    ones (a reduction over the leading dimensions, e.g. a bias gradient
    [N, C] -> [C]) becomes an scf.for over the reduction around an
    scf.parallel: one kernel launch per reduction step. The op is
    generalized and its iterators interchanged, parallel ones first (in
    order), so it becomes one kernel whose threads each loop over their
    reduction.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def GencCudaFastMathPass : Pass<"genc-cuda-fast-math", "ModuleOp"> {
  let summary = "fast-math flags on the kernels' floating-point arithmetic";
  let description = [{
    CUDA's fast-math policy (`--fast-math`), on the kernels in the LLVM
    dialect: `fast` flags on floating-point ops, and unsafe/approximate FP
    math and f32 denormals flushed to zero on each kernel function, which
    the NVPTX backend turns into div.approx, sqrt.approx and .ftz forms
    (libdevice's functions get ftz from the NVVM target's flag).
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

def GencCudaMergeKernelsPass : Pass<"genc-cuda-merge-kernels", "ModuleOp"> {
  let summary = "move every outlined kernel into one gpu.module";
  let description = [{
    gpu-kernel-outlining gives each kernel its own gpu.module; genc ships a
    program's kernels as one PTX/cubin, so they move into the first module
    (renamed on a clash) and every gpu.launch_func follows.
  }];
  let dependentDialects = ["::mlir::gpu::GPUDialect"];
}

def GencCudaHostMemoryPass : Pass<"genc-cuda-host-memory", "ModuleOp"> {
  let summary = "put the host code's buffers on the CUDA device";
  let description = [{
    After kernel outlining (the module's func.func ops are host code):
    memref.alloc/dealloc become stream-ordered gpu.alloc/gpu.dealloc of
    device memory (the runtime's caching pool); the host code never
    dereferences device memory: each memref.load/store it does (scalar
    control flow and rank-0 arithmetic) goes through a host temporary and
    a copy (`genc_rt_cuda_copy`, synchronous), each remaining memref.copy
    is one device copy, and each memref.get_global (constants, host
    memory) is uploaded into a device buffer freed at the function's
    returns. Marks the module `genc.target = "cuda"` (the artifact
    metadata's `target cuda`).
  }];
  let dependentDialects = ["::mlir::gpu::GPUDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::func::FuncDialect"];
}

def GencCudaEmbedKernelsPass : Pass<"genc-cuda-embed-kernels", "ModuleOp"> {
  let summary = "embed each gpu.binary's kernels as a cubin with PTX fallback";
  let description = [{
    Replaces the PTX object of every gpu.binary by genc's kernel container
    (magic `GENC-CUDA-FAT1`, then the cubin that ptxas makes for the
    object's target chip and the PTX, each prefixed by its u64 size), as a
    `bin` object: the runtime loads the cubin, or has the driver compile
    the PTX for a GPU of another architecture. Without ptxas the container
    carries the PTX alone (with a warning).
  }];
  let dependentDialects = ["::mlir::gpu::GPUDialect"];
}

def GencCpuCollectivesPass : Pass<"genc-cpu-collectives", "ModuleOp"> {
  let summary = "lower genc collectives and device_index to runtime calls";
  let description = [{
    Rewrites `genc.all_reduce`, `genc.all_gather`, `genc.reduce_scatter`,
    `genc.all_to_all`, `genc.collective_permute` (with replica groups or
    device pairs) and `genc.device_index` into calls of the runtime's
    `genc_rt_*` functions (runtime/include/genc/runtime/genc_collectives.h)
    on buffers. Operands are first brought into the runtime's canonical
    layout (the group dimension leading) with genc.transpose/reshape; the
    group tables and a description of the op and its location are
    constant globals. A collective that still names mesh axes (outside a
    shard_map) is an error.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::func::FuncDialect",
    "::mlir::LLVM::LLVMDialect", "::mlir::memref::MemRefDialect",
    "::mlir::bufferization::BufferizationDialect",
  ];
}

def GencFuseElementwisePass : Pass<"genc-fuse-elementwise"> {
  let summary = "fuse elementwise linalg.generic producers into consumers";
  let description = [{
    Upstream elementwise fusion and reshape propagation, restricted to
    `linalg.generic` ops: named contractions (matmul, batch_matmul and their
    transposed forms) are never rewritten into generics, so the CPU pipeline
    can still hand them to BLAS.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect"];
}

#endif // GENC_COMPILER_PASSES_TD

def GencCpuProfilePass : Pass<"genc-cpu-profile", "ModuleOp"> {
  let summary = "time every kernel of buffer-level code (--profile)";
  let description = [{
    Brackets every kernel — a structured linalg op (one fused loop nest), a
    copy, or a call of an external library function such as CBLAS — with
    calls of `genc_rt_profile_enter/exit(label)`
    (runtime/include/genc/runtime/genc_profile.h); `label` is a constant
    string with the kernel's kind, output shape and source location, e.g.
    `linalg.generic 64x16x16x64xf32 (3 ops) at model.cpp:57:9`. The runtime
    sums the time per label and prints a table. Runs on bufferized code,
    before linalg becomes loops.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::func::FuncDialect",
    "::mlir::LLVM::LLVMDialect", "::mlir::memref::MemRefDialect",
  ];
}

def GencCpuCheckNumericsPass : Pass<"genc-cpu-check-numerics", "ModuleOp"> {
  let summary = "check every kernel's floating-point outputs for NaN/Inf";
  let description = [{
    After every kernel of buffer-level code (a structured linalg op or a
    copy), calls `genc_rt_check_numerics(label, data, count, dtype)`
    (runtime/include/genc/runtime/genc_numerics.h) on each contiguous
    floating-point output buffer. The runtime makes the first NaN or Inf of
    a call that call's error, with the kernel's label: kind, shape, the genc
    ops it came from and their source location. Runs on bufferized code
    before CBLAS calls replace matmuls (genc compile/run --check-numerics).
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::func::FuncDialect",
    "::mlir::LLVM::LLVMDialect", "::mlir::memref::MemRefDialect",
  ];
}

//===- LibraryCalls.cpp - the genc-cpu-library-calls pass -----------------===//
//
// Hands buffer-level matmuls to the vendor BLAS, the state of the art for
// dense GEMM, as XLA does: CBLAS (OpenBLAS) on the CPU, cuBLAS for CUDA
// (through the runtime's genc_rt_cuda_gemm, one strided-batched call per
// matmul). A zero fill of the output right before the matmul is folded
// into beta = 0.
//
//===----------------------------------------------------------------------===//

#include "compiler/Codegen/BufferAddress.h"
#include "compiler/Codegen/CPU/Matmuls.h"
#include "compiler/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/Matchers.h"

namespace mlir::genc {
#define GEN_PASS_DEF_GENCCPULIBRARYCALLSPASS
#include "compiler/Passes.h.inc"
} // namespace mlir::genc

using namespace mlir;

namespace {

constexpr int32_t kCblasRowMajor = 101;
constexpr int32_t kCblasNoTrans = 111;
constexpr int32_t kCblasTrans = 112;

func::FuncOp getOrDeclareGemm(ModuleOp module, Type et) {
  StringRef name = et.isF32() ? "cblas_sgemm" : "cblas_dgemm";
  if (auto fn = module.lookupSymbol<func::FuncOp>(name))
    return fn;
  MLIRContext *ctx = module.getContext();
  OpBuilder b(ctx);
  b.setInsertionPointToStart(module.getBody());
  Type i32 = b.getI32Type();
  Type ptr = LLVM::LLVMPointerType::get(ctx);
  auto type = b.getFunctionType(
      {i32, i32, i32, i32, i32, i32, et, ptr, i32, ptr, i32, et, ptr, i32}, {});
  auto fn = b.create<func::FuncOp>(module.getLoc(), name, type);
  fn.setPrivate();
  return fn;
}

struct Operand {
  Value base;   // aligned pointer + offset, as index
  Value stride0; // row stride (elements) of the 2-D matrix, as index
  Value batchStride;
};

/// Pointer-as-index, leading stride and batch stride of a 2-D or 3-D memref.
Operand describe(OpBuilder &b, Location loc, Value memref) {
  auto type = cast<MemRefType>(memref.getType());
  auto meta = b.create<memref::ExtractStridedMetadataOp>(loc, memref);
  Operand o;
  o.base = genc::elementAddress(b, loc, memref);
  int64_t rank = type.getRank();
  o.stride0 = meta.getStrides()[rank - 2];
  o.batchStride = rank == 3 ? meta.getStrides()[0] : Value();
  return o;
}

Value toPtr(OpBuilder &b, Location loc, Value index) {
  Value i64 = b.create<arith::IndexCastOp>(loc, b.getI64Type(), index);
  return b.create<LLVM::IntToPtrOp>(loc, LLVM::LLVMPointerType::get(b.getContext()),
                                    i64);
}

Value toI32(OpBuilder &b, Location loc, Value index) {
  return b.create<arith::IndexCastOp>(loc, b.getI32Type(), index);
}

/// genc_rt_cuda_gemm(dtype, transA, transB, M, N, K, A, lda, strideA, B,
/// ldb, strideB, beta, C, ldc, strideC, batch): row-major operands,
/// addresses and strides as i64 (runtime/src/CudaBlas.cpp).
void emitCudaGemm(ModuleOp module, OpBuilder &b, Location loc, Type et,
                  bool tf32, bool transA, bool transB, int64_t M, int64_t N, int64_t K,
                  int64_t batch, const Operand &A, const Operand &Bo,
                  const Operand &C, double beta) {
  constexpr llvm::StringLiteral kName = "genc_rt_cuda_gemm";
  Type i32 = b.getI32Type(), i64 = b.getI64Type(), f64 = b.getF64Type();
  if (!module.lookupSymbol(kName)) {
    OpBuilder mb(module.getContext());
    mb.setInsertionPointToStart(module.getBody());
    auto fn = mb.create<func::FuncOp>(
        loc, kName,
        mb.getFunctionType({i32, i32, i32, i64, i64, i64, i64, i64, i64, i64,
                            i64, i64, f64, i64, i64, i64, i64},
                           {}));
    fn.setPrivate();
  }
  auto c32 = [&](int64_t v) -> Value {
    return b.create<arith::ConstantIntOp>(loc, v, 32);
  };
  auto c64 = [&](int64_t v) -> Value {
    return b.create<arith::ConstantIntOp>(loc, v, 64);
  };
  auto idx = [&](Value v) -> Value {
    return v ? b.create<arith::IndexCastOp>(loc, i64, v).getResult() : c64(0);
  };
  // 0 f32, 1 f64, 2 f16, 3 bf16, 4 f32 computed on TF32 tensor cores.
  int dtype = et.isF32() ? (tf32 ? 4 : 0) : et.isF64() ? 1 : et.isF16() ? 2 : 3;
  b.create<func::CallOp>(
      loc, kName, TypeRange{},
      ValueRange{c32(dtype), c32(transA), c32(transB), c64(M), c64(N), c64(K),
                 idx(A.base), idx(A.stride0), idx(A.batchStride),
                 idx(Bo.base), idx(Bo.stride0), idx(Bo.batchStride),
                 b.create<arith::ConstantOp>(loc, f64, b.getF64FloatAttr(beta)),
                 idx(C.base), idx(C.stride0), idx(C.batchStride), c64(batch)});
}

struct GencCpuLibraryCallsPass
    : public genc::impl::GencCpuLibraryCallsPassBase<GencCpuLibraryCallsPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    for (auto [op, shape] : genc::collectMatmuls(module))
      rewrite(module, op, shape);
  }

  void rewrite(ModuleOp module, linalg::LinalgOp op,
               const genc::MatmulShape &shape) {
    Value a = op.getDpsInputs()[0], bm = op.getDpsInputs()[1],
          c = op.getDpsInits()[0];
    auto aT = cast<MemRefType>(a.getType());
    Type et = cast<MemRefType>(c.getType()).getElementType();
    bool cuda = target == "cuda" || target == "cuda-tf32";
    bool supported = et.isF32() || et.isF64() ||
                     (cuda && (et.isF16() || et.isBF16()));
    if (!supported)
      return;
    bool batched = shape.batched, transA = shape.transA,
         transB = shape.transB;
    int64_t r = batched ? 1 : 0;
    int64_t M = shape.M, N = shape.N, K = shape.K, B = shape.batch;
    // Per call: a batched matmul is one sgemm call per batch element, so
    // tiny per-example products (vmap'd outer products) stay as loops.
    if (M == 0 || N == 0 || K == 0 || 2 * M * N * K < minFlops)
      return;
    if (cuda && (aT.getDimSize(r) > INT32_MAX))
      return;
    if (M > INT32_MAX || N > INT32_MAX || K > INT32_MAX)
      return;

    OpBuilder b(op);
    Location loc = op.getLoc();
    // C := A*B + C. If C was just zero-filled, use beta = 0 and drop the fill.
    double beta = genc::foldZeroFillBefore(op, c);
    Operand A = describe(b, loc, a), Bo = describe(b, loc, bm),
            C = describe(b, loc, c);
    if (cuda) {
      emitCudaGemm(module, b, loc, et, target == "cuda-tf32", transA, transB,
                   M, N, K,
                   batched ? B : 1, A, Bo, C, beta);
      op->erase();
      return;
    }
    func::FuncOp gemm = getOrDeclareGemm(module, et);
    auto i32c = [&](int64_t v) -> Value {
      return b.create<arith::ConstantIntOp>(loc, v, 32);
    };
    auto fc = [&](double v) -> Value {
      return b.create<arith::ConstantOp>(loc, et, b.getFloatAttr(et, v));
    };
    auto emitCall = [&](OpBuilder &bb, Value aPtr, Value bPtr, Value cPtr) {
      bb.create<func::CallOp>(
          loc, gemm,
          ValueRange{i32c(kCblasRowMajor),
                     i32c(transA ? kCblasTrans : kCblasNoTrans),
                     i32c(transB ? kCblasTrans : kCblasNoTrans), i32c(M),
                     i32c(N), i32c(K), fc(1.0),
                     toPtr(bb, loc, aPtr), toI32(bb, loc, A.stride0),
                     toPtr(bb, loc, bPtr), toI32(bb, loc, Bo.stride0), fc(beta),
                     toPtr(bb, loc, cPtr), toI32(bb, loc, C.stride0)});
    };
    if (!batched) {
      emitCall(b, A.base, Bo.base, C.base);
    } else {
      int64_t bytes = et.getIntOrFloatBitWidth() / 8;
      Value zero = b.create<arith::ConstantIndexOp>(loc, 0);
      Value one = b.create<arith::ConstantIndexOp>(loc, 1);
      Value ub = b.create<arith::ConstantIndexOp>(loc, B);
      Value sz = b.create<arith::ConstantIndexOp>(loc, bytes);
      b.create<scf::ForOp>(
          loc, zero, ub, one, ValueRange{},
          [&](OpBuilder &lb, Location l, Value iv, ValueRange) {
            auto at = [&](const Operand &o) -> Value {
              Value off = lb.create<arith::MulIOp>(
                  l, lb.create<arith::MulIOp>(l, iv, o.batchStride), sz);
              return lb.create<arith::AddIOp>(l, o.base, off);
            };
            emitCall(lb, at(A), at(Bo), at(C));
            lb.create<scf::YieldOp>(l);
          });
    }
    op->erase();
  }
};

} // namespace

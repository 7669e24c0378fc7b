//===- RegisterGemm.cpp - the genc-cpu-register-gemm pass -----------------===//
//
// GEMMs with a narrow output row (N up to two vector registers) whose whole
// output block stays in registers while K streams by: the kernel gradient of
// a network's first convolution (27 x 16 outputs summed over 16,384 pixels)
// or of a dense layer (8192 x 10 over a batch of 16). BLAS packs both
// operands for every call, which for these shapes costs as much as the
// arithmetic (OpenBLAS: 30-60 GFLOP/s against 100 for square products on
// the same core, docs/PERFORMANCE.md). Here each such matmul becomes a call
// of a generated kernel:
//
//   for each block of R rows of C:         (R*V accumulators, V = ceil(N/L))
//     acc = 0 (or C)
//     for k < K:  b = B[k, 0:N]  (V vector loads, the last one masked)
//                 acc[i] += broadcast(A[m+i, k]) * b    for i < R
//     C[m:m+R, 0:N] = acc
//
// with L lanes per register and R*V + V + 1 <= the register file (32 zmm
// with AVX-512, 16 ymm with AVX2). B must be [K, N] (its rows contiguous);
// A either [K, M] (transposed, a kernel gradient: the loads stream) or
// [M, K] with short rows (at most 4 KiB: a convolution's im2col rows). When several blocks re-read B and its K x N panel would not
// stay in L1, K goes in chunks whose slice of B does, the accumulators
// passing through C (in L1) between chunks. Measured on one Zen 4 core
// (docs/PERFORMANCE.md): 110-116 GFLOP/s for these shapes against
// OpenBLAS's 60-88.
//
//===----------------------------------------------------------------------===//

#include "compiler/Codegen/CPU/Kernels.h"
#include "compiler/Codegen/CPU/Matmuls.h"
#include "compiler/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "llvm/ADT/StringMap.h"

namespace mlir::genc {
#define GEN_PASS_DEF_GENCCPUREGISTERGEMMPASS
#include "compiler/Passes.h.inc"
} // namespace mlir::genc

using namespace mlir;

namespace {

// Data cache sizes per core assumed (x86 since Skylake/Zen 2: 32 KiB L1D,
// at least 512 KiB L2).
constexpr int64_t kL1Bytes = 32 * 1024;
constexpr int64_t kL2Bytes = 512 * 1024;
// Operands larger than this come from memory, not cache.
constexpr int64_t kStreamedBytes = 4 * 1024 * 1024;

struct Plan {
  int64_t lanes = 0;   // elements per vector register
  int64_t vectors = 0; // vector registers per output row
  int64_t rows = 0;    // output rows per register block
  int64_t kChunk = 0;  // K per pass over the blocks (0: all of K at once)
};

/// The register tiling for `s` with `vectorBits`-wide registers, if these
/// kernels beat BLAS for it.
std::optional<Plan> planFor(const genc::MatmulShape &s, Type et,
                            int64_t vectorBits) {
  if (vectorBits < 256 || !(et.isF32() || et.isF64()) ||
      s.transB || s.M == 0 || s.N == 0 || s.K == 0)
    return std::nullopt;
  int64_t bits = et.getIntOrFloatBitWidth();
  // A as [M, K]: a block reads `rows` rows of A side by side, which must be
  // short (an im2col row: taps x channels) -- rows of 16 KiB and more alias
  // in the L1 cache's sets (measured: 64x16x4096 2.2x slower than BLAS).
  if (!s.transA && s.K * bits / 8 > 4096)
    return std::nullopt;
  Plan p;
  p.lanes = vectorBits / bits;
  p.vectors = llvm::divideCeil(s.N, p.lanes);
  // At most two registers per row, at least half their lanes used.
  if (p.vectors > 2 || 2 * s.N < p.vectors * p.lanes)
    return std::nullopt;
  // A streamed from memory rather than cache (an im2col matrix over every
  // pixel of a batch): the block's rows are separate streams that only
  // BLAS's packing reads well, unless a row block is 30 rows of one
  // register and A transposed (measured on the DDPM U-Net's step: with A
  // of 9-38 MiB the generated kernels ran 1.1-1.7x slower than OpenBLAS,
  // except X^T dY with N <= 16).
  int64_t aBytes = s.M * s.K * bits / 8;
  if (aBytes > kStreamedBytes && (!s.transA || p.vectors > 1))
    return std::nullopt;
  int64_t registers = vectorBits >= 512 ? 32 : 16;
  int64_t maxRows = (registers - p.vectors - 1) / p.vectors;
  int64_t blocks = llvm::divideCeil(s.M, maxRows);
  p.rows = llvm::divideCeil(s.M, blocks);
  // Enough independent accumulators to hide the FMA latency (4 cycles,
  // 2 per cycle).
  if (p.rows * p.vectors < 8)
    return std::nullopt;
  // Several blocks re-read B. A panel (K x N) in half the L1 cache: as it
  // is. Else, when C is small (a kernel gradient: taps x channels), K in
  // chunks whose slice of B fits there, the accumulators passing through C
  // between chunks; when C is large (a forward product over every pixel)
  // that would stream C through memory once per chunk (measured: the DDPM
  // U-Net's 32768x32x144 went 1.7x slower than BLAS), so the panel is read
  // from L2 instead, if it fits half of it.
  int64_t rowBytes = s.N * bits / 8;
  int64_t panelBytes = s.K * rowBytes, cBytes = s.M * rowBytes;
  if (blocks > 1 && panelBytes > kL1Bytes / 2) {
    if (cBytes <= kL2Bytes / 4)
      p.kChunk = std::max<int64_t>(kL1Bytes / 2 / rowBytes, 1);
    else if (panelBytes > kL2Bytes / 2)
      return std::nullopt;
  }
  return p;
}

class KernelBuilder {
public:
  KernelBuilder(OpBuilder &b, Location loc, const genc::MatmulShape &s,
                const Plan &p, Type et, double beta, Value A, Value B, Value C)
      : b(b), loc(loc), s(s), p(p), et(et), beta(beta), A(A), B(B), C(C),
        entry(b.getInsertionBlock()) {
    vecType = VectorType::get({p.lanes}, et);
    int64_t tail = s.N - (p.vectors - 1) * p.lanes;
    if (tail < p.lanes)
      tailMask = b.create<vector::ConstantMaskOp>(
          loc, VectorType::get({p.lanes}, b.getI1Type()),
          b.getI64ArrayAttr({tail}));
    zero = b.create<arith::ConstantOp>(
        loc, vecType, DenseElementsAttr::get(vecType, b.getFloatAttr(et, 0.0)));
  }

  /// The whole product, for batch element `batch` (null: not batched).
  /// Built in the kernel's entry block or a loop nested in it.
  void build(Value batch) {
    this->batch = batch;
    if (p.kChunk == 0) {
      forEachBlock([&](Value m0, int64_t rows) {
        block(m0, rows, index(0), s.K, /*loadC=*/beta != 0.0);
      });
      return;
    }
    // K in chunks whose slice of B stays in L1 while every block of rows
    // re-reads it; the accumulators go through C (L1) between chunks.
    if (beta == 0.0)
      loop(0, s.M, 1, [&](Value m) {
        for (int64_t j = 0; j < p.vectors; ++j)
          storeVector(zero, m, j);
      });
    auto chunk = [&](Value k0, int64_t len) {
      forEachBlock([&](Value m0, int64_t rows) {
        block(m0, rows, k0, len, /*loadC=*/true);
      });
    };
    int64_t full = s.K / p.kChunk, rest = s.K % p.kChunk;
    loop(0, full * p.kChunk, p.kChunk, [&](Value k0) { chunk(k0, p.kChunk); });
    if (rest)
      chunk(index(full * p.kChunk), rest);
  }

private:
  /// Index constants, one per value, at the start of the kernel.
  Value index(int64_t v) {
    Value &c = constants[v];
    if (!c) {
      OpBuilder atEntry = OpBuilder::atBlockBegin(entry);
      c = atEntry.create<arith::ConstantIndexOp>(loc, v);
    }
    return c;
  }

  SmallVector<Value> at(ArrayRef<Value> idx) {
    SmallVector<Value> out;
    if (batch)
      out.push_back(batch);
    llvm::append_range(out, idx);
    return out;
  }

  Value mask(int64_t j) {
    return j == p.vectors - 1 ? tailMask : Value();
  }

  Value loadVector(Value memref, Value row, int64_t j) {
    SmallVector<Value> idx = at({row, index(j * p.lanes)});
    if (Value m = mask(j))
      return b.create<vector::MaskedLoadOp>(loc, vecType, memref, idx, m, zero);
    return b.create<vector::LoadOp>(loc, vecType, memref, idx);
  }

  void storeVector(Value v, Value row, int64_t j) {
    SmallVector<Value> idx = at({row, index(j * p.lanes)});
    if (Value m = mask(j))
      b.create<vector::MaskedStoreOp>(loc, C, idx, m, v);
    else
      b.create<vector::StoreOp>(loc, v, C, idx);
  }

  /// `body(iv)` for iv = lo, lo + step, ... < hi (inline when one trip).
  void loop(int64_t lo, int64_t hi, int64_t step,
            llvm::function_ref<void(Value)> body) {
    if (hi - lo <= 0)
      return;
    if (hi - lo <= step) {
      body(index(lo));
      return;
    }
    b.create<scf::ForOp>(loc, index(lo), index(hi), index(step), ValueRange{},
                         [&](OpBuilder &, Location, Value iv, ValueRange) {
                           body(iv);
                           b.create<scf::YieldOp>(loc);
                         });
  }

  /// `body(m0, rows)` for the register blocks of rows of C: full blocks of
  /// p.rows, then the rest.
  void forEachBlock(llvm::function_ref<void(Value, int64_t)> body) {
    int64_t full = s.M / p.rows, rest = s.M % p.rows;
    loop(0, full * p.rows, p.rows, [&](Value m0) { body(m0, p.rows); });
    if (rest)
      body(index(full * p.rows), rest);
  }

  /// Rows [m0, m0 + rows) of C plus (or, without loadC, set to) the
  /// products over k in [k0, k0 + len), accumulated in registers.
  void block(Value m0, int64_t rows, Value k0, int64_t len, bool loadC) {
    SmallVector<Value> rowIndex;
    for (int64_t i = 0; i < rows; ++i)
      rowIndex.push_back(
          i == 0 ? m0 : b.create<arith::AddIOp>(loc, m0, index(i)).getResult());
    SmallVector<Value> init;
    for (int64_t i = 0; i < rows; ++i)
      for (int64_t j = 0; j < p.vectors; ++j)
        init.push_back(loadC ? loadVector(C, rowIndex[i], j) : zero);
    Value k1 = b.createOrFold<arith::AddIOp>(loc, k0, index(len));
    auto kLoop = b.create<scf::ForOp>(
        loc, k0, k1, index(1), init,
        // The body builder is `b` itself, at the loop body (as in loop()).
        [&](OpBuilder &, Location, Value k, ValueRange acc) {
          SmallVector<Value> bv;
          for (int64_t j = 0; j < p.vectors; ++j)
            bv.push_back(loadVector(B, k, j));
          SmallVector<Value> next;
          for (int64_t i = 0; i < rows; ++i) {
            // A[k, m0 + i] of A as [K, M], A[m0 + i, k] of A as [M, K].
            Value a = b.create<memref::LoadOp>(
                loc, A, s.transA ? at({k, rowIndex[i]}) : at({rowIndex[i], k}));
            Value splat = b.create<vector::BroadcastOp>(loc, vecType, a);
            for (int64_t j = 0; j < p.vectors; ++j)
              next.push_back(b.create<vector::FMAOp>(
                  loc, splat, bv[j], acc[i * p.vectors + j]));
          }
          b.create<scf::YieldOp>(loc, next);
        });
    for (int64_t i = 0; i < rows; ++i)
      for (int64_t j = 0; j < p.vectors; ++j)
        storeVector(kLoop.getResult(i * p.vectors + j), rowIndex[i], j);
  }

  OpBuilder &b;
  Location loc;
  const genc::MatmulShape &s;
  const Plan &p;
  Type et;
  double beta;
  Value A, B, C, batch;
  VectorType vecType;
  Value tailMask, zero;
  Block *entry; // the kernel's entry block
  llvm::DenseMap<int64_t, Value> constants;
};

struct GencCpuRegisterGemmPass
    : public genc::impl::GencCpuRegisterGemmPassBase<GencCpuRegisterGemmPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    for (auto [op, shape] : genc::collectMatmuls(module))
      rewrite(module, op, shape);
  }

  void rewrite(ModuleOp module, linalg::LinalgOp op,
               const genc::MatmulShape &s) {
    Value a = op.getDpsInputs()[0], bm = op.getDpsInputs()[1],
          c = op.getDpsInits()[0];
    Type et = cast<MemRefType>(c.getType()).getElementType();
    std::optional<Plan> plan = planFor(s, et, vectorBits);
    if (!plan)
      return;
    double beta = genc::foldZeroFillBefore(op, c);
    // One kernel per signature (operand types, beta): a private function
    // that genc-cpu-profile and check-numerics see as one kernel.
    std::string label = "gemm (registers) " + std::to_string(s.M) + "x" +
                        std::to_string(s.N) + "x" + std::to_string(s.K);
    std::string key;
    {
      llvm::raw_string_ostream os(key);
      os << a.getType() << "|" << bm.getType() << "|" << c.getType() << "|"
         << beta;
    }
    func::FuncOp &kernel = kernels[key];
    if (!kernel) {
      OpBuilder mb(module.getContext());
      mb.setInsertionPointToEnd(module.getBody());
      auto type = mb.getFunctionType(
          {a.getType(), bm.getType(), c.getType()}, {});
      kernel = mb.create<func::FuncOp>(
          op.getLoc(),
          "genc_register_gemm_" + std::to_string(kernels.size() - 1), type);
      kernel.setPrivate();
      kernel->setAttr(genc::kKernelAttr, mb.getStringAttr(label));
      Block *body = kernel.addEntryBlock();
      OpBuilder b = OpBuilder::atBlockBegin(body);
      Location loc = op.getLoc();
      KernelBuilder kb(b, loc, s, *plan, et, beta, body->getArgument(0),
                       body->getArgument(1), body->getArgument(2));
      if (!s.batched) {
        kb.build(Value());
      } else {
        Value zero = b.create<arith::ConstantIndexOp>(loc, 0);
        Value one = b.create<arith::ConstantIndexOp>(loc, 1);
        Value count = b.create<arith::ConstantIndexOp>(loc, s.batch);
        auto loop = b.create<scf::ForOp>(loc, zero, count, one);
        b.setInsertionPointToStart(loop.getBody());
        kb.build(loop.getInductionVar());
        b.setInsertionPointAfter(loop);
      }
      b.create<func::ReturnOp>(loc);
    }
    OpBuilder b(op);
    b.create<func::CallOp>(op.getLoc(), kernel, ValueRange{a, bm, c});
    op->erase();
  }

  llvm::StringMap<func::FuncOp> kernels;
};

} // namespace

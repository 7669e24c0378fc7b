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
// with AVX-512, 16 ymm with AVX2). Only A given as [K, M] (transposed;
// rows of A for consecutive k are contiguous, so every load streams) and B
// as [K, N]; only where the output fits one register block, or B's panel
// (K x N) stays in the L1 cache while the blocks re-read it.
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

struct Plan {
  int64_t lanes = 0;   // elements per vector register
  int64_t vectors = 0; // vector registers per output row
  int64_t rows = 0;    // output rows per register block
};

/// The register tiling for `s` with `vectorBits`-wide registers, if these
/// kernels beat BLAS for it.
std::optional<Plan> planFor(const genc::MatmulShape &s, Type et,
                            int64_t vectorBits) {
  if (vectorBits < 256 || !(et.isF32() || et.isF64()) || !s.transA ||
      s.transB || s.M == 0 || s.N == 0 || s.K == 0)
    return std::nullopt;
  int64_t bits = et.getIntOrFloatBitWidth();
  Plan p;
  p.lanes = vectorBits / bits;
  p.vectors = llvm::divideCeil(s.N, p.lanes);
  // At most two registers per row, at least half their lanes used.
  if (p.vectors > 2 || 2 * s.N < p.vectors * p.lanes)
    return std::nullopt;
  int64_t registers = vectorBits >= 512 ? 32 : 16;
  int64_t maxRows = (registers - p.vectors - 1) / p.vectors;
  int64_t blocks = llvm::divideCeil(s.M, maxRows);
  p.rows = llvm::divideCeil(s.M, blocks);
  // Enough independent accumulators to hide the FMA latency (4 cycles,
  // 2 per cycle).
  if (p.rows * p.vectors < 8)
    return std::nullopt;
  int64_t panelBytes = s.K * s.N * bits / 8;
  if (blocks > 1 && panelBytes > 16 * 1024)
    return std::nullopt;
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
    int64_t full = s.M / p.rows, rest = s.M % p.rows;
    if (full == 1) {
      block(index(0), p.rows);
    } else if (full > 1) {
      b.create<scf::ForOp>(
          loc, index(0), index(full * p.rows), index(p.rows), ValueRange{},
          [&](OpBuilder &lb, Location, Value m0, ValueRange) {
            OpBuilder::InsertionGuard guard(b);
            b.setInsertionPoint(lb.getInsertionBlock(),
                                lb.getInsertionPoint());
            block(m0, p.rows);
            b.create<scf::YieldOp>(loc);
          });
    }
    if (rest)
      block(index(full * p.rows), rest);
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

  /// Rows [m0, m0 + rows) of C, accumulated in registers over all of K.
  void block(Value m0, int64_t rows) {
    SmallVector<Value> rowIndex;
    for (int64_t i = 0; i < rows; ++i)
      rowIndex.push_back(
          i == 0 ? m0 : b.create<arith::AddIOp>(loc, m0, index(i)).getResult());
    SmallVector<Value> init;
    for (int64_t i = 0; i < rows; ++i)
      for (int64_t j = 0; j < p.vectors; ++j)
        init.push_back(beta == 0.0 ? zero : loadVector(C, rowIndex[i], j));
    auto loop = b.create<scf::ForOp>(
        loc, index(0), index(s.K), index(1), init,
        [&](OpBuilder &lb, Location, Value k, ValueRange acc) {
          OpBuilder::InsertionGuard guard(b);
          b.setInsertionPoint(lb.getInsertionBlock(), lb.getInsertionPoint());
          SmallVector<Value> bv;
          for (int64_t j = 0; j < p.vectors; ++j)
            bv.push_back(loadVector(B, k, j));
          SmallVector<Value> next;
          for (int64_t i = 0; i < rows; ++i) {
            // A is [K, M]: A[k, m0 + i].
            Value a = b.create<memref::LoadOp>(loc, A, at({k, rowIndex[i]}));
            Value splat = b.create<vector::BroadcastOp>(loc, vecType, a);
            for (int64_t j = 0; j < p.vectors; ++j)
              next.push_back(b.create<vector::FMAOp>(
                  loc, splat, bv[j], acc[i * p.vectors + j]));
          }
          b.create<scf::YieldOp>(loc, next);
        });
    for (int64_t i = 0; i < rows; ++i)
      for (int64_t j = 0; j < p.vectors; ++j)
        storeVector(loop.getResult(i * p.vectors + j), rowIndex[i], j);
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
    SmallVector<linalg::LinalgOp> candidates;
    module.walk([&](linalg::LinalgOp op) {
      if (genc::matchMatmul(op))
        candidates.push_back(op);
    });
    for (linalg::LinalgOp op : candidates)
      rewrite(module, op);
  }

  void rewrite(ModuleOp module, linalg::LinalgOp op) {
    genc::MatmulShape s = *genc::matchMatmul(op);
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

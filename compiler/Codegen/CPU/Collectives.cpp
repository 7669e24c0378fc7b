//===- Collectives.cpp - the genc-cpu-collectives pass --------------------===//
//
// Collectives become calls of the runtime (genc_rt_* in
// runtime/include/genc/runtime/genc_collectives.h), which moves the data
// between the devices of an SPMD call: threads in one process, or MPI
// ranks. The runtime works on a canonical layout, the group dimension
// leading; genc.transpose/reshape bring operands into it and results out
// of it, and the genc-to-linalg conversion that runs next lowers those.
// Buffers cross the call through bufferization.to_memref (read-only) and a
// fresh allocation wrapped by bufferization.to_tensor, which one-shot
// bufferization folds into the surrounding buffers.
//
//===----------------------------------------------------------------------===//

#include "compiler/Passes.h"
#include "compiler/Codegen/CPU/RuntimeCalls.h"

#include "dialects/genc/IR/GencDialect.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/IR/SymbolTable.h"

namespace mlir::genc {
#define GEN_PASS_DEF_GENCCPUCOLLECTIVESPASS
#include "compiler/Passes.h.inc"
} // namespace mlir::genc

using namespace mlir;
using namespace mlir::genc;

namespace {

RankedTensorType withShape(RankedTensorType t, ArrayRef<int64_t> shape) {
  return RankedTensorType::get(shape, t.getElementType());
}

struct Lowering : RuntimeCallBuilder {
  using RuntimeCallBuilder::RuntimeCallBuilder;

  Value i64(int64_t v) {
    return b.create<arith::ConstantIntOp>(loc, v, b.getI64Type());
  }
  Value i32(int64_t v) {
    return b.create<arith::ConstantIntOp>(loc, v, b.getI32Type());
  }

  /// Groups table pointer, count and width.
  SmallVector<Value> groups(DenseIntElementsAttr table) {
    auto shape = cast<ShapedType>(table.getType()).getShape();
    return {constant(table, "__genc_groups"), i64(shape[0]), i64(shape[1])};
  }

  /// Calls `fn(where, in, out, count, dtype, extra...)` with `in` the
  /// buffer of `input` and `out` a new buffer of type `outType`; returns
  /// `out` as a tensor.
  Value call(Operation *op, StringRef fn, Value input,
             RankedTensorType outType, int64_t count,
             ArrayRef<Value> extra) {
    auto inType = cast<RankedTensorType>(input.getType());
    Type et = inType.getElementType();
    auto inMem = b.create<bufferization::ToMemrefOp>(
        loc, MemRefType::get(inType.getShape(), et), input,
        /*read_only=*/true);
    Value outMem = b.create<memref::AllocOp>(
        loc, MemRefType::get(outType.getShape(), et), b.getI64IntegerAttr(64));
    SmallVector<Value> args = {where(op), pointer(inMem), pointer(outMem),
                               i64(count), i32(*runtimeDTypeCode(et))};
    args.append(extra.begin(), extra.end());
    SmallVector<Type> types;
    for (Value a : args)
      types.push_back(a.getType());
    b.create<func::CallOp>(loc, declare(fn, types, {}), args);
    return b.create<bufferization::ToTensorOp>(loc, outType, outMem,
                                               /*restrict=*/true,
                                               /*writable=*/true);
  }

  Value transpose(Value v, ArrayRef<int64_t> perm) {
    auto t = cast<RankedTensorType>(v.getType());
    SmallVector<int64_t> shape;
    for (int64_t p : perm)
      shape.push_back(t.getDimSize(p));
    return b.create<TransposeOp>(loc, withShape(t, shape), v,
                                 b.getDenseI64ArrayAttr(perm));
  }
  Value reshape(Value v, ArrayRef<int64_t> shape) {
    auto t = cast<RankedTensorType>(v.getType());
    if (t.getShape() == shape)
      return v;
    return b.create<ReshapeOp>(loc, withShape(t, shape), v);
  }

  /// `v` [.., G*m, ..] (dimension d) as [G, .., m, ..].
  Value groupToFront(Value v, int64_t d, int64_t g) {
    auto t = cast<RankedTensorType>(v.getType());
    SmallVector<int64_t> shape(t.getShape());
    shape[d] /= g;
    shape.insert(shape.begin() + d, g);
    Value split = reshape(v, shape);
    if (d == 0)
      return split;
    SmallVector<int64_t> perm = {d};
    for (int64_t i = 0; i < (int64_t)shape.size(); ++i)
      if (i != d)
        perm.push_back(i);
    return transpose(split, perm);
  }

  /// `v` [G, s0, ..] as [s0, .., G*s_d, ..].
  Value groupIntoDim(Value v, int64_t d) {
    auto t = cast<RankedTensorType>(v.getType());
    int64_t rank = t.getRank() - 1;
    Value moved = v;
    if (d != 0) {
      SmallVector<int64_t> perm;
      for (int64_t i = 0; i < d; ++i)
        perm.push_back(i + 1);
      perm.push_back(0);
      for (int64_t i = d + 1; i <= rank; ++i)
        perm.push_back(i);
      moved = transpose(v, perm);
    }
    SmallVector<int64_t> shape(t.getShape().drop_front());
    shape[d] *= t.getDimSize(0);
    return reshape(moved, shape);
  }

  LogicalResult lower(Operation *op) {
    b.setInsertionPoint(op);
    loc = op->getLoc();
    if (auto d = dyn_cast<DeviceIndexOp>(op)) {
      Value id = b.create<func::CallOp>(
                      loc, declare("genc_rt_device_index", {}, {b.getI32Type()}),
                      ValueRange())
                     .getResult(0);
      Value t = b.create<tensor::FromElementsOp>(loc, d.getType(), id);
      d.replaceAllUsesWith(t);
      d.erase();
      return success();
    }
    if (op->getAttr("axes"))
      return op->emitOpError()
             << "names mesh axes outside a shard_map: inside a shard_map "
                "body genc-shard resolves them; elsewhere give "
                "replica_groups";
    auto operandType = cast<RankedTensorType>(op->getOperand(0).getType());
    if (!runtimeDTypeCode(operandType.getElementType()))
      return op->emitOpError() << "element type "
                               << operandType.getElementType()
                               << " is not supported by the runtime";
    Value x = op->getOperand(0);
    auto resultType = cast<RankedTensorType>(op->getResult(0).getType());
    Value result;
    if (auto ar = dyn_cast<AllReduceOp>(op)) {
      SmallVector<Value> extra = {i32((int32_t)ar.getKind())};
      extra.append(groups(*ar.getReplicaGroups()));
      result = call(op, "genc_rt_all_reduce", x, resultType,
                    resultType.getNumElements(), extra);
    } else if (auto ag = dyn_cast<AllGatherOp>(op)) {
      int64_t g = *ag.groupSize();
      SmallVector<int64_t> shape = {g};
      llvm::append_range(shape, operandType.getShape());
      Value gathered =
          call(op, "genc_rt_all_gather", x, withShape(operandType, shape),
               operandType.getNumElements(), groups(*ag.getReplicaGroups()));
      result = groupIntoDim(gathered, ag.getDim());
    } else if (auto rs = dyn_cast<ReduceScatterOp>(op)) {
      int64_t g = *rs.groupSize();
      Value front = groupToFront(x, rs.getDim(), g);
      SmallVector<Value> extra = {i32((int32_t)rs.getKind())};
      extra.append(groups(*rs.getReplicaGroups()));
      result = call(op, "genc_rt_reduce_scatter", front, resultType,
                    resultType.getNumElements(), extra);
    } else if (auto aa = dyn_cast<AllToAllOp>(op)) {
      int64_t g = *aa.groupSize();
      Value front = groupToFront(x, aa.getSplitDim(), g);
      Value exchanged =
          call(op, "genc_rt_all_to_all", front,
               cast<RankedTensorType>(front.getType()),
               operandType.getNumElements() / g,
               groups(*aa.getReplicaGroups()));
      result = groupIntoDim(exchanged, aa.getConcatDim());
    } else if (auto cp = dyn_cast<CollectivePermuteOp>(op)) {
      auto shape = cast<ShapedType>(cp.getPairs().getType()).getShape();
      SmallVector<Value> extra = {constant(cp.getPairs(), "__genc_pairs"),
                                  i64(shape[0])};
      result = call(op, "genc_rt_collective_permute", x, resultType,
                    resultType.getNumElements(), extra);
    } else {
      return success();
    }
    op->getResult(0).replaceAllUsesWith(result);
    op->erase();
    return success();
  }
};

struct GencCpuCollectivesPass
    : public genc::impl::GencCpuCollectivesPassBase<GencCpuCollectivesPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<Operation *> ops;
    module.walk([&](Operation *op) {
      if (isa<AllReduceOp, AllGatherOp, ReduceScatterOp, AllToAllOp,
              CollectivePermuteOp, DeviceIndexOp>(op))
        ops.push_back(op);
      else if (auto axis = dyn_cast<AxisIndexOp>(op))
        ops.push_back(op);
    });
    Lowering lowering(module);
    for (Operation *op : ops) {
      if (auto axis = dyn_cast<AxisIndexOp>(op)) {
        axis.emitOpError() << "reads mesh axis '" << axis.getAxis()
                           << "' outside a shard_map";
        return signalPassFailure();
      }
      if (failed(lowering.lower(op)))
        return signalPassFailure();
    }
  }
};

} // namespace

//===- Shard.cpp - the genc-shard pass ------------------------------------===//
//
// genc.shard_map @f(xs) {mesh, in_specs, out_specs} becomes SPMD code that
// every device of the mesh runs: each device slices its shard of every
// argument (genc.dynamic_slice at offsets computed from genc.device_index),
// calls a copy of @f in which the collectives' mesh axes are resolved to
// replica groups and axis_index to device-index arithmetic, and assembles
// the results by all_gather along their split dimensions. The public
// functions that reach a shard_map get `genc.devices = N`, which becomes
// the artifact's `devices N` (runtime/README.md).
//
// Devices are numbered row-major over the mesh axes (the last axis varies
// fastest), as in jax.sharding.Mesh over a reshaped device list.
//
//===----------------------------------------------------------------------===//

#include "compiler/Passes.h"
#include "compiler/Transforms/TransformUtils.h"

#include "dialects/genc/IR/GencDialect.h"

#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/StringMap.h"

namespace mlir::genc {
#define GEN_PASS_DEF_GENCSHARDPASS
#include "compiler/Passes.h.inc"
} // namespace mlir::genc

using namespace mlir;
using namespace mlir::genc;

namespace {

/// A mesh: axis names and sizes, devices numbered row-major.
struct Mesh {
  SmallVector<std::string> axes;
  SmallVector<int64_t> shape;

  explicit Mesh(ShardMapOp op) : shape(op.getMeshShape()) {
    for (Attribute a : op.getMeshAxes())
      axes.push_back(cast<StringAttr>(a).getValue().str());
  }
  int64_t size() const {
    int64_t n = 1;
    for (int64_t s : shape)
      n *= s;
    return n;
  }
  int64_t position(StringRef axis) const {
    for (auto [i, a] : llvm::enumerate(axes))
      if (a == axis)
        return i;
    return -1;
  }
  /// Devices between neighbours along axis `i`.
  int64_t stride(int64_t i) const {
    int64_t s = 1;
    for (int64_t j = i + 1; j < (int64_t)shape.size(); ++j)
      s *= shape[j];
    return s;
  }
  int64_t coord(int64_t device, int64_t i) const {
    return device / stride(i) % shape[i];
  }
  /// A suffix that names this mesh in generated symbols.
  std::string key() const {
    std::string k;
    for (auto [a, s] : llvm::zip(axes, shape))
      k += "_" + a + std::to_string(s);
    return k;
  }

  /// Replica groups of a collective over `names` (major to minor): devices
  /// that agree on every other axis form a group, ordered by their joint
  /// coordinate over `names`. Fails on an axis not in the mesh.
  FailureOr<DenseIntElementsAttr> groups(Operation *op,
                                         ArrayRef<StringRef> names) const {
    SmallVector<int64_t> pos;
    int64_t width = 1;
    for (StringRef n : names) {
      int64_t p = position(n);
      if (p < 0) {
        op->emitOpError() << "names axis '" << n
                          << "', which is not in the enclosing shard_map's "
                             "mesh";
        return failure();
      }
      pos.push_back(p);
      width *= shape[p];
    }
    int64_t count = size() / width;
    SmallVector<int64_t> table(size(), -1);
    // Group number: the row-major index over the remaining axes.
    for (int64_t d = 0; d < size(); ++d) {
      int64_t group = 0, member = 0;
      for (int64_t i = 0; i < (int64_t)shape.size(); ++i)
        if (!llvm::is_contained(pos, i))
          group = group * shape[i] + coord(d, i);
      for (int64_t p : pos)
        member = member * shape[p] + coord(d, p);
      table[group * width + member] = d;
    }
    auto type = RankedTensorType::get({count, width},
                                      IntegerType::get(op->getContext(), 64));
    return DenseIntElementsAttr::get(type, table);
  }
};

SmallVector<StringRef> axisNames(ArrayAttr axes) {
  SmallVector<StringRef> out;
  for (Attribute a : axes)
    out.push_back(cast<StringAttr>(a).getValue());
  return out;
}

Value i32Constant(OpBuilder &b, Location loc, int64_t v) {
  auto type = RankedTensorType::get({}, b.getI32Type());
  return b.create<ConstantOp>(
      loc, DenseElementsAttr::get(type, b.getI32IntegerAttr(v).getValue()));
}

/// The joint coordinate of this device over mesh axes `names`, as a 0-d
/// i32 tensor computed from genc.device_index.
Value jointCoordinate(OpBuilder &b, Location loc, const Mesh &mesh,
                      ArrayRef<StringRef> names) {
  Value device = b.create<DeviceIndexOp>(
      loc, RankedTensorType::get({}, b.getI32Type()));
  auto scalar = device.getType();
  Value joint;
  for (StringRef n : names) {
    int64_t p = mesh.position(n);
    Value c = device;
    if (int64_t stride = mesh.stride(p); stride != 1)
      c = b.create<DivOp>(loc, scalar, device, i32Constant(b, loc, stride));
    c = b.create<RemOp>(loc, scalar, c, i32Constant(b, loc, mesh.shape[p]));
    joint = joint ? b.create<AddOp>(
                        loc, scalar,
                        b.create<MulOp>(loc, scalar, joint,
                                        i32Constant(b, loc, mesh.shape[p])),
                        c)
                  : c;
  }
  return joint;
}


/// True if `fn` or a function it calls holds an op that reads the mesh.
bool readsMesh(func::FuncOp fn, SymbolTable &symbols,
               llvm::SmallPtrSetImpl<Operation *> &seen) {
  if (!fn || !seen.insert(fn).second)
    return false;
  return fn
      .walk([&](Operation *op) {
        if (isa<AxisIndexOp>(op) ||
            (op->getAttr("axes") && op->getDialect() &&
             isa<GencDialect>(op->getDialect())))
          return WalkResult::interrupt();
        if (auto call = dyn_cast<func::CallOp>(op))
          if (readsMesh(symbols.lookup<func::FuncOp>(call.getCallee()),
                        symbols, seen))
            return WalkResult::interrupt();
        return WalkResult::advance();
      })
      .wasInterrupted();
}

struct Sharder {
  ModuleOp module;
  SymbolTable symbols;
  std::map<std::pair<Operation *, std::string>, func::FuncOp> copies;

  explicit Sharder(ModuleOp module) : module(module), symbols(module) {}

  /// A copy of `fn` for `mesh` with mesh-reading ops resolved.
  FailureOr<func::FuncOp> resolved(func::FuncOp fn, const Mesh &mesh) {
    auto key = std::make_pair(fn.getOperation(), mesh.key());
    if (auto it = copies.find(key); it != copies.end())
      return it->second;
    auto copy = cast<func::FuncOp>(fn->clone());
    copy.setPrivate();
    copy.setName((fn.getName() + "__spmd" + mesh.key()).str());
    symbols.insert(copy);
    copies[key] = copy;
    if (failed(resolveBody(copy, mesh)))
      return failure();
    return copy;
  }

  LogicalResult resolveBody(func::FuncOp fn, const Mesh &mesh) {
    SmallVector<Operation *> ops;
    fn.walk([&](Operation *op) { ops.push_back(op); });
    for (Operation *op : ops) {
      if (isa<ShardMapOp>(op))
        return op->emitOpError()
               << "inside another shard_map's body is not supported";
      if (auto call = dyn_cast<func::CallOp>(op)) {
        auto callee = symbols.lookup<func::FuncOp>(call.getCallee());
        llvm::SmallPtrSet<Operation *, 8> seen;
        if (!callee || !readsMesh(callee, symbols, seen))
          continue;
        FailureOr<func::FuncOp> c = resolved(callee, mesh);
        if (failed(c))
          return failure();
        call.setCallee(c->getName());
        continue;
      }
      if (auto axis = dyn_cast<AxisIndexOp>(op)) {
        if (mesh.position(axis.getAxis()) < 0)
          return axis.emitOpError()
                 << "names axis '" << axis.getAxis()
                 << "', which is not in the enclosing shard_map's mesh";
        OpBuilder b(op);
        Value c = jointCoordinate(b, op->getLoc(), mesh, {axis.getAxis()});
        axis.replaceAllUsesWith(c);
        axis.erase();
        continue;
      }
      if (auto permute = dyn_cast<CollectivePermuteOp>(op)) {
        if (failed(resolvePermute(permute, mesh)))
          return failure();
        continue;
      }
      auto axes = op->getAttrOfType<ArrayAttr>("axes");
      if (!axes || !isa<GencDialect>(op->getDialect()))
        continue;
      FailureOr<DenseIntElementsAttr> groups =
          mesh.groups(op, axisNames(axes));
      if (failed(groups))
        return failure();
      op->removeAttr("axes");
      op->setAttr("replica_groups", *groups);
      if (failed(mlir::verify(op)))
        return failure();
    }
    return success();
  }

  /// Pairs along one axis -> pairs of devices, in every group along it.
  LogicalResult resolvePermute(CollectivePermuteOp op, const Mesh &mesh) {
    std::optional<ArrayAttr> axes = op.getAxes();
    if (!axes)
      return success();
    StringRef name = cast<StringAttr>((*axes)[0]).getValue();
    int64_t p = mesh.position(name);
    if (p < 0)
      return op.emitOpError() << "names axis '" << name
                              << "', which is not in the enclosing "
                                 "shard_map's mesh";
    SmallVector<int64_t> flat;
    for (APInt v : op.getPairs().getValues<APInt>())
      flat.push_back(v.getSExtValue());
    SmallVector<int64_t> devices;
    for (int64_t d = 0; d < mesh.size(); ++d)
      for (size_t i = 0; i + 1 < flat.size(); i += 2) {
        if (flat[i] >= mesh.shape[p] || flat[i + 1] >= mesh.shape[p])
          return op.emitOpError()
                 << "pair (" << flat[i] << ", " << flat[i + 1]
                 << ") is out of range for axis '" << name << "' of size "
                 << mesh.shape[p];
        if (mesh.coord(d, p) != flat[i])
          continue;
        devices.push_back(d);
        devices.push_back(d + (flat[i + 1] - flat[i]) * mesh.stride(p));
      }
    auto type = RankedTensorType::get({(int64_t)devices.size() / 2, 2},
                                      IntegerType::get(op.getContext(), 64));
    op.setPairsAttr(DenseIntElementsAttr::get(type, devices));
    op.removeAxesAttr();
    return success();
  }

  /// Expands one shard_map at its place.
  LogicalResult expand(ShardMapOp op) {
    Mesh mesh(op);
    auto callee = symbols.lookup<func::FuncOp>(op.getCallee());
    FailureOr<func::FuncOp> body = resolved(callee, mesh);
    if (failed(body))
      return failure();
    OpBuilder b(op);
    Location loc = op.getLoc();
    SmallVector<Value> locals;
    for (auto [v, spec] : llvm::zip(op.getArgs(), op.getInSpecs())) {
      auto global = cast<RankedTensorType>(v.getType());
      RankedTensorType local = op.localType(global, spec);
      if (local == global) {
        locals.push_back(v);
        continue;
      }
      SmallVector<Value> starts;
      for (int64_t d = 0; d < global.getRank(); ++d) {
        SmallVector<StringRef> names = ShardMapOp::specAxes(spec, d);
        if (names.empty()) {
          starts.push_back(i32Constant(b, loc, 0));
          continue;
        }
        Value joint = jointCoordinate(b, loc, mesh, names);
        starts.push_back(b.create<MulOp>(
            loc, joint.getType(), joint,
            i32Constant(b, loc, local.getDimSize(d))));
      }
      locals.push_back(b.create<DynamicSliceOp>(
          loc, local, v, starts, b.getDenseI64ArrayAttr(local.getShape())));
    }
    auto call = b.create<func::CallOp>(loc, *body, locals);
    SmallVector<Value> results;
    for (auto [r, spec, global] :
         llvm::zip(call.getResults(), op.getOutSpecs(), op.getResultTypes())) {
      Value v = r;
      auto g = cast<RankedTensorType>(global);
      for (int64_t d = 0; d < g.getRank(); ++d) {
        SmallVector<StringRef> names = ShardMapOp::specAxes(spec, d);
        if (names.empty())
          continue;
        FailureOr<DenseIntElementsAttr> groups = mesh.groups(op, names);
        if (failed(groups))
          return failure();
        auto t = cast<RankedTensorType>(v.getType());
        SmallVector<int64_t> shape(t.getShape());
        shape[d] = g.getDimSize(d);
        v = b.create<AllGatherOp>(
            loc, RankedTensorType::get(shape, t.getElementType()), v,
            b.getI64IntegerAttr(d), ArrayAttr(), *groups);
      }
      results.push_back(v);
    }
    op.replaceAllUsesWith(results);
    op.erase();
    return success();
  }
};

struct GencShardPass : public genc::impl::GencShardPassBase<GencShardPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    Sharder sharder(module);
    SmallVector<ShardMapOp> ops;
    module.walk([&](ShardMapOp op) { ops.push_back(op); });
    // Functions that run on N devices: those holding a shard_map, and
    // their callers.
    llvm::DenseMap<Operation *, int64_t> devices;
    SmallVector<func::FuncOp> work;
    for (ShardMapOp op : ops) {
      llvm::SmallPtrSet<Operation *, 8> seen;
      auto callee = sharder.symbols.lookup<func::FuncOp>(op.getCallee());
      if (hasTransformOps(callee, seen)) {
        op.emitOpError() << "body '" << op.getCallee()
                         << "' still holds a transform op (grad, vjp, jvp, "
                            "vmap) that could not be expanded";
        return signalPassFailure();
      }
      auto fn = op->getParentOfType<func::FuncOp>();
      int64_t n = op.numDevices();
      auto [it, inserted] = devices.try_emplace(fn, n);
      if (!inserted && it->second != n) {
        op.emitOpError() << "runs on " << n << " devices, but '"
                         << fn.getName() << "' already runs on " << it->second
                         << " (every shard_map of a program must use the "
                            "same number of devices)";
        return signalPassFailure();
      }
      if (inserted)
        work.push_back(fn);
    }
    for (ShardMapOp op : ops)
      if (failed(sharder.expand(op)))
        return signalPassFailure();
    // Propagate the device count to callers.
    while (!work.empty()) {
      func::FuncOp fn = work.pop_back_val();
      int64_t n = devices[fn];
      std::optional<SymbolTable::UseRange> uses =
          SymbolTable::getSymbolUses(fn, module);
      if (!uses)
        continue;
      for (SymbolTable::SymbolUse use : *uses) {
        auto caller = use.getUser()->getParentOfType<func::FuncOp>();
        if (!caller)
          continue;
        auto [it, inserted] = devices.try_emplace(caller, n);
        if (!inserted && it->second != n) {
          use.getUser()->emitError()
              << "'" << caller.getName() << "' calls SPMD code on " << n
              << " and on " << it->second << " devices";
          return signalPassFailure();
        }
        if (inserted)
          work.push_back(caller);
      }
    }
    Builder b(&getContext());
    for (auto [op, n] : devices) {
      auto fn = cast<func::FuncOp>(op);
      if (fn.isPublic())
        fn->setAttr("genc.devices", b.getI64IntegerAttr(n));
    }
  }
};

} // namespace

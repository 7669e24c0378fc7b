//===- RecordSignatures.cpp - the genc-record-signatures pass -------------===//
//
// Records the tensor signatures of a module's entry points before lowering
// turns them into buffers, so the artifact metadata can describe them.
//
//===----------------------------------------------------------------------===//

#include "compiler/Passes.h"
#include "compiler/Signatures.h"

namespace mlir::genc {
#define GEN_PASS_DEF_GENCRECORDSIGNATURESPASS
#include "compiler/Passes.h.inc"
} // namespace mlir::genc

using namespace mlir;
using namespace mlir::genc;

namespace {

bool isSupportedElement(Type t) {
  return t.isF16() || t.isBF16() || t.isF32() || t.isF64() ||
         t.isSignlessInteger(1) || t.isSignlessInteger(8) || t.isSignlessInteger(32) ||
         t.isSignlessInteger(64);
}

LogicalResult checkType(func::FuncOp fn, Type type, StringRef what,
                        unsigned index) {
  auto t = dyn_cast<RankedTensorType>(type);
  if (!t || !t.hasStaticShape() || !isSupportedElement(t.getElementType()))
    return fn.emitError() << "entry point '" << fn.getName() << "': " << what
                          << " " << index << " has type " << type
                          << "; entry points take and return statically "
                             "shaped tensors of f16, bf16, f32, f64, i1, i8, "
                             "i32 or i64";
  return success();
}

struct GencRecordSignaturesPass
    : public genc::impl::GencRecordSignaturesPassBase<GencRecordSignaturesPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (module->hasAttr(kSignaturesAttrName))
      return; // Already recorded (idempotent across pipeline re-runs).
    Builder b(&getContext());
    SmallVector<Attribute> entries;
    bool ok = true;
    for (auto fn : module.getOps<func::FuncOp>()) {
      if (fn.isPrivate() || fn.isDeclaration())
        continue;
      for (auto [i, t] : llvm::enumerate(fn.getArgumentTypes()))
        ok &= succeeded(checkType(fn, t, "argument", i));
      for (auto [i, t] : llvm::enumerate(fn.getResultTypes()))
        ok &= succeeded(checkType(fn, t, "result", i));
      SmallVector<NamedAttribute> fields = {
          b.getNamedAttr("name", b.getStringAttr(fn.getName())),
          b.getNamedAttr("inputs",
                         b.getTypeArrayAttr(fn.getArgumentTypes())),
          b.getNamedAttr("outputs", b.getTypeArrayAttr(fn.getResultTypes())),
      };
      // Set by genc-shard, or by hand for programs written with
      // replica_groups.
      if (auto n = fn->getAttrOfType<IntegerAttr>("genc.devices")) {
        if (n.getInt() < 1) {
          fn.emitError() << "genc.devices must be positive, got "
                         << n.getInt();
          ok = false;
        }
        fields.push_back(b.getNamedAttr("devices", n));
      }
      entries.push_back(b.getDictionaryAttr(fields));
    }
    if (!ok)
      return signalPassFailure();
    module->setAttr(kSignaturesAttrName, b.getArrayAttr(entries));
  }
};

} // namespace

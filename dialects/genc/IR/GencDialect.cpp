//===- GencDialect.cpp - the genc dialect ---------------------------------===//
//
// Registers the genc dialect's ops and materializes constants for folding.
//
//===----------------------------------------------------------------------===//

#include "dialects/genc/IR/GencDialect.h"

#include "mlir/Transforms/InliningUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"

using namespace mlir;
using namespace mlir::genc;

#include "dialects/genc/IR/GencDialect.cpp.inc"
#include "dialects/genc/IR/GencEnums.cpp.inc"
#include "dialects/genc/IR/GencInterfaces.cpp.inc"

namespace {
/// genc ops are pure tensor computations: calls of functions made of them
/// may always be inlined (the CPU pipeline inlines after autodiff).
struct GencInlinerInterface : public DialectInlinerInterface {
  using DialectInlinerInterface::DialectInlinerInterface;
  bool isLegalToInline(Operation *, Operation *, bool) const final {
    return true;
  }
  bool isLegalToInline(Region *, Region *, bool, IRMapping &) const final {
    return true;
  }
  bool isLegalToInline(Operation *, Region *, bool, IRMapping &) const final {
    return true;
  }
};
} // namespace

void GencDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "dialects/genc/IR/GencOps.cpp.inc"
      >();
  addInterfaces<GencInlinerInterface>();
  registerBatchingRules(getContext());
}

Operation *GencDialect::materializeConstant(OpBuilder &builder,
                                            Attribute value, Type type,
                                            Location loc) {
  auto elements = dyn_cast<ElementsAttr>(value);
  if (!elements || elements.getType() != type)
    return nullptr;
  return builder.create<ConstantOp>(loc, type, elements);
}

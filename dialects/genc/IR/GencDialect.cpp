//===- GencDialect.cpp - the genc dialect ---------------------------------===//
//
// Registers the genc dialect's ops and materializes constants for folding.
//
//===----------------------------------------------------------------------===//

#include "dialects/genc/IR/GencDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"

using namespace mlir;
using namespace mlir::genc;

#include "dialects/genc/IR/GencDialect.cpp.inc"
#include "dialects/genc/IR/GencEnums.cpp.inc"
#include "dialects/genc/IR/GencInterfaces.cpp.inc"

void GencDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "dialects/genc/IR/GencOps.cpp.inc"
      >();
}

Operation *GencDialect::materializeConstant(OpBuilder &builder,
                                            Attribute value, Type type,
                                            Location loc) {
  auto elements = dyn_cast<ElementsAttr>(value);
  if (!elements || elements.getType() != type)
    return nullptr;
  return builder.create<ConstantOp>(loc, type, elements);
}

//===- BufferAddress.cpp - addresses of buffer elements -------------------===//

#include "compiler/Codegen/BufferAddress.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"

using namespace mlir;

int64_t mlir::genc::elementBytes(MemRefType type) {
  return (type.getElementTypeBitWidth() + 7) / 8;
}

Value mlir::genc::elementAddress(OpBuilder &b, Location loc, Value memref,
                                 ValueRange indices) {
  auto type = cast<MemRefType>(memref.getType());
  Value base = b.create<memref::ExtractAlignedPointerAsIndexOp>(loc, memref);
  auto meta = b.create<memref::ExtractStridedMetadataOp>(loc, memref);
  Value linear = meta.getOffset();
  for (auto [i, idx] : llvm::enumerate(indices))
    linear = b.create<arith::AddIOp>(
        loc, linear, b.create<arith::MulIOp>(loc, idx, meta.getStrides()[i]));
  Value bytes = b.create<arith::MulIOp>(
      loc, linear, b.create<arith::ConstantIndexOp>(loc, elementBytes(type)));
  return b.create<arith::AddIOp>(loc, base, bytes);
}

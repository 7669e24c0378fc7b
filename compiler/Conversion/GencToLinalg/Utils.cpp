//===- Utils.cpp - helpers shared by the genc-to-linalg families ----------===//

#include "compiler/Conversion/GencToLinalg/GencToLinalg.h"

#include "dialects/genc/IR/GencDialect.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/IRMapping.h"

using namespace mlir;
using namespace mlir::genc;

Value lowering::emptyTensor(OpBuilder &b, Location loc, RankedTensorType type) {
  return b.create<tensor::EmptyOp>(loc, type.getShape(), type.getElementType());
}

Value lowering::extractScalar(OpBuilder &b, Location loc, Value scalarTensor) {
  return b.create<tensor::ExtractOp>(loc, scalarTensor, ValueRange{});
}

Value lowering::filledTensor(OpBuilder &b, Location loc, RankedTensorType type,
                           Value value) {
  Value empty = emptyTensor(b, loc, type);
  return b.create<linalg::FillOp>(loc, value, empty).getResult(0);
}

Value lowering::padTensor(OpBuilder &b, Location loc, Value source, Value value,
                        ArrayRef<int64_t> low, ArrayRef<int64_t> high,
                        ArrayRef<int64_t> interior) {
  auto srcType = cast<RankedTensorType>(source.getType());
  int64_t rank = srcType.getRank();
  bool simple = llvm::all_of(interior, [](int64_t i) { return i == 0; }) &&
                llvm::all_of(low, [](int64_t i) { return i >= 0; }) &&
                llvm::all_of(high, [](int64_t i) { return i >= 0; });
  if (simple) {
    SmallVector<int64_t> shape;
    for (int64_t d = 0; d < rank; ++d)
      shape.push_back(srcType.getDimSize(d) + low[d] + high[d]);
    auto type = RankedTensorType::get(shape, srcType.getElementType());
    SmallVector<OpFoldResult> lo, hi;
    for (int64_t d = 0; d < rank; ++d) {
      lo.push_back(b.getIndexAttr(low[d]));
      hi.push_back(b.getIndexAttr(high[d]));
    }
    return b.create<tensor::PadOp>(loc, type, source, lo, hi, value);
  }
  // General case: fill the interior- and positively-padded tensor, insert
  // the source with stride interior+1, then crop negative padding.
  SmallVector<int64_t> bigShape, resultShape;
  SmallVector<OpFoldResult> offsets, sizes, strides;
  for (int64_t d = 0; d < rank; ++d) {
    int64_t n = srcType.getDimSize(d);
    int64_t dilated = n == 0 ? 0 : (n - 1) * (interior[d] + 1) + 1;
    int64_t lo = std::max<int64_t>(low[d], 0), hi = std::max<int64_t>(high[d], 0);
    bigShape.push_back(lo + dilated + hi);
    resultShape.push_back(low[d] + dilated + high[d]);
    offsets.push_back(b.getIndexAttr(lo));
    sizes.push_back(b.getIndexAttr(n));
    strides.push_back(b.getIndexAttr(interior[d] + 1));
  }
  auto bigType = RankedTensorType::get(bigShape, srcType.getElementType());
  Value big = filledTensor(b, loc, bigType, value);
  big = b.create<tensor::InsertSliceOp>(loc, source, big, offsets, sizes,
                                        strides);
  if (bigShape == resultShape)
    return big;
  SmallVector<OpFoldResult> cropOffsets, cropSizes, ones;
  for (int64_t d = 0; d < rank; ++d) {
    cropOffsets.push_back(b.getIndexAttr(std::max<int64_t>(-low[d], 0)));
    cropSizes.push_back(b.getIndexAttr(resultShape[d]));
    ones.push_back(b.getIndexAttr(1));
  }
  auto resultType = RankedTensorType::get(resultShape, srcType.getElementType());
  return b.create<tensor::ExtractSliceOp>(loc, resultType, big, cropOffsets,
                                          cropSizes, ones);
}

Value lowering::reshapeTensor(OpBuilder &b, Location loc, Value source,
                            RankedTensorType type) {
  auto srcType = cast<RankedTensorType>(source.getType());
  if (srcType == type)
    return source;
  Value flat = source;
  if (srcType.getRank() != 1) {
    SmallVector<ReassociationIndices> all;
    if (srcType.getRank() > 0) {
      all.emplace_back();
      for (int64_t d = 0; d < srcType.getRank(); ++d)
        all.back().push_back(d);
    }
    auto flatType = RankedTensorType::get(
        srcType.getRank() == 0 ? ArrayRef<int64_t>{}
                               : ArrayRef<int64_t>{srcType.getNumElements()},
        srcType.getElementType());
    flat = b.create<tensor::CollapseShapeOp>(loc, flatType, source, all);
  }
  auto flatType = cast<RankedTensorType>(flat.getType());
  if (flatType == type)
    return flat;
  if (type.getRank() == 0) {
    // 1-element vector -> scalar.
    return b.create<tensor::CollapseShapeOp>(loc, type, flat,
                                             ArrayRef<ReassociationIndices>{});
  }
  SmallVector<ReassociationIndices> all;
  all.emplace_back();
  for (int64_t d = 0; d < type.getRank(); ++d)
    all.back().push_back(d);
  if (flatType.getRank() == 0)
    all.clear();
  return b.create<tensor::ExpandShapeOp>(loc, type, flat, all);
}

Value lowering::transposeTensor(OpBuilder &b, Location loc, Value source,
                              ArrayRef<int64_t> perm) {
  if (llvm::equal(perm, llvm::seq<int64_t>(0, perm.size())))
    return source;
  auto srcType = cast<RankedTensorType>(source.getType());
  SmallVector<int64_t> shape;
  for (int64_t p : perm)
    shape.push_back(srcType.getDimSize(p));
  Value init = emptyTensor(
      b, loc, RankedTensorType::get(shape, srcType.getElementType()));
  return b.create<linalg::TransposeOp>(loc, source, init, perm).getResult()[0];
}

FailureOr<SmallVector<Value>>
lowering::scalarizeRegion(OpBuilder &b, Region &region, ValueRange args) {
  Block &block = region.front();
  IRMapping map;
  for (auto [arg, value] : llvm::zip(block.getArguments(), args))
    map.map(arg, value);
  for (Operation &op : block.without_terminator()) {
    if (auto cst = dyn_cast<ConstantOp>(op)) {
      auto dense = dyn_cast<DenseElementsAttr>(cst.getValue());
      if (!dense || !dense.isSplat())
        return op.emitError("cannot lower a non-scalar constant in a region");
      Value s = b.create<arith::ConstantOp>(
          op.getLoc(), cast<TypedAttr>(dense.getSplatValue<Attribute>()));
      map.map(cst.getResult(), s);
      continue;
    }
    auto scalarizable = dyn_cast<ScalarizableOpInterface>(op);
    if (!scalarizable)
      return op.emitError() << "cannot lower '" << op.getName()
                            << "' inside a reduction body: only elementwise "
                               "genc ops are supported there";
    SmallVector<Value> operands;
    for (Value v : op.getOperands())
      operands.push_back(map.lookupOrNull(v));
    if (llvm::is_contained(operands, Value()))
      return op.emitError("reduction body uses a value defined outside it");
    Value r = scalarizable.buildScalar(b, op.getLoc(), operands);
    map.map(op.getResult(0), r);
  }
  SmallVector<Value> results;
  for (Value v : block.getTerminator()->getOperands())
    results.push_back(map.lookupOrNull(v));
  if (llvm::is_contained(results, Value()))
    return block.getTerminator()->emitError("region returns a value defined outside it");
  return results;
}

Value lowering::widenHalfContraction(OpBuilder &b, Operation *op) {
  auto type = cast<RankedTensorType>(op->getResult(0).getType());
  Type et = type.getElementType();
  if (!et.isF16() && !et.isBF16())
    return {};
  Location loc = op->getLoc();
  auto widen = [&](Value v) -> Value {
    auto t = cast<RankedTensorType>(v.getType());
    return b.create<ConvertOp>(loc, t.clone(b.getF32Type()), v);
  };
  IRMapping map;
  for (Value v : op->getOperands())
    map.map(v, widen(v));
  Operation *wide = b.clone(*op, map);
  wide->getResult(0).setType(type.clone(b.getF32Type()));
  return b.create<ConvertOp>(loc, type, wide->getResult(0));
}

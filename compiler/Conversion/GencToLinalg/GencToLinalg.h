//===- GencToLinalg.h - genc to linalg lowering, by op family ---*- C++ -*-===//
//
// Each op family contributes its patterns; the ConvertGencToLinalgPass
// applies them all. Helpers shared by the families live here too.
//
//===----------------------------------------------------------------------===//

#ifndef GENC_COMPILER_CONVERSION_GENCTOLINALG_H
#define GENC_COMPILER_CONVERSION_GENCTOLINALG_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/DialectConversion.h"

namespace mlir::genc {

void populateGencElementwiseToLinalgPatterns(RewritePatternSet &patterns);
void populateGencShapeToLinalgPatterns(RewritePatternSet &patterns);
/// `widenHalfDots`: f16/bf16 dot_generals compute in f32 (converted in and
/// out); false keeps them half-precision matmuls for a library that
/// accumulates in f32 itself (cuBLAS).
void populateGencReductionToLinalgPatterns(RewritePatternSet &patterns,
                                           bool widenHalfDots = true);
void populateGencConvolutionToLinalgPatterns(RewritePatternSet &patterns);
void populateGencIndexingToLinalgPatterns(RewritePatternSet &patterns);
void populateGencControlFlowToSCFPatterns(RewritePatternSet &patterns);

namespace lowering {
/// An uninitialized tensor of `type` (tensor.empty).
Value emptyTensor(OpBuilder &b, Location loc, RankedTensorType type);
/// The element of a 0-d tensor.
Value extractScalar(OpBuilder &b, Location loc, Value scalarTensor);
/// A tensor of `type` filled with the scalar `value`.
Value filledTensor(OpBuilder &b, Location loc, RankedTensorType type,
                   Value value);
/// Pads `source` with the scalar `value`: `interior` elements between
/// neighbours, then `low`/`high` at the edges (negative values crop), as
/// genc.pad. Shared by pad and by the convolution's input dilation.
Value padTensor(OpBuilder &b, Location loc, Value source, Value value,
                ArrayRef<int64_t> low, ArrayRef<int64_t> high,
                ArrayRef<int64_t> interior);
/// Reshapes row-major to `type` by collapsing to 1-D and expanding.
Value reshapeTensor(OpBuilder &b, Location loc, Value source,
                    RankedTensorType type);
/// Permutes dimensions: result dim i is source dim perm[i].
Value transposeTensor(OpBuilder &b, Location loc, Value source,
                      ArrayRef<int64_t> perm);
/// For a contraction (dot_general, convolution) on f16/bf16: a clone on f32
/// operands whose result is converted back, so sums accumulate in f32 (the
/// clone is lowered in turn). Null for other element types.
Value widenHalfContraction(OpBuilder &b, Operation *op);
/// Emits the scalar form of the single-block genc region `region` (genc ops
/// on 0-d tensors ending in genc.return) with `args` as its arguments, using
/// ScalarizableOpInterface. Fails with a diagnostic on an op it cannot
/// scalarize.
FailureOr<SmallVector<Value>> scalarizeRegion(OpBuilder &b, Region &region,
                                              ValueRange args);
} // namespace lowering

} // namespace mlir::genc

#endif // GENC_COMPILER_CONVERSION_GENCTOLINALG_H

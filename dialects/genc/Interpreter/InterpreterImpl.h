//===- InterpreterImpl.h - reference interpreter internals ------*- C++ -*-===//
//
// Shared between the interpreter's source files: index helpers and the
// evaluators of each op family. Not installed; include Interpreter.h.
//
//===----------------------------------------------------------------------===//

#ifndef GENC_DIALECTS_GENC_INTERPRETER_INTERPRETERIMPL_H
#define GENC_DIALECTS_GENC_INTERPRETER_INTERPRETERIMPL_H

#include "dialects/genc/Interpreter/Interpreter.h"

#include "mlir/IR/Operation.h"

#include <optional>

namespace mlir {
namespace genc {
namespace interp {
namespace impl {

/// The results of one op, or failure (with a diagnostic emitted).
using OpResults = FailureOr<SmallVector<RefTensor>>;

/// Row-major strides of `shape`.
SmallVector<int64_t> rowMajorStrides(ArrayRef<int64_t> shape);

/// Calls `fn(index, linear)` for every multi-index of `shape` in row-major
/// order, `linear` being the row-major position of `index`.
template <typename Fn> void forEachIndex(ArrayRef<int64_t> shape, Fn fn) {
  int64_t n = 1;
  for (int64_t s : shape)
    n *= s;
  SmallVector<int64_t> index(shape.size(), 0);
  for (int64_t linear = 0; linear < n; ++linear) {
    fn(ArrayRef<int64_t>(index), linear);
    for (int64_t d = (int64_t)shape.size() - 1; d >= 0; --d) {
      if (++index[d] < shape[d])
        break;
      index[d] = 0;
    }
  }
}

/// The row-major position of `index` given `strides`.
inline int64_t linearize(ArrayRef<int64_t> index, ArrayRef<int64_t> strides) {
  int64_t linear = 0;
  for (auto [i, s] : llvm::zip_equal(index, strides))
    linear += i * s;
  return linear;
}

/// Copies element `srcIndex` of `src` into element `dstIndex` of `dst`
/// (same element type).
inline void copyElement(RefTensor &dst, int64_t dstIndex, const RefTensor &src,
                        int64_t srcIndex) {
  if (dst.isFloat())
    dst.floats[dstIndex] = src.floats[srcIndex];
  else
    dst.ints[dstIndex] = src.ints[srcIndex];
}

/// A zero tensor of the type of result `i` of `op`.
RefTensor zerosLikeResult(Operation *op, unsigned i = 0);

/// Evaluates the elementwise ops (unary, binary, compare, select, clamp,
/// convert). Returns std::nullopt if `op` is not one of them.
std::optional<OpResults>
evalElementwiseOp(Operation *op, ArrayRef<const RefTensor *> operands);

/// Evaluates the generator, shape, contraction and indexing ops. Returns
/// std::nullopt if `op` is not one of them.
std::optional<OpResults> evalTensorOp(Operation *op,
                                      ArrayRef<const RefTensor *> operands);

} // namespace impl
} // namespace interp
} // namespace genc
} // namespace mlir

#endif // GENC_DIALECTS_GENC_INTERPRETER_INTERPRETERIMPL_H

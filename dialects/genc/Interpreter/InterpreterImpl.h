//===- InterpreterImpl.h - reference interpreter internals ------*- C++ -*-===//
//
// Shared between the interpreter's source files: index helpers and the
// evaluators of each op family. Not installed; include Interpreter.h.
//
//===----------------------------------------------------------------------===//

#ifndef GENC_DIALECTS_GENC_INTERPRETER_INTERPRETERIMPL_H
#define GENC_DIALECTS_GENC_INTERPRETER_INTERPRETERIMPL_H

#include "dialects/genc/Interpreter/Interpreter.h"

#include "dialects/genc/IR/GencDialect.h"

#include "mlir/IR/Operation.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

#include <functional>
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

//===----------------------------------------------------------------------===//
// Upstream (arith, math, tensor, linalg, scf) values and ops
//===----------------------------------------------------------------------===//

/// How a value of an MLIR type is held: its element type (index is held as
/// i64) and its shape (rank 0 for scalars; ShapedType::kDynamic where the
/// type leaves a size open).
struct RefType {
  Type elementType;
  SmallVector<int64_t> shape;
};

/// The type elements of type `type` are held as: i64 for index, else `type`.
Type storageType(Type type);
/// How values of `type` are held, or std::nullopt for types the interpreter
/// cannot hold (memrefs, unranked tensors, unsupported element types).
std::optional<RefType> refTypeOf(Type type);
/// True if `t` fits `type`: same element type and rank, and the same size in
/// every static dimension.
bool fitsType(const RefTensor &t, const RefType &type);

/// One element: `f` for float element types, `i` (wrapped) for integers.
struct Elem {
  double f = 0;
  int64_t i = 0;
};
inline Elem floatElem(double f) { return Elem{f, 0}; }
inline Elem intElem(int64_t i) { return Elem{0, i}; }
inline Elem getElem(const RefTensor &t, int64_t linear) {
  return t.isFloat() ? floatElem(t.floats[linear]) : intElem(t.ints[linear]);
}
/// Stores `e`, which must already be rounded/wrapped to `t`'s element type.
inline void setElem(RefTensor &t, int64_t linear, Elem e) {
  if (t.isFloat())
    t.floats[linear] = e.f;
  else
    t.ints[linear] = e.i;
}
/// A 0-d tensor holding `e`.
inline RefTensor scalarTensor(Type elementType, Elem e) {
  RefTensor t = RefTensor::zeros(elementType, {});
  setElem(t, 0, e);
  return t;
}

/// An arith or math op applied to one element of each operand; the result
/// is rounded (floats) or wrapped (integers) to the result element type.
using ElemFn = std::function<Elem(const Elem *)>;

/// True for the ops of the arith and math dialects that act elementwise
/// (all but arith.constant).
bool isUpstreamElementwiseOp(Operation *op);
/// The scalar semantics of such an op (operand and result element types
/// taken from `op`); emits an error and fails on unsupported ops or types.
FailureOr<ElemFn> resolveElementwise(Operation *op);
/// Applies such an op to scalars (0-d tensors) or elementwise to tensors
/// (a 0-d condition of arith.select applies to every element).
OpResults evalUpstreamElementwise(Operation *op,
                                  ArrayRef<const RefTensor *> operands);
/// The value of arith.constant `op`: scalar, or dense tensor (any element
/// type the interpreter holds, index included).
OpResults evalArithConstant(Operation *op);

/// The values visible in a region: its own, then those of the enclosing
/// regions (genc, linalg and scf regions may use values defined above them).
struct Scope {
  const Scope *parent = nullptr;
  DenseMap<Value, RefTensor> values;

  const RefTensor *lookup(Value v) const {
    for (const Scope *s = this; s; s = s->parent) {
      auto it = s->values.find(v);
      if (it != s->values.end())
        return &it->second;
    }
    return nullptr;
  }
};

/// The interpreter proper: functions, regions, and every op.
class Interpreter {
public:
  /// Runs `fn` on `args`; `site` is where argument errors are reported.
  OpResults call(func::FuncOp fn, ArrayRef<RefTensor> args, Operation *site);

  /// Runs the single block of `region` with `args` bound to its arguments
  /// and returns the operands of its terminator.
  OpResults runRegion(Region &region, ArrayRef<RefTensor> args,
                      const Scope *parent, Operation *owner);
  /// Evaluates `op` and binds its results in `scope`.
  LogicalResult runOp(Operation *op, Scope &scope);

private:
  /// Checks `args` against `fn`'s signature and returns them normalized
  /// (rounded/wrapped to their types).
  FailureOr<SmallVector<RefTensor>>
  checkArgs(func::FuncOp fn, ArrayRef<RefTensor> args, Operation *site);
  OpResults evalOp(Operation *op, ArrayRef<const RefTensor *> operands,
                   const Scope &scope);
  OpResults evalReduce(ReduceOp op, const RefTensor &x, const RefTensor &init,
                       const Scope &scope);
  OpResults evalWhile(WhileOp op, ArrayRef<const RefTensor *> operands,
                      const Scope &scope);
  OpResults evalIf(IfOp op, const RefTensor &pred, const Scope &scope);
  OpResults evalCall(func::CallOp op, ArrayRef<const RefTensor *> operands);

  // UpstreamTensorOps.cpp: the tensor dialect. std::nullopt if `op` is not
  // one of its ops.
  std::optional<OpResults>
  evalTensorDialectOp(Operation *op, ArrayRef<const RefTensor *> operands,
                      const Scope &scope);
  // LinalgOps.cpp: every linalg::LinalgOp (through its indexing maps and
  // body) and linalg.index.
  OpResults evalLinalg(Operation *op, ArrayRef<const RefTensor *> operands,
                       const Scope &scope);
  OpResults evalLinalgIndex(Operation *op);
  // ScfOps.cpp: scf.for, scf.if, scf.while, scf.execute_region,
  // scf.index_switch. std::nullopt if `op` is not one of them.
  std::optional<OpResults> evalScfOp(Operation *op,
                                     ArrayRef<const RefTensor *> operands,
                                     const Scope &scope);

  unsigned depth = 0;
  DenseSet<Operation *> verified;
  /// The current iteration point of each linalg op being run (for
  /// linalg.index in bodies run op by op).
  DenseMap<Operation *, ArrayRef<int64_t>> linalgPoints;
};

} // namespace impl
} // namespace interp
} // namespace genc
} // namespace mlir

#endif // GENC_DIALECTS_GENC_INTERPRETER_INTERPRETERIMPL_H

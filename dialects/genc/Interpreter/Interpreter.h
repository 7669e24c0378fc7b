//===- Interpreter.h - reference interpreter for genc programs --*- C++ -*-===//
//
// A naive, exact reference interpreter for genc programs: the numerical ground
// truth that the compiled CPU/CUDA code is tested against. Every op is
// computed on the host in the most direct way, following the op's
// description in GencOps.td (and StableHLO where the description defers to
// it). Speed is not a goal beyond handling tensors of about 1e6 elements.
//
//===----------------------------------------------------------------------===//

#ifndef GENC_DIALECTS_GENC_INTERPRETER_INTERPRETER_H
#define GENC_DIALECTS_GENC_INTERPRETER_INTERPRETER_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinAttributeInterfaces.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/Support/LogicalResult.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <utility>
#include <vector>

namespace mlir {
namespace genc {
namespace interp {

/// A host tensor. Floats are held as double and rounded to the element type
/// after every op; integers are held as int64 and wrapped (two's complement)
/// to the element width after every op, so an i8 holds -128..127 and an i1
/// holds 0 or 1. Element types: f16, bf16, f32, f64 and signless integers of
/// 1 to 64 bits (genc uses i1, i8, i32, i64).
struct RefTensor {
  Type elementType;
  SmallVector<int64_t> shape;
  /// The elements in row-major order when `elementType` is a FloatType.
  std::vector<double> floats;
  /// The elements in row-major order otherwise.
  std::vector<int64_t> ints;

  int64_t numElements() const;
  bool isFloat() const { return isa<FloatType>(elementType); }
  /// The tensor type `tensor<shape x elementType>`.
  RankedTensorType getType() const;

  /// A tensor of zeros.
  static RefTensor zeros(Type elementType, ArrayRef<int64_t> shape);
  /// A float tensor from `values` (row-major), each rounded to the type.
  static RefTensor fromFloats(Type elementType, ArrayRef<int64_t> shape,
                              ArrayRef<double> values);
  /// An integer tensor from `values` (row-major), each wrapped to the width.
  static RefTensor fromInts(Type elementType, ArrayRef<int64_t> shape,
                            ArrayRef<int64_t> values);
  /// The elements of a dense constant; fails on unsupported element types
  /// or attributes whose values cannot be read.
  static FailureOr<RefTensor> fromAttr(ElementsAttr attr);
  /// The tensor as a DenseElementsAttr.
  DenseElementsAttr toAttr() const;

  double getFloat(int64_t linear) const;
  int64_t getInt(int64_t linear) const;
  /// Stores `value` rounded to the element type.
  void setFloat(int64_t linear, double value);
  /// Stores `value` wrapped to the element width.
  void setInt(int64_t linear, int64_t value);

  /// Prints e.g. `tensor<2xf32> [1, 2]`.
  void print(raw_ostream &os) const;
};

/// True if the interpreter can hold elements of type `type`.
bool isSupportedElementType(Type type);
/// Rounds `value` to the nearest value of float type `type` (ties to even).
double roundToFloatType(Type type, double value);
/// Wraps `value` to the width of integer type `type` (i1: `value & 1`).
int64_t wrapToIntType(Type type, int64_t value);

/// Threefry-2x32 with 20 rounds, as in Random123 and JAX: hashes the
/// counter pair (`x0`, `x1`) under the key (`key0`, `key1`).
std::pair<uint32_t, uint32_t> threefry2x32(uint32_t key0, uint32_t key1,
                                           uint32_t x0, uint32_t x1);

/// Runs `fn` on `args` and returns its results. On failure (wrong argument
/// count or types, an unsupported op, invalid IR, call depth exceeded, an
/// out-of-bounds access), emits an error at the offending op's location
/// (e.g. "interpreter: unsupported op 'tensor.bitcast'") and returns
/// failure. Supports every genc op, func.call to functions of the same
/// module, func.return, and tensor-level upstream MLIR: arith, math, tensor,
/// linalg (every linalg::LinalgOp on tensors) and scf (see README.md).
///
/// A value of scalar type (f16, bf16, f32, f64, iN, index) is a 0-d
/// RefTensor of that element type, both for arguments and results; index
/// is held as i64 (also as the element type of tensors of index). A
/// dynamic dimension of an argument's type accepts any size.
FailureOr<SmallVector<RefTensor>> interpret(func::FuncOp fn,
                                            ArrayRef<RefTensor> args);

} // namespace interp
} // namespace genc
} // namespace mlir

#endif // GENC_DIALECTS_GENC_INTERPRETER_INTERPRETER_H

// genc::Tensor: a concrete array (a runtime buffer) or a traced value inside
// an active trace (jit). Operations on concrete tensors run eagerly (each op
// compiled once and cached); inside jit they only build IR.
//
// Thread safety: tracing and eager execution use one process-wide compiler
// context guarded by a lock; a Tensor is an immutable shared value.
#ifndef GENC_FRONTEND_TENSOR_H
#define GENC_FRONTEND_TENSOR_H

#include "genc/Error.h"
#include "genc/runtime/Buffer.h"
#include "genc/runtime/DType.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace genc {

using DType = runtime::DType;
using Shape = std::vector<int64_t>;
inline constexpr DType f32 = DType::F32;
inline constexpr DType f64 = DType::F64;
inline constexpr DType f16 = DType::F16;
inline constexpr DType bf16 = DType::BF16;
inline constexpr DType i1 = DType::I1;
inline constexpr DType boolean = DType::I1;
inline constexpr DType i8 = DType::I8;
inline constexpr DType i32 = DType::I32;
inline constexpr DType i64 = DType::I64;

namespace detail {
struct TensorImpl;
} // namespace detail

class Tensor {
public:
  /// An undefined tensor (no value); most operations reject it.
  Tensor() = default;
  explicit Tensor(std::shared_ptr<detail::TensorImpl> impl)
      : impl_(std::move(impl)) {}
  /// Wraps a runtime buffer (takes ownership).
  explicit Tensor(runtime::Buffer buffer);

  bool defined() const { return impl_ != nullptr; }
  bool is_traced() const;
  DType dtype() const;
  const Shape &shape() const;
  int64_t rank() const { return (int64_t)shape().size(); }
  /// Number of elements.
  int64_t size() const;
  int64_t dim(int64_t axis) const;

  /// The concrete buffer. Throws inside a trace.
  const runtime::Buffer &buffer() const;
  /// Host copy of the elements, converted to T (float, double, int32_t,
  /// int64_t, uint8_t for bool). Throws for traced tensors.
  template <class T> std::vector<T> to_vector() const;
  /// The single element of a size-1 tensor, as double.
  double item() const;
  /// "2x3xf32=[1 2 3][4 5 6]" (concrete) or "traced 2x3xf32".
  std::string str() const;
  /// "2x3xf32".
  std::string aval() const;

  const std::shared_ptr<detail::TensorImpl> &impl() const { return impl_; }

private:
  std::shared_ptr<detail::TensorImpl> impl_;
};

/// Host data to a tensor (a constant inside a trace).
Tensor array(const std::vector<float> &data, Shape shape, Loc loc = Loc::current());
Tensor array(const std::vector<double> &data, Shape shape, Loc loc = Loc::current());
Tensor array(const std::vector<int32_t> &data, Shape shape, Loc loc = Loc::current());
Tensor array(const std::vector<int64_t> &data, Shape shape, Loc loc = Loc::current());
Tensor array(const std::vector<bool> &data, Shape shape, Loc loc = Loc::current());
/// A 0-d tensor.
Tensor scalar(double value, DType dtype = f32, Loc loc = Loc::current());
Tensor full(Shape shape, double value, DType dtype = f32, Loc loc = Loc::current());
Tensor zeros(Shape shape, DType dtype = f32, Loc loc = Loc::current());
Tensor ones(Shape shape, DType dtype = f32, Loc loc = Loc::current());
Tensor zeros_like(const Tensor &x, Loc loc = Loc::current());
Tensor ones_like(const Tensor &x, Loc loc = Loc::current());
/// 0, 1, ..., n-1.
Tensor arange(int64_t n, DType dtype = i32, Loc loc = Loc::current());
/// start, start+step, ... below stop.
Tensor arange(double start, double stop, double step, DType dtype = f32,
              Loc loc = Loc::current());
/// num points from start to stop inclusive.
Tensor linspace(double start, double stop, int64_t num, DType dtype = f32,
                Loc loc = Loc::current());

/// "2x3" (scalar: "").
std::string shapeString(const Shape &shape);

} // namespace genc

#endif // GENC_FRONTEND_TENSOR_H

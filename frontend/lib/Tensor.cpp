//===- Tensor.cpp - genc::Tensor and creation functions -------------------===//

#include "Internal.h"

#include "dialects/genc/IR/GencDialect.h"
#include "genc/Ops.h"
#include "genc/runtime/TensorIO.h"

#include <cmath>
#include <cstring>

using namespace mlir;

namespace genc {

using detail::TensorImpl;

Tensor::Tensor(runtime::Buffer buffer) {
  auto impl = std::make_shared<TensorImpl>();
  impl->dtype = buffer.dtype();
  impl->shape = buffer.shape();
  impl->buffer = std::make_shared<runtime::Buffer>(std::move(buffer));
  impl_ = std::move(impl);
}

static const TensorImpl &checked(const std::shared_ptr<TensorImpl> &impl) {
  if (!impl)
    throw Error("genc: use of an undefined tensor");
  return *impl;
}

bool Tensor::is_traced() const { return checked(impl_).trace != nullptr; }
DType Tensor::dtype() const { return checked(impl_).dtype; }
const Shape &Tensor::shape() const { return checked(impl_).shape; }

int64_t Tensor::size() const {
  int64_t n = 1;
  for (int64_t d : shape())
    n *= d;
  return n;
}

int64_t Tensor::dim(int64_t axis) const {
  int64_t r = rank();
  if (axis < -r || axis >= r)
    throw Error("genc: axis " + std::to_string(axis) +
                " is out of range for a tensor of rank " + std::to_string(r));
  return shape()[axis < 0 ? axis + r : axis];
}

const runtime::Buffer &Tensor::buffer() const {
  const TensorImpl &impl = checked(impl_);
  if (!impl.buffer)
    throw Error("genc: this tensor is traced (inside jit) and has no value "
                "yet; values are available outside jit");
  return *impl.buffer;
}

template <class T> std::vector<T> Tensor::to_vector() const {
  const runtime::Buffer &b = buffer();
  std::vector<T> out(b.numElements());
  const void *p = b.data();
  for (int64_t i = 0; i < b.numElements(); ++i) {
    double v = 0;
    switch (b.dtype()) {
    case DType::F32: v = static_cast<const float *>(p)[i]; break;
    case DType::F64: v = static_cast<const double *>(p)[i]; break;
    case DType::F16: v = runtime::halfToFloat(static_cast<const uint16_t *>(p)[i]); break;
    case DType::BF16: v = runtime::bf16ToFloat(static_cast<const uint16_t *>(p)[i]); break;
    case DType::I1:
    case DType::U8: v = static_cast<const uint8_t *>(p)[i]; break;
    case DType::I8: v = static_cast<const int8_t *>(p)[i]; break;
    case DType::I32: v = static_cast<const int32_t *>(p)[i]; break;
    case DType::I64:
      if constexpr (std::is_same_v<T, int64_t>) {
        out[i] = static_cast<const int64_t *>(p)[i];
        continue;
      }
      v = (double)static_cast<const int64_t *>(p)[i];
      break;
    }
    out[i] = static_cast<T>(v);
  }
  return out;
}
template std::vector<float> Tensor::to_vector<float>() const;
template std::vector<double> Tensor::to_vector<double>() const;
template std::vector<int32_t> Tensor::to_vector<int32_t>() const;
template std::vector<int64_t> Tensor::to_vector<int64_t>() const;
template std::vector<uint8_t> Tensor::to_vector<uint8_t>() const;

double Tensor::item() const {
  if (size() != 1)
    throw Error("genc: item() needs a tensor with one element, got " + aval());
  return to_vector<double>()[0];
}

std::string shapeString(const Shape &shape) {
  std::string s;
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? "x" : "") + std::to_string(shape[i]);
  return s;
}

std::string Tensor::aval() const {
  std::string s = shapeString(shape());
  return s + (s.empty() ? "" : "x") + std::string(runtime::dtypeName(dtype()));
}

std::string Tensor::str() const {
  if (!defined())
    return "<undefined>";
  if (is_traced())
    return "traced " + aval();
  return runtime::formatTensorLiteral(buffer());
}

//===----------------------------------------------------------------------===//
// Creation
//===----------------------------------------------------------------------===//

namespace {

runtime::Buffer allocate(DType dtype, const Shape &shape, const Loc &loc,
                         const char *op) {
  for (int64_t d : shape)
    if (d < 0)
      fail(loc, op, "negative dimension in shape " + shapeString(shape));
  absl::StatusOr<runtime::Buffer> b = runtime::Buffer::allocate(dtype, shape);
  if (!b.ok())
    fail(loc, op, std::string(b.status().message()));
  return std::move(*b);
}

/// Stores `v` at element i of a buffer of any dtype.
void store(runtime::Buffer &b, int64_t i, double v) {
  void *p = b.data();
  switch (b.dtype()) {
  case DType::F32: static_cast<float *>(p)[i] = (float)v; break;
  case DType::F64: static_cast<double *>(p)[i] = v; break;
  case DType::F16: static_cast<uint16_t *>(p)[i] = runtime::floatToHalf((float)v); break;
  case DType::BF16: static_cast<uint16_t *>(p)[i] = runtime::floatToBf16((float)v); break;
  case DType::I1: static_cast<uint8_t *>(p)[i] = v != 0; break;
  case DType::U8: static_cast<uint8_t *>(p)[i] = (uint8_t)v; break;
  case DType::I8: static_cast<int8_t *>(p)[i] = (int8_t)v; break;
  case DType::I32: static_cast<int32_t *>(p)[i] = (int32_t)v; break;
  case DType::I64: static_cast<int64_t *>(p)[i] = (int64_t)v; break;
  }
}

int64_t product(const Shape &shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

template <class T>
Tensor fromHost(const std::vector<T> &data, Shape shape, DType dtype,
                const Loc &loc) {
  if ((int64_t)data.size() != product(shape))
    fail(loc, "array",
         "shape " + shapeString(shape) + " needs " +
             std::to_string(product(shape)) + " values, got " +
             std::to_string(data.size()));
  runtime::Buffer b = allocate(dtype, shape, loc, "array");
  for (size_t i = 0; i < data.size(); ++i) {
    if constexpr (std::is_same_v<T, int64_t>)
      static_cast<int64_t *>(b.data())[i] = data[i];
    else
      store(b, i, (double)data[i]);
  }
  return Tensor(std::move(b));
}

/// Inside a trace, host data becomes a constant op; eagerly it is a buffer.
Tensor materialize(Tensor concrete, const Loc &loc) {
  if (!detail::currentTrace())
    return concrete;
  return detail::apply1("constant", {concrete},
                        [](OpBuilder &, Location, ArrayRef<Value> v) {
                          return v[0];
                        },
                        loc);
}

} // namespace

Tensor array(const std::vector<float> &data, Shape shape, Loc loc) {
  return materialize(fromHost(data, std::move(shape), f32, loc), loc);
}
Tensor array(const std::vector<double> &data, Shape shape, Loc loc) {
  return materialize(fromHost(data, std::move(shape), f64, loc), loc);
}
Tensor array(const std::vector<int32_t> &data, Shape shape, Loc loc) {
  return materialize(fromHost(data, std::move(shape), i32, loc), loc);
}
Tensor array(const std::vector<int64_t> &data, Shape shape, Loc loc) {
  return materialize(fromHost(data, std::move(shape), i64, loc), loc);
}
Tensor array(const std::vector<bool> &data, Shape shape, Loc loc) {
  std::vector<uint8_t> bytes(data.begin(), data.end());
  return materialize(fromHost(bytes, std::move(shape), i1, loc), loc);
}

Tensor full(Shape shape, double value, DType dtype, Loc loc) {
  if (detail::currentTrace()) {
    for (int64_t d : shape)
      if (d < 0)
        fail(loc, "full", "negative dimension in shape " + shapeString(shape));
    return detail::apply1(
        "full", {},
        [&](OpBuilder &b, Location l, ArrayRef<Value>) -> Value {
          RankedTensorType type = detail::tensorType(dtype, shape);
          Type et = type.getElementType();
          Attribute v = isa<FloatType>(et)
                            ? (Attribute)b.getFloatAttr(et, value)
                            : (Attribute)b.getIntegerAttr(et, (int64_t)value);
          if (et.isInteger(1))
            v = b.getBoolAttr(value != 0);
          return b.create<mlir::genc::ConstantOp>(
              l, SplatElementsAttr::get(type, v));
        },
        loc);
  }
  runtime::Buffer b = allocate(dtype, shape, loc, "full");
  for (int64_t i = 0; i < b.numElements(); ++i)
    store(b, i, value);
  return Tensor(std::move(b));
}

Tensor scalar(double value, DType dtype, Loc loc) {
  return full({}, value, dtype, loc);
}
Tensor zeros(Shape shape, DType dtype, Loc loc) {
  return full(std::move(shape), 0.0, dtype, loc);
}
Tensor ones(Shape shape, DType dtype, Loc loc) {
  return full(std::move(shape), 1.0, dtype, loc);
}
Tensor zeros_like(const Tensor &x, Loc loc) {
  return full(x.shape(), 0.0, x.dtype(), loc);
}
Tensor ones_like(const Tensor &x, Loc loc) {
  return full(x.shape(), 1.0, x.dtype(), loc);
}

Tensor arange(int64_t n, DType dtype, Loc loc) {
  return arange(0, (double)n, 1, dtype, loc);
}

Tensor arange(double start, double stop, double step, DType dtype, Loc loc) {
  if (step == 0)
    fail(loc, "arange", "step must not be zero");
  int64_t n = std::max<int64_t>(0, (int64_t)std::ceil((stop - start) / step));
  std::vector<double> values(n);
  for (int64_t i = 0; i < n; ++i)
    values[i] = start + step * i;
  runtime::Buffer b = allocate(dtype, {n}, loc, "arange");
  for (int64_t i = 0; i < n; ++i)
    store(b, i, values[i]);
  return materialize(Tensor(std::move(b)), loc);
}

Tensor linspace(double start, double stop, int64_t num, DType dtype, Loc loc) {
  if (num < 0)
    fail(loc, "linspace", "num must not be negative");
  runtime::Buffer b = allocate(dtype, {num}, loc, "linspace");
  for (int64_t i = 0; i < num; ++i)
    store(b, i, num == 1 ? start : start + (stop - start) * i / (num - 1));
  return materialize(Tensor(std::move(b)), loc);
}

} // namespace genc

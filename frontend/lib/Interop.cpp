//===- Interop.cpp - runtime buffers <-> interpreter tensors --------------===//

#include "frontend/lib/Interop.h"

#include "genc/runtime/DType.h"

#include "mlir/IR/Builders.h"

#include <cstring>

using namespace mlir;
using namespace mlir::genc;
namespace rt = ::genc::runtime;

static Type elementTypeFor(MLIRContext &ctx, rt::DType dtype) {
  Builder b(&ctx);
  switch (dtype) {
  case rt::DType::F32: return b.getF32Type();
  case rt::DType::F64: return b.getF64Type();
  case rt::DType::F16: return b.getF16Type();
  case rt::DType::BF16: return b.getBF16Type();
  case rt::DType::I1: return b.getI1Type();
  case rt::DType::I8: return b.getI8Type();
  case rt::DType::I32: return b.getI32Type();
  case rt::DType::I64: return b.getI64Type();
  case rt::DType::U8: return {};
  }
  return {};
}

static std::optional<rt::DType> dtypeFor(Type t) {
  if (t.isF32()) return rt::DType::F32;
  if (t.isF64()) return rt::DType::F64;
  if (t.isF16()) return rt::DType::F16;
  if (t.isBF16()) return rt::DType::BF16;
  if (t.isInteger(1)) return rt::DType::I1;
  if (t.isInteger(8)) return rt::DType::I8;
  if (t.isInteger(32)) return rt::DType::I32;
  if (t.isInteger(64)) return rt::DType::I64;
  return std::nullopt;
}

auto ::genc::interop::toRefTensor(MLIRContext &ctx, const rt::Buffer &buffer,
                                std::string &error)
    -> FailureOr<interp::RefTensor> {
  Type et = elementTypeFor(ctx, buffer.dtype());
  if (!et) {
    error = "element type " + std::string(rt::dtypeName(buffer.dtype())) +
            " is not supported by genc programs";
    return failure();
  }
  interp::RefTensor t =
      interp::RefTensor::zeros(et, SmallVector<int64_t>(buffer.shape().begin(),
                                                        buffer.shape().end()));
  int64_t n = buffer.numElements();
  const void *p = buffer.data();
  for (int64_t i = 0; i < n; ++i) {
    switch (buffer.dtype()) {
    case rt::DType::F32: t.floats[i] = static_cast<const float *>(p)[i]; break;
    case rt::DType::F64: t.floats[i] = static_cast<const double *>(p)[i]; break;
    case rt::DType::F16:
      t.floats[i] = rt::halfToFloat(static_cast<const uint16_t *>(p)[i]);
      break;
    case rt::DType::BF16:
      t.floats[i] = rt::bf16ToFloat(static_cast<const uint16_t *>(p)[i]);
      break;
    case rt::DType::I1:
      t.ints[i] = static_cast<const uint8_t *>(p)[i] != 0;
      break;
    case rt::DType::I8: t.ints[i] = static_cast<const int8_t *>(p)[i]; break;
    case rt::DType::I32: t.ints[i] = static_cast<const int32_t *>(p)[i]; break;
    case rt::DType::I64: t.ints[i] = static_cast<const int64_t *>(p)[i]; break;
    case rt::DType::U8: break;
    }
  }
  return t;
}

auto ::genc::interop::toBuffer(const interp::RefTensor &tensor)
    -> absl::StatusOr<rt::Buffer> {
  std::optional<rt::DType> dtype = dtypeFor(tensor.elementType);
  if (!dtype)
    return absl::InvalidArgumentError("unsupported result element type");
  absl::StatusOr<rt::Buffer> buffer = rt::Buffer::allocate(
      *dtype, std::vector<int64_t>(tensor.shape.begin(), tensor.shape.end()));
  if (!buffer.ok())
    return buffer.status();
  void *p = buffer->data();
  for (int64_t i = 0, n = tensor.numElements(); i < n; ++i) {
    switch (*dtype) {
    case rt::DType::F32: static_cast<float *>(p)[i] = tensor.floats[i]; break;
    case rt::DType::F64: static_cast<double *>(p)[i] = tensor.floats[i]; break;
    case rt::DType::F16:
      static_cast<uint16_t *>(p)[i] = rt::floatToHalf(tensor.floats[i]);
      break;
    case rt::DType::BF16:
      static_cast<uint16_t *>(p)[i] = rt::floatToBf16(tensor.floats[i]);
      break;
    case rt::DType::I1: static_cast<uint8_t *>(p)[i] = tensor.ints[i] != 0; break;
    case rt::DType::I8: static_cast<int8_t *>(p)[i] = tensor.ints[i]; break;
    case rt::DType::I32: static_cast<int32_t *>(p)[i] = tensor.ints[i]; break;
    case rt::DType::I64: static_cast<int64_t *>(p)[i] = tensor.ints[i]; break;
    case rt::DType::U8: break;
    }
  }
  return buffer;
}

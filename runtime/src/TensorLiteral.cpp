// Parsing and printing of IREE-notation tensor literals (2x3xf32=1 2 3 ...).
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "genc/runtime/Artifact.h"
#include "genc/runtime/TensorIO.h"

#include "Text.h"

namespace genc::runtime {

namespace {

using text::isSpace;
using text::trim;

bool isSeparator(char c) {
  return isSpace(c) || c == ',' || c == '[' || c == ']';
}

absl::Status notANumber(std::string_view token) {
  return absl::InvalidArgumentError(
      absl::StrCat("'", std::string(token), "' is not a number"));
}

absl::Status outOfRange(std::string_view token, DType dtype) {
  return absl::InvalidArgumentError(
      absl::StrCat("'", std::string(token), "' is out of range for ",
                   std::string(dtypeName(dtype))));
}

// Parses a whole token as T. std::from_chars rejects a leading '+', so
// strip one here (but not "+-1").
template <class T> std::errc parseWhole(std::string_view token, T &value) {
  std::string_view digits = token;
  if (digits.size() > 1 && digits[0] == '+' && digits[1] != '-')
    digits.remove_prefix(1);
  if (digits.empty())
    return std::errc::invalid_argument;
  auto [end, ec] =
      std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec == std::errc() && end != digits.data() + digits.size())
    return std::errc::invalid_argument;
  if (ec == std::errc::result_out_of_range &&
      end != digits.data() + digits.size())
    return std::errc::invalid_argument;
  return ec;
}

// Parses a floating point token into T (float or double). Overflow is an
// error; underflow gives the nearest representable value (0 or subnormal),
// which from_chars reports as out of range, so retry in a wider type.
template <class T, class Wider>
absl::StatusOr<T> parseFloating(std::string_view token, DType dtype) {
  T value{};
  std::errc ec = parseWhole(token, value);
  if (ec == std::errc())
    return value;
  if (ec != std::errc::result_out_of_range)
    return notANumber(token);
  Wider wide{};
  if (parseWhole(token, wide) == std::errc() &&
      std::fabs(wide) <= static_cast<Wider>(std::numeric_limits<T>::max()))
    return static_cast<T>(wide);
  return outOfRange(token, dtype);
}

absl::StatusOr<float> parseFloat(std::string_view token, DType dtype) {
  return parseFloating<float, double>(token, dtype);
}

template <class T>
absl::Status parseInteger(std::string_view token, DType dtype, void *dst) {
  int64_t value = 0;
  std::errc ec = parseWhole(token, value);
  if (ec == std::errc::invalid_argument) {
    double ignored;
    if (parseWhole(token, ignored) == std::errc())
      return absl::InvalidArgumentError(
          absl::StrCat("'", std::string(token), "' is not an integer (dtype ",
                       std::string(dtypeName(dtype)), ")"));
    return notANumber(token);
  }
  if (ec != std::errc() || value < int64_t{std::numeric_limits<T>::min()} ||
      value > int64_t{std::numeric_limits<T>::max()})
    return outOfRange(token, dtype);
  T narrow = static_cast<T>(value);
  std::memcpy(dst, &narrow, sizeof(T));
  return absl::OkStatus();
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size())
    return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i] >= 'A' && a[i] <= 'Z' ? a[i] - 'A' + 'a' : a[i];
    if (x != b[i])
      return false;
  }
  return true;
}

// Parses one element of `dtype` from `token` into `dst`.
absl::Status parseElement(DType dtype, std::string_view token, void *dst) {
  switch (dtype) {
  case DType::F32: {
    absl::StatusOr<float> v = parseFloat(token, dtype);
    if (!v.ok())
      return v.status();
    std::memcpy(dst, &*v, sizeof(float));
    return absl::OkStatus();
  }
  case DType::F64: {
    absl::StatusOr<double> v = parseFloating<double, long double>(token, dtype);
    if (!v.ok())
      return v.status();
    std::memcpy(dst, &*v, sizeof(double));
    return absl::OkStatus();
  }
  case DType::F16:
  case DType::BF16: {
    absl::StatusOr<float> v = parseFloat(token, dtype);
    if (!v.ok())
      return v.status();
    uint16_t bits = dtype == DType::F16 ? floatToHalf(*v) : floatToBf16(*v);
    float back = dtype == DType::F16 ? halfToFloat(bits) : bf16ToFloat(bits);
    if (std::isinf(back) && !std::isinf(*v))
      return outOfRange(token, dtype);
    std::memcpy(dst, &bits, sizeof(bits));
    return absl::OkStatus();
  }
  case DType::I1: {
    uint8_t v;
    if (token == "1" || equalsIgnoreCase(token, "true"))
      v = 1;
    else if (token == "0" || equalsIgnoreCase(token, "false"))
      v = 0;
    else
      return absl::InvalidArgumentError(
          absl::StrCat("'", std::string(token),
                       "' is not a boolean (expected 0, 1, true or false)"));
    std::memcpy(dst, &v, 1);
    return absl::OkStatus();
  }
  case DType::I8:
    return parseInteger<int8_t>(token, dtype, dst);
  case DType::I32:
    return parseInteger<int32_t>(token, dtype, dst);
  case DType::I64:
    return parseInteger<int64_t>(token, dtype, dst);
  case DType::U8:
    return parseInteger<uint8_t>(token, dtype, dst);
  }
  return absl::InternalError("invalid dtype");
}

template <class T> void appendNumber(std::string &out, T value) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), value);
  out.append(buf, ec == std::errc() ? end : buf);
}

template <class T> void appendFloat(std::string &out, T value, int precision) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), value,
                                 std::chars_format::general, precision);
  out.append(buf, ec == std::errc() ? end : buf);
}

void appendElement(std::string &out, DType dtype, const uint8_t *p) {
  switch (dtype) {
  case DType::F32: {
    float v;
    std::memcpy(&v, p, sizeof(v));
    return appendFloat(out, v, 9);
  }
  case DType::F64: {
    double v;
    std::memcpy(&v, p, sizeof(v));
    return appendFloat(out, v, 17);
  }
  case DType::F16:
  case DType::BF16: {
    uint16_t bits;
    std::memcpy(&bits, p, sizeof(bits));
    if (dtype == DType::F16)
      return appendFloat(out, halfToFloat(bits), 5);
    return appendFloat(out, bf16ToFloat(bits), 4);
  }
  case DType::I1:
    out.push_back(*p ? '1' : '0');
    return;
  case DType::I8:
    return appendNumber(out, static_cast<int>(static_cast<int8_t>(*p)));
  case DType::U8:
    return appendNumber(out, static_cast<int>(*p));
  case DType::I32: {
    int32_t v;
    std::memcpy(&v, p, sizeof(v));
    return appendNumber(out, v);
  }
  case DType::I64: {
    int64_t v;
    std::memcpy(&v, p, sizeof(v));
    return appendNumber(out, v);
  }
  }
}

// Appends the elements of dimension `dim` onward, starting at element
// `*index`: the innermost dimension as space separated values, each outer
// one as a bracketed group per index.
void appendDims(std::string &out, const Buffer &buffer, size_t dim,
                int64_t &index) {
  const auto *data = buffer.dataAs<uint8_t>();
  size_t elementSize = dtypeSize(buffer.dtype());
  int64_t extent = buffer.shape()[dim];
  if (dim + 1 == buffer.rank()) {
    for (int64_t i = 0; i < extent; ++i, ++index) {
      if (i > 0)
        out.push_back(' ');
      appendElement(out, buffer.dtype(), data + index * elementSize);
    }
    return;
  }
  for (int64_t i = 0; i < extent; ++i) {
    out.push_back('[');
    appendDims(out, buffer, dim + 1, index);
    out.push_back(']');
  }
}

} // namespace

absl::StatusOr<Buffer> parseTensorLiteral(std::string_view text) {
  std::string_view literal = trim(text);
  if (!literal.empty() && literal.front() == '@')
    return readNpy(std::string(trim(literal.substr(1))));
  size_t equals = literal.find('=');
  if (equals == std::string_view::npos)
    return absl::InvalidArgumentError(absl::StrCat(
        "invalid tensor literal '", std::string(literal),
        "': expected TYPE=VALUES (e.g. 2x3xf32=1 2 3 4 5 6) or @file.npy"));
  absl::StatusOr<TensorSpec> spec = parseTensorSpec(literal.substr(0, equals));
  if (!spec.ok())
    return spec.status();
  std::string specText = spec->str();
  absl::StatusOr<Buffer> buffer = Buffer::allocate(*spec);
  if (!buffer.ok())
    return buffer.status();

  // Split the values on separators, checking that brackets balance.
  std::string_view values = literal.substr(equals + 1);
  std::vector<std::string_view> tokens;
  int depth = 0;
  for (size_t i = 0; i < values.size();) {
    char c = values[i];
    if (c == '[' || c == ']') {
      depth += c == '[' ? 1 : -1;
      if (depth < 0)
        return absl::InvalidArgumentError(
            absl::StrCat(specText, ": unbalanced brackets (unexpected ']')"));
    }
    if (isSeparator(c)) {
      ++i;
      continue;
    }
    size_t start = i;
    while (i < values.size() && !isSeparator(values[i]))
      ++i;
    tokens.push_back(values.substr(start, i - start));
  }
  if (depth != 0)
    return absl::InvalidArgumentError(
        absl::StrCat(specText, ": unbalanced brackets (missing ']')"));

  int64_t count = buffer->numElements();
  bool splat = tokens.size() == 1 && count != 1;
  if (!splat && static_cast<int64_t>(tokens.size()) != count)
    return absl::InvalidArgumentError(absl::StrCat(
        specText, ": expected ", count, count == 1 ? " value" : " values",
        ", got ", tokens.size()));
  auto *data = buffer->dataAs<uint8_t>();
  size_t elementSize = dtypeSize(spec->dtype);
  auto parseInto = [&](std::string_view token, void *dst) -> absl::Status {
    absl::Status s = parseElement(spec->dtype, token, dst);
    if (!s.ok())
      return absl::InvalidArgumentError(
          absl::StrCat(specText, ": ", s.message()));
    return s;
  };
  if (splat) {
    uint8_t element[8] = {};
    if (absl::Status s = parseInto(tokens[0], element); !s.ok())
      return s;
    for (int64_t i = 0; i < count; ++i)
      std::memcpy(data + i * elementSize, element, elementSize);
    return buffer;
  }
  for (size_t i = 0; i < tokens.size(); ++i)
    if (absl::Status s = parseInto(tokens[i], data + i * elementSize); !s.ok())
      return s;
  return buffer;
}

std::string formatTensorLiteral(const Buffer &buffer) {
  std::string out = buffer.shapeString();
  out.push_back('=');
  if (!buffer.data()) // Empty (moved-from) buffer: no elements to print.
    return out;
  if (buffer.numElements() == 0) {
    // IREE prints one "[]" per outer index ("2x0xf32=[][]"); past a few
    // thousand groups nothing (an empty 7777777777x0 tensor took minutes;
    // found by fuzz_tensor_literal). Both forms parse back.
    uint64_t groups = 1;
    for (size_t d = 0; d + 1 < buffer.rank() && groups <= 4096; ++d)
      groups *= static_cast<uint64_t>(buffer.shape()[d]);
    if (groups > 4096)
      return out;
  }
  if (buffer.rank() == 0) {
    appendElement(out, buffer.dtype(), buffer.dataAs<uint8_t>());
    return out;
  }
  int64_t index = 0;
  appendDims(out, buffer, 0, index);
  return out;
}

} // namespace genc::runtime

// Reading and writing NumPy .npy files (format versions 1.0, 2.0 and 3.0).
#include <unistd.h>

#include <atomic>
#include <bit>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <algorithm>
#include <cstring>
#include <optional>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "genc/runtime/TensorIO.h"

static_assert(std::endian::native == std::endian::little,
              "the .npy reader/writer assumes a little-endian host");

namespace genc::runtime {

namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr size_t kMagicSize = 6;

struct NpyType {
  const char *code; // Type code without the byte order mark.
  DType dtype;
};
constexpr NpyType kNpyTypes[] = {
    {"f4", DType::F32}, {"f8", DType::F64}, {"f2", DType::F16},
    {"i4", DType::I32}, {"i8", DType::I64}, {"b1", DType::I1},
    {"i1", DType::I8},  {"u1", DType::U8},
};

std::string errnoMessage(int error) {
  return std::generic_category().message(error);
}

// A parser for the Python dict literal in a .npy header, e.g.
// {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }
class HeaderParser {
public:
  explicit HeaderParser(std::string_view text) : text_(text) {}

  struct Header {
    std::string descr;
    bool fortranOrder = false;
    std::vector<int64_t> shape;
  };

  absl::StatusOr<Header> parse() {
    Header header;
    bool sawDescr = false, sawFortran = false, sawShape = false;
    if (!consume('{'))
      return error("expected '{'");
    while (true) {
      skipSpace();
      if (consume('}'))
        break;
      absl::StatusOr<std::string> key = parseString();
      if (!key.ok())
        return key.status();
      if (!consume(':'))
        return error(absl::StrCat("expected ':' after '", *key, "'"));
      if (*key == "descr") {
        skipSpace();
        if (pos_ < text_.size() && text_[pos_] == '[')
          return error("structured dtypes are not supported");
        absl::StatusOr<std::string> descr = parseString();
        if (!descr.ok())
          return descr.status();
        header.descr = *descr;
        sawDescr = true;
      } else if (*key == "fortran_order") {
        absl::StatusOr<bool> value = parseBool();
        if (!value.ok())
          return value.status();
        header.fortranOrder = *value;
        sawFortran = true;
      } else if (*key == "shape") {
        absl::StatusOr<std::vector<int64_t>> shape = parseShape();
        if (!shape.ok())
          return shape.status();
        header.shape = std::move(*shape);
        sawShape = true;
      } else {
        return error(absl::StrCat("unexpected key '", *key, "'"));
      }
      if (consume(','))
        continue;
      if (consume('}'))
        break;
      return error("expected ',' or '}'");
    }
    if (!sawDescr)
      return error("missing 'descr'");
    if (!sawFortran)
      return error("missing 'fortran_order'");
    if (!sawShape)
      return error("missing 'shape'");
    return header;
  }

private:
  absl::Status error(std::string_view message) const {
    return absl::InvalidArgumentError(absl::StrCat(
        "bad header: ", std::string(message), " at offset ", pos_));
  }

  void skipSpace() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' ||
                                   text_[pos_] == '\n' || text_[pos_] == '\r'))
      ++pos_;
  }

  bool consume(char c) {
    skipSpace();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  absl::StatusOr<std::string> parseString() {
    skipSpace();
    if (pos_ >= text_.size() || (text_[pos_] != '\'' && text_[pos_] != '"'))
      return error("expected a string");
    char quote = text_[pos_++];
    size_t end = text_.find(quote, pos_);
    if (end == std::string_view::npos)
      return error("unterminated string");
    std::string value(text_.substr(pos_, end - pos_));
    pos_ = end + 1;
    return value;
  }

  absl::StatusOr<bool> parseBool() {
    skipSpace();
    std::string_view rest = text_.substr(pos_);
    if (rest.starts_with("True")) {
      pos_ += 4;
      return true;
    }
    if (rest.starts_with("False")) {
      pos_ += 5;
      return false;
    }
    return error("expected True or False");
  }

  absl::StatusOr<std::vector<int64_t>> parseShape() {
    std::vector<int64_t> shape;
    if (!consume('('))
      return error("expected '(' to start the shape");
    while (true) {
      if (consume(')'))
        return shape;
      skipSpace();
      size_t start = pos_;
      while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9')
        ++pos_;
      if (pos_ == start)
        return error("expected a dimension");
      int64_t dim = 0;
      auto [end, ec] =
          std::from_chars(text_.data() + start, text_.data() + pos_, dim);
      if (ec != std::errc())
        return error("dimension too large");
      shape.push_back(dim);
      if (pos_ < text_.size() && text_[pos_] == 'L') // Python 2 long.
        ++pos_;
      if (consume(','))
        continue;
      if (consume(')'))
        return shape;
      return error("expected ',' or ')' in the shape");
    }
  }

  std::string_view text_;
  size_t pos_ = 0;
};

absl::StatusOr<DType> dtypeFromDescr(std::string_view descr) {
  std::string_view code = descr;
  char order = '|';
  if (!code.empty() &&
      (code[0] == '<' || code[0] == '>' || code[0] == '|' || code[0] == '=')) {
    order = code[0];
    code.remove_prefix(1);
  }
  for (const NpyType &type : kNpyTypes) {
    if (code != type.code)
      continue;
    if (dtypeSize(type.dtype) == 1 || order == '<' || order == '=')
      return type.dtype;
    if (order == '>')
      return absl::InvalidArgumentError(
          absl::StrCat("big-endian data ('", std::string(descr),
                       "') is not supported; convert it with arr.astype('<",
                       std::string(code), "')"));
    break;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unsupported dtype '", std::string(descr),
                   "' (supported: <f4 <f8 <f2 <i4 <i8 |b1 |i1 |u1)"));
}

std::string descrFor(DType dtype) {
  for (const NpyType &type : kNpyTypes)
    if (type.dtype == dtype)
      return absl::StrCat(dtypeSize(dtype) == 1 ? "|" : "<", type.code);
  return "";
}

// Copies column-major `src` into row-major `dst` for the given shape.
void transposeFortran(const uint8_t *src, uint8_t *dst,
                      const std::vector<int64_t> &shape, size_t elementSize,
                      int64_t count) {
  // Nothing to copy; the strides of an empty shape (a 0 after huge
  // dimensions) may not even be representable (UBSan, fuzz_npy).
  if (count == 0)
    return;
  size_t rank = shape.size();
  std::vector<int64_t> stride(rank), index(rank, 0);
  for (size_t k = 0; k < rank; ++k)
    stride[k] = k == 0 ? 1 : stride[k - 1] * shape[k - 1];
  int64_t offset = 0;
  for (int64_t i = 0; i < count; ++i) {
    std::memcpy(dst + i * elementSize, src + offset * elementSize, elementSize);
    for (size_t k = rank; k-- > 0;) {
      offset += stride[k];
      if (++index[k] < shape[k])
        break;
      offset -= stride[k] * shape[k];
      index[k] = 0;
    }
  }
}

uint32_t readLittleEndian(std::string_view bytes, size_t offset, size_t size) {
  uint32_t value = 0;
  for (size_t i = 0; i < size; ++i)
    value |= static_cast<uint32_t>(static_cast<uint8_t>(bytes[offset + i]))
             << (8 * i);
  return value;
}

} // namespace

absl::StatusOr<Buffer> parseNpy(std::string_view bytes, std::string_view name) {
  std::string file(name);
  auto fail = [&](absl::string_view message) {
    return absl::InvalidArgumentError(absl::StrCat("'", file, "': ", message));
  };
  if (bytes.size() < kMagicSize ||
      bytes.substr(0, kMagicSize) != std::string_view(kMagic, kMagicSize))
    return fail("not a .npy file (bad magic)");
  if (bytes.size() < kMagicSize + 2)
    return fail("truncated .npy header");
  int major = static_cast<uint8_t>(bytes[6]);
  int minor = static_cast<uint8_t>(bytes[7]);
  if (major < 1 || major > 3)
    return fail(
        absl::StrCat("unsupported .npy format version ", major, ".", minor));
  size_t lengthSize = major == 1 ? 2 : 4;
  size_t headerStart = kMagicSize + 2 + lengthSize;
  if (bytes.size() < headerStart)
    return fail("truncated .npy header");
  size_t headerLength = readLittleEndian(bytes, kMagicSize + 2, lengthSize);
  if (bytes.size() - headerStart < headerLength)
    return fail(absl::StrCat("truncated .npy header: expected ", headerLength,
                             " header bytes, got ",
                             bytes.size() - headerStart));
  absl::StatusOr<HeaderParser::Header> header =
      HeaderParser(bytes.substr(headerStart, headerLength)).parse();
  if (!header.ok())
    return fail(header.status().message());
  absl::StatusOr<DType> dtype = dtypeFromDescr(header->descr);
  if (!dtype.ok())
    return fail(dtype.status().message());
  // The data must be present before anything is allocated: a header may
  // claim any shape (found by fuzz/fuzz_npy: an 80 GB allocation for a
  // 200-byte file).
  size_t dataStart = headerStart + headerLength;
  size_t available = bytes.size() - dataStart;
  uint64_t expected = dtypeSize(*dtype);
  bool overflow = false;
  if (std::find(header->shape.begin(), header->shape.end(), 0) != header->shape.end())
    expected = 0; // empty, whatever the other dimensions
  for (int64_t d : expected ? header->shape : std::vector<int64_t>{}) {
    if (d < 0)
      break; // Buffer::allocate names the bad dimension
    if (d != 0 && expected > UINT64_MAX / static_cast<uint64_t>(d))
      overflow = true;
    else
      expected *= static_cast<uint64_t>(d);
  }
  if (overflow || expected > available)
    return fail(absl::StrCat("truncated data: expected ",
                             overflow ? std::string("more than 2^64")
                                      : std::to_string(expected),
                             " bytes, got ", available));
  absl::StatusOr<Buffer> buffer = Buffer::allocate(*dtype, header->shape);
  if (!buffer.ok())
    return fail(buffer.status().message());
  const auto *src = reinterpret_cast<const uint8_t *>(bytes.data() + dataStart);
  auto *dst = buffer->dataAs<uint8_t>();
  if (header->fortranOrder && buffer->rank() > 1)
    transposeFortran(src, dst, header->shape, dtypeSize(*dtype),
                     buffer->numElements());
  else if (buffer->byteSize() > 0)
    std::memcpy(dst, src, buffer->byteSize());
  if (*dtype == DType::I1) // Keep the 0/1 invariant.
    for (int64_t i = 0; i < buffer->numElements(); ++i)
      dst[i] = dst[i] != 0;
  return buffer;
}

absl::StatusOr<Buffer> readNpy(const std::string &path) {
  std::FILE *f = std::fopen(path.c_str(), "rb");
  if (!f) {
    int error = errno;
    std::string message =
        absl::StrCat("cannot read '", path, "': ", errnoMessage(error));
    return error == ENOENT ? absl::NotFoundError(message)
                           : absl::InvalidArgumentError(message);
  }
  std::string bytes;
  char chunk[1 << 16];
  size_t n;
  while ((n = std::fread(chunk, 1, sizeof(chunk), f)) > 0)
    bytes.append(chunk, n);
  int error = std::ferror(f) ? errno : 0;
  std::fclose(f);
  if (error != 0)
    return absl::InvalidArgumentError(
        absl::StrCat("cannot read '", path, "': ", errnoMessage(error)));
  return parseNpy(bytes, path);
}

absl::StatusOr<std::string> serializeNpy(const Buffer &buffer) {
  if (buffer.dtype() == DType::BF16)
    return absl::InvalidArgumentError(
        "cannot write bf16 as .npy: NumPy has no bfloat16 dtype");
  std::string shape = "(";
  for (size_t i = 0; i < buffer.rank(); ++i)
    absl::StrAppend(&shape, i ? ", " : "", buffer.shape()[i]);
  absl::StrAppend(&shape, buffer.rank() == 1 ? ",)" : ")");
  std::string dict =
      absl::StrCat("{'descr': '", descrFor(buffer.dtype()),
                   "', 'fortran_order': False, 'shape': ", shape, ", }");
  // Pad with spaces and a final newline so the data starts on a 64-byte
  // boundary, as NumPy does.
  auto padded = [&](size_t preamble) {
    size_t total = preamble + dict.size() + 1;
    size_t padding = (64 - total % 64) % 64;
    return dict + std::string(padding, ' ') + "\n";
  };
  std::string header = padded(10);
  int major = 1;
  if (header.size() > 0xffff) {
    major = 2;
    header = padded(12);
  }
  std::string out(kMagic, kMagicSize);
  out.push_back(static_cast<char>(major));
  out.push_back(0);
  size_t lengthSize = major == 1 ? 2 : 4;
  for (size_t i = 0; i < lengthSize; ++i)
    out.push_back(static_cast<char>((header.size() >> (8 * i)) & 0xff));
  out += header;
  if (buffer.data() && buffer.byteSize() > 0)
    out.append(buffer.dataAs<char>(), buffer.byteSize());
  return out;
}

absl::Status writeNpy(const std::string &path, const Buffer &buffer) {
  absl::StatusOr<std::string> bytes = serializeNpy(buffer);
  if (!bytes.ok())
    return absl::Status(
        bytes.status().code(),
        absl::StrCat("cannot write '", path, "': ", bytes.status().message()));
  static std::atomic<uint64_t> counter{0};
  std::string temp =
      absl::StrCat(path, ".tmp.", ::getpid(), ".", counter.fetch_add(1));
  auto fail = [&](int error) {
    std::remove(temp.c_str());
    return absl::InvalidArgumentError(
        absl::StrCat("cannot write '", path, "': ", errnoMessage(error)));
  };
  std::FILE *f = std::fopen(temp.c_str(), "wb");
  if (!f)
    return absl::InvalidArgumentError(
        absl::StrCat("cannot write '", path, "': ", errnoMessage(errno)));
  size_t written = std::fwrite(bytes->data(), 1, bytes->size(), f);
  int error = written == bytes->size() ? 0 : (errno ? errno : EIO);
  if (std::fclose(f) != 0 && error == 0)
    error = errno ? errno : EIO;
  if (error != 0)
    return fail(error);
  if (std::rename(temp.c_str(), path.c_str()) != 0)
    return fail(errno);
  return absl::OkStatus();
}

} // namespace genc::runtime

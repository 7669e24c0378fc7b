//===- checkpoint.cpp - safetensors save/load with a SHA-256 check --------===//
//
// Self-contained: a small JSON reader/writer for the header and a SHA-256
// (FIPS 180-4, 64-bit length, so files past 4 GiB hash correctly).
// Validation follows the safetensors reference implementation: the tensors'
// data_offsets, sorted, must tile the data section exactly.
//
//===----------------------------------------------------------------------===//

#include "genc/checkpoint.h"
#include "genc/runtime/Sha256.h"
#include "genc/json.h"

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstdio>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <limits>
#include <string_view>
#include <sys/stat.h>
#include <unistd.h>
#include <variant>

namespace genc {

static_assert(std::endian::native == std::endian::little,
              "safetensors data is little-endian; genc checkpoints assume a "
              "little-endian host");

namespace {

constexpr const char *kChecksumKey = "genc.sha256";

// The runtime's SHA-256 (genc/runtime/Sha256.h).
using Sha256 = runtime::Sha256;

//===----------------------------------------------------------------------===//
// dtypes
//===----------------------------------------------------------------------===//

const char *safetensorsName(DType d) {
  switch (d) {
  case DType::F32:
    return "F32";
  case DType::F64:
    return "F64";
  case DType::F16:
    return "F16";
  case DType::BF16:
    return "BF16";
  case DType::I1:
    return "BOOL";
  case DType::I8:
    return "I8";
  case DType::I32:
    return "I32";
  case DType::I64:
    return "I64";
  case DType::U8:
    return "U8";
  }
  return "?";
}

/// 1 = known to genc, 0 = a safetensors dtype genc lacks, -1 = unknown.
int parseSafetensorsDType(const std::string &name, DType &out) {
  for (DType d : runtime::kAllDTypes)
    if (name == safetensorsName(d)) {
      out = d;
      return 1;
    }
  for (const char *other : {"I16", "U16", "U32", "U64", "F8_E4M3", "F8_E5M2",
                            "F8_E8M0", "F6_E2M3", "F6_E3M2", "F4", "C64"})
    if (name == other)
      return 0;
  return -1;
}

void writeJsonString(std::string &out, const std::string &s) {
  out += '"';
  for (unsigned char c : s) {
    if (c == '"')
      out += "\\\"";
    else if (c == '\\')
      out += "\\\\";
    else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else
      out += (char)c;
  }
  out += '"';
}

/// True when `s` is valid UTF-8 (what a safetensors header must be).
bool validUtf8(const std::string &s) {
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    int n = c < 0x80         ? 0
            : (c >> 5) == 6  ? 1
            : (c >> 4) == 14 ? 2
            : (c >> 3) == 30 ? 3
                             : -1;
    if (n < 0 || i + n >= s.size())
      return false;
    for (int k = 1; k <= n; ++k)
      if (((unsigned char)s[i + k] >> 6) != 2)
        return false;
    i += n + 1;
  }
  return true;
}

//===----------------------------------------------------------------------===//
// Files
//===----------------------------------------------------------------------===//

/// An owned file descriptor.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0)
      ::close(fd);
  }
};

std::string errnoText() { return std::strerror(errno); }

bool writeAll(int fd, const void *data, size_t size) {
  auto *p = static_cast<const char *>(data);
  while (size > 0) {
    ssize_t n = ::write(fd, p, std::min<size_t>(size, 1 << 30));
    if (n < 0) {
      if (errno == EINTR)
        continue;
      return false;
    }
    p += n;
    size -= (size_t)n;
  }
  return true;
}

/// Test hook (docs/RELIABILITY.md): GENC_TEST_KILL_DURING_SAVE=K makes the
/// K-th checkpoint save of the process SIGKILL itself halfway through
/// writing its temporary file — a crash at the worst moment, on demand.
bool killThisSave() {
  static int saves = 0;
  const char *k = std::getenv("GENC_TEST_KILL_DURING_SAVE");
  return ++saves == (k ? std::atoi(k) : 0);
}

/// Removes `path`.tmp.<pid> files left by saves of processes that no
/// longer exist (killed mid-write); a live writer's file is kept.
void removeStaleTemporaries(const std::string &path) {
  size_t slash = path.find_last_of('/');
  std::string dir = slash == std::string::npos ? "." : path.substr(0, slash + (slash == 0));
  std::string prefix = (slash == std::string::npos ? path : path.substr(slash + 1)) + ".tmp.";
  DIR *d = ::opendir(dir.c_str());
  if (!d)
    return;
  while (dirent *e = ::readdir(d)) {
    std::string name = e->d_name;
    if (name.compare(0, prefix.size(), prefix) != 0)
      continue;
    char *end = nullptr;
    long pid = std::strtol(name.c_str() + prefix.size(), &end, 10);
    bool ours = pid > 0 && *end == '\0';
    if (ours && pid != ::getpid() && ::kill((pid_t)pid, 0) != 0 && errno == ESRCH)
      ::unlink((dir + "/" + name).c_str());
  }
  ::closedir(d);
}

/// Reads exactly `size` bytes at `offset`; returns the count actually read.
size_t readAt(int fd, void *data, size_t size, uint64_t offset) {
  auto *p = static_cast<char *>(data);
  size_t done = 0;
  while (done < size) {
    ssize_t n = ::pread(fd, p + done, std::min<size_t>(size - done, 1 << 30),
                        (off_t)(offset + done));
    if (n < 0) {
      if (errno == EINTR)
        continue;
      return done;
    }
    if (n == 0)
      break;
    done += (size_t)n;
  }
  return done;
}

std::string shapeJson(const Shape &s) {
  std::string out = "[";
  for (size_t i = 0; i < s.size(); ++i)
    out += (i ? "," : "") + std::to_string(s[i]);
  return out + "]";
}

} // namespace

std::string sha256_hex(const void *data, size_t size) {
  Sha256 h;
  h.update(data, size);
  return h.hex();
}

//===----------------------------------------------------------------------===//
// save
//===----------------------------------------------------------------------===//

void save_checkpoint(const std::string &path, const Params &tensors,
                     const std::map<std::string, std::string> &metadata,
                     Loc loc) {
  auto bad = [&](const std::string &m) {
    fail(loc, "save_checkpoint", "'" + path + "': " + m);
  };
  if (path.empty())
    fail(loc, "save_checkpoint", "empty path");
  if (metadata.count(kChecksumKey))
    bad(std::string("metadata key '") + kChecksumKey +
        "' is reserved (genc writes the data checksum there)");
  for (const auto &[k, v] : metadata)
    if (!validUtf8(k) || !validUtf8(v))
      bad("metadata entry '" + k + "' is not valid UTF-8");

  // Layout and checksum.
  std::vector<const runtime::Buffer *> buffers;
  Sha256 hash;
  std::string entries;
  uint64_t offset = 0;
  for (const auto &[name, t] : tensors) {
    if (name.empty())
      bad("a tensor has an empty name");
    if (name == "__metadata__")
      bad("a tensor may not be named \"__metadata__\"");
    if (!validUtf8(name))
      bad("tensor name '" + name + "' is not valid UTF-8");
    if (!t.defined())
      bad("tensor '" + name + "' is undefined");
    if (t.is_traced())
      bad("tensor '" + name +
          "' is traced (inside jit); save concrete values outside jit");
    const runtime::Buffer &b = t.buffer();
    buffers.push_back(&b);
    hash.update(b.data(), b.byteSize());
    entries += ",";
    writeJsonString(entries, name);
    entries += ":{\"dtype\":\"" + std::string(safetensorsName(b.dtype())) +
               "\",\"shape\":" + shapeJson(b.shape()) + ",\"data_offsets\":[" +
               std::to_string(offset) + "," +
               std::to_string(offset + b.byteSize()) + "]}";
    offset += b.byteSize();
  }
  std::string header = "{\"__metadata__\":{";
  std::map<std::string, std::string> meta = metadata;
  meta[kChecksumKey] = hash.hex();
  bool first = true;
  for (const auto &[k, v] : meta) {
    if (!first)
      header += ",";
    first = false;
    writeJsonString(header, k);
    header += ":";
    writeJsonString(header, v);
  }
  header += "}" + entries + "}";
  // Pad with spaces so the data section starts 8-byte aligned (as the
  // reference writer does).
  while (header.size() % 8)
    header += ' ';
  uint64_t n = header.size();
  uint8_t len[8];
  for (int i = 0; i < 8; ++i)
    len[i] = (uint8_t)(n >> (8 * i));

  std::string tmp = path + ".tmp." + std::to_string(::getpid());
  Fd out;
  out.fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (out.fd < 0)
    bad("cannot create '" + tmp + "': " + errnoText());
  auto abandon = [&](const std::string &what) {
    std::string why = errnoText();
    ::close(out.fd);
    out.fd = -1;
    ::unlink(tmp.c_str());
    bad(what + " '" + tmp + "': " + why);
  };
  if (!writeAll(out.fd, len, 8) || !writeAll(out.fd, header.data(), n))
    abandon("cannot write");
  bool kill = killThisSave();
  for (size_t i = 0; i < buffers.size(); ++i) {
    if (kill && i == buffers.size() / 2)
      ::raise(SIGKILL);
    if (!writeAll(out.fd, buffers[i]->data(), buffers[i]->byteSize()))
      abandon("cannot write");
  }
  if (::fsync(out.fd) != 0)
    abandon("cannot fsync");
  if (::close(out.fd) != 0) {
    out.fd = -1;
    std::string why = errnoText();
    ::unlink(tmp.c_str());
    bad("cannot close '" + tmp + "': " + why);
  }
  out.fd = -1;
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    std::string why = errnoText();
    ::unlink(tmp.c_str());
    bad("cannot rename '" + tmp + "' to it: " + why);
  }
  removeStaleTemporaries(path);
  // Make the rename durable (best effort).
  std::string dir = ".";
  if (size_t slash = path.find_last_of('/'); slash != std::string::npos)
    dir = slash == 0 ? "/" : path.substr(0, slash);
  Fd d;
  d.fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (d.fd >= 0)
    (void)::fsync(d.fd);
}

//===----------------------------------------------------------------------===//
// load
//===----------------------------------------------------------------------===//

namespace {

struct Entry {
  std::string name;
  DType dtype;
  Shape shape;
  uint64_t begin = 0, end = 0;
};

} // namespace

Params load_checkpoint(const std::string &path,
                       std::map<std::string, std::string> *metadata, Loc loc) {
  auto bad = [&](const std::string &m) {
    fail(loc, "load_checkpoint", "'" + path + "': " + m);
  };
  Fd in;
  in.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (in.fd < 0)
    bad("cannot open: " + errnoText());
  struct stat st;
  if (::fstat(in.fd, &st) != 0)
    bad("cannot stat: " + errnoText());
  if (!S_ISREG(st.st_mode))
    bad("not a regular file");
  uint64_t fileSize = (uint64_t)st.st_size;
  if (fileSize < 8)
    bad("truncated: the file has " + std::to_string(fileSize) +
        " bytes, fewer than the 8-byte header length");
  uint8_t len[8];
  if (readAt(in.fd, len, 8, 0) != 8)
    bad("cannot read the header length: " + errnoText());
  uint64_t n = 0;
  for (int i = 0; i < 8; ++i)
    n |= (uint64_t)len[i] << (8 * i);
  if (n > fileSize - 8)
    bad("truncated or not a safetensors file: the header length is " +
        std::to_string(n) + " bytes but only " + std::to_string(fileSize - 8) +
        " follow it");
  std::string header(n, '\0');
  if (readAt(in.fd, header.data(), n, 8) != n)
    bad("cannot read the header: " + errnoText());
  size_t firstNonSpace = header.find_first_not_of(" \t\r\n");
  if (firstNonSpace == std::string::npos || header[firstNonSpace] != '{')
    bad("bad header: not a JSON object (not a safetensors file?)");

  json::Value root;
  try {
    root = json::parse(header);
  } catch (const json::ParseError &e) {
    bad("bad JSON header: " + e.reason() + " at header byte " +
        std::to_string(e.offset()));
  }
  if (root.kind != json::Value::Object)
    bad("bad header: not a JSON object");

  auto toU64 = [&](const json::Value &v, const std::string &what) -> uint64_t {
    if (v.kind != json::Value::Number || v.text.empty() ||
        v.text.find_first_not_of("0123456789") != std::string::npos)
      bad(what + " must be a non-negative integer");
    if (v.text.size() > 19)
      bad(what + " is too large");
    return std::stoull(v.text);
  };

  std::map<std::string, std::string> meta;
  std::vector<Entry> entries;
  for (size_t ri = 0; ri < root.keys.size(); ++ri) {
    const std::string &name = root.keys[ri];
    const json::Value &v = root.array[ri];
    if (name == "__metadata__") {
      if (v.kind == json::Value::Null)
        continue;
      if (v.kind != json::Value::Object)
        bad("__metadata__ must be an object of strings");
      for (size_t mi = 0; mi < v.keys.size(); ++mi) {
        const std::string &k = v.keys[mi];
        const json::Value &s = v.array[mi];
        if (s.kind != json::Value::String)
          bad("__metadata__ value for '" + k + "' is not a string");
        meta[k] = s.text;
      }
      continue;
    }
    std::string what = "tensor '" + name + "'";
    if (v.kind != json::Value::Object)
      bad(what + ": expected an object with dtype, shape and data_offsets");
    const json::Value *dtype = nullptr, *shape = nullptr, *offsets = nullptr;
    for (size_t fi = 0; fi < v.keys.size(); ++fi) {
      const std::string &k = v.keys[fi];
      const json::Value &f = v.array[fi];
      if (k == "dtype")
        dtype = &f;
      else if (k == "shape")
        shape = &f;
      else if (k == "data_offsets")
        offsets = &f;
    }
    if (!dtype || !shape || !offsets)
      bad(what + ": missing " +
          std::string(!dtype   ? "dtype"
                      : !shape ? "shape"
                               : "data_offsets"));
    Entry e;
    e.name = name;
    if (dtype->kind != json::Value::String)
      bad(what + ": dtype must be a string");
    int known = parseSafetensorsDType(dtype->text, e.dtype);
    if (known == 0)
      bad(what + ": dtype " + dtype->text +
          " is not supported by genc (F32 F64 F16 BF16 I8 I32 I64 BOOL U8 "
          "are)");
    if (known < 0)
      bad(what + ": unknown dtype '" + dtype->text + "'");
    if (shape->kind != json::Value::Array)
      bad(what + ": shape must be an array");
    uint64_t bytes = runtime::dtypeSize(e.dtype);
    bool overflow = false;
    for (const json::Value &d : shape->array) {
      uint64_t dim = toU64(d, what + ": a shape dimension");
      if (dim > (uint64_t)std::numeric_limits<int64_t>::max())
        bad(what + ": a shape dimension is too large");
      e.shape.push_back((int64_t)dim);
      if (dim != 0 && bytes > std::numeric_limits<uint64_t>::max() / dim)
        overflow = true;
      bytes *= dim;
    }
    if (offsets->kind != json::Value::Array || offsets->array.size() != 2)
      bad(what + ": data_offsets must be [begin, end]");
    e.begin = toU64(offsets->array[0], what + ": data_offsets begin");
    e.end = toU64(offsets->array[1], what + ": data_offsets end");
    if (e.end < e.begin)
      bad(what + ": data_offsets [" + std::to_string(e.begin) + ", " +
          std::to_string(e.end) + "] end before they begin");
    if (overflow || bytes != e.end - e.begin)
      bad(what + ": shape " + shapeJson(e.shape) + " of " + dtype->text +
          " needs " +
          (overflow ? std::string("too many") : std::to_string(bytes)) +
          " bytes but data_offsets [" + std::to_string(e.begin) + ", " +
          std::to_string(e.end) + "] span " + std::to_string(e.end - e.begin));
    entries.push_back(std::move(e));
  }

  // The offsets, sorted, must tile [0, data size) exactly.
  uint64_t dataSize = fileSize - 8 - n;
  std::vector<const Entry *> order;
  for (const Entry &e : entries)
    order.push_back(&e);
  std::sort(order.begin(), order.end(), [](const Entry *a, const Entry *b) {
    if (a->begin != b->begin)
      return a->begin < b->begin;
    if (a->end != b->end)
      return a->end < b->end;
    return a->name < b->name;
  });
  auto range = [](const Entry *e) {
    return "[" + std::to_string(e->begin) + ", " + std::to_string(e->end) + ")";
  };
  uint64_t expected = 0;
  const Entry *prev = nullptr;
  for (const Entry *e : order) {
    if (e->begin < expected)
      bad("data_offsets overlap: tensor '" + prev->name + "' " + range(prev) +
          " and tensor '" + e->name + "' " + range(e));
    if (e->begin > expected)
      bad("gap in the data section: no tensor covers bytes [" +
          std::to_string(expected) + ", " + std::to_string(e->begin) + ")");
    if (e->end > dataSize)
      bad("truncated or out-of-range data_offsets: tensor '" + e->name + "' " +
          range(e) + " ends past the data section, which has " +
          std::to_string(dataSize) + " bytes");
    expected = e->end;
    prev = e;
  }
  if (expected != dataSize)
    bad("the data section has " + std::to_string(dataSize) +
        " bytes but the tensors cover only " + std::to_string(expected) +
        " (trailing bytes)");

  // Read in offset order, hashing the data section as it goes.
  Sha256 hash;
  Params::Map out;
  for (const Entry *e : order) {
    absl::StatusOr<runtime::Buffer> b =
        runtime::Buffer::allocate(e->dtype, e->shape);
    if (!b.ok())
      bad("tensor '" + e->name + "': " + std::string(b.status().message()));
    size_t size = e->end - e->begin;
    if (size && readAt(in.fd, b->data(), size, 8 + n + e->begin) != size)
      bad("truncated: cannot read the data of tensor '" + e->name + "'");
    hash.update(b->data(), size);
    if (e->dtype == DType::I1) {
      auto *p = b->dataAs<uint8_t>();
      for (size_t i = 0; i < size; ++i)
        p[i] = p[i] != 0;
    }
    out.emplace(e->name, Tensor(std::move(*b)));
  }
  if (auto it = meta.find(kChecksumKey); it != meta.end()) {
    std::string actual = hash.hex();
    if (actual != it->second)
      bad("checksum mismatch: the data's SHA-256 is " + actual +
          " but the header records " + it->second + " (the file is corrupt)");
    meta.erase(it);
  }
  if (metadata)
    *metadata = std::move(meta);
  return Params(std::move(out));
}

} // namespace genc

// RUN/ files: atomic writes, JSON, peak memory (see genc/zoo/train.h).
#include "genc/zoo/train.h"

#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <fcntl.h>

namespace genc::zoo {

static std::string systemError() { return std::strerror(errno); }

void write_file_atomic(const std::string &path, const std::string &content) {
  std::string tmp = path + ".tmp." + std::to_string(getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    throw Error(path + ": cannot write: " + systemError());
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      std::string why = systemError();
      ::close(fd);
      ::unlink(tmp.c_str());
      throw Error(path + ": write failed: " + why);
    }
    done += (size_t)n;
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    std::string why = systemError();
    ::unlink(tmp.c_str());
    throw Error(path + ": write failed: " + why);
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    std::string why = systemError();
    ::unlink(tmp.c_str());
    throw Error(path + ": cannot rename the new file into place: " + why);
  }
}

void make_directories(const std::string &path) {
  std::string partial;
  for (size_t i = 0; i <= path.size(); ++i) {
    if (i < path.size() && path[i] != '/') {
      partial += path[i];
      continue;
    }
    if (!partial.empty() && partial != "." &&
        ::mkdir(partial.c_str(), 0755) != 0 && errno != EEXIST)
      throw Error(path + ": cannot create the directory: " + systemError());
    if (i < path.size())
      partial += '/';
  }
  struct stat st;
  if (::stat(path.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
    throw Error(path + ": not a directory");
}

json::Value read_json_file(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw Error(path + ": cannot read: " + systemError());
  std::stringstream text;
  text << in.rdbuf();
  try {
    return json::parse(text.str());
  } catch (const json::ParseError &e) {
    throw Error(path + ": invalid JSON at byte " + std::to_string(e.offset()) +
                ": " + e.reason());
  }
}

bool file_exists(const std::string &path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

double peak_rss_mib() {
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0; // KiB on Linux
}

//===----------------------------------------------------------------------===//
// JsonWriter
//===----------------------------------------------------------------------===//

void JsonWriter::separate() {
  if (afterKey_) {
    afterKey_ = false;
    return;
  }
  if (first_.empty()) {
    // Top level: successive members form a list to splice into an object.
    if (!out_.empty())
      out_ += ", ";
    return;
  }
  if (!first_.back())
    out_ += ",";
  first_.back() = false;
  out_ += "\n" + std::string(2 * depth_, ' ');
}

JsonWriter &JsonWriter::begin_object() {
  separate();
  out_ += "{";
  first_.push_back(true);
  ++depth_;
  return *this;
}

JsonWriter &JsonWriter::end_object() { return close('}'); }

JsonWriter &JsonWriter::close(char bracket) {
  --depth_;
  bool empty = first_.back();
  first_.pop_back();
  if (!empty)
    out_ += "\n" + std::string(2 * depth_, ' ');
  out_ += bracket;
  if (first_.empty())
    out_ += "\n";
  return *this;
}

JsonWriter &JsonWriter::begin_array() {
  separate();
  out_ += "[";
  first_.push_back(true);
  ++depth_;
  return *this;
}

JsonWriter &JsonWriter::end_array() { return close(']'); }
static std::string quote(const std::string &s) {
  std::string q = "\"";
  for (unsigned char c : s) {
    switch (c) {
    case '"': q += "\\\""; break;
    case '\\': q += "\\\\"; break;
    case '\n': q += "\\n"; break;
    case '\t': q += "\\t"; break;
    default:
      if (c < 0x20) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        q += buf;
      } else {
        q += (char)c;
      }
    }
  }
  return q + "\"";
}

JsonWriter &JsonWriter::key(const std::string &k) {
  separate();
  out_ += quote(k) + ": ";
  afterKey_ = true;
  return *this;
}

JsonWriter &JsonWriter::value(double v) {
  separate();
  if (!std::isfinite(v)) {
    out_ += "null";
  } else {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    out_ += buf;
  }
  return *this;
}

JsonWriter &JsonWriter::value(int64_t v) {
  separate();
  out_ += std::to_string(v);
  return *this;
}

JsonWriter &JsonWriter::value(bool v) {
  separate();
  out_ += v ? "true" : "false";
  return *this;
}

JsonWriter &JsonWriter::value(const std::string &v) {
  separate();
  out_ += quote(v);
  return *this;
}

JsonWriter &JsonWriter::values(const std::vector<double> &v) {
  begin_array();
  for (double x : v) {
    if (!first_.back())
      out_ += ", ";
    first_.back() = false;
    if (std::isfinite(x)) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.6g", x);
      out_ += buf;
    } else {
      out_ += "null";
    }
  }
  --depth_;
  first_.pop_back();
  out_ += "]";
  return *this;
}

JsonWriter &JsonWriter::value(const json::Value &v) {
  switch (v.kind) {
  case json::Value::Null:
    return raw("null");
  case json::Value::Bool:
    return value(v.boolean);
  case json::Value::Number:
    return raw(v.text);
  case json::Value::String:
    return value(v.text);
  case json::Value::Array:
    begin_array();
    for (const json::Value &e : v.array)
      value(e);
    return end_array();
  case json::Value::Object:
    begin_object();
    for (size_t i = 0; i < v.keys.size(); ++i)
      key(v.keys[i]).value(v.array[i]);
    return end_object();
  }
  return *this;
}

JsonWriter &JsonWriter::raw(const std::string &json) {
  separate();
  out_ += json;
  return *this;
}

} // namespace genc::zoo

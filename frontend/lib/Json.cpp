// The strict JSON reader (see genc/json.h).
#include "genc/json.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace genc::json {

namespace {

class JsonParser {
public:
  explicit JsonParser(std::string_view s) : s_(s) {}

  /// Parses one value spanning the whole input (trailing whitespace ok).
  Value parseDocument() {
    Value v = parseValue(0);
    skipSpace();
    if (pos_ != s_.size())
      error("unexpected '" + charText() + "' after the JSON value");
    return v;
  }

private:
  [[noreturn]] void error(const std::string &m) {
    throw ParseError(m, pos_);
  }

  std::string charText() {
    if (pos_ >= s_.size())
      return "end of text";
    unsigned char c = s_[pos_];
    if (c >= 0x20 && c < 0x7f)
      return std::string(1, (char)c);
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\x%02x", c);
    return buf;
  }

  void skipSpace() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' ||
                                s_[pos_] == '\n' || s_[pos_] == '\r'))
      ++pos_;
  }

  void expectWord(const char *w) {
    size_t n = std::strlen(w);
    if (s_.substr(pos_, n) != w)
      error("invalid JSON value starting with '" + charText() + "'");
    pos_ += n;
  }

  Value parseValue(int depth) {
    if (depth > 64)
      error("JSON nested too deeply");
    skipSpace();
    if (pos_ >= s_.size())
      error("unexpected end of the JSON text");
    Value v;
    char c = s_[pos_];
    if (c == '{') {
      v.kind = Value::Object;
      ++pos_;
      skipSpace();
      if (pos_ < s_.size() && s_[pos_] == '}') {
        ++pos_;
        return v;
      }
      while (true) {
        skipSpace();
        if (pos_ >= s_.size() || s_[pos_] != '"')
          error("expected a string key, got '" + charText() + "'");
        std::string key = parseString();
        for (const std::string &k : v.keys)
          if (k == key)
            error("duplicate key \"" + key + "\"");
        skipSpace();
        if (pos_ >= s_.size() || s_[pos_] != ':')
          error("expected ':', got '" + charText() + "'");
        ++pos_;
        v.keys.push_back(std::move(key));
        v.array.push_back(parseValue(depth + 1));
        skipSpace();
        if (pos_ < s_.size() && s_[pos_] == ',') {
          ++pos_;
          continue;
        }
        if (pos_ < s_.size() && s_[pos_] == '}') {
          ++pos_;
          return v;
        }
        error("expected ',' or '}', got '" + charText() + "'");
      }
    }
    if (c == '[') {
      v.kind = Value::Array;
      ++pos_;
      skipSpace();
      if (pos_ < s_.size() && s_[pos_] == ']') {
        ++pos_;
        return v;
      }
      while (true) {
        v.array.push_back(parseValue(depth + 1));
        skipSpace();
        if (pos_ < s_.size() && s_[pos_] == ',') {
          ++pos_;
          continue;
        }
        if (pos_ < s_.size() && s_[pos_] == ']') {
          ++pos_;
          return v;
        }
        error("expected ',' or ']', got '" + charText() + "'");
      }
    }
    if (c == '"') {
      v.kind = Value::String;
      v.text = parseString();
      return v;
    }
    if (c == 't') {
      expectWord("true");
      v.kind = Value::Bool;
      v.boolean = true;
      return v;
    }
    if (c == 'f') {
      expectWord("false");
      v.kind = Value::Bool;
      return v;
    }
    if (c == 'n') {
      expectWord("null");
      return v;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      v.kind = Value::Number;
      size_t start = pos_;
      if (s_[pos_] == '-')
        ++pos_;
      auto digits = [&] {
        size_t d = pos_;
        while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9')
          ++pos_;
        if (pos_ == d)
          error("malformed number");
      };
      digits();
      if (pos_ < s_.size() && s_[pos_] == '.') {
        ++pos_;
        digits();
      }
      if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
        ++pos_;
        if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-'))
          ++pos_;
        digits();
      }
      v.text = std::string(s_.substr(start, pos_ - start));
      return v;
    }
    error("invalid JSON value starting with '" + charText() + "'");
  }

  static void appendUtf8(std::string &out, uint32_t cp) {
    if (cp < 0x80) {
      out += (char)cp;
    } else if (cp < 0x800) {
      out += (char)(0xC0 | (cp >> 6));
      out += (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += (char)(0xE0 | (cp >> 12));
      out += (char)(0x80 | ((cp >> 6) & 0x3F));
      out += (char)(0x80 | (cp & 0x3F));
    } else {
      out += (char)(0xF0 | (cp >> 18));
      out += (char)(0x80 | ((cp >> 12) & 0x3F));
      out += (char)(0x80 | ((cp >> 6) & 0x3F));
      out += (char)(0x80 | (cp & 0x3F));
    }
  }

  uint32_t parseHex4() {
    if (pos_ + 4 > s_.size())
      error("truncated \\u escape");
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) {
      char c = s_[pos_++];
      v <<= 4;
      if (c >= '0' && c <= '9')
        v |= c - '0';
      else if (c >= 'a' && c <= 'f')
        v |= c - 'a' + 10;
      else if (c >= 'A' && c <= 'F')
        v |= c - 'A' + 10;
      else
        error("bad \\u escape");
    }
    return v;
  }

  std::string parseString() {
    ++pos_; // opening quote
    std::string out;
    while (true) {
      if (pos_ >= s_.size())
        error("unterminated string");
      unsigned char c = s_[pos_];
      if (c == '"') {
        ++pos_;
        return out;
      }
      if (c < 0x20)
        error("control character in a string");
      if (c == '\\') {
        ++pos_;
        if (pos_ >= s_.size())
          error("unterminated string");
        char e = s_[pos_++];
        switch (e) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          uint32_t cp = parseHex4();
          if (cp >= 0xD800 && cp < 0xDC00) {
            if (s_.substr(pos_, 2) != "\\u")
              error("unpaired surrogate in \\u escape");
            pos_ += 2;
            uint32_t lo = parseHex4();
            if (lo < 0xDC00 || lo >= 0xE000)
              error("unpaired surrogate in \\u escape");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          } else if (cp >= 0xDC00 && cp < 0xE000) {
            error("unpaired surrogate in \\u escape");
          }
          appendUtf8(out, cp);
          break;
        }
        default:
          --pos_;
          error("bad escape '\\" + charText() + "'");
        }
        continue;
      }
      // Raw UTF-8: validate the sequence.
      int n = c < 0x80         ? 0
              : (c >> 5) == 6  ? 1
              : (c >> 4) == 14 ? 2
              : (c >> 3) == 30 ? 3
                               : -1;
      if (n < 0)
        error("invalid UTF-8");
      if (pos_ + n >= s_.size())
        error("invalid UTF-8");
      for (int i = 1; i <= n; ++i)
        if (((unsigned char)s_[pos_ + i] >> 6) != 2)
          error("invalid UTF-8");
      out.append(s_.substr(pos_, n + 1));
      pos_ += n + 1;
    }
  }

  std::string_view s_;
  size_t pos_ = 0;
};

} // namespace

ParseError::ParseError(std::string reason, size_t offset)
    : std::runtime_error(reason + " at byte " + std::to_string(offset)),
      reason_(std::move(reason)), offset_(offset) {}

Value parse(std::string_view text) { return JsonParser(text).parseDocument(); }

double Value::number() const {
  return kind == Number ? std::strtod(text.c_str(), nullptr) : NAN;
}

const Value *Value::find(const std::string &key) const {
  if (kind != Object)
    return nullptr;
  for (size_t i = 0; i < keys.size(); ++i)
    if (keys[i] == key)
      return &array[i];
  return nullptr;
}

static const Value *at(const Value &root,
                       std::initializer_list<std::string> path) {
  const Value *v = &root;
  for (const std::string &key : path)
    if (!(v = v->find(key)))
      return nullptr;
  return v;
}

double Value::number_at(std::initializer_list<std::string> path) const {
  const Value *v = at(*this, path);
  return v ? v->number() : NAN;
}

std::string Value::string_at(std::initializer_list<std::string> path,
                             const std::string &fallback) const {
  const Value *v = at(*this, path);
  return v && v->kind == String ? v->text : fallback;
}

} // namespace genc::json

// A small JSON reader for RUN/ files (see genc/zoo/train.h).
#include "genc/zoo/train.h"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace genc::zoo {

namespace {

class Parser {
public:
  Parser(const std::string &text, const std::string &what)
      : s_(text), what_(what) {}

  JsonValue document() {
    JsonValue v = value(0);
    space();
    if (pos_ != s_.size())
      fail("unexpected text after the value");
    return v;
  }

private:
  [[noreturn]] void fail(const std::string &message) {
    throw Error(what_ + ": invalid JSON at byte " + std::to_string(pos_) + ": " +
                message);
  }
  void space() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\n' ||
                                s_[pos_] == '\t' || s_[pos_] == '\r'))
      ++pos_;
  }
  bool eat(char c) {
    space();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  void expect(char c) {
    if (!eat(c))
      fail(std::string("expected '") + c + "'");
  }
  bool word(const char *w) {
    size_t n = std::char_traits<char>::length(w);
    if (s_.compare(pos_, n, w) == 0) {
      pos_ += n;
      return true;
    }
    return false;
  }

  JsonValue value(int depth) {
    if (depth > 256)
      fail("nested too deeply");
    space();
    if (pos_ >= s_.size())
      fail("unexpected end");
    JsonValue v;
    char c = s_[pos_];
    if (c == '{') {
      ++pos_;
      v.kind = JsonValue::Kind::Object;
      if (eat('}'))
        return v;
      do {
        space();
        std::string key = str();
        expect(':');
        v.keys.push_back(std::move(key));
        v.members.push_back(value(depth + 1));
      } while (eat(','));
      expect('}');
    } else if (c == '[') {
      ++pos_;
      v.kind = JsonValue::Kind::Array;
      if (eat(']'))
        return v;
      do
        v.array.push_back(value(depth + 1));
      while (eat(','));
      expect(']');
    } else if (c == '"') {
      v.kind = JsonValue::Kind::String;
      v.string = str();
    } else if (word("true")) {
      v.kind = JsonValue::Kind::Bool;
      v.boolean = true;
    } else if (word("false")) {
      v.kind = JsonValue::Kind::Bool;
    } else if (word("null")) {
      v.kind = JsonValue::Kind::Null;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      const char *begin = s_.c_str() + pos_;
      char *end = nullptr;
      v.kind = JsonValue::Kind::Number;
      v.number = std::strtod(begin, &end);
      if (end == begin)
        fail("bad number");
      pos_ += end - begin;
    } else {
      fail(std::string("unexpected character '") + c + "'");
    }
    return v;
  }

  void appendUtf8(std::string &out, unsigned cp) {
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
  unsigned hex4() {
    if (pos_ + 4 > s_.size())
      fail("short \\u escape");
    unsigned v = 0;
    for (int i = 0; i < 4; ++i) {
      char h = s_[pos_++];
      v <<= 4;
      if (h >= '0' && h <= '9')
        v |= h - '0';
      else if (h >= 'a' && h <= 'f')
        v |= h - 'a' + 10;
      else if (h >= 'A' && h <= 'F')
        v |= h - 'A' + 10;
      else
        fail("bad \\u escape");
    }
    return v;
  }
  std::string str() {
    if (pos_ >= s_.size() || s_[pos_] != '"')
      fail("expected a string");
    ++pos_;
    std::string out;
    while (true) {
      if (pos_ >= s_.size())
        fail("unterminated string");
      char c = s_[pos_++];
      if (c == '"')
        return out;
      if ((unsigned char)c < 0x20)
        fail("control character in a string");
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= s_.size())
        fail("unterminated escape");
      char e = s_[pos_++];
      switch (e) {
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      case '/': out += '/'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'u': {
        unsigned cp = hex4();
        if (cp >= 0xD800 && cp < 0xDC00 && word("\\u")) {
          unsigned lo = hex4();
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        }
        appendUtf8(out, cp);
        break;
      }
      default:
        fail(std::string("bad escape '\\") + e + "'");
      }
    }
  }

  const std::string &s_;
  std::string what_;
  size_t pos_ = 0;
};

} // namespace

const JsonValue *JsonValue::find(const std::string &key) const {
  if (kind != Kind::Object)
    return nullptr;
  for (size_t i = 0; i < keys.size(); ++i)
    if (keys[i] == key)
      return &members[i];
  return nullptr;
}

static const JsonValue *at(const JsonValue &root,
                           std::initializer_list<std::string> path) {
  const JsonValue *v = &root;
  for (const std::string &key : path)
    if (!(v = v->find(key)))
      return nullptr;
  return v;
}

double JsonValue::number_at(std::initializer_list<std::string> path) const {
  const JsonValue *v = at(*this, path);
  return v && v->kind == Kind::Number ? v->number : NAN;
}

std::string JsonValue::string_at(std::initializer_list<std::string> path,
                                 const std::string &fallback) const {
  const JsonValue *v = at(*this, path);
  return v && v->kind == Kind::String ? v->string : fallback;
}

JsonValue parse_json(const std::string &text, const std::string &what) {
  return Parser(text, what).document();
}

JsonValue read_json_file(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw Error(path + ": cannot read");
  std::stringstream s;
  s << in.rdbuf();
  return parse_json(s.str(), path);
}

} // namespace genc::zoo

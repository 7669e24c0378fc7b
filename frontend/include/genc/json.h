// A strict JSON reader (RFC 8259): objects (duplicate keys rejected),
// arrays, numbers (kept as written), strings (escapes incl. \uXXXX and
// surrogate pairs; raw UTF-8 validated), true/false/null, nesting up to 64
// levels. Used for safetensors headers and for RUN/ files of the zoo.
//
//   json::Value v = json::parse(text);            // throws json::ParseError
//   double loss = v.number_at({"epochs"});        // NaN if missing
//
// Thread safety: pure functions and plain values.
#ifndef GENC_FRONTEND_JSON_H
#define GENC_FRONTEND_JSON_H

#include <cstddef>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace genc::json {

struct Value {
  enum Kind { Null, Bool, Number, String, Array, Object } kind = Null;
  bool boolean = false;
  std::string text;              // a number as written, or a decoded string
  std::vector<Value> array;      // array elements, or object values
  std::vector<std::string> keys; // object keys, parallel to `array`

  /// The number (strtod of text), NaN when not a number.
  double number() const;
  /// The member `key` of an object, or nullptr.
  const Value *find(const std::string &key) const;
  /// The number at a path of object keys, NaN when missing or not a number.
  double number_at(std::initializer_list<std::string> path) const;
  /// The string at a path of object keys, or `fallback`.
  std::string string_at(std::initializer_list<std::string> path,
                        const std::string &fallback = "") const;
};

/// Why and where (byte offset) parsing failed; what() is "<reason> at byte
/// <offset>".
class ParseError : public std::runtime_error {
public:
  ParseError(std::string reason, size_t offset);
  const std::string &reason() const { return reason_; }
  size_t offset() const { return offset_; }

private:
  std::string reason_;
  size_t offset_;
};

/// Parses one value spanning the whole input (surrounding whitespace ok).
Value parse(std::string_view text);

} // namespace genc::json

#endif // GENC_FRONTEND_JSON_H

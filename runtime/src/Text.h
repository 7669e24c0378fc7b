// Internal text helpers shared by the runtime's parsers (not installed).
// Thread safety: pure functions.
#ifndef GENC_RUNTIME_SRC_TEXT_H
#define GENC_RUNTIME_SRC_TEXT_H

#include <string_view>

namespace genc::runtime::text {

inline bool isSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' ||
         c == '\f';
}

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && isSpace(s.front()))
    s.remove_prefix(1);
  while (!s.empty() && isSpace(s.back()))
    s.remove_suffix(1);
  return s;
}

} // namespace genc::runtime::text

#endif // GENC_RUNTIME_SRC_TEXT_H

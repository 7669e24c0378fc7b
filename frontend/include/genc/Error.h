// genc::Error: what the frontend throws. Messages name the user's source
// line, e.g. "vae.cpp:42: matmul: contracting dimensions 128 and 64 differ".
// Thread safety: a plain value type.
#ifndef GENC_FRONTEND_ERROR_H
#define GENC_FRONTEND_ERROR_H

#include <source_location>
#include <stdexcept>
#include <string>

namespace genc {

using Loc = std::source_location;

class Error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// "file.cpp:42: op: message" with the file's base name.
std::string formatError(const Loc &loc, const std::string &op,
                        const std::string &message);

/// Throws genc::Error(formatError(loc, op, message)).
[[noreturn]] void fail(const Loc &loc, const std::string &op,
                       const std::string &message);

} // namespace genc

#endif // GENC_FRONTEND_ERROR_H

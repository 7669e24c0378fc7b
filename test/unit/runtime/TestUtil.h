// Shared helpers for the runtime unit tests: status assertions and paths.
//
// Thread safety: pure helpers, safe anywhere.
#ifndef GENC_TEST_UNIT_RUNTIME_TESTUTIL_H
#define GENC_TEST_UNIT_RUNTIME_TESTUTIL_H

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gtest/gtest.h"

namespace genc::runtime::testing {

/// Succeeds when `status` is an error whose message contains `substring`.
inline ::testing::AssertionResult hasError(const absl::Status &status,
                                           std::string_view substring) {
  if (status.ok())
    return ::testing::AssertionFailure()
           << "expected an error containing \"" << substring << "\", got OK";
  std::string message(status.message());
  if (message.find(substring) == std::string::npos)
    return ::testing::AssertionFailure()
           << "error \"" << message << "\" does not contain \"" << substring
           << "\"";
  return ::testing::AssertionSuccess();
}

template <class T>
::testing::AssertionResult hasError(const absl::StatusOr<T> &value,
                                    std::string_view substring) {
  return hasError(value.status(), substring);
}

/// Path of a checked-in fixture under test/unit/runtime/data.
inline std::string dataPath(std::string_view name) {
  return std::string(GENC_TEST_DATA_DIR) + "/" + std::string(name);
}

} // namespace genc::runtime::testing

#define GENC_ASSERT_OK(expr)                                                   \
  do {                                                                         \
    const absl::Status genc_status_ = (expr);                                  \
    ASSERT_TRUE(genc_status_.ok()) << genc_status_;                            \
  } while (0)

#define GENC_EXPECT_OK(expr)                                                   \
  do {                                                                         \
    const absl::Status genc_status_ = (expr);                                  \
    EXPECT_TRUE(genc_status_.ok()) << genc_status_;                            \
  } while (0)

#endif // GENC_TEST_UNIT_RUNTIME_TESTUTIL_H
